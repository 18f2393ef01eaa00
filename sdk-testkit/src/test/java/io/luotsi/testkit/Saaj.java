package io.luotsi.testkit;

import com.sun.net.httpserver.HttpExchange;
import jakarta.xml.soap.AttachmentPart;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.MimeHeaders;
import jakarta.xml.soap.Node;
import jakarta.xml.soap.SOAPBodyElement;
import jakarta.xml.soap.SOAPConnection;
import jakarta.xml.soap.SOAPConnectionFactory;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPEnvelope;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.soap.SOAPHeaderElement;
import jakarta.xml.soap.SOAPMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.namespace.QName;

/**
 * Another SOAP stack for the interoperability tests: SAAJ (the Jakarta reference implementation, test scope only).
 * X-Road's fields are plain SOAP header elements here, built and read with SAAJ's own API, nothing of Luotsi's.
 */
final class Saaj {

    static final String XRD = "http://x-road.eu/xsd/xroad.xsd";
    static final String ID = "http://x-road.eu/xsd/identifiers";

    private Saaj() {
    }

    static MessageFactory factory() throws SOAPException {
        return MessageFactory.newInstance(SOAPConstants.SOAP_1_1_PROTOCOL);
    }

    /**
     * An X-Road 4.0 request: {@code client} and {@code service} given as {@code TYPE:part/part/...} with the part names
     * of their object type, then id, userId, issue, protocolVersion 4.0; the body element {@code ns:serviceCode} with
     * {@code text}.
     */
    static SOAPMessage request(String client, String service, String id, String userId, String bodyNamespace,
                               String text) throws SOAPException {
        SOAPMessage m = factory().createMessage();
        SOAPEnvelope env = m.getSOAPPart().getEnvelope();
        env.addNamespaceDeclaration("xrd", XRD);
        env.addNamespaceDeclaration("id", ID);
        SOAPHeader h = env.getHeader();
        identifier(h.addHeaderElement(new QName(XRD, "client", "xrd")), client);
        String[] serviceParts = identifier(h.addHeaderElement(new QName(XRD, "service", "xrd")), service);
        h.addHeaderElement(new QName(XRD, "id", "xrd")).addTextNode(id);
        if (userId != null) {
            h.addHeaderElement(new QName(XRD, "userId", "xrd")).addTextNode(userId);
        }
        h.addHeaderElement(new QName(XRD, "protocolVersion", "xrd")).addTextNode("4.0");
        String code = serviceParts[serviceParts.length == 4 ? 3 : 4];
        SOAPBodyElement body = m.getSOAPBody().addBodyElement(new QName(bodyNamespace, code, "p"));
        body.addChildElement("text", "p").addTextNode(text);
        return m;
    }

    /**
     * Writes the identifier's parts, named by their count: a client {@code I/C/M[/S]}, a service {@code I/C/M/code},
     * {@code I/C/M/S/code} or {@code I/C/M/S/code/version}; returns them.
     */
    private static String[] identifier(SOAPHeaderElement e, String id) throws SOAPException {
        int colon = id.indexOf(':');
        String type = id.substring(0, colon);
        String[] parts = id.substring(colon + 1).split("/");
        e.addAttribute(new QName(ID, "objectType", "id"), type);
        List<String> names = new ArrayList<>(List.of("xRoadInstance", "memberClass", "memberCode"));
        if (type.equals("SERVICE")) {
            names.addAll(parts.length == 4 ? List.of("serviceCode")
                    : List.of("subsystemCode", "serviceCode", "serviceVersion"));
        } else {
            names.add("subsystemCode");
        }
        for (int i = 0; i < parts.length; i++) {
            e.addChildElement(names.get(i), "id", ID).addTextNode(parts[i]);
        }
        return parts;
    }

    /** Sends with SAAJ's own HTTP connection. */
    static SOAPMessage call(SOAPMessage request, String url) throws SOAPException {
        request.saveChanges();
        SOAPConnection connection = SOAPConnectionFactory.newInstance().createConnection();
        try {
            return connection.call(request, url);
        } finally {
            connection.close();
        }
    }

    /** The X-Road header as SAAJ sees it: local name to text, identifiers as {@code TYPE:part/part}. */
    static Map<String, String> xroadHeader(SOAPMessage m) throws SOAPException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (SOAPElement e : children(m.getSOAPHeader())) {
            if (!XRD.equals(e.getNamespaceURI())) {
                continue;
            }
            String type = e.getAttributeNS(ID, "objectType");
            if (type.isEmpty()) {
                fields.put(e.getLocalName(), e.getValue() == null ? "" : e.getValue().trim());
            } else {
                List<String> parts = new ArrayList<>();
                for (SOAPElement p : children(e)) {
                    parts.add(p.getValue());
                }
                fields.put(e.getLocalName(), type + ":" + String.join("/", parts));
            }
        }
        return fields;
    }

    static List<SOAPElement> children(SOAPElement parent) {
        List<SOAPElement> list = new ArrayList<>();
        Iterator<Node> it = parent.getChildElements();
        while (it.hasNext()) {
            if (it.next() instanceof SOAPElement e) {
                list.add(e);
            }
        }
        return list;
    }

    static SOAPElement bodyElement(SOAPMessage m) throws SOAPException {
        return children(m.getSOAPBody()).get(0);
    }

    /**
     * A provider written with SAAJ for the JDK HTTP server: repeats the request's header elements, answers
     * {@code <serviceCodeResponse><echo>text</echo></...>} and returns every attachment; {@code seen} gets each request.
     */
    static com.sun.net.httpserver.HttpHandler provider(Consumer<SOAPMessage> seen) {
        return exchange -> {
            try {
                respond(exchange, seen);
            } catch (SOAPException e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        };
    }

    private static void respond(HttpExchange exchange, Consumer<SOAPMessage> seen) throws SOAPException, IOException {
        MimeHeaders mime = new MimeHeaders();
        exchange.getRequestHeaders().forEach((k, vs) -> vs.forEach(v -> mime.addHeader(k, v)));
        SOAPMessage request = factory().createMessage(mime, exchange.getRequestBody());
        seen.accept(request);
        SOAPMessage response = factory().createMessage();
        SOAPEnvelope in = request.getSOAPPart().getEnvelope();
        SOAPEnvelope out = response.getSOAPPart().getEnvelope();
        Iterator<String> prefixes = in.getNamespacePrefixes();
        while (prefixes.hasNext()) {
            String p = prefixes.next();
            if (out.getNamespaceURI(p) == null) {
                out.addNamespaceDeclaration(p, in.getNamespaceURI(p));
            }
        }
        for (SOAPElement h : children(request.getSOAPHeader())) {
            response.getSOAPHeader().appendChild(response.getSOAPPart().importNode(h, true));
        }
        SOAPElement body = bodyElement(request);
        SOAPBodyElement answer = response.getSOAPBody().addBodyElement(new QName(body.getNamespaceURI(),
                body.getLocalName() + "Response", body.getPrefix() == null ? "" : body.getPrefix()));
        answer.addChildElement("echo").addTextNode(body.getTextContent());
        Iterator<AttachmentPart> attachments = request.getAttachments();
        while (attachments.hasNext()) {
            AttachmentPart a = attachments.next();
            AttachmentPart copy = response.createAttachmentPart();
            byte[] bytes = a.getRawContentBytes();
            copy.setRawContentBytes(bytes, 0, bytes.length, a.getContentType());
            if (a.getContentId() != null) {
                copy.setContentId(a.getContentId());
            }
            response.addAttachmentPart(copy);
        }
        response.saveChanges();
        exchange.getResponseHeaders().set("Content-Type", response.getMimeHeaders().getHeader("Content-Type")[0]);
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body2 = exchange.getResponseBody()) {
            response.writeTo(body2);
        }
    }
}
