package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.luotsi.core.ConfigurationException;
import io.luotsi.core.http.RequestBody;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.GlobalGroupId;
import io.luotsi.xroad.ProviderErrorException;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.rest.RestResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON and YAML configuration of docs/reference/fake-security-server-config.md. */
class ConfigLoaderTest {

    static final ClientId CLIENT = ClientId.parse("DEV/COM/4321/TestClient");
    static final ClientId LEGACY = ClientId.parse("DEV/COM/4321/LegacyClient");
    static final ServiceId PETS = ServiceId.parse("DEV/COM/1234/TestService/pets");

    @TempDir
    Path dir;

    private Path copy(String resource) throws IOException {
        Path target = dir.resolve(resource);
        try (InputStream in = getClass().getResourceAsStream("/config/" + resource)) {
            Files.copy(in, target);
        }
        return target;
    }

    @Test
    void fullYamlExampleConfiguresEverySetting() throws Exception {
        Path config = copy("fake-ss-full.yaml");
        copy("petstore.yaml");
        copy("rex.png");
        copy("getstate.wsdl");

        try (FakeSecurityServer fake = FakeSecurityServer.fromConfig(config).start()) {
            assertThat(fake.instance()).isEqualTo("DEV");
            assertThat(fake.serverId()).isEqualTo(SecurityServerId.parse("DEV/GOV/FAKE/fake-ss"));
            assertThat(fake.isStrict()).isTrue();
            assertThat(fake.url().getScheme()).isEqualTo("https");
            assertThat(dir.resolve("build/fake-ss-tls/cert.pem")).exists();
            assertThat(dir.resolve("build/fake-ss-tls/key.pem")).exists();
            assertThat(dir.resolve("build/fake-ss-tls/ca.pem")).exists();

            FakeRegistry registry = fake.registry();
            assertThat(registry.clients()).extracting(c -> c.id().toShortString()).containsExactly(
                    "DEV/COM/1234", "DEV/COM/1234/TestService", "DEV/COM/4321", "DEV/COM/4321/TestClient",
                    "DEV/COM/4321/LegacyClient");
            assertThat(registry.client(CLIENT).orElseThrow()).satisfies(c -> {
                assertThat(c.memberName()).isEqualTo("Test Company");
                assertThat(c.subsystemName()).isEqualTo("Test client");
                assertThat(c.connectionType()).isEqualTo(ConnectionType.HTTPS);
            });
            ServiceRegistration pets = registry.service(PETS).orElseThrow();
            assertThat(pets.type()).isEqualTo(ServiceType.OPENAPI3);
            assertThat(pets.openApi().orElseThrow().contentAsString()).startsWith("openapi: 3.0.0");
            assertThat(pets.openApi().orElseThrow().mediaType()).isEqualTo("application/yaml");
            assertThat(pets.accessRights()).containsExactly(AccessRight.of(CLIENT, "GET", "/pets/**"),
                    AccessRight.of(CLIENT, "POST", "/pets"), AccessRight.all(LEGACY));
            assertThat(registry.service(ServiceId.parse("DEV/COM/1234/TestService/orders")).orElseThrow().backend())
                    .isEqualTo(new ServiceBackend.Forward(URI.create("http://127.0.0.1:9090/api")));
            ServiceRegistration getState = registry.service(ServiceId.parse("DEV/COM/1234/TestService/getState/v1"))
                    .orElseThrow();
            assertThat(getState.type()).isEqualTo(ServiceType.WSDL);
            assertThat(getState.wsdl().orElseThrow()).contains("http://10.1.2.3:8080/state");
            assertThat(getState.backend()).isInstanceOfSatisfying(ServiceBackend.SoapStub.class,
                    s -> assertThat(s.response().content()).contains("<state>OK</state>"));
            assertThat(registry.service(ServiceId.parse("DEV/COM/1234/TestService/getLegacy")).orElseThrow()
                    .backend()).isInstanceOfSatisfying(ServiceBackend.SoapStub.class,
                    s -> assertThat(s.response().faultValue().orElseThrow().code()).isEqualTo("SOAP-ENV:Server"));
            assertThat(pets.openApi().orElseThrow().contentType()).hasValue("application/yaml");
            assertThat(fake.globalConfOptions()).isEqualTo(new GlobalConfOptions(true, Duration.ofMinutes(10),
                    TestPki.KeyType.EC, 6));
            assertThat(registry.globalGroups()).containsExactly(GlobalGroupRegistration.of(
                    GlobalGroupId.of("DEV", "security-server-owners"), "Security server owners",
                    ClientId.parse("DEV/GOV/FAKE")));
            assertThat(fake.globalConfiguration().isInGlobalGroup(ClientId.parse("DEV/GOV/FAKE"),
                    GlobalGroupId.of("DEV", "security-server-owners"))).isTrue();

            try (XRoadClient client = fake.clientBuilder(CLIENT).build()) {
                RestResponse<String> rex = client.rest(PETS).get("/pets/1").execute(String.class);
                assertThat(rex.body()).isEqualTo("{\"id\":1,\"name\":\"Rex\",\"tag\":\"dog\"}");
                assertThat(rex.headers().value("Content-Type")).hasValue("application/json");

                assertThat(client.metaservices().getOpenApi(PETS).contentType()).isEqualTo("application/yaml");

                RestResponse<byte[]> photo = client.rest(PETS).get("/pets/1/photo").execute(byte[].class);
                assertThat(photo.body()).isEqualTo(Files.readAllBytes(dir.resolve("rex.png")));
                assertThat(photo.headers().value("Content-Type")).hasValue("image/png");

                Throwable missing = catchThrowable(() -> client.rest(PETS).get("/pets/9").execute(String.class));
                assertThat(missing).isInstanceOfSatisfying(ProviderErrorException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.bodyAsString()).isEqualTo("No such pet");
                    assertThat(e.headers().value("Cache-Control")).hasValue("no-store");
                });

                RestResponse<Void> created = client.rest(PETS).post("/pets")
                        .body(RequestBody.of("{}".getBytes(StandardCharsets.UTF_8), "application/json")).execute();
                assertThat(created.status()).isEqualTo(201);
                assertThat(created.location()).hasValue("/pets/2");

                assertThat(fake.messageLogDirectory()).hasValue(dir.resolve("build/message-log"));
                assertThat(fake.recordings().last().messageLog()).hasSize(2).allSatisfy(p -> {
                    assertThat(p.getParent()).isEqualTo(dir.resolve("build/message-log"));
                    assertThat(p).isRegularFile();
                });

                Throwable closed = catchThrowable(() -> client.rest(ServiceId.parse(
                        "DEV/COM/1234/TestService/closed")).get("/").execute(String.class));
                assertThat(closed).isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.faultString())
                        .hasValue("Service SERVICE:DEV/COM/1234/TestService/closed is disabled: Closed for maintenance"));
            }
            try (XRoadClient legacy = XRoadClient.builder().securityServer(fake.httpUrl()).client(LEGACY).build()) {
                assertThat(legacy.rest(PETS).get("/pets/1").execute(String.class).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void jsonConfigurationForwardsAndStubs() throws Exception {
        try (LoopbackProvider provider = new LoopbackProvider()) {
            Path config = dir.resolve("forwarding.json");
            try (InputStream in = getClass().getResourceAsStream("/config/forwarding.json")) {
                Files.writeString(config, new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("PROVIDER_PORT", String.valueOf(provider.baseUrl().getPort())));
            }
            ClientId consumer = ClientId.parse("EE/BUSINESS/consumer/sub");

            try (FakeSecurityServer fake = FakeSecurityServer.fromConfig(config).start();
                 XRoadClient client = fake.clientBuilder(consumer).build()) {

                client.rest(ServiceId.parse("EE/BUSINESS/producer/sub/echo")).get("/echo/{id}", 5)
                        .execute(String.class);
                RestResponse<String> hello = client.rest(ServiceId.parse("EE/BUSINESS/producer/sub/hello"))
                        .get("/").execute(String.class);
                Throwable tooBig = catchThrowable(() -> client.rest(ServiceId.parse("EE/BUSINESS/producer/sub/echo"))
                        .post("/echo").body(RequestBody.of(new byte[2049], "application/octet-stream")).execute());

                assertThat(fake.url().getScheme()).isEqualTo("http");
                assertThat(provider.single().rawPath()).isEqualTo("/base/echo/5");
                assertThat(hello.body()).isEqualTo("{\"hello\":\"world\"}");
                assertThat(hello.headers().value("X-Stub")).hasValue("1");
                assertThat(tooBig).isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo("server.clientproxy.io_error"));
            }
        }
    }

    @Test
    void globalConfigurationOptionsTakeSecondsAndCanBeDisabled() throws Exception {
        Path config = dir.resolve("conf.yaml");
        Files.writeString(config, "globalConfiguration:\n  validity: 120\n  keyType: RSA\n  maxVersion: 3\n");
        Path off = dir.resolve("off.json");
        Files.writeString(off, "{\"globalConfiguration\": {\"enabled\": false}}");

        try (FakeSecurityServer fake = FakeSecurityServer.fromConfig(config).start()) {
            assertThat(fake.globalConfOptions()).isEqualTo(new GlobalConfOptions(true, Duration.ofMinutes(2),
                    TestPki.KeyType.RSA, 3));
            assertThat(fake.anchor().verificationCertificates().get(0).getPublicKey().getAlgorithm())
                    .isEqualTo("RSA");
        }
        try (FakeSecurityServer fake = FakeSecurityServer.fromConfig(off).start()) {
            assertThat(fake.globalConfOptions().enabled()).isFalse();
            assertThatThrownBy(fake::anchor).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void builderFromConfigCanBeAdjustedBeforeStart() throws Exception {
        Path config = dir.resolve("small.yaml");
        Files.writeString(config, "instance: XY\n");

        try (FakeSecurityServer fake = FakeSecurityServer.fromConfig(config).instance("ZZ").strict(false).start()) {
            assertThat(fake.instance()).isEqualTo("ZZ");
            assertThat(fake.isStrict()).isFalse();
            assertThat(fake.url().getScheme()).isEqualTo("http");
        }
    }

    @Test
    void unknownPropertyIsAConfigurationErrorNamingTheFile() throws Exception {
        Path config = dir.resolve("typo.yaml");
        Files.writeString(config, "instance: DEV\nservicez: []\n");

        assertThatThrownBy(() -> FakeSecurityServer.fromConfig(config))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("typo.yaml")
                .hasMessageContaining("servicez");
    }

    @Test
    void invalidContentIsAConfigurationErrorSayingWhat() throws Exception {
        assertConfigError("services:\n  - type: REST\n", "services[].id is required");
        assertConfigError("services:\n  - id: DEV/COM/1/S/x\n    forwardTo: http://127.0.0.1:1\n    stubs: [{}]\n",
                "has both forwardTo and stubs");
        assertConfigError("bodyLimit: lots\n", "bodyLimit must be a byte count");
        assertConfigError("members:\n  - id: DEV/COM/1/Sub\n", "members[].id must be INSTANCE/CLASS/CODE");
        assertConfigError("services:\n  - id: DEV/COM/1/S/x\n    type: OPENAPI3\n    openApi: missing.yaml\n",
                "cannot read OpenAPI document missing.yaml");
        assertConfigError("services:\n  - id: DEV/COM/1/S/x\n    stubs: [{json: {a: 1}, body: b}]\n",
                "may have one of json, body, bodyFile");
        assertConfigError("globalConfiguration:\n  validity: ten minutes\n",
                "globalConfiguration.validity must be seconds or an ISO-8601 duration");
        assertConfigError("globalConfiguration:\n  maxVersion: 7\n", "maxVersion must be 2 to 6");
        assertConfigError("globalConfiguration:\n  keyType: DSA\n", "DSA");
        assertConfigError("globalGroups:\n  - description: no code\n", "globalGroups[].code is required");
        assertConfigError("services:\n  - id: DEV/COM/1/S/listMethods\n", "reserved");
        assertConfigError("messageLog:\n  enabled: true\n", "messageLog.directory is required");
    }

    @Test
    void theMessageLogIsOffUnlessConfigured() throws Exception {
        Path off = dir.resolve("off.yaml");
        Files.writeString(off, "messageLog:\n  enabled: false\n  directory: log\n");
        Path on = dir.resolve("on.yaml");
        Files.writeString(on, "messageLog:\n  directory: log\n");
        Path absent = dir.resolve("absent.yaml");
        Files.writeString(absent, "instance: DEV\n");

        assertThat(FakeSecurityServer.fromConfig(off).build().messageLogDirectory()).isEmpty();
        assertThat(FakeSecurityServer.fromConfig(absent).build().messageLogDirectory()).isEmpty();
        assertThat(FakeSecurityServer.fromConfig(on).build().messageLogDirectory()).hasValue(dir.resolve("log"));
    }

    @Test
    void missingFileIsAConfigurationError() {
        assertThatThrownBy(() -> FakeSecurityServer.fromConfig(dir.resolve("absent.yaml")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("absent.yaml");
        assertThatThrownBy(() -> FakeSecurityServer.fromClasspathConfig("no/such.yaml"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not found on the classpath");
    }

    @Test
    void bodyLimitTakesBytesAndUnits() {
        assertThat(ConfigLoader.parseSize(IntNode.valueOf(4096))).isEqualTo(4096);
        assertThat(ConfigLoader.parseSize(TextNode.valueOf("512KiB"))).isEqualTo(512 * 1024);
        assertThat(ConfigLoader.parseSize(TextNode.valueOf("64MiB"))).isEqualTo(64L * 1024 * 1024);
        assertThat(ConfigLoader.parseSize(TextNode.valueOf("10MB"))).isEqualTo(10_000_000);
        assertThat(ConfigLoader.parseSize(TextNode.valueOf("1 GiB"))).isEqualTo(1L << 30);
        assertThat(ConfigLoader.parseSize(TextNode.valueOf("100"))).isEqualTo(100);
    }

    @Test
    void referenceDocumentationShowsTheTestedExample() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "reference", "fake-security-server-config.md"));
        String example;
        try (InputStream in = getClass().getResourceAsStream("/config/fake-ss-full.yaml")) {
            example = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(doc).contains("```yaml\n" + example + "```");
    }

    private void assertConfigError(String yaml, String message) throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, yaml);
        assertThatThrownBy(() -> FakeSecurityServer.fromConfig(config))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message);
    }
}
