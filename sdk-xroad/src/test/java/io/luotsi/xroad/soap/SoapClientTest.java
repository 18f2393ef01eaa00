package io.luotsi.xroad.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import io.luotsi.core.RequestContext;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ErrorOrigin;
import io.luotsi.xroad.ProviderErrorException;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadContextKeys;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.XRoadProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SoapClientTest {

    static final ClientId CLIENT = ClientId.parse("SUBSYSTEM:EE/GOV/1234/consumer");
    static final ServiceId SERVICE = ServiceId.parse("SERVICE:EE/GOV/5678/producer/getPerson/v1");

    @JacksonXmlRootElement(localName = "GetPerson", namespace = "http://example.org/persons")
    public record GetPerson(String code) {
    }

    public record Person(String code, String name) {
    }

    final MockWebServer server = new MockWebServer();
    XRoadClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = XRoadClient.builder().securityServer(server.url("/").toString()).client(CLIENT).build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    /** The request as a Security Server would decode it. */
    static DecodedSoapMessage decode(RecordedRequest r) {
        return SoapMessageDecoder.create().decode(new ByteArrayInputStream(r.getBody().toByteArray()),
                r.getHeaders().get("Content-Type"));
    }

    /** A response echoing the request's header, with an extra edit of the header, the given hash and content. */
    static byte[] answer(SoapMessage request, UnaryOperator<SoapHeader> edit, String content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SoapEnvelopeWriter.create().writeResponse(out, edit.apply(request.header()), request.bodyElementName(),
                SoapBody.xml(content));
        return out.toByteArray();
    }

    static MockResponse xml(byte[] body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/xml; charset=UTF-8")
                .body(new okio.Buffer().write(body)).build();
    }

    private void enqueueEcho(UnaryOperator<SoapHeader> edit, String content) {
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                try (DecodedSoapMessage d = decode(r)) {
                    return xml(answer(d.message(), edit, content));
                }
            }
        });
    }

    @Test
    void postsAnEnvelopeWithTheHeadersOfTheRequestContextToTheClientProxyRoot() throws Exception {
        enqueueEcho(h -> h.withRequestHash(new RequestHash("x", RequestHash.SHA512)),
                "<code>EE1</code><name>Ann</name>");
        RequestContext ctx = RequestContext.builder().userId("EE37702211234").issue("case-1")
                .attribute(XRoadContextKeys.REPRESENTED_PARTY, new RepresentedParty("COM", "MEMBER3"))
                .attribute(XRoadContextKeys.SECURITY_SERVER, SecurityServerId.parse("EE/GOV/5678/ss1"))
                .attribute(XRoadContextKeys.SECURITY_TOKEN, SecurityToken.jwt("eyJ.x.y"))
                .build();

        try (SoapResponse<Person> r = client.soap(SERVICE).request(new GetPerson("EE1")).context(ctx)
                .execute(Person.class)) {
            assertThat(r.body()).isEqualTo(new Person("EE1", "Ann"));
            assertThat(r.xroad().requestHash()).contains("x");
            assertThat(r.xroad().messageId()).contains(r.header().id());
        }

        RecordedRequest rec = server.takeRequest();
        assertThat(rec.getMethod()).isEqualTo("POST");
        assertThat(rec.getTarget()).isEqualTo("/");
        assertThat(rec.getHeaders().get("SOAPAction")).isEqualTo("\"\"");
        assertThat(rec.getHeaders().get("Content-Type")).isEqualTo("text/xml; charset=UTF-8");
        try (DecodedSoapMessage d = decode(rec)) {
            SoapHeader h = d.message().header();
            assertThat(h.client()).isEqualTo(CLIENT);
            assertThat(h.service()).isEqualTo(SERVICE);
            assertThat(java.util.UUID.fromString(h.id())).isNotNull();
            assertThat(h.userId()).contains("EE37702211234");
            assertThat(h.issue()).contains("case-1");
            assertThat(h.protocolVersion()).isEqualTo("4.0");
            assertThat(h.representedParty()).contains(new RepresentedParty("COM", "MEMBER3"));
            assertThat(h.securityServer()).contains(SecurityServerId.parse("EE/GOV/5678/ss1"));
            assertThat(h.securityToken()).contains(SecurityToken.jwt("eyJ.x.y"));
            // the object's element, renamed after the service code in the object's namespace
            assertThat(d.message().bodyElementName())
                    .isEqualTo(new javax.xml.namespace.QName("http://example.org/persons", "getPerson"));
            assertThat(d.message().bodyXml()).isEqualTo("<getPerson xmlns=\"http://example.org/persons\">"
                    + "<code xmlns=\"\">EE1</code></getPerson>");
        }
    }

    @Test
    void sendsAQuotedSoapActionAndRefusesAMalformedOne() throws Exception {
        enqueueEcho(h -> h, "");
        client.soap(SERVICE).requestXml("<p:getPerson xmlns:p=\"urn:p\"/>").soapAction("urn:foo")
                .messageId("m-1").execute().close();

        assertThat(server.takeRequest().getHeaders().get("SOAPAction")).isEqualTo("\"urn:foo\"");
        assertThatThrownBy(() -> client.soap(SERVICE).call().soapAction("\"spaces \""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void turnsASecurityServerFaultWithStatus200IntoAnXRoadException() {
        server.enqueue(xml(SoapFault.of("Server.ServerProxy.AccessDenied", "no").bytes()));

        assertThatThrownBy(() -> client.soap(SERVICE).requestXml("<getPerson/>").execute())
                .isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.code()).isEqualTo("server.serverproxy.access_denied");
                    assertThat(e.origin()).isEqualTo(ErrorOrigin.PROVIDER_SECURITY_SERVER);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.statusCode()).isEqualTo(200);
                    assertThat(e.detail()).isPresent();
                });
    }

    @Test
    void aServiceFaultKeepsItsQNameCode() {
        server.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "text/xml")
                .body(SoapFault.of("foo:FOOCODE", "broken", null, null).xml()).build());

        assertThatThrownBy(() -> client.soap(SERVICE).requestXml("<getPerson/>").execute())
                .isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.code()).isEqualTo("foo:FOOCODE");
                    assertThat(e.origin()).isEqualTo(ErrorOrigin.PROVIDER_SERVICE);
                });
    }

    @Test
    void aRetryableSecurityServerFaultIsRetriedUnderARetryPolicy() throws Exception {
        // refused before anything was sent, and temporary: safe to retry even for a POST
        server.enqueue(xml(SoapFault.of("server.clientproxy.maintenance_mode", "later").bytes()));
        enqueueAfter(1, h -> h);
        io.luotsi.core.resilience.ResiliencePolicy retry = io.luotsi.core.resilience.ResiliencePolicy.custom()
                .retry(io.luotsi.core.resilience.RetryPolicy.attempts(2).withBackoff(java.time.Duration.ofMillis(1),
                        1.0, java.time.Duration.ofMillis(1))).build();

        try (SoapResponse<SoapMessage> r = client.soap(SERVICE).requestXml("<getPerson/>").policy(retry)
                .execute()) {
            assertThat(r.body().isResponse()).isTrue();
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    private void enqueueAfter(int skip, UnaryOperator<SoapHeader> edit) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        mockwebserver3.Dispatcher queue = server.getDispatcher();
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
                if (n.getAndIncrement() < skip) {
                    return queue.dispatch(r);
                }
                try (DecodedSoapMessage d = decode(r)) {
                    return xml(answer(d.message(), edit, ""));
                }
            }
        });
    }

    @Test
    void refusesAResponseInconsistentWithTheRequest() {
        enqueueEcho(h -> h.toBuilder().issue("another").build(), "");

        assertThatThrownBy(() -> client.soap(SERVICE).requestXml("<getPerson/>").issue("case-1").execute())
                .isInstanceOfSatisfying(XRoadProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo("inconsistent_response");
                    assertThat(e.getMessage()).contains("'issue'");
                });
    }

    @Test
    void verifiesTheRequestHashAgainstTheBytesSent() throws Exception {
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                try (DecodedSoapMessage d = decode(r)) {
                    // what the provider's Security Server does: hash the SOAP part as received
                    return xml(answer(d.message(), h -> h.withRequestHash(d.soap().requestHash()), ""));
                }
            }
        });
        try (SoapResponse<SoapMessage> r = client.soap(SERVICE).requestXml("<getPerson/>")
                .attach(AttachmentSource.ofBytes(new byte[] {1, 2, 3}, "application/octet-stream"))
                .verifyRequestHash(true).execute()) {
            assertThat(r.xroad().requestHash()).isPresent();
        }

        enqueueEcho(h -> h.withRequestHash(RequestHash.sha512("other".getBytes(StandardCharsets.UTF_8))), "");
        assertThatThrownBy(() -> client.soap(SERVICE).requestXml("<getPerson/>").verifyRequestHash(true).execute())
                .isInstanceOfSatisfying(XRoadProtocolException.class,
                        e -> assertThat(e.getMessage()).contains("does not match"));

        enqueueEcho(h -> h, "");
        assertThatThrownBy(() -> client.soap(SERVICE).requestXml("<getPerson/>").verifyRequestHash(true).execute())
                .isInstanceOfSatisfying(XRoadProtocolException.class,
                        e -> assertThat(e.getMessage()).contains("missing"));
    }

    @Test
    void sendsAttachmentsAsSwaAndMtomByteExact() throws Exception {
        byte[] binary = new byte[300_000];
        new Random(7).nextBytes(binary);
        enqueueEcho(h -> h, "");

        client.soap(SERVICE).requestXml("<getPerson/>")
                .attach(AttachmentSource.ofBytes(binary, "application/octet-stream").withContentId("bin1")
                        .withHeader("Client-Header", "FooBar"))
                .execute().close();
        RecordedRequest swa = server.takeRequest();
        assertThat(swa.getHeaders().get("Content-Type")).startsWith("multipart/related; type=\"text/xml\"");
        try (DecodedSoapMessage d = decode(swa)) {
            assertThat(d.attachments()).hasSize(1);
            assertThat(d.attachment("cid:bin1").orElseThrow().bytes()).isEqualTo(binary);
            assertThat(d.attachments().get(0).headers().get("Client-Header")).contains("FooBar");
        }

        client.soap(SERVICE).requestXml("<getPerson><xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\""
                        + " href=\"cid:bin1\"/></getPerson>")
                .attach(AttachmentSource.ofBytes(binary, "application/octet-stream").withContentId("bin1"))
                .mtom().execute().close();
        RecordedRequest mtom = server.takeRequest();
        assertThat(mtom.getHeaders().get("Content-Type")).contains("type=\"application/xop+xml\"");
        try (DecodedSoapMessage d = decode(mtom)) {
            assertThat(d.isMtom()).isTrue();
            assertThat(d.message().xopIncludes()).containsExactly("cid:bin1");
            assertThat(d.attachment("cid:bin1").orElseThrow().bytes()).isEqualTo(binary);
        }
    }

    @Test
    void streamsResponseAttachmentsToTheCaller() throws Exception {
        byte[] binary = new byte[2_000_000];
        new Random(3).nextBytes(binary);
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                try (DecodedSoapMessage d = decode(r)) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    SoapMultipartWriter mp = SoapMultipartWriter.swa(out);
                    mp.soapPart(answer(d.message(), h -> h, "<ok/>"));
                    mp.attachment("doc", "application/octet-stream", new ByteArrayInputStream(binary));
                    mp.close();
                    return new MockResponse.Builder().addHeader("Content-Type", mp.contentType())
                            .body(new okio.Buffer().write(out.toByteArray())).build();
                }
            }
        });

        try (SoapResponse<String> r = client.soap(SERVICE).requestXml("<getPerson/>").execute(String.class)) {
            assertThat(r.body()).contains("getPersonResponse").contains("<ok/>");
            Attachment a = r.attachment("doc").orElseThrow();
            assertThat(a.isOnDisk()).isTrue();
            assertThat(a.bytes()).isEqualTo(binary);
        }
    }

    @Test
    void aNonSoapErrorStatusIsTheProvidersError() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Content-Type", "text/html")
                .body("<html>busy</html>").build());

        assertThatThrownBy(() -> client.soap(SERVICE).requestXml("<getPerson/>").execute())
                .isInstanceOfSatisfying(ProviderErrorException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void theAsyncTwinCompletesWithTheResponseOrTheFault() throws Exception {
        enqueueEcho(h -> h, "<code>1</code><name>B</name>");
        try (SoapResponse<Person> r = client.async().soap(SERVICE).request(new GetPerson("1"))
                .execute(Person.class).get()) {
            assertThat(r.body().name()).isEqualTo("B");
        }

        server.setDispatcher(new mockwebserver3.QueueDispatcher());
        server.enqueue(xml(SoapFault.of("client.invalid_body", "bad").bytes()));
        assertThatThrownBy(() -> client.async().soap(SERVICE).requestXml("<getPerson/>").execute().join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.origin()).isEqualTo(ErrorOrigin.CLIENT_REQUEST));
    }

    @Test
    void aCallNeedsABodyAndRunsOnce() {
        assertThatThrownBy(() -> client.soap(SERVICE).call().execute()).isInstanceOf(IllegalStateException.class);
        SoapCall call = client.soap(SERVICE).requestXml("<getPerson/>");
        call.toHttpRequest();
        assertThatThrownBy(call::execute).isInstanceOf(IllegalStateException.class);
    }
}
