package io.luotsi.xroad.evidence;

import io.luotsi.core.json.JacksonJsonCodec;
import io.luotsi.core.json.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default {@link EvidenceStore}: an append-only file of JSON Lines, one self-contained JSON object per record and
 * per line, so that any line can be read, copied or checked on its own.
 *
 * <pre>{@code
 * try (JsonLinesEvidenceStore store = JsonLinesEvidenceStore.open(Path.of("/var/lib/myapp/evidence.jsonl"),
 *         JsonLinesEvidenceStore.Fsync.EVERY_RECORD)) {
 *     store.append(record);
 * }
 * try (EvidenceReader reader = JsonLinesEvidenceStore.read(Path.of("/var/lib/myapp/evidence.jsonl"))) {
 *     for (EvidenceRecord r : reader) { ... }
 * }
 * }</pre>
 *
 * A line looks like this (one line in the file):
 * <pre>{@code
 * {"v":1,"time":"2026-03-02T10:15:30Z","messageId":"4c1c...","requestId":"78b8...",
 *  "client":{"xRoadInstance":"FI","memberClass":"GOV","memberCode":"0245437-2","subsystemCode":"app"},
 *  "service":{"xRoadInstance":"FI","memberClass":"GOV","memberCode":"1234567-8","subsystemCode":"registry",
 *             "serviceCode":"persons","serviceVersion":null},
 *  "requestDigest":{"algorithmId":"http://www.w3.org/2001/04/xmlenc#sha512","value":"..."},
 *  "responseDigest":{...},"requestHash":{"protocol":"SOAP","algorithmId":"...","value":"..."}}
 * }</pre>
 *
 * <p><b>Appending</b> writes the whole line with one write while holding a lock, so lines never interleave: appends
 * are serialised across threads and across every store this JVM has open on the same file, and across processes that
 * also use this class by an advisory file lock. The file is opened in append mode and never rewritten.
 *
 * <p><b>Durability</b> ({@link Fsync}): {@code EVERY_RECORD} (the default) forces each record to the storage device
 * before {@code append} returns, so an acknowledged record survives a power failure, at the cost of a device flush per
 * record; {@code ON_CLOSE} hands each record to the operating system at once (it survives a crash of the JVM, not of
 * the machine) and forces the file when the store closes; {@code NEVER} leaves flushing to the operating system.
 *
 * <p>A new file is created readable and writable by its owner only, where the file system has POSIX permissions. A
 * write that fails (a full disk) throws {@link UncheckedIOException} naming the file, and the record counts as not
 * stored. A crash in the middle of a write can leave the last line incomplete; the reader skips such a line.
 */
public final class JsonLinesEvidenceStore implements EvidenceStore {

    /** When appended records are forced to the storage device. */
    public enum Fsync {
        /** Before each {@code append} returns. */
        EVERY_RECORD,
        /** When the store closes. */
        ON_CLOSE,
        /** Never by the store; the operating system writes back when it chooses. */
        NEVER
    }

    static final JsonCodec JSON = JacksonJsonCodec.create();
    private static final ConcurrentHashMap<Path, ReentrantLock> FILE_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final Fsync fsync;
    private final FileChannel channel;
    private final ReentrantLock lock;
    private volatile boolean closed;

    private JsonLinesEvidenceStore(Path file, Fsync fsync, FileChannel channel, ReentrantLock lock) {
        this.file = file;
        this.fsync = fsync;
        this.channel = channel;
        this.lock = lock;
    }

    /** Opens (or creates) the file, forcing every record to the device; see {@link #open(Path, Fsync)}. */
    public static JsonLinesEvidenceStore open(Path file) {
        return open(file, Fsync.EVERY_RECORD);
    }

    /**
     * Opens the file for appending, creating it when it does not exist (its directory must).
     *
     * @throws UncheckedIOException naming the file when it cannot be created or opened
     */
    public static JsonLinesEvidenceStore open(Path file, Fsync fsync) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fsync, "fsync");
        try {
            createOwnerOnly(file);
            Path real = file.toRealPath();
            FileChannel channel = FileChannel.open(real, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new JsonLinesEvidenceStore(real, fsync, channel,
                    FILE_LOCKS.computeIfAbsent(real, p -> new ReentrantLock()));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot open the evidence file (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    /**
     * Reads the records of a file, in the order they were appended. Close the reader when done.
     *
     * @throws UncheckedIOException naming the file when it cannot be opened
     */
    public static EvidenceReader read(Path file) {
        Objects.requireNonNull(file, "file");
        return new EvidenceReader(file);
    }

    /**
     * Appends the record as one line.
     *
     * @throws IllegalStateException when the store is closed
     * @throws UncheckedIOException  naming the file when the write or the flush fails; the record is then not stored
     */
    @Override
    public void append(EvidenceRecord record) {
        Objects.requireNonNull(record, "record");
        byte[] json = JSON.writeBytes(EvidenceJson.from(record));
        ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        for (int i = 0; i < json.length; i++) {
            if (json[i] == '\n' || json[i] == '\r') {
                throw new IllegalStateException("the JSON writer produced a line break inside a record");
            }
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(file + ": the evidence store is closed");
            }
            try (FileLock ignored = channel.lock()) {
                while (line.hasRemaining()) {
                    channel.write(line);
                }
                if (fsync == Fsync.EVERY_RECORD) {
                    channel.force(false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot append an evidence record (" + e.getClass()
                    .getSimpleName() + ")", e);
        } finally {
            lock.unlock();
        }
    }

    /** The file, with links resolved. */
    public Path file() {
        return file;
    }

    /** Forces what was appended to the device if the policy says so, and closes the file. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (fsync == Fsync.ON_CLOSE) {
                    channel.force(false);
                }
            } finally {
                channel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot close the evidence file (" + e.getClass().getSimpleName()
                    + ")", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "JsonLinesEvidenceStore[" + file + ", fsync " + fsync + "]";
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
            // Another writer created it first: append to it.
        }
    }
}
