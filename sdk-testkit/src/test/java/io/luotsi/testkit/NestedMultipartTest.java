package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.provider.SoapProvider;
import io.luotsi.xroad.provider.SoapReply;
import io.luotsi.xroad.soap.Attachment;
import io.luotsi.xroad.soap.AttachmentSource;
import io.luotsi.xroad.soap.DecodedSoapMessage;
import io.luotsi.xroad.soap.MimeHeaders;
import io.luotsi.xroad.soap.RequestHash;
import io.luotsi.xroad.soap.SoapMessageDecoder;
import io.luotsi.xroad.soap.SoapResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attachments sent as one nested {@code multipart/mixed} part (X-Road's {@code attachm.query}) through the whole chain:
 * client, the fake Security Server, a Luotsi provider, and back. The fake passes the request on as X-Road's provider
 * Security Server does ({@code ProxyMessage.writeSoapContent}): the client's content type and boundary, the SOAP part
 * byte for byte, the attachments flattened, each with its MIME headers.
 */
class NestedMultipartTest {

    static final ClientId CONSUMER = ClientId.parse("EE/BUSINESS/consumer");
    static final ServiceId TEST = ClientId.parse("EE/BUSINESS/producer").service("test");

    FakeSecurityServer fake;
    HttpServer provider;
    final AtomicReference<byte[]> rawBody = new AtomicReference<>();
    final AtomicReference<String> rawContentType = new AtomicReference<>();
    final List<String> seen = new CopyOnWriteArrayList<>();
    final AtomicReference<byte[]> seenSoapPart = new AtomicReference<>();

    /** An attachment as "content type | headers other than Content-Type | content". */
    static String describe(Attachment a) {
        return describe(a, false);
    }

    /** As {@link #describe(Attachment)}, without the Content-Transfer-Encoding the provider's echo adds. */
    static String describeEcho(Attachment a) {
        return describe(a, true);
    }

    private static String describe(Attachment a, boolean echo) {
        StringBuilder sb = new StringBuilder(a.contentType()).append(" |");
        for (MimeHeaders.Header h : a.headers().all()) {
            if (!h.name().equalsIgnoreCase("Content-Type")
                    && !(echo && h.name().equalsIgnoreCase("Content-Transfer-Encoding"))) {
                sb.append(' ').append(h.name()).append('=').append(h.value());
            }
        }
        return sb.append(" | ").append(new String(a.bytes(), StandardCharsets.UTF_8)).toString();
    }

    @BeforeEach
    void start() throws Exception {
        SoapProvider soap = SoapProvider.builder().handler("test", r -> {
            seenSoapPart.set(r.message().bytes());
            SoapReply reply = SoapReply.xml("<response>" + r.attachments().size() + " attachments</response>");
            for (Attachment a : r.attachments()) {
                seen.add(describe(a));
                AttachmentSource echo = AttachmentSource.ofBytes(a.bytes(), a.contentType());
                for (MimeHeaders.Header h : a.headers().all()) {
                    if (!h.name().equalsIgnoreCase("Content-Type")) {
                        echo = echo.withHeader(h.name(), h.value());
                    }
                }
                reply = reply.withAttachment(echo);
            }
            return reply;
        }).build();
        // The provider API behind the JDK server, with the raw request kept for the assertions.
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            rawBody.set(body);
            rawContentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            SoapProvider.Exchange replay = new SoapProvider.Exchange() {
                @Override
                public String method() {
                    return exchange.getRequestMethod();
                }

                @Override
                public String header(String name) {
                    return exchange.getRequestHeaders().getFirst(name);
                }

                @Override
                public java.io.InputStream body() {
                    return new ByteArrayInputStream(body);
                }

                @Override
                public java.io.OutputStream respond(int status, String contentType) throws java.io.IOException {
                    exchange.getResponseHeaders().set("Content-Type", contentType);
                    exchange.sendResponseHeaders(status, 0);
                    return exchange.getResponseBody();
                }
            };
            soap.handle(replay);
            exchange.close();
        });
        provider.start();
        fake = FakeSecurityServer.builder().instance("EE").member(CONSUMER, "Consumer")
                .service(ServiceRegistration.wsdl(TEST).allow(CONSUMER)
                        .forwardTo("http://127.0.0.1:" + provider.getAddress().getPort() + "/test"))
                .start();
    }

    @AfterEach
    void stop() {
        fake.close();
        provider.stop(0);
    }

    @Test
    void xroadsNestedAttachmentQueryReachesTheProviderFlattenedAndComesBackByteExact() {
        byte[] query = SoapFixtures.bytes("attachm.query");
        byte[] soapPart;
        try (DecodedSoapMessage sent = SoapMessageDecoder.create().decode(new ByteArrayInputStream(query),
                SoapFixtures.MULTIPART)) {
            soapPart = sent.soap().bytes();
        }

        HttpResponse<byte[]> r = SoapFixtures.post(fake.httpUrl(), query, SoapFixtures.MULTIPART, "\"\"");

        // The provider: the client's content type, one flat attachment with its own header, the SOAP part as sent.
        assertThat(rawContentType.get()).isEqualTo(SoapFixtures.MULTIPART);
        String forwarded = new String(rawBody.get(), StandardCharsets.UTF_8);
        assertThat(forwarded).startsWith("--jetty771207119h3h10dty\r\n").doesNotContain("multipart/mixed")
                .doesNotContain("jetty1627004719h3h10du0").contains("Client-Header: FooBar");
        assertThat(seenSoapPart.get()).isEqualTo(soapPart);
        assertThat(seen).containsExactly("text/plain | Client-Header=FooBar | blaah");
        assertThat(fake.recordings().single(TEST).providerRequest().orElseThrow().body()).isEqualTo(rawBody.get());

        // Back at the client: the response with the request hash of the SOAP part sent, the attachment as it went.
        try (DecodedSoapMessage back = SoapMessageDecoder.create().decode(new ByteArrayInputStream(r.body()),
                r.headers().firstValue("Content-Type").orElseThrow())) {
            assertThat(back.message().bodyXml()).contains("<response>1 attachments</response>");
            assertThat(back.message().header().requestHash()).hasValue(RequestHash.sha512(soapPart));
            assertThat(back.attachments()).singleElement().satisfies(a ->
                    assertThat(describeEcho(a)).isEqualTo("text/plain | Client-Header=FooBar | blaah"));
        }
    }

    @Test
    void aLuotsiClientsNestedMultipartAttachmentIsFlattenedOnTheWayAndBothPartsComeBack() {
        byte[] binary = new byte[30_000];
        new Random(3).nextBytes(binary);
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        nested.writeBytes(("--inner-b\r\nContent-Type: text/plain; charset=UTF-8\r\nClient-Header: one\r\n\r\n"
                + "first part\r\n--inner-b\r\nContent-Type: application/octet-stream\r\nContent-ID: <bin@x>\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        nested.writeBytes(binary);
        nested.writeBytes("\r\n--inner-b--\r\n".getBytes(StandardCharsets.US_ASCII));

        try (XRoadClient client = fake.clientBuilder(CONSUMER).build();
             SoapResponse<String> r = client.soap(TEST).requestXml("<t:test xmlns:t=\"urn:t\"/>")
                     .attach(AttachmentSource.ofBytes(nested.toByteArray(), "multipart/mixed; boundary=inner-b"))
                     .verifyRequestHash(true).execute(String.class)) {

            assertThat(r.body()).contains("<response>2 attachments</response>");
            assertThat(r.attachments()).hasSize(2);
            assertThat(describeEcho(r.attachments().get(0))).isEqualTo("text/plain; charset=UTF-8 | Client-Header=one | "
                    + "first part");
            Attachment bin = r.attachment("bin@x").orElseThrow();
            assertThat(bin.bytes()).isEqualTo(binary);
        }
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isEqualTo("text/plain; charset=UTF-8 | Client-Header=one | first part");
        assertThat(new String(rawBody.get(), StandardCharsets.ISO_8859_1)).doesNotContain("inner-b")
                .contains("Content-ID: <bin@x>");
    }
}
