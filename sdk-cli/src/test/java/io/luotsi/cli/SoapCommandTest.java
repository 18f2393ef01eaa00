package io.luotsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.testkit.FakeSecurityServer;
import io.luotsi.testkit.FakeSoapResponse;
import io.luotsi.testkit.ServiceRegistration;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.soap.SoapEnvelopeReader;
import io.luotsi.xroad.soap.SoapMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SoapCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    static Path dir;

    private int run(String... args) {
        return Luotsi.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    static Stream<Arguments> expected() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = SoapCommandTest.class.getResourceAsStream("/xroad/soap/EXPECTED.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 3);
                rows.add(Arguments.of(f[0], f[1], f[2]));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("expected")
    void checkPrintsTheCorpusVerdictAndExitsByIt(String file, String contentType, String verdict) throws Exception {
        Path copy = dir.resolve(file);
        if (!Files.exists(copy)) {
            try (InputStream in = getClass().getResourceAsStream("/xroad/soap/" + file)) {
                Files.write(copy, in.readAllBytes());
            }
        }

        int code = run("soap", "check", copy.toString(), "--content-type", contentType);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(verdict + System.lineSeparator());
        assertThat(code).isEqualTo(verdict.startsWith("OK") ? 0 : 2);
    }

    @Test
    void callsAServiceThroughTheFakeSecurityServerAndPrintsTheResponseEnvelope(@TempDir Path tmp) throws Exception {
        ClientId consumer = ClientId.parse("EE/GOV/1234/app");
        ServiceId getState = ServiceId.parse("EE/GOV/5678/registry/getState/v2");
        Path body = tmp.resolve("body.xml");
        Files.writeString(body, "<s:getState xmlns:s=\"urn:state\"><id>7</id></s:getState>");
        Path attachment = tmp.resolve("scan.bin");
        Files.write(attachment, new byte[] {1, 2, 3});
        try (FakeSecurityServer fake = FakeSecurityServer.builder().instance("EE").subsystem(consumer, "App")
                .service(ServiceRegistration.wsdl(getState).allow(consumer)
                        .soapResponse(FakeSoapResponse.body("<state>OK</state>")))
                .start()) {

            int code = run("soap", "--security-server", fake.url().toString(), "--client", "EE/GOV/1234/app",
                    "--service", "EE/GOV/5678/registry/getState/v2", "--body", body.toString(),
                    "--attach", attachment.toString(), "--user-id", "EE37702211234", "--issue", "case-1",
                    "--represented-party", "COM/MEMBER3", "--security-token", "eyJ.a.b");

            assertThat(code).isZero();
            SoapMessage m = (SoapMessage) SoapEnvelopeReader.create().read(out.toByteArray(), "text/xml");
            assertThat(m.isResponse()).isTrue();
            assertThat(m.bodyXml()).contains("<state>OK</state>");
            assertThat(m.header().userId()).contains("EE37702211234");
            assertThat(m.header().requestHash()).isPresent();
            assertThat(fake.recordings().single(getState).request().header("Content-Type").orElseThrow())
                    .startsWith("multipart/related");

            out.reset();
            Path other = tmp.resolve("other.xml");
            Files.writeString(other, "<other/>");
            code = run("soap", "--security-server", fake.url().toString(), "--client", "EE/GOV/1234/app",
                    "--service", "EE/GOV/5678/registry/other", "--body", other.toString());
            fake.expectUnmatched();
            assertThat(code).isEqualTo(3);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("X-ROAD-ERROR server.serverproxy.unknown_service origin=provider_security_server "
                            + "retryable=false");
        }
    }

    @Test
    void sendingNeedsItsOptions() {
        assertThat(run("soap", "--client", "EE/GOV/1")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("required");
    }
}
