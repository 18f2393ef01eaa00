package io.luotsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestCommandTest {

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

    private int run(String stdin, String... args) {
        return Luotsi.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String base() {
        return server.url("/").toString();
    }

    @Test
    void printsTheBodyOnStdoutAndTheStatusAndXRoadHeadersOnStderr() throws Exception {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                .addHeader("X-Road-Id", "m-1").addHeader("X-Road-Request-Id", "r-1")
                .addHeader("X-Road-Request-Hash", "aGFzaA==").body("{\"ok\":true}").build());

        int code = run("", "rest", "--security-server", base(), "--client", "EE/GOV/1234/s%2Fub",
                "--service", "EE/GOV/5678/reg/%C3%B6%C3%A4%C3%A5", "--path", "/path%3B/x?q=a%20b",
                "--user-id", "EE37702211234", "--issue", "case-1", "--represented-party", "COM/MEMBER3",
                "--message-id", "m-1", "--header", "X-Custom: yes");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP 200").contains("X-Road-Request-Id: r-1")
                .contains("X-Road-Request-Hash: aGFzaA==");
        RecordedRequest r = server.takeRequest();
        assertThat(r.getTarget()).isEqualTo("/r1/EE/GOV/5678/reg/%C3%B6%C3%A4%C3%A5/path%3B/x?q=a%20b");
        assertThat(r.getHeaders().get("X-Road-Client")).isEqualTo("EE/GOV/1234/s%2Fub");
        assertThat(r.getHeaders().get("X-Road-Id")).isEqualTo("m-1");
        assertThat(r.getHeaders().get("X-Road-UserId")).isEqualTo("EE37702211234");
        assertThat(r.getHeaders().get("X-Road-Issue")).isEqualTo("case-1");
        assertThat(r.getHeaders().get("X-Road-Represented-Party")).isEqualTo("COM/MEMBER3");
        assertThat(r.getHeaders().get("X-Custom")).isEqualTo("yes");
    }

    @Test
    void acceptsARawSpaceInALegacyClientId() throws Exception {
        server.enqueue(new MockResponse.Builder().body("x").build());

        int code = run("", "rest", "--security-server", base(), "--client", "EE/GOV/TS1OWNER/mgmt service provider",
                "--service", "EE/GOV/5678/reg/get");

        assertThat(code).isZero();
        assertThat(server.takeRequest().getHeaders().get("X-Road-Client"))
                .isEqualTo("EE/GOV/TS1OWNER/mgmt%20service%20provider");
    }

    @Test
    void anXRoadErrorPrintsOneLineAndExitsWith3() {
        server.enqueue(new MockResponse.Builder().code(500)
                .addHeader("X-Road-Error", "Server.ServerProxy.AccessDenied")
                .addHeader("Content-Type", "application/json")
                .body("{\"type\":\"Server.ServerProxy.AccessDenied\",\"message\":\"not allowed\",\"detail\":\"d\"}")
                .build());

        int code = run("", "rest", "--security-server", base(), "--client", "EE/GOV/1234",
                "--service", "EE/GOV/5678/reg/get");

        assertThat(code).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "X-ROAD-ERROR server.serverproxy.access_denied origin=provider_security_server retryable=false");
        assertThat(out.size()).isZero();
    }

    @Test
    void aProvidersOwnErrorPrintsItsBodyAndExitsWith4() {
        server.enqueue(new MockResponse.Builder().code(404).body("{\"error\":\"no such person\"}").build());

        int code = run("", "rest", "--security-server", base(), "--client", "EE/GOV/1234",
                "--service", "EE/GOV/5678/reg/get", "--path", "/persons/9");

        assertThat(code).isEqualTo(4);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP 404");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"no such person\"}");
    }

    @Test
    void anUnreachableSecurityServerExitsWith5() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }

        int code = run("", "rest", "--security-server", "http://127.0.0.1:" + port, "--client", "EE/GOV/1234",
                "--service", "EE/GOV/5678/reg/get");

        assertThat(code).isEqualTo(5);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("could not connect");
    }

    @Test
    void sendsDataFromTextFileOrStdin(@TempDir Path dir) throws Exception {
        server.enqueue(new MockResponse.Builder().body("1").build());
        server.enqueue(new MockResponse.Builder().body("2").build());
        server.enqueue(new MockResponse.Builder().body("3").build());
        Path file = dir.resolve("body.bin");
        Files.write(file, new byte[] {0, 1, 2, (byte) 0xFF});
        String[] common = {"rest", "--security-server", base(), "--client", "EE/GOV/1234",
                "--service", "EE/GOV/5678/reg/post", "--method", "POST"};

        assertThat(run("", concat(common, "--data", "{\"a\":1}"))).isZero();
        assertThat(run("", concat(common, "--data", "@" + file, "--header", "Content-Type: application/pdf"))).isZero();
        assertThat(run("from stdin", concat(common, "--data", "-"))).isZero();

        RecordedRequest text = server.takeRequest();
        assertThat(text.getBody().utf8()).isEqualTo("{\"a\":1}");
        assertThat(text.getHeaders().get("Content-Type")).isEqualTo("application/json");
        RecordedRequest binary = server.takeRequest();
        assertThat(binary.getBody().toByteArray()).containsExactly(0, 1, 2, 0xFF);
        assertThat(binary.getHeaders().get("Content-Type")).isEqualTo("application/pdf");
        assertThat(server.takeRequest().getBody().utf8()).isEqualTo("from stdin");
    }

    @Test
    void aMalformedIdIsAUsageError() {
        int code = run("", "rest", "--security-server", base(), "--client", "EE/GOV",
                "--service", "EE/GOV/5678/reg/get");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("3 or 4 parts");
    }

    @Test
    void aMissingTlsDirectoryIsAConfigurationError(@TempDir Path dir) {
        int code = run("", "rest", "--security-server", "https://127.0.0.1:1", "--client", "EE/GOV/1234",
                "--service", "EE/GOV/5678/reg/get", "--tls-dir", dir.resolve("nope").toString());

        assertThat(code).isEqualTo(6);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope");
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
