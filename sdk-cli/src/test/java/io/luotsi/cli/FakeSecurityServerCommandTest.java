package io.luotsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.globalconf.ConfigurationAnchor;
import io.luotsi.xroad.globalconf.GlobalConfDownloader;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `luotsi fake-ss` runs a fake Security Server that `luotsi rest` can call, over HTTP and HTTPS with client TLS. */
class FakeSecurityServerCommandTest {

    private static final String CONFIG = """
            instance: DEV
            members:
              - id: DEV/COM/4321
                name: Test Company
                subsystems:
                  - code: TestClient
                    name: Test client
              - id: DEV/COM/1234
                name: Pet Shop
                subsystems:
                  - code: TestService
                    name: Pets
            services:
              - id: DEV/COM/1234/TestService/pets
                access:
                  - client: DEV/COM/4321/TestClient
                    method: GET
                    path: /pets/**
                stubs:
                  - method: GET
                    path: /pets/1
                    json: {id: 1, name: Rex}
            """;

    /** A running `luotsi fake-ss` in a background thread; the lines it printed; its exit code. */
    private static final class Running implements AutoCloseable {
        final Thread thread;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final AtomicInteger exit = new AtomicInteger(-1);

        Running(String... args) {
            thread = new Thread(() -> exit.set(Luotsi.run(args, new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8))));
            thread.start();
        }

        String[] lines(int atLeast) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                String[] lines = out.toString(StandardCharsets.UTF_8).lines().toArray(String[]::new);
                if (lines.length >= atLeast) {
                    return lines;
                }
                if (!thread.isAlive()) {
                    throw new AssertionError("fake-ss exited with " + exit.get() + ": " + err);
                }
                Thread.sleep(50);
            }
            throw new AssertionError("fake-ss printed no URL: " + err);
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(30_000);
        }
    }

    private static int rest(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return Luotsi.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void servesCallsFromLuotsiRestUntilStopped(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("fake-ss.yaml"), CONFIG);
        try (Running fake = new Running("fake-ss", "--port", "0", "--config", config.toString())) {
            String url = fake.lines(1)[0];
            assertThat(url).startsWith("http://127.0.0.1:");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int ok = rest(out, err, "rest", "--security-server", url, "--client", "DEV/COM/4321/TestClient",
                    "--service", "DEV/COM/1234/TestService/pets", "--path", "/pets/1");
            assertThat(ok).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"name\":\"Rex\"");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP 200").contains("X-Road-Request-Hash: ");

            ByteArrayOutputStream err2 = new ByteArrayOutputStream();
            int denied = rest(new ByteArrayOutputStream(), err2, "rest", "--security-server", url,
                    "--client", "DEV/COM/4321/TestClient", "--service", "DEV/COM/1234/TestService/pets",
                    "--method", "DELETE", "--path", "/pets/1");
            assertThat(denied).isEqualTo(3);
            assertThat(err2.toString(StandardCharsets.UTF_8)).contains(
                    "X-ROAD-ERROR server.serverproxy.access_denied origin=provider_security_server retryable=false");
        }
    }

    @Test
    void printsTheConfigurationAnchorThatVerifiesWhatItServes(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("fake-ss.yaml"), CONFIG);
        try (Running fake = new Running("fake-ss", "--port", "0", "--config", config.toString())) {
            String[] lines = fake.lines(2);
            String url = lines[0];
            assertThat(lines[1]).isEqualTo("configuration anchor: " + url + "/configuration-anchor.xml");

            byte[] anchorXml = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    lines[1].substring("configuration anchor: ".length()))).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            ConfigurationAnchor anchor = ConfigurationAnchor.parse(anchorXml);
            try (GlobalConfDownloader downloader = GlobalConfDownloader.builder().anchor(anchor).build()) {
                assertThat(downloader.download().configuration().subsystem(
                        ClientId.parse("DEV/COM/1234/TestService")).orElseThrow().name()).isEqualTo("Pets");
            }
        }
    }

    @Test
    void overHttpsWritesClientMaterialThatLuotsiRestUses(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("fake-ss.yaml"), CONFIG);
        Path tls = dir.resolve("tls");
        try (Running fake = new Running("fake-ss", "--port", "0", "--https", "--config", config.toString(),
                "--tls-dir", tls.toString())) {
            String[] lines = fake.lines(2);
            assertThat(lines[0]).startsWith("https://127.0.0.1:");
            assertThat(tls.resolve("cert.pem")).exists();
            assertThat(tls.resolve("key.pem")).exists();
            assertThat(tls.resolve("ca.pem")).exists();

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int ok = rest(out, err, "rest", "--security-server", lines[0], "--client", "DEV/COM/4321/TestClient",
                    "--service", "DEV/COM/1234/TestService/pets", "--path", "/pets/1", "--tls-dir", tls.toString());
            assertThat(ok).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Rex");
        }
    }

    @Test
    void itsMessageLogVerifiesWithLuotsiAsicVerifyAgainstTheGlobalConfigurationItExports(@TempDir Path dir)
            throws Exception {
        Path config = Files.writeString(dir.resolve("fake-ss.yaml"), CONFIG);
        Path log = dir.resolve("message-log");
        Path globalconf = dir.resolve("globalconf");
        try (Running fake = new Running("fake-ss", "--port", "0", "--config", config.toString(),
                "--message-log", log.toString(), "--globalconf-out", globalconf.toString())) {
            String[] lines = fake.lines(4);
            String url = lines[0];
            assertThat(lines[2]).isEqualTo("message log: " + log.toAbsolutePath());
            assertThat(lines[3]).isEqualTo("global configuration: " + globalconf.toAbsolutePath());
            assertThat(globalconf.resolve("instance-identifier")).hasContent("DEV");

            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int ok = rest(new ByteArrayOutputStream(), err, "rest", "--security-server", url,
                    "--client", "DEV/COM/4321/TestClient", "--service", "DEV/COM/1234/TestService/pets",
                    "--path", "/pets/1", "--message-id", "pets-1");
            assertThat(ok).as(err.toString(StandardCharsets.UTF_8)).isZero();
        }
        List<Path> containers;
        try (Stream<Path> files = Files.list(log)) {
            containers = files.sorted().toList();
        }
        assertThat(containers).extracting(p -> p.getFileName().toString())
                .containsExactly("pets-1-request-1.asice", "pets-1-response-2.asice");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("asic", "verify", "--globalconf", globalconf.toString()));
        containers.forEach(c -> args.add(c.toString()));
        int code = rest(out, err, args.toArray(String[]::new));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).satisfiesExactly(
                line -> assertThat(line).startsWith(containers.get(0) + ": VALID signer="
                        + "SUBSYSTEM:DEV/COM/4321/TestClient ts="),
                line -> assertThat(line).startsWith(containers.get(1) + ": VALID signer="
                        + "SUBSYSTEM:DEV/COM/1234/TestService ts="));

        byte[] tampered = Files.readAllBytes(containers.get(1));
        Path copy = Files.write(dir.resolve("tampered.asice"), tampered);
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(copy)) {
            Path message = zip.getPath("message.xml");
            Files.writeString(message, Files.readString(message).replace("200\r\n", "404\r\n"));
        }
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        int invalid = rest(out2, new ByteArrayOutputStream(), "asic", "verify", "--globalconf", globalconf.toString(),
                copy.toString());
        assertThat(invalid).isEqualTo(2);
        assertThat(out2.toString(StandardCharsets.UTF_8)).isEqualTo("INVALID invalid_signature_value"
                + System.lineSeparator());
    }

    @Test
    void aBrokenConfigurationIsAConfigurationError(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "instance: DEV\nsurprise: 1\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = rest(new ByteArrayOutputStream(), err, "fake-ss", "--config", config.toString());

        assertThat(code).isEqualTo(6);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.yaml");
    }
}
