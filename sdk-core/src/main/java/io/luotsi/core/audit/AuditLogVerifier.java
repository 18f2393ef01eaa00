package io.luotsi.core.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Verifies a {@link JsonLinesAuditLog} file line by line and reports the first line that is not as it was written:
 * <ul>
 *   <li>a line whose content does not match its own {@code hash} was edited;
 *   <li>a line whose {@code seq} is not its line number follows a deleted, inserted or moved line (or is one);
 *   <li>a line whose {@code prev} is not the hash of the line before follows a line that was changed and re-hashed;
 *   <li>a checkpoint whose signature does not verify with the {@link CheckpointVerifier}, or signs another chain head,
 *       was forged or belongs to another chain.
 * </ul>
 * So a single edited, deleted, inserted or reordered line is reported at its own position (a re-hashed edit at the
 * line after it). Without a checkpoint verifier the chain is checked but signatures are not. Lines after the last
 * checkpoint are protected by the chain only: {@link AuditVerification#unsignedTail()} says how many. Reads the file
 * once, streaming. Immutable and thread-safe.
 *
 * <pre>{@code
 * AuditVerification v = AuditLogVerifier.builder()
 *     .checkpointVerifier(jws -> jwsVerifier.verify(jws).payload().orElseThrow())
 *     .build()
 *     .verify(Path.of("/var/lib/app/audit.jsonl"));
 * String line = v.summary();   // "OK 100000 records" or "ERROR 4711 hash mismatch: the line was edited"
 * }</pre>
 */
public final class AuditLogVerifier {

    private static final int MAX_LINE_BYTES = 1 << 20;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4)
                    .maxStringLength(MAX_LINE_BYTES).maxDocumentLength(MAX_LINE_BYTES).build())
            .build();

    private final CheckpointVerifier checkpointVerifier;

    private AuditLogVerifier(CheckpointVerifier checkpointVerifier) {
        this.checkpointVerifier = checkpointVerifier;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies the file.
     *
     * @throws UncheckedIOException when it cannot be read
     */
    public AuditVerification verify(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return verify(in);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the audit log (" + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    /**
     * Verifies a log read from the stream to its end (not closed).
     *
     * @throws UncheckedIOException when the stream fails
     */
    public AuditVerification verify(InputStream in) {
        Objects.requireNonNull(in, "in");
        State s = new State();
        try {
            LineReader reader = new LineReader(in);
            while (reader.next()) {
                s.lines++;
                String problem = s.check(reader.line, reader.length, reader.terminated);
                if (problem != null) {
                    return new AuditVerification(false, s.lines, s.records, s.checkpoints, s.verified,
                            s.recordsSinceVerified, s.lines, problem);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log (" + e.getClass().getSimpleName() + ")", e);
        }
        return new AuditVerification(true, s.lines, s.records, s.checkpoints, s.verified, s.recordsSinceVerified, 0,
                null);
    }

    @Override
    public String toString() {
        return "AuditLogVerifier[" + (checkpointVerifier == null ? "chain only" : "chain and checkpoints") + "]";
    }

    /** The verification state: where the chain is. */
    private final class State {
        final MessageDigest digest = AuditLines.sha256();
        long lines;
        long records;
        long checkpoints;
        long verified;
        long recordsSinceVerified;
        String prev = AuditLines.GENESIS;

        /** Why the line is bad, or null. */
        String check(byte[] line, int length, boolean terminated) {
            if (!terminated) {
                return "incomplete line: the log ends in the middle of a line (a crash during a write, or a cut)";
            }
            if (length > MAX_LINE_BYTES) {
                return "line longer than " + MAX_LINE_BYTES + " bytes";
            }
            int hashAt = length - AuditLines.HASH_SUFFIX_LENGTH;
            if (hashAt < 1 || !startsWith(line, hashAt, AuditLines.HASH_FIELD) || line[length - 2] != '"'
                    || line[length - 1] != '}') {
                return "malformed line: no hash at its end";
            }
            digest.update(line, 0, hashAt);
            String computed = AuditLines.encode(digest.digest());
            int hashStart = hashAt + AuditLines.HASH_FIELD.length();
            if (!equalsAscii(line, hashStart, computed)) {
                return "hash mismatch: the line was edited";
            }
            Fields f;
            try {
                f = Fields.parse(line, length);
            } catch (IOException | RuntimeException e) {
                return "malformed JSON";
            }
            if (f.seq != lines) {
                return "sequence number " + f.seq + " where " + lines + " was expected: a line was deleted, inserted "
                        + "or moved here";
            }
            if (!prev.equals(f.prev)) {
                return "chain broken: prev is not the hash of line " + (lines - 1)
                        + " (the line before was changed and re-hashed, or lines were replaced)";
            }
            if (AuditLines.TYPE_RECORD.equals(f.type)) {
                if (f.time == null) {
                    return "malformed record: no time";
                }
                records++;
                recordsSinceVerified++;
            } else if (AuditLines.TYPE_CHECKPOINT.equals(f.type)) {
                if (f.sig == null || f.time == null) {
                    return "malformed checkpoint: no signature or time";
                }
                checkpoints++;
                if (checkpointVerifier != null) {
                    byte[] payload;
                    try {
                        payload = checkpointVerifier.verify(f.sig);
                    } catch (RuntimeException e) {
                        return "checkpoint signature does not verify: " + e.getMessage();
                    }
                    if (payload == null
                            || !Arrays.equals(payload, AuditLines.checkpointPayload(f.seq, f.time, f.prev))) {
                        return "checkpoint signs another chain head, position or time than this line";
                    }
                    verified++;
                    recordsSinceVerified = 0;
                }
            } else {
                return "unknown line type";
            }
            prev = computed;
            return null;
        }
    }

    /** The fields the verifier needs from one line. */
    private static final class Fields {
        long seq = -1;
        String type;
        String time;
        String prev;
        String sig;

        static Fields parse(byte[] line, int length) throws IOException {
            Fields f = new Fields();
            try (JsonParser p = JSON.createParser(line, 0, length)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("not an object");
                }
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (name) {
                        case "seq" -> {
                            if (v != JsonToken.VALUE_NUMBER_INT) {
                                throw new IOException("seq is not a number");
                            }
                            f.seq = p.getLongValue();
                        }
                        case "type" -> f.type = text(p, v);
                        case "time" -> f.time = text(p, v);
                        case "prev" -> f.prev = text(p, v);
                        case "sig" -> f.sig = text(p, v);
                        default -> {
                            if (v.isStructStart()) {
                                throw new IOException("nested value");
                            }
                        }
                    }
                }
                if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                    throw new IOException("trailing content");
                }
            }
            return f;
        }

        private static String text(JsonParser p, JsonToken v) throws IOException {
            if (v != JsonToken.VALUE_STRING) {
                throw new IOException("not a string");
            }
            return p.getText();
        }
    }

    private static boolean startsWith(byte[] line, int at, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (line[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsAscii(byte[] line, int at, String ascii) {
        return startsWith(line, at, ascii) && line[at + ascii.length()] == '"';
    }

    /** Splits a stream into lines of bytes without decoding them (the hash covers the exact bytes). */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] chunk = new byte[1 << 16];
        private int position;
        private int limit;
        private boolean eof;
        byte[] line = new byte[4096];
        int length;
        boolean terminated;

        LineReader(InputStream in) {
            this.in = in;
        }

        boolean next() throws IOException {
            length = 0;
            while (true) {
                if (position == limit) {
                    if (eof) {
                        terminated = false;
                        return length > 0;
                    }
                    limit = in.read(chunk, 0, chunk.length);
                    position = 0;
                    if (limit < 0) {
                        limit = 0;
                        eof = true;
                        continue;
                    }
                }
                int start = position;
                while (position < limit && chunk[position] != '\n') {
                    position++;
                }
                append(start, position);
                if (position < limit) {
                    position++; // the newline
                    terminated = true;
                    return true;
                }
            }
        }

        private void append(int from, int to) {
            int n = to - from;
            if (length + n > line.length) {
                if (length + n > MAX_LINE_BYTES + 1) {
                    // too long: count it without keeping it; the line is refused anyway
                    length += n;
                    return;
                }
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
            }
            System.arraycopy(chunk, from, line, length, n);
            length += n;
        }
    }

    /** Builds an {@link AuditLogVerifier}. */
    public static final class Builder {
        private CheckpointVerifier checkpointVerifier;

        private Builder() {
        }

        /** Verifies checkpoint signatures; without one only the hash chain is checked. */
        public Builder checkpointVerifier(CheckpointVerifier verifier) {
            this.checkpointVerifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        public AuditLogVerifier build() {
            return new AuditLogVerifier(checkpointVerifier);
        }
    }
}
