package io.luotsi.xroad.soap;

import io.luotsi.core.TransportException;
import io.luotsi.xroad.soap.internal.Spool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * An attachment of a decoded multipart message: its MIME headers and its content as received (a
 * {@code Content-Transfer-Encoding} is not undone, as X-Road does not undo it). Small contents are held in memory,
 * larger ones in a temporary file that {@link #close()} deletes (closing the {@link DecodedSoapMessage} closes its
 * attachments).
 */
public final class Attachment implements AutoCloseable {

    private final MimeHeaders headers;
    private final Spool spool;

    Attachment(MimeHeaders headers, Spool spool) {
        this.headers = headers;
        this.spool = spool;
    }

    /** All MIME headers of the part, in order. */
    public MimeHeaders headers() {
        return headers;
    }

    /** {@code Content-Type} as written. */
    public String contentType() {
        return headers.contentType().orElse("application/octet-stream");
    }

    /** {@code Content-ID} without angle brackets: what an MTOM {@code xop:Include href="cid:..."} refers to. */
    public Optional<String> contentId() {
        return headers.contentId();
    }

    /** The size of the content in bytes. */
    public long size() {
        return spool.size();
    }

    /** Whether the content is in a temporary file rather than in memory. */
    public boolean isOnDisk() {
        return spool.isOnDisk();
    }

    /** A new stream over the content. */
    public InputStream openStream() {
        try {
            return spool.openStream();
        } catch (IOException e) {
            throw new TransportException("cannot read attachment: " + e.getMessage(), e,
                    TransportException.Phase.EXCHANGE, false, null, null);
        }
    }

    /** The whole content (for small attachments). */
    public byte[] bytes() {
        if (spool.size() > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("attachment too large for an array: " + spool.size() + " bytes");
        }
        try (InputStream in = openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the temporary file, if any; the content is gone afterwards. */
    @Override
    public void close() {
        try {
            spool.delete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "Attachment[" + contentType() + ", " + size() + " bytes]";
    }
}
