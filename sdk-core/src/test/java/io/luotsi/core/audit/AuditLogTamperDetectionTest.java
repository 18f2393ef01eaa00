package io.luotsi.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100 000-record log, written once by {@link JsonLinesAuditLog} with a checkpoint every 10 000 records, then
 * mutated one line at a time: every single-line edit, deletion, insertion and reordering at a deterministic sample of
 * positions across the file, and at the boundaries (the first record, the last record, the lines around each
 * checkpoint, the checkpoints themselves), must be reported by {@link AuditLogVerifier} at the line where it happened.
 * Each mutated file is verified from its first line, as a user would verify it; the sample keeps the test to seconds.
 */
class AuditLogTamperDetectionTest {

    private static final int RECORDS = 100_000;
    private static final int CHECKPOINT_EVERY = 10_000;
    private static final TestCheckpoints KEYS = new TestCheckpoints("checkpoint key");
    private static final AuditLogVerifier VERIFIER = AuditLogVerifier.builder()
            .checkpointVerifier(KEYS.verifier()).build();

    @TempDir
    static Path dir;

    /** The file's lines, without their newline. */
    private static List<byte[]> lines;
    /** 1-based line numbers of checkpoint lines. */
    private static final TreeSet<Integer> checkpoints = new TreeSet<>();
    private static TreeSet<Integer> samples;

    @BeforeAll
    static void writeTheLog() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (JsonLinesAuditLog log = JsonLinesAuditLog.builder(file).durability(Durability.onClose())
                .checkpointSigner(KEYS.signer()).checkpointEvery(CHECKPOINT_EVERY).build()) {
            for (int i = 1; i <= RECORDS; i++) {
                log.write(JsonLinesAuditLogTest.record(i));
            }
        }
        byte[] all = Files.readAllBytes(file);
        lines = new ArrayList<>(RECORDS + RECORDS / CHECKPOINT_EVERY + 1);
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                byte[] line = new byte[i - start];
                System.arraycopy(all, start, line, 0, line.length);
                lines.add(line);
                start = i + 1;
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            if (new String(lines.get(i), StandardCharsets.US_ASCII).contains("\"type\":\"checkpoint\"")) {
                checkpoints.add(i + 1);
            }
        }
        samples = new TreeSet<>();
        Random random = new Random(20260302L);
        while (samples.size() < 8) {
            samples.add(2 + random.nextInt(lines.size() - 3));
        }
        samples.add(1);                          // the first record
        samples.add(lines.size() - 1);           // the last record (before the closing checkpoint)
        int firstCheckpoint = checkpoints.first();
        samples.add(firstCheckpoint - 1);        // the record a checkpoint signs
        samples.add(firstCheckpoint);            // a checkpoint
        samples.add(firstCheckpoint + 1);        // the record after it
        int middle = checkpoints.ceiling(lines.size() / 2);
        samples.add(middle - 1);
        samples.add(middle);
        samples.add(middle + 1);
    }

    @Test
    void theLogAsWrittenVerifies() {
        AuditVerification v = VERIFIER.verify(stream(List.of()));
        assertThat(v.summary()).isEqualTo("OK " + RECORDS + " records");
        assertThat(v.checkpoints()).isEqualTo(RECORDS / CHECKPOINT_EVERY);
        assertThat(v.verifiedCheckpoints()).isEqualTo(v.checkpoints());
        assertThat(checkpoints.last()).isEqualTo(lines.size());
    }

    @Test
    void everyEditIsReportedAtTheEditedLine() {
        for (int line : samples) {
            byte[] edited = lines.get(line - 1).clone();
            int at = checkpoints.contains(line) ? indexOf(edited, "\"sig\":\"") + 20 : indexOf(edited, "\"time\":\"") + 20;
            edited[at] = (byte) (edited[at] == '1' ? '2' : '1');
            AuditVerification v = VERIFIER.verify(stream(List.of(new Replace(line, edited))));
            assertThat(v.firstBadLine()).as("edit at line %d", line).isEqualTo(line);
            assertThat(v.reason()).as("edit at line %d", line).contains("hash mismatch");
        }
    }

    @Test
    void everyDeletionIsReportedWhereTheLineWas() {
        for (int line : samples) {
            AuditVerification v = VERIFIER.verify(stream(List.of(new Delete(line))));
            assertThat(v.firstBadLine()).as("deletion of line %d", line).isEqualTo(line);
            assertThat(v.reason()).as("deletion of line %d", line).contains("sequence number");
        }
    }

    @Test
    void everyInsertionOfACopiedLineIsReportedAtTheInsertedLine() {
        for (int line : samples) {
            int source = (line + 5_000) % lines.size() + 1;
            AuditVerification v = VERIFIER.verify(stream(List.of(new Insert(line, lines.get(source - 1)))));
            assertThat(v.firstBadLine()).as("insertion at line %d", line).isEqualTo(line);
        }
    }

    @Test
    void aForgedLineWithAValidHashAndPositionIsReportedAtTheLineAfterIt() {
        for (int line : samples) {
            byte[] forged = forge(line, previousHash(line));
            AuditVerification v = VERIFIER.verify(stream(List.of(new Insert(line, forged))));
            assertThat(v.firstBadLine()).as("forged insertion at line %d", line).isEqualTo(line + 1);
        }
    }

    @Test
    void everyReorderingIsReportedAtTheFirstMovedLine() {
        for (int line : samples) {
            if (line == lines.size()) {
                continue;
            }
            List<Mutation> swap = List.of(new Replace(line, lines.get(line)), new Replace(line + 1, lines.get(line - 1)));
            AuditVerification v = VERIFIER.verify(stream(swap));
            assertThat(v.firstBadLine()).as("swap of lines %d and %d", line, line + 1).isEqualTo(line);
            assertThat(v.reason()).contains("sequence number");
        }
    }

    @Test
    void anEditWithTheWholeChainRecomputedIsCaughtByTheNextCheckpoint() {
        int line = samples.stream().filter(l -> !checkpoints.contains(l) && l > 10).findFirst().orElseThrow();
        byte[] rewritten = rechain(line, edited -> {
            String s = new String(edited, StandardCharsets.US_ASCII);
            return s.contains("\"outcome\":\"allowed\"")
                    ? s.replace("\"outcome\":\"allowed\"", "\"outcome\":\"refused\"")
                    : s.replace("\"outcome\":\"refused\"", "\"outcome\":\"allowed\"");
        });
        int nextCheckpoint = checkpoints.ceiling(line);
        AuditVerification v = VERIFIER.verify(new ByteArrayInputStream(rewritten));
        assertThat(v.firstBadLine()).isEqualTo(nextCheckpoint);
        assertThat(v.reason()).contains("checkpoint");
        // Without the checkpoint key the re-chained file looks intact: that is what checkpoints are for.
        assertThat(AuditLogVerifier.builder().build().verify(new ByteArrayInputStream(rewritten)).intact()).isTrue();
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsRefused() {
        int line = checkpoints.first();
        byte[] forged = rechain(line, ignored -> {
            byte[] payload = AuditLines.checkpointPayload(line, "2026-03-02T10:15:30Z", previousHash(line));
            String sig = new TestCheckpoints("another key").signer().sign(payload);
            StringBuilder sb = new StringBuilder();
            AuditLines.checkpointPrefix(sb, line, java.time.Instant.parse("2026-03-02T10:15:30Z"), previousHash(line),
                    sig);
            return sb.toString();
        });
        AuditVerification v = VERIFIER.verify(new ByteArrayInputStream(forged));
        assertThat(v.firstBadLine()).isEqualTo(line);
        assertThat(v.reason()).contains("checkpoint signature does not verify");
    }

    // --- mutations -------------------------------------------------------------------------------------------------

    private interface Mutation {
        int line();
    }

    private record Replace(int line, byte[] content) implements Mutation {
    }

    private record Delete(int line) implements Mutation {
    }

    private record Insert(int line, byte[] content) implements Mutation {
    }

    /** The log with the mutations applied, as a stream (positions are of the original file). */
    private static ByteArrayInputStream stream(List<Mutation> mutations) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(lines.size() * 400);
        for (int i = 1; i <= lines.size(); i++) {
            byte[] line = lines.get(i - 1);
            boolean deleted = false;
            for (Mutation m : mutations) {
                if (m.line() != i) {
                    continue;
                }
                if (m instanceof Insert ins) {
                    out.writeBytes(ins.content());
                    out.write('\n');
                } else if (m instanceof Replace r) {
                    line = r.content();
                } else if (m instanceof Delete) {
                    deleted = true;
                }
            }
            if (!deleted) {
                out.writeBytes(line);
                out.write('\n');
            }
        }
        return new ByteArrayInputStream(out.toByteArray());
    }

    /** The file with line {@code line} replaced by a prefix made from it, and every hash from there on recomputed. */
    private static byte[] rechain(int line, IntFunctionOnBytes replacement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(lines.size() * 400);
        String prev = AuditLines.GENESIS;
        for (int i = 1; i <= lines.size(); i++) {
            String s = new String(lines.get(i - 1), StandardCharsets.US_ASCII);
            String prefix = s.substring(0, s.length() - AuditLines.HASH_SUFFIX_LENGTH);
            if (i == line) {
                prefix = replacement.apply(prefix.getBytes(StandardCharsets.US_ASCII));
            }
            if (i >= line) {
                prefix = prefix.replaceFirst("\"prev\":\"[A-Za-z0-9_-]{43}\"", "\"prev\":\"" + prev + "\"");
            }
            String hash = hash(prefix);
            out.writeBytes((prefix + AuditLines.HASH_FIELD + hash + "\"}\n").getBytes(StandardCharsets.US_ASCII));
            prev = hash;
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface IntFunctionOnBytes {
        String apply(byte[] prefix);
    }

    /** A well-formed record line for position {@code line}, chained to {@code prev}, that was never written. */
    private static byte[] forge(int line, String prev) {
        StringBuilder sb = new StringBuilder();
        AuditLines.recordPrefix(sb, line, JsonLinesAuditLogTest.record(424242), prev);
        String prefix = sb.toString();
        return (prefix + AuditLines.HASH_FIELD + hash(prefix) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    private static String previousHash(int line) {
        if (line == 1) {
            return AuditLines.GENESIS;
        }
        String s = new String(lines.get(line - 2), StandardCharsets.US_ASCII);
        return s.substring(s.length() - 45, s.length() - 2);
    }

    private static String hash(String prefix) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(prefix.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] line, String ascii) {
        String s = new String(line, StandardCharsets.US_ASCII);
        int i = s.indexOf(ascii);
        if (i < 0) {
            throw new IllegalArgumentException(ascii + " not in line");
        }
        return i;
    }
}
