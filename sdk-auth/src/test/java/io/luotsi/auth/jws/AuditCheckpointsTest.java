package io.luotsi.auth.jws;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.auth.TrustAnchors;
import io.luotsi.auth.pki.CertificateValidator;
import io.luotsi.auth.testing.Pki;
import io.luotsi.core.audit.AuditLogVerifier;
import io.luotsi.core.audit.AuditRecord;
import io.luotsi.core.audit.AuditVerification;
import io.luotsi.core.audit.JsonLinesAuditLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCheckpointsTest {

    @TempDir
    Path dir;

    private Path writeLog() {
        Path file = dir.resolve("audit.jsonl");
        JwsSigner signer = JwsSigner.builder().keyMaterial(Fixtures.EC.keyMaterial()).clock(Fixtures.CLOCK).build();
        try (JsonLinesAuditLog log = JsonLinesAuditLog.builder(file).clock(Fixtures.CLOCK)
                .checkpointSigner(AuditCheckpoints.signer(signer)).checkpointEvery(2).build()) {
            for (int i = 0; i < 5; i++) {
                log.write(AuditRecord.builder(Pki.NOW, AuditRecord.Side.PROVIDER, AuditRecord.Outcome.ALLOWED)
                        .messageId("m" + i).build());
            }
        }
        return file;
    }

    @Test
    void checkpointsAreJwsVerifiedAgainstTheTrustAnchors() {
        Path file = writeLog();
        AuditVerification v = AuditLogVerifier.builder()
                .checkpointVerifier(AuditCheckpoints.verifier(Fixtures.verifier())).build().verify(file);
        assertThat(v.summary()).isEqualTo("OK 5 records");
        assertThat(v.verifiedCheckpoints()).isEqualTo(3);
    }

    @Test
    void checkpointsOfAnotherPkiAreRefused() {
        Path file = writeLog();
        Pki.Issued other = Pki.root("Another root");
        JwsVerifier elsewhere = JwsVerifier.builder().certificateValidator(CertificateValidator.builder()
                .trustAnchors(TrustAnchors.of(other.certificate())).build()).build();
        AuditVerification v = AuditLogVerifier.builder()
                .checkpointVerifier(AuditCheckpoints.verifier(elsewhere)).build().verify(file);
        assertThat(v.firstBadLine()).isEqualTo(3);
        assertThat(v.reason()).contains("checkpoint signature does not verify").contains("not trusted");
    }

    @Test
    void theChainIsValidatedAtTheCheckpointsTimeNotToday() {
        Path file = writeLog();
        JwsVerifier muchLater = Fixtures.verifier().withClock(Clock.fixed(Pki.NOW.plus(Duration.ofDays(3650)),
                ZoneOffset.UTC));
        assertThat(AuditLogVerifier.builder().checkpointVerifier(AuditCheckpoints.verifier(muchLater)).build()
                .verify(file).intact()).isTrue();
    }
}
