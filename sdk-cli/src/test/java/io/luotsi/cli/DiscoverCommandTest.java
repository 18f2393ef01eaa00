package io.luotsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `luotsi discover` against a Security Server that answers with PR-META / PR-MREST examples. */
class DiscoverCommandTest {

    private final MockWebServer server = new MockWebServer();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private int run(String... args) {
        return Luotsi.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void listsClients() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/xml; charset=UTF-8").body(
                "<ns2:clientList xmlns:ns1=\"http://x-road.eu/xsd/identifiers\" xmlns:ns2=\"http://x-road.eu/xsd/xroad.xsd\">"
                + "<ns2:member><ns2:id ns1:objectType=\"SUBSYSTEM\"><ns1:xRoadInstance>AA</ns1:xRoadInstance>"
                + "<ns1:memberClass>ENT</ns1:memberClass><ns1:memberCode>CLIENT1</ns1:memberCode>"
                + "<ns1:subsystemCode>sub</ns1:subsystemCode></ns2:id><ns2:name>Client One</ns2:name>"
                + "<ns2:subsystemName>Client One Sub</ns2:subsystemName></ns2:member></ns2:clientList>").build());

        int code = run("discover", "clients", "--security-server", server.url("/").toString(), "--client", "AA/ENT/ME");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("SUBSYSTEM:AA/ENT/CLIENT1/sub\tClient One\tClient One Sub\n");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/listClients");
    }

    @Test
    void listsMethodsOfAProviderWithTheirEndpoints() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(
                "{\"service\":[{\"member_class\":\"CLASS2\",\"member_code\":\"MEMBER2\",\"object_type\":\"SERVICE\","
                + "\"service_code\":\"payloadgen\",\"service_type\":\"OPENAPI\",\"subsystem_code\":\"SUBSYSTEM2\","
                + "\"xroad_instance\":\"INSTANCE\",\"endpoint_list\":[{\"method\":\"GET\",\"path\":\"/pet/*\"}]}]}")
                .build());

        int code = run("discover", "methods", "--security-server", server.url("/").toString(), "--client",
                "INSTANCE/CLASS1/MEMBER1/SUB1", "--service", "INSTANCE/CLASS2/MEMBER2/SUBSYSTEM2");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("SERVICE:INSTANCE/CLASS2/MEMBER2/SUBSYSTEM2/payloadgen\tOPENAPI\t")
                .contains("GET /pet/*");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getTarget()).isEqualTo("/r1/INSTANCE/CLASS2/MEMBER2/SUBSYSTEM2/listMethods");
        assertThat(r.getHeaders().get("X-Road-Client")).isEqualTo("INSTANCE/CLASS1/MEMBER1/SUB1");
    }

    @Test
    void printsAnOpenApiDocument() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/yaml")
                .body("openapi: 3.0.0\nservers:\n  - url: /v1\n").build());

        int code = run("discover", "openapi", "--security-server", server.url("/").toString(), "--client",
                "DEV/COM/4321/TestClient", "--service", "DEV/COM/1234/TestService/pets");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("openapi: 3.0.0");
        assertThat(server.takeRequest().getTarget())
                .isEqualTo("/r1/DEV/COM/1234/TestService/getOpenAPI?serviceCode=pets");
    }

    @Test
    void methodsWithoutAProviderIsAUsageError() {
        int code = run("discover", "methods", "--security-server", server.url("/").toString(), "--client", "AA/ENT/ME");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--service");
    }
}
