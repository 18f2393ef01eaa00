package io.luotsi.xroad.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.luotsi.xroad.provider.jdkhttp.JdkHttpServerAdapter;
import io.luotsi.xroad.soap.Attachment;
import io.luotsi.xroad.soap.AttachmentSource;
import jakarta.xml.soap.AttachmentPart;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.Node;
import jakarta.xml.soap.SOAPBodyElement;
import jakarta.xml.soap.SOAPConnection;
import jakarta.xml.soap.SOAPConnectionFactory;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPEnvelope;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.soap.SOAPHeaderElement;
import jakarta.xml.soap.SOAPMessage;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with another SOAP stack: X-Road 4.0 requests built and parsed with SAAJ (the Jakarta reference
 * implementation, test scope only), sent straight to a Luotsi provider on the JDK HTTP server.
 */
class SaajInteropTest {

    static final String XRD = "http://x-road.eu/xsd/xroad.xsd";
    static final String ID = "http://x-road.eu/xsd/identifiers";
    static final String PERSONS = "http://example.org/persons";

    final AtomicReference<SoapRequest> seen = new AtomicReference<>();
    /** What the handler read of each attachment (the attachments are gone once the exchange is over). */
    final List<String> seenAttachments = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpServer server;
    String url;

    @BeforeEach
    void start() throws Exception {
        SoapProvider provider = SoapProvider.builder()
                .handler("getPerson", request -> {
                    seen.set(request);
                    String code = request.bodyXml().replaceAll("(?s).*<p:code>([^<]*)</p:code>.*", "$1");
                    if (code.equals("404")) {
                        throw SoapFaultException.of("SOAP-ENV:Client", "no person " + code).withDetail("d-1");
                    }
                    SoapReply reply = SoapReply.xml("<p:name xmlns:p=\"" + PERSONS + "\">Ann " + code + "</p:name>");
                    for (Attachment a : request.attachments()) {
                        seenAttachments.add(a.contentType() + " " + a.contentId().orElse("-") + " "
                                + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(a.bytes())));
                        AttachmentSource echo = AttachmentSource.ofBytes(a.bytes(), a.contentType());
                        if (a.contentId().isPresent()) {
                            echo = echo.withContentId(a.contentId().get());
                        }
                        reply = reply.withAttachment(echo);
                    }
                    return reply;
                })
                .build();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", JdkHttpServerAdapter.of(provider));
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** An X-Road 4.0 request as another stack builds it: the X-Road fields as SOAP header elements. */
    static SOAPMessage request(String code) throws SOAPException {
        SOAPMessage m = MessageFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL).createMessage();
        SOAPEnvelope env = m.getSOAPPart().getEnvelope();
        env.addNamespaceDeclaration("xrd", XRD);
        env.addNamespaceDeclaration("id", ID);
        SOAPHeader h = env.getHeader();
        identifier(h.addHeaderElement(new QName(XRD, "client", "xrd")), "SUBSYSTEM",
                "xRoadInstance", "EE", "memberClass", "GOV", "memberCode", "1234", "subsystemCode", "consumer");
        identifier(h.addHeaderElement(new QName(XRD, "service", "xrd")), "SERVICE",
                "xRoadInstance", "EE", "memberClass", "GOV", "memberCode", "5678", "subsystemCode", "producer",
                "serviceCode", "getPerson", "serviceVersion", "v1");
        h.addHeaderElement(new QName(XRD, "id", "xrd")).addTextNode("saaj-1");
        h.addHeaderElement(new QName(XRD, "userId", "xrd")).addTextNode("EE12345678901");
        h.addHeaderElement(new QName(XRD, "issue", "xrd")).addTextNode("case-7");
        h.addHeaderElement(new QName(XRD, "protocolVersion", "xrd")).addTextNode("4.0");
        SOAPBodyElement body = m.getSOAPBody().addBodyElement(new QName(PERSONS, "getPerson", "p"));
        body.addChildElement("code", "p").addTextNode(code);
        return m;
    }

    static void identifier(SOAPHeaderElement e, String type, String... parts) throws SOAPException {
        e.addAttribute(new QName(ID, "objectType", "id"), type);
        for (int i = 0; i < parts.length; i += 2) {
            e.addChildElement(parts[i], "id", ID).addTextNode(parts[i + 1]);
        }
    }

    static SOAPMessage call(SOAPMessage request, String url) throws SOAPException {
        request.saveChanges();
        SOAPConnection connection = SOAPConnectionFactory.newInstance().createConnection();
        try {
            return connection.call(request, url);
        } finally {
            connection.close();
        }
    }

    /** The X-Road header of a SAAJ message: local name to text, identifiers as their parts joined with '/'. */
    static Map<String, String> xroadHeader(SOAPMessage m) throws SOAPException {
        Map<String, String> fields = new LinkedHashMap<>();
        Iterator<Node> it = m.getSOAPHeader().getChildElements();
        while (it.hasNext()) {
            if (it.next() instanceof SOAPElement e && XRD.equals(e.getNamespaceURI())) {
                String type = e.getAttributeNS(ID, "objectType");
                if (type.isEmpty()) {
                    fields.put(e.getLocalName(), e.getValue());
                } else {
                    List<String> parts = new ArrayList<>();
                    Iterator<Node> p = e.getChildElements();
                    while (p.hasNext()) {
                        if (p.next() instanceof SOAPElement part) {
                            parts.add(part.getValue());
                        }
                    }
                    fields.put(e.getLocalName(), type + ":" + String.join("/", parts));
                }
            }
        }
        return fields;
    }

    static SOAPElement bodyElement(SOAPMessage m) throws SOAPException {
        Iterator<Node> it = m.getSOAPBody().getChildElements();
        while (it.hasNext()) {
            if (it.next() instanceof SOAPElement e) {
                return e;
            }
        }
        throw new AssertionError("no body element");
    }

    @Test
    void aSaajRequestGetsItsHeadersEchoedInOrderAndTheServicesAnswer() throws Exception {
        SOAPMessage response = call(request("42"), url);

        assertThat(xroadHeader(response)).containsExactly(
                Map.entry("client", "SUBSYSTEM:EE/GOV/1234/consumer"),
                Map.entry("service", "SERVICE:EE/GOV/5678/producer/getPerson/v1"),
                Map.entry("id", "saaj-1"), Map.entry("userId", "EE12345678901"), Map.entry("issue", "case-7"),
                Map.entry("protocolVersion", "4.0"));
        SOAPElement body = bodyElement(response);
        assertThat(body.getElementQName()).isEqualTo(new QName(PERSONS, "getPersonResponse"));
        assertThat(body.getTextContent()).isEqualTo("Ann 42");
        assertThat(response.getSOAPBody().hasFault()).isFalse();

        SoapRequest request = seen.get();
        assertThat(request.client().toString()).isEqualTo("SUBSYSTEM:EE/GOV/1234/consumer");
        assertThat(request.service().serviceVersion()).isEqualTo("v1");
        assertThat(request.header().userId()).hasValue("EE12345678901");
    }

    @Test
    void aSaajSwaRequestsAttachmentsReachTheHandlerAndComeBackByteForByte() throws Exception {
        byte[] binary = new byte[70_000];
        new Random(7).nextBytes(binary);
        SOAPMessage request = request("7");
        AttachmentPart part = request.createAttachmentPart();
        part.setRawContentBytes(binary, 0, binary.length, "application/octet-stream");
        part.setContentId("<scan1@saaj>");
        request.addAttachmentPart(part);

        SOAPMessage response = call(request, url);

        assertThat(seenAttachments).containsExactly("application/octet-stream scan1@saaj " + java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(binary)));
        assertThat(response.countAttachments()).isEqualTo(1);
        AttachmentPart back = response.getAttachments().next();
        assertThat(back.getRawContentBytes()).isEqualTo(binary);
        assertThat(back.getContentId()).isEqualTo("<scan1@saaj>");
        assertThat(bodyElement(response).getTextContent()).isEqualTo("Ann 7");
        assertThat(xroadHeader(response)).containsEntry("id", "saaj-1");
    }

    @Test
    void aHandlersFaultIsASoapFaultToSaaj() throws Exception {
        SOAPMessage response = call(request("404"), url);

        assertThat(response.getSOAPBody().hasFault()).isTrue();
        SOAPFault fault = response.getSOAPBody().getFault();
        assertThat(fault.getFaultCode()).isEqualTo("SOAP-ENV:Client");
        assertThat(fault.getFaultString()).isEqualTo("no person 404");
    }
}
