package io.luotsi.xroad.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import com.sun.net.httpserver.HttpServer;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ErrorOrigin;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.provider.jdkhttp.JdkHttpServerAdapter;
import io.luotsi.xroad.soap.Attachment;
import io.luotsi.xroad.soap.AttachmentSource;
import io.luotsi.xroad.soap.SecurityToken;
import io.luotsi.xroad.soap.SoapEnvelope;
import io.luotsi.xroad.soap.SoapEnvelopeReader;
import io.luotsi.xroad.soap.SoapFault;
import io.luotsi.xroad.soap.SoapHeaderElement;
import io.luotsi.xroad.soap.SoapHeaderField;
import io.luotsi.xroad.soap.SoapMessage;
import io.luotsi.xroad.soap.SoapResponse;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider API behind the JDK's HTTP server, called by Luotsi's consumer directly (no Security Server). */
class SoapProviderTest {

    static final ClientId CLIENT = ClientId.parse("SUBSYSTEM:EE/GOV/1234/consumer");
    static final ServiceId GET_PERSON = ServiceId.parse("SERVICE:EE/GOV/5678/producer/getPerson/v1");

    @JacksonXmlRootElement(localName = "getPerson", namespace = "http://example.org/persons")
    public record GetPerson(String code) {
    }

    @JacksonXmlRootElement(localName = "Person", namespace = "http://example.org/persons")
    public record Person(String code, String name) {
    }

    final AtomicReference<SoapRequest> seen = new AtomicReference<>();
    HttpServer server;
    XRoadClient client;

    static SoapProvider provider(AtomicReference<SoapRequest> seen) {
        return SoapProvider.builder()
                .handler("getPerson", request -> {
                    seen.set(request);
                    GetPerson q = request.body(GetPerson.class);
                    if (q.code().equals("unknown")) {
                        throw SoapFaultException.of("SOAP-ENV:Client", "no such person").withDetail("nsp");
                    }
                    if (q.code().equals("bug")) {
                        throw new IllegalStateException("secret internal state EE123");
                    }
                    SoapReply reply = SoapReply.of(new Person(q.code(), "Ann"));
                    for (Attachment a : request.attachments()) {
                        reply = reply.withAttachment(AttachmentSource.ofBytes(a.bytes(), a.contentType())
                                .withContentId(a.contentId().orElse("echo")));
                    }
                    return request.isMtom() ? reply.mtom() : reply;
                })
                .build();
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", JdkHttpServerAdapter.of(provider(seen)));
        server.start();
        client = XRoadClient.builder().securityServer("http://127.0.0.1:" + server.getAddress().getPort())
                .client(CLIENT).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    @Test
    void answersATypedRequestWithTheHeadersEchoedInOrderAndTheResponseElement() {
        try (SoapResponse<Person> r = client.soap(GET_PERSON).request(new GetPerson("EE1")).userId("EE37702211234")
                .issue("case-1").representedParty(new RepresentedParty("COM", "MEMBER3"))
                .securityToken(SecurityToken.jwt("eyJ.a.b"))
                .header(SoapHeaderElement.of("<x:trace xmlns:x=\"urn:trace\">t-1</x:trace>"))
                .soapAction("urn:getPerson").execute(Person.class)) {

            assertThat(r.body()).isEqualTo(new Person("EE1", "Ann"));
            SoapMessage response = r.message();
            assertThat(response.bodyElementName().getLocalPart()).isEqualTo("getPersonResponse");
            assertThat(response.bodyElementName().getNamespaceURI()).isEqualTo("http://example.org/persons");
            SoapRequest request = seen.get();
            assertThat(response.header().order()).isEqualTo(request.header().order());
            assertThat(response.header().order()).contains(SoapHeaderField.SECURITY_TOKEN, SoapHeaderField.OTHER);
            assertThat(response.header().otherElements().get(0).xml()).contains("t-1");
            assertThat(request.header().userId()).contains("EE37702211234");
            assertThat(request.client()).isEqualTo(CLIENT);
            assertThat(request.soapAction()).contains("\"urn:getPerson\"");
        }
    }

    @Test
    void echoesSwaAndMtomAttachmentsByteExact() {
        byte[] binary = new byte[1_500_000];
        new Random(11).nextBytes(binary);
        try (SoapResponse<Person> r = client.soap(GET_PERSON).request(new GetPerson("A"))
                .attach(AttachmentSource.ofBytes(binary, "application/octet-stream").withContentId("b1"))
                .execute(Person.class)) {
            assertThat(r.contentType()).contains("type=\"text/xml\"");
            assertThat(r.attachment("cid:b1").orElseThrow().bytes()).isEqualTo(binary);
        }
        try (SoapResponse<Person> r = client.soap(GET_PERSON)
                .requestXml("<p:getPerson xmlns:p=\"http://example.org/persons\"><code>M</code>"
                        + "<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:b1\"/>"
                        + "</p:getPerson>")
                .attach(AttachmentSource.ofBytes(binary, "application/octet-stream").withContentId("b1"))
                .mtom().execute(Person.class)) {
            assertThat(seen.get().isMtom()).isTrue();
            assertThat(r.contentType()).contains("application/xop+xml");
            assertThat(r.attachment("cid:b1").orElseThrow().bytes()).isEqualTo(binary);
            assertThat(r.message().bodyElementName().getPrefix()).isEqualTo("p");
        }
    }

    @Test
    void aHandlerFaultReachesTheConsumerAsAServiceFault() {
        assertThatThrownBy(() -> client.soap(GET_PERSON).request(new GetPerson("unknown")).execute())
                .isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.code()).isEqualTo("SOAP-ENV:Client");
                    assertThat(e.origin()).isEqualTo(ErrorOrigin.PROVIDER_SERVICE);
                    assertThat(e.detail()).contains("nsp");
                    assertThat(e.statusCode()).isEqualTo(500);
                });
    }

    @Test
    void aFailingHandlerIsAServerFaultThatRevealsNothing() {
        assertThatThrownBy(() -> client.soap(GET_PERSON).request(new GetPerson("bug")).execute())
                .isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.code()).isEqualTo("SOAP-ENV:Server");
                    assertThat(e.faultString()).contains("Internal error");
                    assertThat(e.getMessage()).doesNotContain("EE123");
                    assertThat(java.util.UUID.fromString(e.detail().orElseThrow())).isNotNull();
                });
    }

    @Test
    void refusesWhatXRoadsParserRefusesWithItsCodes() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");

        HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fault(get).code()).isEqualTo("client.invalid_http_method");
        assertThat(get.statusCode()).isEqualTo(500);

        String noHeader = "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<SOAP-ENV:Body><getPerson/></SOAP-ENV:Body></SOAP-ENV:Envelope>";
        HttpResponse<byte[]> missing = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(noHeader)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fault(missing).code()).isEqualTo("client.missing_header");

        HttpResponse<byte[]> badType = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(noHeader)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fault(badType).code()).isEqualTo("client.invalid_content_type");
    }

    @Test
    void aServiceCodeWithoutHandlerIsAClientFault() {
        ServiceId other = ServiceId.parse("SERVICE:EE/GOV/5678/producer/listPets");
        assertThatThrownBy(() -> client.soap(other).requestXml("<listPets/>").execute())
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.getMessage()).contains("listPets"));
    }

    @Test
    void theBuilderRefusesNoHandlerAndDuplicates() {
        assertThatThrownBy(() -> SoapProvider.builder().build()).isInstanceOf(IllegalStateException.class);
        SoapHandler h = r -> SoapReply.empty();
        assertThatThrownBy(() -> SoapProvider.builder().handler("a", h).handler("a", h))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static SoapFault fault(HttpResponse<byte[]> r) {
        SoapEnvelope env = SoapEnvelopeReader.create().read(r.body(), r.headers().firstValue("Content-Type")
                .orElse(null));
        assertThat(env).isInstanceOf(SoapFault.class);
        return (SoapFault) env;
    }

    static List<String> lines(InputStream in) throws java.io.IOException {
        return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }
}
