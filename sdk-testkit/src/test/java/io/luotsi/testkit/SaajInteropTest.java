package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.provider.SoapProvider;
import io.luotsi.xroad.provider.SoapReply;
import io.luotsi.xroad.provider.jdkhttp.JdkHttpServerAdapter;
import io.luotsi.xroad.soap.Attachment;
import io.luotsi.xroad.soap.AttachmentSource;
import io.luotsi.xroad.soap.DecodedSoapMessage;
import io.luotsi.xroad.soap.SoapMessageDecoder;
import io.luotsi.xroad.soap.SoapResponse;
import jakarta.xml.soap.AttachmentPart;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPMessage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with another SOAP stack through the fake Security Server: X-Road 4.0 requests built, sent and read
 * with SAAJ (test scope only) to a stubbed WSDL service and, forwarded, to a Luotsi provider; and Luotsi's consumer
 * calling a provider written with SAAJ behind the fake.
 */
class SaajInteropTest {

    static final String CONSUMER_ID = "MEMBER:EE/BUSINESS/consumer";
    static final ClientId CONSUMER = ClientId.parse("EE/BUSINESS/consumer");
    static final ClientId PRODUCER = ClientId.parse("EE/BUSINESS/producer/sub");
    static final ServiceId STUBBED = PRODUCER.service("getState").withVersion("v1");
    static final ServiceId LUOTSI = PRODUCER.service("getPerson").withVersion("v1");
    static final ServiceId SAAJ = PRODUCER.service("echo");
    static final String NS = "http://producer.example.org/";

    FakeSecurityServer fake;
    HttpServer luotsiProvider;
    HttpServer saajProvider;
    final List<String> luotsiSaw = new CopyOnWriteArrayList<>();
    final List<SOAPMessage> saajSaw = new CopyOnWriteArrayList<>();
    String url;

    @BeforeEach
    void start() throws Exception {
        SoapProvider provider = SoapProvider.builder().handler("getPerson", r -> {
            luotsiSaw.add(r.client() + " " + r.header().userId().orElse("-") + " " + r.attachments().size());
            SoapReply reply = SoapReply.xml("<name>Ann</name>");
            for (Attachment a : r.attachments()) {
                reply = reply.withAttachment(AttachmentSource.ofBytes(a.bytes(), a.contentType())
                        .withContentId(a.contentId().orElse("none")));
            }
            return reply;
        }).build();
        luotsiProvider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        luotsiProvider.createContext("/", JdkHttpServerAdapter.of(provider));
        luotsiProvider.start();
        saajProvider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        saajProvider.createContext("/", Saaj.provider(saajSaw::add));
        saajProvider.start();
        fake = FakeSecurityServer.builder().instance("EE").member(CONSUMER, "Consumer")
                .service(ServiceRegistration.wsdl(STUBBED).allow(CONSUMER)
                        .soapResponse(FakeSoapResponse.body("<state>OK</state>")))
                .service(ServiceRegistration.wsdl(LUOTSI).allow(CONSUMER)
                        .forwardTo("http://127.0.0.1:" + luotsiProvider.getAddress().getPort() + "/"))
                .service(ServiceRegistration.wsdl(SAAJ).allow(CONSUMER)
                        .forwardTo("http://127.0.0.1:" + saajProvider.getAddress().getPort() + "/"))
                .start();
        url = fake.httpUrl().toString();
    }

    @AfterEach
    void stop() {
        fake.close();
        luotsiProvider.stop(0);
        saajProvider.stop(0);
    }

    static String sha512(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
    }

    /** base64(SHA-512) of the SOAP part of what the client sent, as the fake recorded it. */
    String hashOfSoapPartSent(ServiceId service) throws Exception {
        RecordedRequest sent = fake.recordings().single(service).request();
        try (DecodedSoapMessage d = SoapMessageDecoder.create().decode(new ByteArrayInputStream(sent.body()),
                sent.headers().value("Content-Type").orElseThrow())) {
            return sha512(d.soap().bytes());
        }
    }

    @Test
    void aSaajClientGetsTheStubsAnswerItsHeadersEchoedAndTheRequestHash() throws Exception {
        SOAPMessage response = Saaj.call(Saaj.request(CONSUMER_ID, "SERVICE:EE/BUSINESS/producer/sub/getState/v1",
                "saaj-1", "EE12345678901", NS, "state?"), url);

        Map<String, String> header = Saaj.xroadHeader(response);
        assertThat(header).containsEntry("client", CONSUMER_ID)
                .containsEntry("service", "SERVICE:EE/BUSINESS/producer/sub/getState/v1")
                .containsEntry("id", "saaj-1").containsEntry("userId", "EE12345678901")
                .containsEntry("protocolVersion", "4.0");
        byte[] sent = fake.recordings().single(STUBBED).request().body();
        assertThat(header.get("requestHash")).isEqualTo(sha512(sent));
        assertThat(Saaj.bodyElement(response).getLocalName()).isEqualTo("getStateResponse");
        assertThat(Saaj.bodyElement(response).getTextContent()).isEqualTo("OK");
        assertThat(fake.recordings().single(STUBBED).messageId()).contains("saaj-1");
    }

    @Test
    void aSaajClientReachesALuotsiProviderThroughTheFake() throws Exception {
        SOAPMessage response = Saaj.call(Saaj.request(CONSUMER_ID, "SERVICE:EE/BUSINESS/producer/sub/getPerson/v1",
                "saaj-2", "EE1", NS, "1"), url);

        assertThat(luotsiSaw).containsExactly("MEMBER:EE/BUSINESS/consumer EE1 0");
        Map<String, String> header = Saaj.xroadHeader(response);
        assertThat(header).containsEntry("id", "saaj-2").containsEntry("userId", "EE1")
                .containsEntry("service", "SERVICE:EE/BUSINESS/producer/sub/getPerson/v1")
                .containsEntry("requestHash", hashOfSoapPartSent(LUOTSI));
        assertThat(Saaj.bodyElement(response).getElementQName())
                .isEqualTo(new javax.xml.namespace.QName(NS, "getPersonResponse"));
        assertThat(Saaj.bodyElement(response).getTextContent()).isEqualTo("Ann");
    }

    @Test
    void aSaajSwaMessageTravelsToALuotsiProviderAndBackWithItsAttachment() throws Exception {
        byte[] binary = new byte[120_000];
        new Random(11).nextBytes(binary);
        SOAPMessage request = Saaj.request(CONSUMER_ID, "SERVICE:EE/BUSINESS/producer/sub/getPerson/v1", "saaj-3",
                null, NS, "2");
        AttachmentPart part = request.createAttachmentPart();
        part.setRawContentBytes(binary, 0, binary.length, "application/pdf");
        part.setContentId("<scan@saaj>");
        request.addAttachmentPart(part);

        SOAPMessage response = Saaj.call(request, url);

        assertThat(luotsiSaw).containsExactly("MEMBER:EE/BUSINESS/consumer - 1");
        assertThat(response.countAttachments()).isEqualTo(1);
        AttachmentPart back = response.getAttachments().next();
        assertThat(back.getRawContentBytes()).isEqualTo(binary);
        assertThat(back.getContentType()).isEqualTo("application/pdf");
        assertThat(back.getContentId()).isEqualTo("<scan@saaj>");
        assertThat(Saaj.xroadHeader(response)).containsEntry("id", "saaj-3")
                .containsEntry("requestHash", hashOfSoapPartSent(LUOTSI));
        assertThat(fake.recordings().single(LUOTSI).request().headers().value("Content-Type").orElseThrow())
                .startsWith("multipart/related");
    }

    @Test
    void aSaajClientReadsXRoadsFaults() throws Exception {
        fake.expectUnmatched();

        SOAPMessage response = Saaj.call(Saaj.request(CONSUMER_ID, "SERVICE:EE/BUSINESS/producer/sub/nothing/v1",
                "saaj-4", null, NS, "?"), url);

        assertThat(response.getSOAPBody().hasFault()).isTrue();
        SOAPFault fault = response.getSOAPBody().getFault();
        assertThat(fault.getFaultCode()).isEqualTo("server.serverproxy.unknown_service");
        assertThat(fault.getFaultString()).contains("nothing");
    }

    @Test
    void theLuotsiConsumerCallsAProviderWrittenWithSaajBehindTheFake() throws SOAPException {
        byte[] binary = new byte[50_000];
        new Random(12).nextBytes(binary);
        try (XRoadClient client = fake.clientBuilder(CONSUMER).build();
             SoapResponse<String> r = client.soap(SAAJ)
                     .requestXml("<e:echo xmlns:e=\"urn:echo\"><e:text>hello</e:text></e:echo>")
                     .userId("EE38001085718").issue("case-9")
                     .attach(AttachmentSource.ofBytes(binary, "application/octet-stream").withContentId("bin1"))
                     .verifyRequestHash(true)
                     .execute(String.class)) {

            assertThat(r.body()).startsWith("<e:echoResponse").contains("<echo>hello</echo>");
            assertThat(r.header().userId()).hasValue("EE38001085718");
            assertThat(r.header().issue()).hasValue("case-9");
            assertThat(r.xroad().requestHash()).isPresent();
            assertThat(r.attachment("bin1").orElseThrow().bytes()).isEqualTo(binary);
        }
        assertThat(saajSaw).singleElement().satisfies(m -> {
            assertThat(Saaj.xroadHeader(m)).containsEntry("client", CONSUMER_ID)
                    .containsEntry("service", "SERVICE:EE/BUSINESS/producer/sub/echo")
                    .containsEntry("userId", "EE38001085718").containsEntry("issue", "case-9");
            assertThat(m.countAttachments()).isEqualTo(1);
        });
    }
}
