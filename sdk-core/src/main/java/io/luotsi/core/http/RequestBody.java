package io.luotsi.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A request body that writes itself to the wire. Bodies stream: a file or a stream is copied in chunks, never held
 * in memory whole.
 *
 * <pre>{@code
 * RequestBody.of("{\"a\":1}", "application/json");
 * RequestBody.ofFile(Path.of("big.bin"), "application/octet-stream");
 * RequestBody.ofStream(() -> openUpload(), -1, "application/pdf");
 * }</pre>
 */
public abstract class RequestBody {

    /** The media type, e.g. {@code application/json; charset=utf-8}, or {@code null}. */
    public abstract String contentType();

    /** The length in bytes, or -1 when it is not known in advance (then the body is sent chunked). */
    public long contentLength() {
        return -1;
    }

    /** Writes the whole body. May be called again on a retry unless {@link #isOneShot()}. */
    public abstract void writeTo(OutputStream out) throws IOException;

    /** Whether this body can be written only once (a plain stream): such requests are never retried. */
    public boolean isOneShot() {
        return false;
    }

    public static RequestBody of(byte[] bytes, String contentType) {
        Objects.requireNonNull(bytes, "bytes");
        return new BytesBody(bytes, contentType);
    }

    public static RequestBody of(String text, String contentType) {
        Objects.requireNonNull(text, "text");
        return new BytesBody(text.getBytes(StandardCharsets.UTF_8), contentType);
    }

    public static RequestBody ofFile(Path file, String contentType) {
        Objects.requireNonNull(file, "file");
        return new RequestBody() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public long contentLength() {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read size of " + file, e);
                }
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
            }
        };
    }

    /**
     * A body read from streams the supplier opens; a new stream is opened for every attempt, so the request can be
     * retried.
     */
    public static RequestBody ofStream(Supplier<? extends InputStream> streams, long contentLength, String contentType) {
        Objects.requireNonNull(streams, "streams");
        return new RequestBody() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public long contentLength() {
                return contentLength;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (InputStream in = streams.get()) {
                    in.transferTo(out);
                }
            }
        };
    }

    /** A body read once from the stream; the request is never retried. The stream is closed after writing. */
    public static RequestBody ofStream(InputStream stream, long contentLength, String contentType) {
        Objects.requireNonNull(stream, "stream");
        return new RequestBody() {
            private boolean used;

            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public long contentLength() {
                return contentLength;
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            @Override
            public synchronized void writeTo(OutputStream out) throws IOException {
                if (used) {
                    throw new IOException("one-shot request body already written");
                }
                used = true;
                try (stream) {
                    stream.transferTo(out);
                }
            }
        };
    }

    /** A body that the caller writes directly to the wire, once. */
    public static RequestBody ofWriter(BodyWriter writer, String contentType) {
        Objects.requireNonNull(writer, "writer");
        return new RequestBody() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                writer.writeTo(out);
            }
        };
    }

    /** Writes a body to an output stream. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A body of bytes already in memory: repeatable and of known length. */
    private static final class BytesBody extends RequestBody {
        private final byte[] bytes;
        private final String contentType;

        BytesBody(byte[] bytes, String contentType) {
            this.bytes = bytes;
            this.contentType = contentType;
        }

        @Override
        public String contentType() {
            return contentType;
        }

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes);
        }
    }
}
