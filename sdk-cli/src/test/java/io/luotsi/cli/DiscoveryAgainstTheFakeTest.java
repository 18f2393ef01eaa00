package io.luotsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.testkit.FakeSecurityServer;
import io.luotsi.testkit.OpenApiDocument;
import io.luotsi.testkit.ServiceRegistration;
import io.luotsi.testkit.TestPki;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `luotsi discover` and `luotsi globalconf` end to end against the test kit's fake Security Server. */
class DiscoveryAgainstTheFakeTest {

    static final Instant NOW = Instant.parse("2026-04-01T08:00:00Z");
    static final ClientId CONSUMER = ClientId.parse("DEV/COM/4321/TestClient");
    static final ClientId PROVIDER = ClientId.parse("DEV/COM/1234/TestService");
    static final ServiceId PETS = PROVIDER.service("pets");
    static final String OPENAPI = """
            openapi: 3.0.0
            info: {title: Pets, version: 1.0.0}
            servers:
              - url: http://petstore.example/v1
            paths:
              /pets/{id}:
                get:
                  responses:
                    "200": {description: A pet}
                delete:
                  responses:
                    "204": {description: Deleted}
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private FakeSecurityServer fake;

    @BeforeEach
    void start() {
        fake = FakeSecurityServer.builder()
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .member(CONSUMER.member(), "Test Company")
                .subsystem(CONSUMER, "Test client")
                .member(PROVIDER.member(), "Pet Shop Ltd")
                .subsystem(PROVIDER, "Pet service")
                .service(ServiceRegistration.openApi3(PETS).openApi(OpenApiDocument.of("pets.yaml", OPENAPI))
                        .allow(CONSUMER, "GET", "/pets/*"))
                .start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Luotsi.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void discoverClientsListsTheRegistryWithNames() {
        int code = run("discover", "clients", "--security-server", fake.url().toString(), "--client",
                CONSUMER.toShortString());

        assertThat(code).isZero();
        assertThat(stdout()).isEqualTo("""
                MEMBER:DEV/COM/4321\tTest Company\t-
                SUBSYSTEM:DEV/COM/4321/TestClient\tTest Company\tTest client
                MEMBER:DEV/COM/1234\tPet Shop Ltd\t-
                SUBSYSTEM:DEV/COM/1234/TestService\tPet Shop Ltd\tPet service
                MEMBER:DEV/GOV/FAKE\tFAKE\t-
                """);
        assertThat(fake.recordings().last().request().path()).isEqualTo("/listClients");
    }

    @Test
    void discoverMethodsAndAllowedListEndpoints() {
        int methods = run("discover", "methods", "--security-server", fake.url().toString(), "--client",
                CONSUMER.toShortString(), "--service", PROVIDER.toShortString());
        String listed = stdout();
        int allowed = run("discover", "allowed", "--security-server", fake.url().toString(), "--client",
                CONSUMER.toShortString(), "--service", PROVIDER.toShortString());

        assertThat(methods).isZero();
        assertThat(listed).isEqualTo("SERVICE:DEV/COM/1234/TestService/pets\tOPENAPI\tGET /pets/*, DELETE /pets/*\n");
        assertThat(allowed).isZero();
        assertThat(stdout()).isEqualTo("SERVICE:DEV/COM/1234/TestService/pets\tOPENAPI\tGET /pets/*\n");
    }

    @Test
    void discoverOpenApiPrintsTheDocumentWithServerUrlsReducedToPaths() {
        int code = run("discover", "openapi", "--security-server", fake.url().toString(), "--client",
                CONSUMER.toShortString(), "--service", PETS.toShortString());

        assertThat(code).isZero();
        assertThat(stdout()).startsWith("---\nopenapi: \"3.0.0\"").contains("- url: \"/v1\"")
                .doesNotContain("petstore.example");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Content-Type: text/plain");
    }

    @Test
    void discoverSoapMethodsAndWsdl() {
        ServiceId getState = PROVIDER.service("getState").withVersion("v1");
        fake.registry().service(ServiceRegistration.wsdl(getState)
                .wsdl("""
                        <definitions xmlns="http://schemas.xmlsoap.org/wsdl/"
                            xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" targetNamespace="http://pets.example">
                          <portType name="p"><operation name="getState"/></portType>
                          <service name="s"><port name="q" binding="b">
                            <soap:address location="http://10.1.2.3/internal"/></port></service>
                        </definitions>""")
                .allow(CONSUMER).build());

        int methods = run("discover", "methods", "--soap", "--security-server", fake.url().toString(), "--client",
                CONSUMER.toShortString(), "--service", PROVIDER.toShortString());
        String listed = stdout();
        int wsdl = run("discover", "wsdl", "--security-server", fake.url().toString(), "--client",
                CONSUMER.toShortString(), "--service", getState.toShortString());

        assertThat(methods).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(listed).isEqualTo("SERVICE:DEV/COM/1234/TestService/getState/v1\tWSDL\n");
        assertThat(wsdl).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(stdout()).contains("<operation name=\"getState\"/>")
                .contains("http://example.org/xroad-endpoint").doesNotContain("10.1.2.3");
    }

    @Test
    void discoverOpenApiOfARestServiceIsXRoadsError() {
        fake.registry().service(ServiceRegistration.rest(PROVIDER.service("orders")).allow(CONSUMER));
        fake.expectUnmatched();

        int code = run("discover", "openapi", "--security-server", fake.url().toString(), "--client",
                CONSUMER.toShortString(), "--service", "DEV/COM/1234/TestService/orders");

        assertThat(code).isEqualTo(Luotsi.XROAD_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("X-ROAD-ERROR server.serverproxy.internal_error origin=provider_security_server");
    }

    @Test
    void globalconfVerifiesADirectoryDownloadedFromTheFakeWithTheAnchorCertificate() throws Exception {
        Path directory = dir.resolve("internalconf");
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(fake.globalConfigurationUrl() + "?version=6")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Files.write(directory, download.body());
        Path anchorCert = dir.resolve("anchor.pem");
        Files.writeString(anchorCert, TestPki.pem("CERTIFICATE",
                fake.anchor().verificationCertificates().get(0).getEncoded()));
        Path otherCert = dir.resolve("ca.pem");
        Files.writeString(otherCert, TestPki.pem("CERTIFICATE", fake.pki().caCertificate().getEncoded()));

        int ok = run("globalconf", "verify", directory.toString(), "--cert", anchorCert.toString(), "--at",
                NOW.plus(Duration.ofMinutes(1)).toString());
        String verified = stdout();
        int outdated = run("globalconf", "verify", directory.toString(), "--cert", anchorCert.toString(), "--at",
                NOW.plus(Duration.ofMinutes(11)).toString());
        String expired = stdout();
        int wrong = run("globalconf", "verify", directory.toString(), "--cert", otherCert.toString(), "--at",
                NOW.plus(Duration.ofMinutes(1)).toString());

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(ok).isZero();
        assertThat(verified).isEqualTo("OK 2 parts expires=" + NOW.plus(Duration.ofMinutes(10)) + "\n");
        assertThat(outdated).isEqualTo(2);
        assertThat(expired).isEqualTo("ERROR global_conf_outdated\n");
        assertThat(wrong).isEqualTo(2);
        assertThat(stdout()).isEqualTo("ERROR global_conf_missing_verification_cert\n");
    }

    @Test
    void globalconfShowSummarisesTheFakesOnDiskLayout() {
        Path conf = dir.resolve("globalconf");
        fake.writeGlobalConfigurationDirectory(conf);

        int code = run("globalconf", "show", conf.toString());

        assertThat(code).isZero();
        assertThat(stdout()).startsWith("configuration of DEV, instances [DEV], expires "
                        + NOW.plus(Duration.ofMinutes(10)))
                .contains("instance DEV (shared parameters V6): 3 members, 2 subsystems, 1 security servers",
                        "    SUBSYSTEM:DEV/COM/1234/TestService  \"Pet service\"",
                        "  SERVER:DEV/GOV/FAKE/fake-ss  address=127.0.0.1  clients=4");
    }
}
