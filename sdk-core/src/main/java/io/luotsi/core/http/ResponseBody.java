package io.luotsi.core.http;

import io.luotsi.core.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The body of a response, read once as a stream. Close it (or the {@link HttpResponse}) when done, even when not
 * reading it, so the connection goes back to the pool.
 */
public abstract class ResponseBody implements Closeable {

    /** The media type, or {@code null} when the response did not say. */
    public abstract String contentType();

    /** The length in bytes, or -1 when not known. */
    public abstract long contentLength();

    /** The body as a stream; can be called once. */
    public abstract InputStream stream();

    @Override
    public abstract void close();

    /**
     * Reads the whole body into memory, refusing more than {@code maxBytes}.
     *
     * @throws ProtocolException when the body is longer than {@code maxBytes}
     */
    public byte[] bytes(long maxBytes) {
        long declared = contentLength();
        if (declared > maxBytes) {
            close();
            throw new ProtocolException("response body of " + declared + " bytes exceeds the limit of " + maxBytes);
        }
        try (InputStream in = stream()) {
            // The declared length is the server's word: size the buffer by it only up to 1 MiB (and never cast a
            // length over 2 GiB to a negative int).
            int initialSize = declared > 0 ? (int) Math.min(declared, 1 << 20) : 1024;
            ByteArrayOutputStream out = new ByteArrayOutputStream(initialSize);
            byte[] buf = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buf)) != -1) {
                total += n;
                if (total > maxBytes) {
                    throw new ProtocolException("response body exceeds the limit of " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("reading response body failed", e);
        } finally {
            close();
        }
    }

    /** Reads the whole body as text in the charset the content type names (UTF-8 when it names none). */
    public String string(long maxBytes) {
        return new String(bytes(maxBytes), charset());
    }

    /** The charset the content type names, UTF-8 by default. */
    public Charset charset() {
        return charsetOf(contentType());
    }

    static Charset charsetOf(String contentType) {
        if (contentType != null) {
            for (String param : contentType.split(";")) {
                String p = param.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    String name = p.substring(8).trim().replace("\"", "");
                    try {
                        return Charset.forName(name);
                    } catch (RuntimeException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** A body over an already open stream. */
    public static ResponseBody of(InputStream stream, long contentLength, String contentType) {
        return new ResponseBody() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public long contentLength() {
                return contentLength;
            }

            @Override
            public InputStream stream() {
                return stream;
            }

            @Override
            public void close() {
                try {
                    stream.close();
                } catch (IOException ignored) {
                    // Closing a response stream that already failed has nothing left to report.
                }
            }
        };
    }

    /** A body of bytes in memory. */
    public static ResponseBody of(byte[] bytes, String contentType) {
        return of(new java.io.ByteArrayInputStream(bytes), bytes.length, contentType);
    }
}
