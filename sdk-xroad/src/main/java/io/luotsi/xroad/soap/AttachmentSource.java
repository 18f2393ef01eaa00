package io.luotsi.xroad.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * An attachment to send: where its content comes from and its MIME headers. The content is streamed when the message
 * is written, never held whole in memory (except {@link #ofBytes}).
 *
 * <pre>{@code
 * AttachmentSource.ofFile(Path.of("scan.pdf"), "application/pdf").withContentId("scan1");
 * AttachmentSource.ofStream(() -> storage.open(key), "image/png");        // reopened on a retry
 * }</pre>
 *
 * A source over a plain {@link InputStream} ({@link #ofStream(InputStream, String)}) can be written once; a message
 * with such an attachment is never retried.
 */
public final class AttachmentSource {

    private final Supplier<? extends InputStream> content;
    private final boolean oneShot;
    private final AtomicBoolean used;
    private final MimeHeaders headers;

    private AttachmentSource(Supplier<? extends InputStream> content, boolean oneShot, AtomicBoolean used,
                             MimeHeaders headers) {
        this.content = content;
        this.oneShot = oneShot;
        this.used = used;
        this.headers = headers;
    }

    private static MimeHeaders defaults(String contentType) {
        Objects.requireNonNull(contentType, "contentType");
        return MimeHeaders.of("Content-Type", contentType, "Content-Transfer-Encoding", "binary");
    }

    /** A file, read anew for every attempt. */
    public static AttachmentSource ofFile(Path file, String contentType) {
        Objects.requireNonNull(file, "file");
        return new AttachmentSource(() -> {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read attachment " + file, e);
            }
        }, false, null, defaults(contentType));
    }

    /** Streams opened by {@code streams}, one per attempt. */
    public static AttachmentSource ofStream(Supplier<? extends InputStream> streams, String contentType) {
        Objects.requireNonNull(streams, "streams");
        return new AttachmentSource(streams, false, null, defaults(contentType));
    }

    /** One stream, read once (and closed); the message is then never retried. */
    public static AttachmentSource ofStream(InputStream stream, String contentType) {
        Objects.requireNonNull(stream, "stream");
        return new AttachmentSource(() -> stream, true, new AtomicBoolean(), defaults(contentType));
    }

    /** Bytes in memory (not copied: do not modify them afterwards). */
    public static AttachmentSource ofBytes(byte[] bytes, String contentType) {
        Objects.requireNonNull(bytes, "bytes");
        return new AttachmentSource(() -> new ByteArrayInputStream(bytes), false, null, defaults(contentType));
    }

    /** A copy with a {@code Content-ID} (angle brackets added), for {@code xop:Include href="cid:..."}. */
    public AttachmentSource withContentId(String contentId) {
        Objects.requireNonNull(contentId, "contentId");
        return withHeader("Content-ID", "<" + MimeHeaders.stripAngles(contentId) + ">");
    }

    /** A copy with one more MIME header (X-Road passes part headers on to the service). */
    public AttachmentSource withHeader(String name, String value) {
        return new AttachmentSource(content, oneShot, used, headers.with(name, value));
    }

    public MimeHeaders headers() {
        return headers;
    }

    public String contentType() {
        return headers.contentType().orElseThrow();
    }

    public java.util.Optional<String> contentId() {
        return headers.contentId();
    }

    /** Whether the content can be read only once. */
    public boolean isOneShot() {
        return oneShot;
    }

    /**
     * Opens the content.
     *
     * @throws IllegalStateException when a one-shot source was read already
     */
    public InputStream open() {
        if (oneShot && used.getAndSet(true)) {
            throw new IllegalStateException("this attachment's stream was read already");
        }
        return content.get();
    }

    @Override
    public String toString() {
        return "AttachmentSource[" + contentType() + (oneShot ? ", one-shot" : "") + "]";
    }
}
