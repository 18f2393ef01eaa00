package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.provider.SoapProvider;
import io.luotsi.xroad.provider.SoapReply;
import io.luotsi.xroad.provider.jdkhttp.JdkHttpServerAdapter;
import io.luotsi.xroad.soap.Attachment;
import io.luotsi.xroad.soap.AttachmentSource;
import io.luotsi.xroad.soap.DecodedSoapMessage;
import io.luotsi.xroad.soap.RequestHash;
import io.luotsi.xroad.soap.SoapMessage;
import io.luotsi.xroad.soap.SoapMessageDecoder;
import io.luotsi.xroad.soap.SoapResponse;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fake Security Server's SOAP side: routing, backends, the provider checks, request hash, metaservices. */
class SoapFakeSecurityServerTest {

    static final ClientId CONSUMER = ClientId.parse("EE/BUSINESS/consumer");
    static final ServiceId GET_STATE = ServiceId.parse("EE/BUSINESS/producer/getState");
    static final ServiceId ECHO = ServiceId.parse("EE/BUSINESS/producer/sub/echo/v1");

    FakeSecurityServer fake;
    XRoadClient client;
    HttpServer provider;
    final Map<String, List<String>> providerHeaders = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        JdkHttpServerAdapter adapter = JdkHttpServerAdapter.of(SoapProvider.builder()
                .handler("echo", r -> {
                    SoapReply reply = SoapReply.xml("<said>" + r.soapAction().orElse("-") + "</said>");
                    for (Attachment a : r.attachments()) {
                        reply = reply.withAttachment(AttachmentSource.ofBytes(a.bytes(), a.contentType())
                                .withContentId(a.contentId().orElse("x")));
                    }
                    return r.isMtom() ? reply.mtom() : reply;
                }).build());
        provider.createContext("/", exchange -> {
            providerHeaders.clear();
            exchange.getRequestHeaders().forEach((k, v) -> providerHeaders.put(k.toLowerCase(), v));
            adapter.handle(exchange);
        });
        provider.start();
        fake = FakeSecurityServer.builder().instance("EE")
                .member(CONSUMER, "Consumer")
                .service(ServiceRegistration.wsdl(GET_STATE).allow(CONSUMER)
                        .soapResponse(FakeSoapResponse.body("<response>OK</response>"))
                        .wsdl("<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\" "
                                + "xmlns:soap=\"http://schemas.xmlsoap.org/wsdl/soap/\"><wsdl:service><wsdl:port>"
                                + "<soap:address location=\"http://10.0.0.1/real\"/></wsdl:port></wsdl:service>"
                                + "</wsdl:definitions>"))
                .service(ServiceRegistration.wsdl(ECHO).allow(CONSUMER)
                        .forwardTo("http://127.0.0.1:" + provider.getAddress().getPort() + "/echo"))
                .service(ServiceRegistration.wsdl(ServiceId.parse("EE/BUSINESS/producer/secret")))
                .service(ServiceRegistration.rest(ServiceId.parse("EE/BUSINESS/producer/sub/pets")).allow(CONSUMER))
                .start();
        client = fake.clientBuilder(CONSUMER).build();
    }

    @AfterEach
    void stop() {
        client.close();
        fake.close();
        provider.stop(0);
    }

    @Test
    void answersFromAStubWithTheRequestHashOfTheBytesSent() {
        try (SoapResponse<String> r = client.soap(GET_STATE).requestXml("<x:getState xmlns:x=\"urn:x\"/>")
                .userId("EE1").verifyRequestHash(true).execute(String.class)) {
            assertThat(r.body()).isEqualTo("<x:getStateResponse xmlns:x=\"urn:x\"><response>OK</response>"
                    + "</x:getStateResponse>");
            RecordedExchange e = fake.recordings().single(GET_STATE);
            assertThat(e.requestHash()).isEqualTo(r.xroad().requestHash());
            assertThat(e.requestHash()).contains(RequestHash.sha512(e.request().body()).value());
            assertThat(e.client()).contains(CONSUMER);
            assertThat(e.messageId()).contains(r.header().id());
            assertThat(e.unmatched()).isFalse();
        }
    }

    @Test
    void forwardsToARealProviderWithContentTypeAndOriginalSoapActionOnly() {
        byte[] binary = new byte[200_000];
        new Random(1).nextBytes(binary);
        try (SoapResponse<String> r = client.soap(ECHO).requestXml("<echo/>").soapAction("urn:echo")
                .attach(AttachmentSource.ofBytes(binary, "application/octet-stream").withContentId("a1"))
                .verifyRequestHash(true).execute(String.class)) {
            assertThat(r.body()).contains("<said>\"urn:echo\"</said>");
            assertThat(r.attachment("a1").orElseThrow().bytes()).isEqualTo(binary);
        }
        assertThat(providerHeaders.get("x-original-soapaction")).containsExactly("\"urn:echo\"");
        assertThat(providerHeaders.get("content-type").get(0)).startsWith("multipart/related");
        assertThat(providerHeaders).doesNotContainKey("soapaction");
        RecordedRequest forwarded = fake.recordings().single(ECHO).providerRequest().orElseThrow();
        assertThat(forwarded.path()).isEqualTo("/echo");
    }

    @Test
    void mtomRoundTripsThroughTheFakeToTheProviderAndBack() {
        byte[] binary = new byte[100_000];
        new Random(2).nextBytes(binary);
        try (SoapResponse<SoapMessage> r = client.soap(ECHO)
                .requestXml("<echo><xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" "
                        + "href=\"cid:m1\"/></echo>")
                .attach(AttachmentSource.ofBytes(binary, "application/octet-stream").withContentId("m1"))
                .mtom().execute()) {
            assertThat(r.contentType()).contains("application/xop+xml");
            assertThat(r.attachment("cid:m1").orElseThrow().bytes()).isEqualTo(binary);
        }
    }

    @Test
    void refusesUnknownServicesRestServicesAndMissingAccessRights() {
        fake.expectUnmatched();
        assertThatThrownBy(() -> client.soap(ServiceId.parse("EE/BUSINESS/producer/nope")).requestXml("<nope/>")
                .execute()).isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo("server.serverproxy.unknown_service"));
        assertThatThrownBy(() -> client.soap(ServiceId.parse("EE/BUSINESS/producer/sub/pets"))
                .requestXml("<pets/>").execute()).isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo("server.serverproxy.service_type"));
        assertThatThrownBy(() -> client.soap(ServiceId.parse("EE/BUSINESS/producer/secret"))
                .requestXml("<secret/>").execute()).isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo("server.serverproxy.access_denied"));
        assertThatThrownBy(() -> client.soap(ServiceId.parse("EE/BUSINESS/unknown/getX"))
                .requestXml("<getX/>").execute()).isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo("server.clientproxy.unknown_member"));
    }

    static Stream<Arguments> brokenProviders() {
        String xml = "text/xml; charset=UTF-8";
        String prefix = "server.serverproxy.service_failed.";
        return Stream.of(
                Arguments.of(FakeSoapResponse.raw(200, xml, SoapFixtures.bytes("faulty-header.query")),
                        prefix + "missing_header_field"),
                Arguments.of(FakeSoapResponse.raw(200, xml, SoapFixtures.bytes("no-header.query")),
                        prefix + "missing_header"),
                Arguments.of(FakeSoapResponse.raw(200, xml, SoapFixtures.bytes("missing-body.query")),
                        prefix + "missing_body"),
                Arguments.of(FakeSoapResponse.raw(200, xml, SoapFixtures.bytes("malformed-body2.query")),
                        prefix + "invalid_body"),
                Arguments.of(FakeSoapResponse.raw(200, xml, new byte[0]), prefix + "invalid_soap"),
                Arguments.of(FakeSoapResponse.raw(200, SoapFixtures.MULTIPART, new byte[0]),
                        prefix + "invalid_message"),
                Arguments.of(FakeSoapResponse.raw(200, SoapFixtures.MULTIPART,
                        SoapFixtures.bytes("attachm-error.query")), prefix + "invalid_content_type"),
                Arguments.of(FakeSoapResponse.raw(200, SoapFixtures.MULTIPART,
                        SoapFixtures.bytes("attachm-faulty-soap.query")), prefix + "missing_header_field"),
                Arguments.of(FakeSoapResponse.raw(200, "blah", SoapFixtures.bytes("getstate.answer")),
                        prefix + "invalid_content_type"),
                Arguments.of(FakeSoapResponse.raw(404, "text/plain", "not here".getBytes(StandardCharsets.UTF_8)),
                        prefix + "http_error"),
                Arguments.of(FakeSoapResponse.fault("CODE", "service fault"), "CODE"),
                Arguments.of(FakeSoapResponse.raw(200, xml, SoapFixtures.bytes("simple-comment.answer")),
                        "server.clientproxy.service_failed.inconsistent_response"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("brokenProviders")
    void checksTheProvidersAnswerAsAProviderSecurityServerDoes(FakeSoapResponse answer, String expected) {
        fake.registry().service(ServiceRegistration.wsdl(GET_STATE).allow(CONSUMER).soapResponse(answer));

        HttpResponse<byte[]> r = SoapFixtures.post(fake.url(), SoapFixtures.bytes("getstate.query"),
                "text/xml; charset=UTF-8", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(SoapFixtures.fault(r).code()).isEqualTo(expected);
    }

    @Test
    void replacesAnExistingRequestHashAndAcceptsANonUtf8Answer() {
        fake.registry().service(ServiceRegistration.wsdl(GET_STATE).allow(CONSUMER).soapResponse(
                FakeSoapResponse.raw(200, "text/xml; charset=UTF-8", SoapFixtures.bytes("requesthash.answer"))));
        byte[] request = SoapFixtures.bytes("getstate.query");

        HttpResponse<byte[]> r = SoapFixtures.post(fake.url(), request, "text/xml; charset=UTF-8", "\"\"");

        SoapMessage m = (SoapMessage) io.luotsi.xroad.soap.SoapEnvelopeReader.create().read(r.body(),
                r.headers().firstValue("Content-Type").orElseThrow());
        assertThat(m.header().requestHash().orElseThrow().value()).isEqualTo(RequestHash.sha512(request).value());

        String latin1 = new String(SoapFixtures.bytes("getstate.answer"), StandardCharsets.UTF_8)
                .replace("encoding=\"utf-8\"", "encoding=\"ISO-8859-1\"");
        fake.registry().service(ServiceRegistration.wsdl(GET_STATE).allow(CONSUMER).soapResponse(
                FakeSoapResponse.raw(200, "text/xml;charset=ISO-8859-1", latin1.getBytes(StandardCharsets.ISO_8859_1))));
        HttpResponse<byte[]> r2 = SoapFixtures.post(fake.url(), request, "text/xml; charset=UTF-8", null);
        assertThat(r2.headers().firstValue("Content-Type")).contains("text/xml;charset=ISO-8859-1");
        assertThat(new String(r2.body(), StandardCharsets.ISO_8859_1)).contains("aä").contains("requestHash");
    }

    @Test
    void servesListMethodsAllowedMethodsAndGetWsdl() throws Exception {
        ClientId producer = ClientId.parse("EE/BUSINESS/producer");
        try (SoapResponse<String> r = client.soap(producer.service("listMethods")).requestXml("<xrd:listMethods "
                + "xmlns:xrd=\"http://x-road.eu/xsd/xroad.xsd\"/>").execute(String.class)) {
            assertThat(r.body()).contains("listMethodsResponse").contains(">getState<").contains(">secret<")
                    .doesNotContain(">pets<").contains("objectType=\"SERVICE\"");
        }
        try (SoapResponse<String> r = client.soap(producer.service("allowedMethods")).requestXml("<xrd:allowedMethods"
                + " xmlns:xrd=\"http://x-road.eu/xsd/xroad.xsd\"/>").execute(String.class)) {
            assertThat(r.body()).contains(">getState<").doesNotContain(">secret<");
        }
        try (SoapResponse<String> r = client.soap(producer.service("getWsdl")).requestXml("<xrd:getWsdl "
                + "xmlns:xrd=\"http://x-road.eu/xsd/xroad.xsd\"><xrd:serviceCode>getState</xrd:serviceCode>"
                + "</xrd:getWsdl>").execute(String.class)) {
            assertThat(r.contentType()).startsWith("multipart/related; type=\"text/xml\"; charset=UTF-8");
            assertThat(r.body()).contains("getWsdlResponse").contains("<xrd:serviceCode>getState</xrd:serviceCode>");
            Attachment wsdl = r.attachments().get(0);
            assertThat(wsdl.contentType()).isEqualTo("text/xml");
            assertThat(new String(wsdl.bytes(), StandardCharsets.UTF_8))
                    .contains("location=\"http://example.org/xroad-endpoint\"").doesNotContain("10.0.0.1");
        }
        fake.expectUnmatched();
        assertThatThrownBy(() -> client.soap(producer.service("getWsdl")).requestXml("<xrd:getWsdl "
                + "xmlns:xrd=\"http://x-road.eu/xsd/xroad.xsd\"/>").execute())
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo("server.serverproxy.invalid_request"));
    }

    @Test
    void rewritesEveryPortAddressOfTheCorpusWsdl() throws Exception {
        String wsdl = new String(SoapFakeSecurityServerTest.class.getResourceAsStream("/xroad/metaservice/wsdl.wsdl")
                .readAllBytes(), StandardCharsets.UTF_8);
        String rewritten = SoapProxyEngine.rewriteEndpoint(wsdl);
        assertThat(rewritten).contains("<soap:address location=\"http://example.org/xroad-endpoint\"/>")
                .doesNotContain("172.28.128.2");
        assertThat(rewritten.length()).isEqualTo(wsdl.length() - "https://172.28.128.2:8084/mocktestServiceBinding"
                .length() + "http://example.org/xroad-endpoint".length());
    }

    @Test
    void aFailingHandlerIsAServiceFaultAndUnmatched() {
        fake.registry().service(ServiceRegistration.wsdl(GET_STATE).allow(CONSUMER).soapHandler(r -> {
            throw new IllegalStateException("boom");
        }));
        fake.expectUnmatched();
        assertThatThrownBy(() -> client.soap(GET_STATE).requestXml("<getState/>").execute())
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code()).isEqualTo("SOAP-ENV:Server"));
        assertThat(fake.recordings().last().failure()).isPresent();
        assertThat(fake.recordings().last().unmatched()).isTrue();
    }

    @Test
    void aHandlerSeesTheDecodedRequest() {
        fake.registry().service(ServiceRegistration.wsdl(GET_STATE).allow(CONSUMER).soapHandler(r ->
                FakeSoapResponse.body("<n>" + r.attachments().size() + "</n><u>" + r.header().userId().orElse("")
                        + "</u>")));
        try (SoapResponse<String> r = client.soap(GET_STATE).requestXml("<getState/>").userId("EE9")
                .attach(AttachmentSource.ofBytes(new byte[] {1}, "application/octet-stream")).execute(String.class)) {
            assertThat(r.body()).contains("<n>1</n><u>EE9</u>");
        }
    }

    static DecodedSoapMessage decode(byte[] body, String ct) {
        return SoapMessageDecoder.create().decode(new ByteArrayInputStream(body), ct);
    }
}
