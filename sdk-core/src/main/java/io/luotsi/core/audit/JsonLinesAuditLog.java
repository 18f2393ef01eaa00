package io.luotsi.core.audit;

import io.luotsi.core.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link AuditSink}: an append-only file of JSON Lines in which every line carries the hash of the line
 * before it, with periodic signed checkpoints over the chain head. {@link AuditLogVerifier} (and
 * {@code luotsi audit verify FILE}) finds any edited, deleted, inserted or reordered line and names the first bad one.
 *
 * <pre>{@code
 * try (JsonLinesAuditLog log = JsonLinesAuditLog.builder(Path.of("/var/lib/app/audit.jsonl"))
 *         .checkpointSigner(jwsSigner::sign)              // sdk-auth JwsSigner: JWS with x5c
 *         .durability(Durability.groupCommit(Duration.ofMillis(100)))
 *         .build()) {
 *     log.write(record);
 * }
 * }</pre>
 *
 * A record line (one line in the file; fields that are not set are left out):
 * <pre>{@code
 * {"seq":7,"type":"record","time":"2026-03-02T10:15:30Z","side":"consumer","outcome":"refused",
 *  "messageId":"4c1c...","client":"EE/GOV/70000001/app","service":"EE/GOV/70000002/registry/persons",
 *  "subject":"audit-2026:qL8...","purpose":"benefit-eligibility","legalBasis":"A6-1-a",
 *  "evidenceType":"consent-receipt","evidenceId":"3f2b...","reason":"expired","detail":"...",
 *  "prev":"<hash of line 6>","hash":"<SHA-256 of this line up to ,\"hash\">"}
 * }</pre>
 * and a checkpoint line, whose {@code sig} signs {@code {"log":"luotsi-audit/1","seq":N,"time":"...","head":"<prev>"}}:
 * <pre>{@code
 * {"seq":10001,"type":"checkpoint","time":"2026-03-02T10:16:00Z","prev":"...","sig":"eyJ...","hash":"..."}
 * }</pre>
 * Hashes are base64url without padding; {@code seq} counts lines from 1; the first line's {@code prev} is 43
 * {@code A}s (32 zero bytes). The file is printable ASCII (other characters are {@code \\uXXXX} escapes).
 *
 * <p><b>Checkpoints</b>, when a {@link CheckpointSigner} is set: after every {@code checkpointEvery} records (10 000
 * by default), when {@code checkpointInterval} has passed since the last one and records were written (one minute by
 * default), on {@link #checkpoint()} and on {@link #close()}. A checkpoint binds the chain up to it to the signer's key:
 * whoever edits the file and recomputes the hashes cannot sign the new head. Records after the last checkpoint are
 * protected by the chain only, and a file cut off after a checkpoint looks like a file closed there: to detect
 * truncation, keep the checkpoint signatures elsewhere as well (they are small). A checkpoint that cannot be signed is
 * logged at WARN and tried again after {@code checkpointEvery} more records; the records themselves are kept.
 *
 * <p><b>Durability</b> is chosen with {@link Durability} (default {@link Durability#groupCommit(Duration)} of 100 ms):
 * every record is handed to the operating system before {@code write} returns (it survives a crash of the JVM); the
 * mode decides when it is forced to the device. A write or flush that fails makes this and every later {@code write}
 * throw {@link UncheckedIOException}: callers fail closed.
 *
 * <p><b>One writer.</b> The file is locked for the life of the log (an exclusive advisory lock), so a second process
 * or a second log in this JVM cannot interleave lines with it. Reopening an existing file continues its chain after
 * checking that its last line is complete and intact; an incomplete last line (a crash during a write) must be looked
 * at and removed by a person first ({@code luotsi audit verify} names it). New files are readable by their owner only.
 *
 * <p>Writing a record costs a few microseconds (formatting, one SHA-256, one {@code write} system call); see
 * {@code AuditLogBenchmark}.
 */
public final class JsonLinesAuditLog implements AuditSink {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAuditLog.class);
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
    private static final Pattern SEQ = Pattern.compile("^\\{\"seq\":(\\d{1,18}),");
    private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9_.=+/-]+");
    private static final int MAX_TAIL_BYTES = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final FileLock fileLock;
    private final Durability durability;
    private final CheckpointSigner signer;
    private final int checkpointEvery;
    private final Duration checkpointInterval;
    private final Clock clock;
    private final ScheduledExecutorService syncer;

    private final Object lock = new Object();
    private final StringBuilder line = new StringBuilder(1024);
    private final MessageDigest digest = AuditLines.sha256();
    private byte[] buffer = new byte[2048];
    private long seq;
    private String prev;
    private long recordsSinceCheckpoint;
    private long nextCheckpointAt;
    private Instant lastCheckpoint;
    private boolean closed;
    private volatile IOException failure;
    private volatile boolean dirty;

    private JsonLinesAuditLog(Builder b, Path file, FileChannel channel, FileLock fileLock, long seq, String prev) {
        this.file = file;
        this.channel = channel;
        this.fileLock = fileLock;
        this.durability = b.durability;
        this.signer = b.signer;
        this.checkpointEvery = b.checkpointEvery;
        this.checkpointInterval = b.checkpointInterval;
        this.clock = b.clock;
        this.seq = seq;
        this.prev = prev;
        this.nextCheckpointAt = checkpointEvery;
        this.lastCheckpoint = clock.instant();
        Duration tick = null;
        if (durability.mode() == Durability.Mode.GROUP_COMMIT) {
            tick = durability.interval();
        }
        if (signer != null) {
            Duration checkpointTick = checkpointInterval.dividedBy(4).isZero() ? checkpointInterval
                    : checkpointInterval.dividedBy(4);
            tick = tick == null || checkpointTick.compareTo(tick) < 0 ? checkpointTick : tick;
        }
        if (tick != null) {
            syncer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "luotsi-audit-sync");
                t.setDaemon(true);
                return t;
            });
            long nanos = Math.max(tick.toNanos(), TimeUnit.MILLISECONDS.toNanos(1));
            syncer.scheduleWithFixedDelay(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
        } else {
            syncer = null;
        }
    }

    /** A builder for a log in {@code file} (created when missing; its directory must exist). */
    public static Builder builder(Path file) {
        return new Builder(file);
    }

    /**
     * Appends the record as one line of the chain.
     *
     * @throws IllegalStateException when the log is closed
     * @throws UncheckedIOException  when this or an earlier write or flush failed; the record is then not kept
     */
    @Override
    public void write(AuditRecord record) {
        Objects.requireNonNull(record, "record");
        synchronized (lock) {
            requireUsable();
            line.setLength(0);
            AuditLines.recordPrefix(line, seq + 1, record, prev);
            appendLine();
            recordsSinceCheckpoint++;
            if (signer != null && recordsSinceCheckpoint >= nextCheckpointAt) {
                writeCheckpoint();
            }
        }
    }

    /**
     * Writes a signed checkpoint over the current chain head now (when a signer is set and anything was written since
     * the last one).
     *
     * @throws IllegalStateException when no checkpoint signer is set, or the log is closed
     */
    public void checkpoint() {
        if (signer == null) {
            throw new IllegalStateException("this audit log has no checkpoint signer");
        }
        synchronized (lock) {
            requireUsable();
            if (recordsSinceCheckpoint > 0) {
                writeCheckpoint();
            }
        }
    }

    /** Forces everything written so far to the storage device now, whatever the durability mode. */
    public void sync() {
        synchronized (lock) {
            requireUsable();
        }
        force();
        throwIfFailed();
    }

    /** The file, with links resolved. */
    public Path file() {
        return file;
    }

    /** The number of lines (records and checkpoints) in the file. */
    public long lines() {
        synchronized (lock) {
            return seq;
        }
    }

    /** Writes a final checkpoint (with a signer), forces the file to the device and releases it. Idempotent. */
    @Override
    public void close() {
        try {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                closed = true;
                if (failure == null && signer != null && recordsSinceCheckpoint > 0) {
                    writeCheckpoint();
                }
                if (failure == null) {
                    try {
                        channel.force(false);
                    } catch (IOException e) {
                        throw new UncheckedIOException(file + ": cannot flush the audit log (" + e.getClass()
                                .getSimpleName() + ")", e);
                    }
                }
            }
        } finally {
            if (syncer != null) {
                syncer.shutdownNow();
            }
            try {
                fileLock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("{}: closing the audit log failed ({})", file, e.getClass().getSimpleName());
            }
            OPEN.remove(file);
        }
    }

    @Override
    public String toString() {
        return "JsonLinesAuditLog[" + file + ", " + durability.mode() + (signer == null ? "" : ", signed checkpoints")
                + "]";
    }

    private void requireUsable() {
        if (closed) {
            throw new IllegalStateException(file + ": the audit log is closed");
        }
        throwIfFailed();
    }

    private void throwIfFailed() {
        IOException f = failure;
        if (f != null) {
            throw new UncheckedIOException(file + ": the audit log failed earlier and keeps no more records ("
                    + f.getClass().getSimpleName() + ")", f);
        }
    }

    /** Hashes {@link #line} (a line prefix), appends the hash and writes the line. Holds {@link #lock}. */
    private void appendLine() {
        int prefixLength = line.length();
        int total = prefixLength + AuditLines.HASH_SUFFIX_LENGTH + 1;
        if (buffer.length < total) {
            buffer = Arrays.copyOf(buffer, Math.max(total, buffer.length * 2));
        }
        AuditLines.toAscii(line, buffer);
        digest.update(buffer, 0, prefixLength);
        String hash = AuditLines.encode(digest.digest());
        line.append(AuditLines.HASH_FIELD).append(hash).append("\"}\n");
        for (int i = prefixLength; i < total; i++) {
            buffer[i] = (byte) line.charAt(i);
        }
        ByteBuffer out = ByteBuffer.wrap(buffer, 0, total);
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
            if (durability.mode() == Durability.Mode.EVERY_RECORD) {
                channel.force(false);
            } else {
                dirty = true;
            }
        } catch (IOException e) {
            // A partly written line breaks the chain for good: keep nothing more, so callers fail closed.
            failure = e;
            throw new UncheckedIOException(file + ": cannot append to the audit log (" + e.getClass().getSimpleName()
                    + ")", e);
        }
        seq++;
        prev = hash;
    }

    /** Holds {@link #lock}. */
    private void writeCheckpoint() {
        Instant now = clock.instant();
        String signature;
        try {
            signature = signer.sign(AuditLines.checkpointPayload(seq + 1, now.toString(), prev));
            if (signature == null || !SIGNATURE.matcher(signature).matches()) {
                throw new IllegalStateException("the checkpoint signer returned no compact signature");
            }
        } catch (RuntimeException e) {
            nextCheckpointAt = recordsSinceCheckpoint + checkpointEvery;
            LOG.warn("{}: cannot sign an audit checkpoint ({}: {}); trying again later", file,
                    e.getClass().getSimpleName(), e.getMessage());
            return;
        }
        line.setLength(0);
        AuditLines.checkpointPrefix(line, seq + 1, now, prev, signature);
        appendLine();
        recordsSinceCheckpoint = 0;
        nextCheckpointAt = checkpointEvery;
        lastCheckpoint = now;
    }

    private void tick() {
        force();
        if (signer != null) {
            synchronized (lock) {
                if (!closed && failure == null && recordsSinceCheckpoint > 0
                        && !clock.instant().isBefore(lastCheckpoint.plus(checkpointInterval))) {
                    try {
                        writeCheckpoint();
                    } catch (UncheckedIOException e) {
                        // failure is set; the next write reports it
                    }
                }
            }
        }
    }

    private void force() {
        if (!dirty || failure != null) {
            return;
        }
        dirty = false;
        try {
            channel.force(false);
        } catch (IOException e) {
            failure = e;
            LOG.warn("{}: flushing the audit log failed ({}); it keeps no more records", file,
                    e.getClass().getSimpleName());
        }
    }

    private static JsonLinesAuditLog open(Builder b) {
        Path real;
        FileChannel channel = null;
        try {
            createOwnerOnly(b.file);
            real = b.file.toRealPath();
            if (!OPEN.add(real)) {
                throw new IllegalStateException(real + ": this audit log is already open in this JVM");
            }
            try {
                channel = FileChannel.open(real, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                FileLock fileLock = channel.tryLock();
                if (fileLock == null) {
                    throw new ConfigurationException(real + ": the audit log is locked by another process");
                }
                long[] seq = new long[1];
                String prev;
                try (FileChannel reader = FileChannel.open(real, StandardOpenOption.READ)) {
                    prev = readTail(real, reader, seq);
                }
                return new JsonLinesAuditLog(b, real, channel, fileLock, seq[0], prev);
            } catch (RuntimeException | IOException e) {
                OPEN.remove(real);
                throw e;
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException(b.file + ": cannot open the audit log (" + e.getClass().getSimpleName()
                    + ")", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The hash of the last line (or the genesis value) and, in {@code seq[0]}, its sequence number. */
    private static String readTail(Path file, FileChannel channel, long[] seq) throws IOException {
        long size = channel.size();
        if (size == 0) {
            seq[0] = 0;
            return AuditLines.GENESIS;
        }
        int length = (int) Math.min(size, MAX_TAIL_BYTES);
        ByteBuffer tail = ByteBuffer.allocate(length);
        long position = size - length;
        while (tail.hasRemaining()) {
            int n = channel.read(tail, position + tail.position());
            if (n < 0) {
                break;
            }
        }
        byte[] bytes = tail.array();
        if (bytes[length - 1] != '\n') {
            throw new ConfigurationException(file + ": the audit log ends with an incomplete line (a crash during a "
                    + "write?). Run 'luotsi audit verify' on it and remove the incomplete last line before writing "
                    + "to it again");
        }
        int start = length - 2;
        while (start >= 0 && bytes[start] != '\n') {
            start--;
        }
        if (start < 0 && position > 0) {
            throw new ConfigurationException(file + ": the last line of the audit log is longer than "
                    + MAX_TAIL_BYTES + " bytes; this is not an audit log Luotsi wrote");
        }
        String last = new String(bytes, start + 1, length - start - 2, StandardCharsets.ISO_8859_1);
        Matcher m = SEQ.matcher(last);
        if (last.length() < AuditLines.HASH_SUFFIX_LENGTH || !m.find()
                || !last.startsWith(AuditLines.HASH_FIELD, last.length() - AuditLines.HASH_SUFFIX_LENGTH)) {
            throw new ConfigurationException(file + ": the last line is not an audit log line; this is not an audit "
                    + "log Luotsi wrote, or it was damaged (run 'luotsi audit verify')");
        }
        int hashAt = last.length() - AuditLines.HASH_SUFFIX_LENGTH;
        String hash = last.substring(hashAt + AuditLines.HASH_FIELD.length(), last.length() - 2);
        MessageDigest d = AuditLines.sha256();
        d.update(last.substring(0, hashAt).getBytes(StandardCharsets.ISO_8859_1));
        if (!AuditLines.encode(d.digest()).equals(hash)) {
            throw new ConfigurationException(file + ": the hash of the last line does not match its content; the log "
                    + "was modified (run 'luotsi audit verify')");
        }
        seq[0] = Long.parseLong(m.group(1));
        return hash;
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // created meanwhile: the lock decides who writes
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    /** Builds a {@link JsonLinesAuditLog}. Only the file is required. */
    public static final class Builder {
        private final Path file;
        private Durability durability = Durability.defaults();
        private CheckpointSigner signer;
        private int checkpointEvery = 10_000;
        private Duration checkpointInterval = Duration.ofMinutes(1);
        private Clock clock = Clock.systemUTC();

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /** When records are forced to the device; {@link Durability#defaults()} (group commit, 100 ms) by default. */
        public Builder durability(Durability durability) {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        /** Signs checkpoints over the chain head; without one the log is a hash chain without checkpoints. */
        public Builder checkpointSigner(CheckpointSigner signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /** A checkpoint after this many records (10 000 by default). */
        public Builder checkpointEvery(int records) {
            if (records < 1) {
                throw new IllegalArgumentException("checkpointEvery must be positive: " + records);
            }
            this.checkpointEvery = records;
            return this;
        }

        /** A checkpoint when this much time has passed since the last one and records were written (1 min). */
        public Builder checkpointInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("checkpointInterval must be positive: " + interval);
            }
            this.checkpointInterval = interval;
            return this;
        }

        /** The clock checkpoint times come from (records carry their own time). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Opens the file, creating it when missing.
         *
         * @throws UncheckedIOException   when it cannot be created or opened
         * @throws ConfigurationException when it is locked by another process, or its last line is incomplete or
         *     damaged
         * @throws IllegalStateException  when this JVM already has it open
         */
        public JsonLinesAuditLog build() {
            return open(this);
        }
    }
}
