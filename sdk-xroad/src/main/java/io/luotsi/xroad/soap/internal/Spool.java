package io.luotsi.xroad.soap.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Bytes kept in memory up to a threshold and in a temporary file beyond it. The file is deleted by {@link #delete()}.
 */
public final class Spool extends OutputStream {

    private final int threshold;
    private final Path directory;
    private byte[] mem = new byte[256];
    private int memCount;
    private Path file;
    private OutputStream fileOut;
    private long size;
    private boolean closed;

    /**
     * @param threshold bytes kept in memory; more go to a file
     * @param directory where temporary files go ({@code null}: the system's temporary directory)
     */
    public Spool(int threshold, Path directory) {
        this.threshold = threshold;
        this.directory = directory;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("spool is closed");
        }
        if (file == null && memCount + len <= threshold) {
            if (memCount + len > mem.length) {
                mem = Arrays.copyOf(mem, Math.min(threshold, Math.max(mem.length * 2, memCount + len)));
            }
            System.arraycopy(b, off, mem, memCount, len);
            memCount += len;
        } else {
            if (file == null) {
                file = directory == null ? Files.createTempFile("luotsi-attachment-", ".bin")
                        : Files.createTempFile(directory, "luotsi-attachment-", ".bin");
                fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
                fileOut.write(mem, 0, memCount);
                mem = null;
            }
            fileOut.write(b, off, len);
        }
        size += len;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            if (fileOut != null) {
                fileOut.close();
            }
        }
    }

    public long size() {
        return size;
    }

    /** Whether the content went to a temporary file. */
    public boolean isOnDisk() {
        return file != null;
    }

    /** A new stream over the content; the spool must be closed first. */
    public InputStream openStream() throws IOException {
        if (!closed) {
            throw new IllegalStateException("spool is still being written");
        }
        if (file != null) {
            return Files.newInputStream(file);
        }
        if (mem == null) {
            throw new IllegalStateException("spool was deleted");
        }
        return new ByteArrayInputStream(mem, 0, memCount);
    }

    /** Deletes the temporary file, if any, and drops the content. */
    public void delete() throws IOException {
        close();
        mem = null;
        if (file != null) {
            Path f = file;
            file = null;
            Files.deleteIfExists(f);
        }
    }

    /** The temporary file, or {@code null} (for tests). */
    public Path file() {
        return file;
    }
}
