package io.luotsi.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.luotsi.core.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesAuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SubjectPseudonymizer PSEUDONYMS = SubjectPseudonymizer.hmacSha256("k1",
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static AuditRecord record(int i) {
        return AuditRecord.builder(Instant.parse("2026-03-02T10:15:30Z").plusSeconds(i), AuditRecord.Side.CONSUMER,
                        i % 3 == 0 ? AuditRecord.Outcome.REFUSED : AuditRecord.Outcome.ALLOWED)
                .messageId("msg-" + i)
                .client("EE/GOV/70000001/app")
                .service("EE/GOV/70000002/registry/persons")
                .subject(PSEUDONYMS.pseudonym("EE3770221" + (1000 + i % 1000)))
                .purpose("benefit-eligibility")
                .legalBasis("A6-1-a")
                .evidence("consent-receipt", "receipt-" + i)
                .reason(i % 3 == 0 ? "expired" : null, i % 3 == 0 ? "the receipt expired" : null)
                .build();
    }

    @Test
    void writesOneChainedJsonLinePerRecord() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (JsonLinesAuditLog log = JsonLinesAuditLog.builder(file).build()) {
            log.write(record(1));
            log.write(record(3));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(first.get("seq").asLong()).isEqualTo(1);
        assertThat(first.get("type").asText()).isEqualTo("record");
        assertThat(first.get("outcome").asText()).isEqualTo("allowed");
        assertThat(first.get("purpose").asText()).isEqualTo("benefit-eligibility");
        assertThat(first.get("prev").asText()).isEqualTo("A".repeat(43));
        assertThat(first.has("reason")).isFalse();
        assertThat(second.get("prev").asText()).isEqualTo(first.get("hash").asText());
        assertThat(second.get("reason").asText()).isEqualTo("expired");
        assertThat(String.join("\n", lines)).doesNotContain("37702211001");
        assertThat(AuditLogVerifier.builder().build().verify(file).summary()).isEqualTo("OK 2 records");
    }

    @Test
    void newFilesAreReadableByTheirOwnerOnly() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        JsonLinesAuditLog.builder(file).build().close();
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void escapesEverythingToPrintableAscii() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (JsonLinesAuditLog log = JsonLinesAuditLog.builder(file).build()) {
            log.write(AuditRecord.builder(Instant.EPOCH, AuditRecord.Side.PROVIDER, AuditRecord.Outcome.REFUSED)
                    .reason("invalid_evidence", "quote \" backslash \\ newline \n ä § \u2028").build());
        }
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < bytes.length - 1; i++) {
            assertThat(bytes[i]).isBetween((byte) 0x20, (byte) 0x7e);
        }
        assertThat(JSON.readTree(bytes).get("detail").asText())
                .isEqualTo("quote \" backslash \\ newline \n ä § \u2028");
        assertThat(AuditLogVerifier.builder().build().verify(file).intact()).isTrue();
    }

    @Test
    void reopeningContinuesTheChain() {
        Path file = dir.resolve("audit.jsonl");
        try (JsonLinesAuditLog log = JsonLinesAuditLog.builder(file).build()) {
            log.write(record(1));
        }
        try (JsonLinesAuditLog log = JsonLinesAuditLog.builder(file).build()) {
            assertThat(log.lines()).isEqualTo(1);
            log.write(record(2));
        }
        assertThat(AuditLogVerifier.builder().build().verify(file).summary()).isEqualTo("OK 2 records");
    }

    @Test
    void refusesToContinueAfterAnIncompleteLastLine() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (JsonLinesAuditLog log = JsonLinesAuditLog.builder(file).build()) {
            log.write(record(1));
        }
        Files.writeString(file, "{\"seq\":2,\"type\":\"rec", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> JsonLinesAuditLog.builder(file).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("incomplete line");
        AuditVerification v = AuditLogVerifier.builder().build().verify(file);
        assertThat(v.firstBadLine()).isEqualTo(2);
        assertThat(v.reason()).contains("incomplete line");
    }

    @Test
    void refusesToContinueAfterAnEditedLastLine() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (JsonLinesAuditLog log = JsonLinesAuditLog.builder(file).build()) {
            log.write(record(1));
        }
        Files.writeString(file, Files.readString(file).replace("benefit-eligibility", "benefit-eligibilitx"));
        assertThatThrownBy(() -> JsonLinesAuditLog.builder(file).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("was modified");
    }

    @Test
    void onlyOneWriterPerFile() {
        Path file = dir.resolve("audit.jsonl");
        try (JsonLinesAuditLog log = JsonLinesAuditLog.builder(file).build()) {
            log.write(record(1));
            assertThatThrownBy(() -> JsonLinesAuditLog.builder(file).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
        }
        JsonLinesAuditLog.builder(file).build().close();
    }

    @Test
    void writesSignedCheckpointsEveryNRecordsAndOnClose() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        TestCheckpoints keys = new TestCheckpoints("secret");
        try (JsonLinesAuditLog log = JsonLinesAuditLog.builder(file).checkpointSigner(keys.signer())
                .checkpointEvery(3).clock(CLOCK).build()) {
            for (int i = 1; i <= 7; i++) {
                log.write(record(i));
            }
        }
        List<String> types = Files.readAllLines(file).stream()
                .map(l -> read(l).get("type").asText()).toList();
        assertThat(types).containsExactly("record", "record", "record", "checkpoint", "record", "record", "record",
                "checkpoint", "record", "checkpoint");
        AuditVerification v = AuditLogVerifier.builder().checkpointVerifier(keys.verifier()).build().verify(file);
        assertThat(v.intact()).isTrue();
        assertThat(v.records()).isEqualTo(7);
        assertThat(v.checkpoints()).isEqualTo(3);
        assertThat(v.verifiedCheckpoints()).isEqualTo(3);
        assertThat(v.unsignedTail()).isZero();
    }

    @Test
    void aCheckpointThatCannotBeSignedIsRetriedLaterAndTheRecordsAreKept() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        AtomicInteger calls = new AtomicInteger();
        CheckpointSigner flaky = payload -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("token removed");
            }
            return new TestCheckpoints("k").signer().sign(payload);
        };
        try (JsonLinesAuditLog log = JsonLinesAuditLog.builder(file).checkpointSigner(flaky).checkpointEvery(2)
                .build()) {
            for (int i = 1; i <= 4; i++) {
                log.write(record(i));
            }
            assertThat(log.lines()).isEqualTo(5);
        }
        assertThat(calls.get()).isEqualTo(2);
        assertThat(AuditLogVerifier.builder().build().verify(file).records()).isEqualTo(4);
    }

    @Test
    void everyRecordDurabilityWritesThrough() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (JsonLinesAuditLog log = JsonLinesAuditLog.builder(file).durability(Durability.everyRecord()).build()) {
            log.write(record(1));
            assertThat(Files.readAllLines(file)).hasSize(1);
            log.sync();
        }
    }

    @Test
    void aClosedLogRefusesRecords() {
        JsonLinesAuditLog log = JsonLinesAuditLog.builder(dir.resolve("audit.jsonl")).build();
        log.close();
        log.close();
        assertThatThrownBy(() -> log.write(record(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFileThatCannotBeOpenedIsReportedWithItsName() {
        Path missingDir = dir.resolve("no/such/dir/audit.jsonl");
        assertThatThrownBy(() -> JsonLinesAuditLog.builder(missingDir).build())
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("audit.jsonl");
    }

    @Test
    void durabilityRejectsNonsense() {
        assertThatThrownBy(() -> Durability.groupCommit(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Durability.defaults().mode()).isEqualTo(Durability.Mode.GROUP_COMMIT);
    }

    @Test
    void refusesAFileThatIsNotAnAuditLog() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "hello\n");
        assertThatThrownBy(() -> JsonLinesAuditLog.builder(file).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not an audit log");
        assertThat(Set.of(AuditLogVerifier.builder().build().verify(file).reason()))
                .allMatch(r -> r.contains("malformed"));
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
