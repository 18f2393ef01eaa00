package io.luotsi.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.core.CallInfo;
import io.luotsi.core.HttpPipeline;
import io.luotsi.core.RequestContext;
import io.luotsi.core.ResponseClassifier;
import io.luotsi.core.TransportException;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class OkHttpTransportTlsTest {

    private static TestPki.Issued serverCa;
    private static TestPki.Issued clientCa;
    private static TestPki.Issued server;
    private static TestPki.Issued client;

    private final MockWebServer mockServer = new MockWebServer();

    @BeforeAll
    static void issueCertificates() {
        serverCa = TestPki.ca("Test Security Server CA");
        clientCa = TestPki.ca("Test Information System CA");
        server = TestPki.server(serverCa, "localhost", "127.0.0.1");
        client = TestPki.client(clientCa, "information-system", true);
    }

    @AfterEach
    void stop() {
        mockServer.close();
    }

    private HttpRequest startAndRequest(TestPki.Issued serverIdentity, boolean requireClientCertificate)
            throws IOException {
        mockServer.useHttps(TestPki.serverSocketFactory(serverIdentity, clientCa.certificate()));
        if (requireClientCertificate) {
            mockServer.requireClientAuth();
        }
        mockServer.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        mockServer.start();
        return HttpRequest.builder().uri("https://localhost:" + mockServer.getPort() + "/r1/x").build();
    }

    private static TransportException failure(TlsConfig tls, HttpRequest request) {
        try (OkHttpTransport transport = OkHttpTransport.builder().tls(tls).build()) {
            HttpPipeline pipeline = HttpPipeline.builder().transport(transport).build();
            RequestContext context = RequestContext.empty();
            HttpPipeline.Call call = new HttpPipeline.Call(request, context, CallInfo.of("GET", "svc", context), null,
                    ResponseClassifier.ACCEPT_ALL);
            return catchThrowableOfType(TransportException.class, () -> pipeline.execute(call));
        }
    }

    @Test
    void mutualTlsPresentsTheClientCertificateTheServerRequires() throws Exception {
        HttpRequest request = startAndRequest(server, true);
        TlsConfig tls = TlsConfig.of(client.keyManager(), TestPki.trusting(serverCa.certificate()));

        try (OkHttpTransport transport = OkHttpTransport.builder().tls(tls).build();
             HttpResponse response = transport.execute(request)) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().string(100)).isEqualTo("ok");
        }

        RecordedRequest recorded = mockServer.takeRequest();
        assertThat(recorded.getHandshake()).isNotNull();
        List<java.security.cert.Certificate> presented = recorded.getHandshake().peerCertificates();
        assertThat(presented).isNotEmpty();
        assertThat(((X509Certificate) presented.get(0)).getSubjectX500Principal().getName())
                .isEqualTo("CN=information-system");
    }

    @Test
    void withoutAClientCertificateAServerThatRequiresOneRefusesTheCall() throws Exception {
        HttpRequest request = startAndRequest(server, true);

        TransportException e = failure(TlsConfig.trustOnly(TestPki.trusting(serverCa.certificate())), request);

        assertThat(e).isNotNull();
        assertThat(mockServer.getRequestCount()).isZero();
    }

    @Test
    void serverAuthenticationOnlyWorksWhenTheServerDoesNotAskForACertificate() throws Exception {
        HttpRequest request = startAndRequest(server, false);
        TlsConfig tls = TlsConfig.trustOnly(TestPki.trusting(serverCa.certificate()));

        try (OkHttpTransport transport = OkHttpTransport.builder().tls(tls).build();
             HttpResponse response = transport.execute(request)) {
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(tls.keyManager()).isEmpty();
    }

    @Test
    void aServerCertificateWithoutTheHostInItsNamesIsRefused() throws Exception {
        HttpRequest request = startAndRequest(TestPki.server(serverCa, "other.test"), false);

        TransportException e = failure(TlsConfig.of(client.keyManager(), TestPki.trusting(serverCa.certificate())),
                request);

        assertThat(e.phase()).isEqualTo(TransportException.Phase.CONNECT);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getCause()).isInstanceOf(SSLPeerUnverifiedException.class);
        assertThat(e.getMessage()).contains("TLS").contains("localhost:" + mockServer.getPort());
        assertThat(mockServer.getRequestCount()).isZero();
    }

    @Test
    void anUntrustedServerIsRefused() throws Exception {
        HttpRequest request = startAndRequest(server, false);
        TestPki.Issued someOtherCa = TestPki.ca("Some Other CA");

        TransportException e = failure(TlsConfig.of(client.keyManager(), TestPki.trusting(someOtherCa.certificate())),
                request);

        assertThat(e.phase()).isEqualTo(TransportException.Phase.CONNECT);
        assertThat(e.retryable()).isFalse();
        assertThat(e.requestMayHaveBeenProcessed()).isFalse();
        assertThat(e.getCause()).isInstanceOf(SSLHandshakeException.class);
        assertThat(mockServer.getRequestCount()).isZero();
    }

    @Test
    void offersOnlyTheConfiguredProtocolVersions() throws Exception {
        HttpRequest request = startAndRequest(server, true);
        TlsConfig tls = TlsConfig.of(client.keyManager(), TestPki.trusting(serverCa.certificate()))
                .withProtocols(List.of("TLSv1.2"));

        try (OkHttpTransport transport = OkHttpTransport.builder().tls(tls).build()) {
            transport.execute(request).close();
        }

        assertThat(mockServer.takeRequest().getHandshake().tlsVersion()).isEqualTo(okhttp3.TlsVersion.TLS_1_2);
    }

    @Test
    void tlsConfigChecksItsArguments() {
        assertThatThrownBy(() -> TlsConfig.of(null, TestPki.trusting(serverCa.certificate())))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("keyManager");
        assertThatThrownBy(() -> TlsConfig.trustOnly(null)).isInstanceOf(NullPointerException.class);
        TlsConfig tls = TlsConfig.trustOnly(TestPki.trusting(serverCa.certificate()));
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThatThrownBy(() -> tls.withProtocols(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(tls.sslContext()).isNotSameAs(tls.sslContext());
    }

    @Test
    void tlsConfigFromKeyStoresBuildsWorkingManagers() throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", serverCa.certificate());
        HttpRequest request = startAndRequest(server, true);

        TlsConfig tls = TlsConfig.fromKeyStores(client.keyStore(), "test".toCharArray(), trust);

        try (OkHttpTransport transport = OkHttpTransport.builder().tls(tls).build();
             HttpResponse response = transport.execute(request)) {
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(tls.keyManager()).isPresent();
        assertThat(TlsConfig.fromKeyStores(null, null, trust).keyManager()).isEmpty();
    }
}
