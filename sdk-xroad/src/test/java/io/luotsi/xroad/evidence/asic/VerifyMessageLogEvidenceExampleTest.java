package io.luotsi.xroad.evidence.asic;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.auth.KeyMaterial;
import io.luotsi.auth.tsp.LocalTimestampAuthority;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code of docs/how-to/verify-message-log-evidence.md, run against X-Road's fixtures and a fresh container. */
class VerifyMessageLogEvidenceExampleTest {

    /** What the how-to's loop reports. */
    record Verdict(Path file, String line) {
    }

    static List<Verdict> verifyAll(Path globalconfDir, List<Path> containers) {
        List<Verdict> verdicts = new ArrayList<>();
        // snippet:verify
        GlobalConfiguration conf = GlobalConfiguration.readDirectory(globalconfDir);
        AsicContainerVerifier verifier = AsicContainerVerifier.of(conf); // build once, share between threads

        for (Path file : containers) {
            try {
                AsicVerificationResult result = verifier.verify(file);
                // Who signed (client of a request, provider of a response), and when it was time-stamped.
                verdicts.add(new Verdict(file, "VALID signer=" + result.signer() + " ts=" + result.timestamp()));
            } catch (AsicVerificationException e) {
                // X-Road's own code: invalid_signature_value, mlog.tsp_certificate_not_found, ...
                verdicts.add(new Verdict(file, "INVALID " + e.code()));
            }
        }
        // end:verify
        return verdicts;
    }

    @Test
    void verifiesXRoadsContainers() {
        List<Verdict> verdicts = verifyAll(Corpus.path("globalconf/globalconf_good2_v3"), List.of(
                Corpus.path("asic/valid-signed-message.asice"), Corpus.path("asic/wrong-message.asice")));

        assertThat(verdicts).extracting(Verdict::line).containsExactly(
                "VALID signer=SUBSYSTEM:DEV/COM/4321/TestClient ts=2024-12-05T13:16:35Z",
                "INVALID invalid_signature_value");
    }

    @Test
    void readsAContainersEntries() {
        Path file = Corpus.path("asic/valid-non-batch-soap-attachments.asice");
        // snippet:read
        AsicContainer asic = AsicContainer.read(file);
        byte[] message = asic.message();                  // the SOAP message, or REST's request or status line and headers
        for (String name : asic.attachmentNames()) {      // attachment1, attachment2, ...
            byte[] sha512 = asic.attachmentDigest(name).orElseThrow();
        }
        boolean batchTimestamp = asic.hasBatchTimestamp();
        // end:read
        assertThat(new String(message, java.nio.charset.StandardCharsets.UTF_8)).contains("SOAP-ENV:Envelope");
        assertThat(asic.attachmentNames()).containsExactly("attachment1", "attachment2");
        assertThat(batchTimestamp).isTrue();
    }

    @Test
    void writesAContainerATestVerifies(@TempDir Path dir) throws Exception {
        TestPki.Issued ca = TestPki.ca("O=Test,CN=Test CA");
        TestPki.Issued responder = TestPki.ocspResponder(ca);
        TestPki.Issued tsaIssued = TestPki.tsa(ca);
        TestPki.Issued member = TestPki.signing(ca, "TEST", "COM", "1234");
        KeyMaterial memberSigningKey = member.keyMaterial();
        KeyMaterial tsaKey = tsaIssued.keyMaterial();
        Clock clock = Clock.fixed(TestPki.NOW, java.time.ZoneOffset.UTC);
        byte[] messageXml = AsicContainerWriterTest.soap(
                io.luotsi.xroad.ClientId.subsystem("TEST", "COM", "1234", "Client"), "getPersons");
        byte[] attachment = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] ocspResponse = TestPki.goodOcsp(member.certificate(), ca, responder);
        GlobalConfiguration conf = TestGlobalConfDirectory.write(dir, TestGlobalConfDirectory.sharedParameters(
                ca.certificate(), responder.certificate(), tsaIssued.certificate(),
                io.luotsi.xroad.ClientId.member("TEST", "COM", "1234"), "Client"));

        // snippet:write
        AsicContainerWriter writer = AsicContainerWriter.builder()
                .signer(memberSigningKey)                                   // the member's signing key and certificate
                .timestampAuthority(LocalTimestampAuthority.builder().keyMaterial(tsaKey).clock(clock).build())
                .clock(clock)
                .build();
        byte[] asice = writer.write(messageXml, List.of(attachment), ocspResponse);
        Files.write(dir.resolve("4a5f0b3e-request-1.asice"), asice);
        // end:write

        AsicVerificationResult result = AsicContainerVerifier.of(conf).verify(dir.resolve("4a5f0b3e-request-1.asice"));
        assertThat(result.timestamp()).isEqualTo(Instant.parse("2026-03-02T10:15:30Z"));
    }
}
