package io.luotsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.auth.CertificateChain;
import io.luotsi.auth.KeyMaterial;
import io.luotsi.auth.jws.AuditCheckpoints;
import io.luotsi.auth.jws.JwsSigner;
import io.luotsi.core.audit.AuditRecord;
import io.luotsi.core.audit.JsonLinesAuditLog;
import io.luotsi.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `luotsi audit verify` on logs written by JsonLinesAuditLog with JWS checkpoints. */
class AuditCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final TestPki pki = TestPki.generate();

    private int run(String... args) {
        return Luotsi.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path writeLog(int records) {
        Path file = dir.resolve("audit.jsonl");
        TestPki.Credential signing = pki.issue("audit signer", TestPki.Purpose.SIGNING, List.of());
        JwsSigner signer = JwsSigner.builder().keyMaterial(KeyMaterial.of(signing.privateKey(),
                new CertificateChain(signing.chain()))).build();
        try (JsonLinesAuditLog log = JsonLinesAuditLog.builder(file).checkpointEvery(4)
                .checkpointSigner(AuditCheckpoints.signer(signer)).build()) {
            for (int i = 0; i < records; i++) {
                log.write(AuditRecord.builder(Instant.parse("2026-03-02T10:15:30Z"), AuditRecord.Side.CONSUMER,
                        AuditRecord.Outcome.ALLOWED).messageId("msg-" + i).purpose("benefit-eligibility").build());
            }
        }
        return file;
    }

    private Path pem(java.security.cert.X509Certificate certificate) throws Exception {
        Path file = dir.resolve("trust-" + certificate.getSerialNumber() + ".pem");
        Files.writeString(file, TestPki.pem("CERTIFICATE", certificate.getEncoded()));
        return file;
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anIntactLogIsOkWithItsRecordCount() throws Exception {
        Path log = writeLog(10);
        assertThat(run("audit", "verify", log.toString(), "--trust", pem(pki.caCertificate()).toString())).isZero();
        assertThat(stdout()).isEqualTo("OK 10 records\n");
    }

    @Test
    void withoutTrustTheChainIsCheckedAndTheSignaturesAreNamedAsUnchecked() {
        Path log = writeLog(3);
        assertThat(run("audit", "verify", log.toString())).isZero();
        assertThat(stdout()).isEqualTo("OK 3 records\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not checked");
    }

    @Test
    void anEditedLineIsReportedWithItsNumber() throws Exception {
        Path log = writeLog(10);
        List<String> lines = Files.readAllLines(log);
        lines.set(6, lines.get(6).replace("msg-5", "msg-X"));
        Files.write(log, lines);

        assertThat(run("audit", "verify", log.toString(), "--trust", pem(pki.caCertificate()).toString()))
                .isEqualTo(2);
        assertThat(stdout()).isEqualTo("ERROR 7 hash mismatch: the line was edited\n");
    }

    @Test
    void aDeletedLineIsReportedWhereItWas() throws Exception {
        Path log = writeLog(10);
        List<String> lines = Files.readAllLines(log);
        lines.remove(2);
        Files.write(log, lines);
        assertThat(run("audit", "verify", log.toString())).isEqualTo(2);
        assertThat(stdout()).startsWith("ERROR 3 sequence number 4 where 3 was expected");
    }

    @Test
    void checkpointsSignedUnderAnotherCaAreRefused() throws Exception {
        Path log = writeLog(10);
        TestPki other = TestPki.generate();
        assertThat(run("audit", "verify", log.toString(), "--trust", pem(other.caCertificate()).toString()))
                .isEqualTo(2);
        assertThat(stdout()).startsWith("ERROR 5 checkpoint signature does not verify");
    }

    @Test
    void aMissingFileIsAConfigurationError() {
        assertThat(run("audit", "verify", dir.resolve("nope.jsonl").toString())).isEqualTo(6);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
    }
}
