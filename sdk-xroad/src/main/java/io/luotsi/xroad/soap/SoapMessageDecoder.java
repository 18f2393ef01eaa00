package io.luotsi.xroad.soap;

import io.luotsi.core.TransportException;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.soap.internal.MediaType;
import io.luotsi.xroad.soap.internal.MultipartReader;
import io.luotsi.xroad.soap.internal.Spool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes a SOAP message as it arrives over HTTP, as X-Road's {@code SoapMessageDecoder} does: a single
 * {@code text/xml} or {@code application/xop+xml} SOAP part, or {@code multipart/related} (SwA or MTOM/XOP) whose first
 * part is the SOAP part and whose other parts are attachments (a nested {@code multipart/*} part is flattened into its
 * parts). Streaming: attachments are never held whole in memory.
 *
 * <pre>{@code
 * SoapMessageDecoder decoder = SoapMessageDecoder.builder()
 *         .attachmentMemoryThreshold(1 << 20)      // larger attachments go to temporary files
 *         .build();
 * try (DecodedSoapMessage m = decoder.decode(request.body(), request.contentType())) { ... }
 *
 * // or fully streaming, one callback per part:
 * decoder.decode(in, contentType, new SoapMessageDecoder.Handler() {
 *     public void soap(SoapEnvelope soap, MimeHeaders headers) { ... }
 *     public void attachment(MimeHeaders headers, InputStream content) throws IOException { content.transferTo(sink); }
 * });
 * }</pre>
 *
 * <p>Verdicts are X-Road's: {@code invalid_content_type} "Invalid content type: blah" for a message type other than
 * those above (SOAP 1.2 {@code application/soap+xml} included) and for a first part that is not SOAP ("Invalid
 * content type: text/plain"), "Could not get content type for part" for a part without {@code Content-Type},
 * {@code mime_parsing_failed} for part headers over the limits, and the {@link SoapEnvelopeReader}'s verdicts for the
 * SOAP part.
 */
public final class SoapMessageDecoder {

    /** Default: attachments up to 1 MiB stay in memory. */
    public static final int DEFAULT_ATTACHMENT_MEMORY_THRESHOLD = 1024 * 1024;

    private static final SoapMessageDecoder DEFAULT = builder().build();

    private final SoapEnvelopeReader reader;
    private final int memoryThreshold;
    private final Path tempDirectory;
    private final long maxAttachmentBytes;
    private final MultipartReader.Limits limits;

    private SoapMessageDecoder(Builder b) {
        this.reader = b.reader;
        this.memoryThreshold = b.memoryThreshold;
        this.tempDirectory = b.tempDirectory;
        this.maxAttachmentBytes = b.maxAttachmentBytes;
        this.limits = new MultipartReader.Limits(b.maxHeaderLineLength, b.maxHeaderCount, b.maxHeaderLength);
    }

    public static SoapMessageDecoder create() {
        return DEFAULT;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Receives the parts of a message, in order, as they are decoded. */
    @Callback
    public interface Handler {
        /** The SOAP part (first). {@code partHeaders} are empty for a single-part message. */
        void soap(SoapEnvelope soap, MimeHeaders partHeaders) throws IOException;

        /**
         * An attachment. {@code content} is valid only during the call; what the handler does not read is skipped.
         */
        void attachment(MimeHeaders headers, InputStream content) throws IOException;
    }

    /**
     * Checks a message's content type as X-Road does before reading: {@code text/xml}, {@code application/xop+xml}
     * or {@code multipart/related}, in any case.
     *
     * @throws XRoadProtocolException {@code invalid_content_type} "Invalid content type: ..." otherwise, and
     *     {@code invalid_request} when there is none
     */
    public static void validateContentType(String contentType) {
        if (contentType == null) {
            throw new XRoadProtocolException("invalid_request", "Could not get content type from request");
        }
        MediaType mt = MediaType.parse(contentType);
        String base = mt.baseTypeLower();
        if (!mt.isSoapType() && !base.equals(MediaType.MULTIPART_RELATED)) {
            throw new XRoadProtocolException("invalid_content_type", "Invalid content type: " + mt.baseType());
        }
    }

    /**
     * Decodes a message part by part into {@code handler}.
     *
     * @throws XRoadProtocolException on the first violation (parts before it have been delivered)
     * @throws TransportException when reading fails or the handler throws an IOException
     */
    public void decode(InputStream in, String contentType, Handler handler) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(handler, "handler");
        validateContentType(contentType);
        MediaType mt = MediaType.parse(contentType);
        try {
            if (mt.isSoapType()) {
                SoapEnvelope soap = readSoap(in, contentType);
                handler.soap(soap, MimeHeaders.of());
                return;
            }
            String boundary = mt.parameter("boundary");
            Leaves leaves = new Leaves(handler);
            if (boundary == null || boundary.isEmpty()) {
                // mime4j reads a multipart without boundary as one plain body with the message's content type
                leaves.leaf(MimeHeaders.of("Content-Type", contentType), contentType, in);
                return;
            }
            leaves.walk(new MultipartReader(in, boundary, limits));
        } catch (MultipartReader.MimeLimitException e) {
            throw new XRoadProtocolException("mime_parsing_failed", e.getMessage(), e);
        } catch (IOException e) {
            throw new TransportException("cannot read the SOAP message: " + e.getMessage(), e,
                    TransportException.Phase.EXCHANGE, false, null, null);
        }
    }

    /**
     * Decodes a whole message, keeping attachments in memory or in temporary files.
     *
     * @throws XRoadProtocolException as {@link #decode(InputStream, String, Handler)}, and {@code missing_soap}
     *     "Request does not have SOAP message" for a multipart message without parts
     */
    public DecodedSoapMessage decode(InputStream in, String contentType) {
        List<Attachment> attachments = new ArrayList<>();
        SoapEnvelope[] soap = new SoapEnvelope[1];
        MimeHeaders[] soapHeaders = new MimeHeaders[1];
        try {
            decode(in, contentType, new Handler() {
                long total;

                @Override
                public void soap(SoapEnvelope s, MimeHeaders partHeaders) {
                    soap[0] = s;
                    soapHeaders[0] = partHeaders;
                }

                @Override
                public void attachment(MimeHeaders headers, InputStream content) throws IOException {
                    Spool spool = new Spool(memoryThreshold, tempDirectory);
                    attachments.add(new Attachment(headers, spool));
                    byte[] buf = new byte[16 * 1024];
                    int n;
                    try {
                        while ((n = content.read(buf)) >= 0) {
                            total += n;
                            if (total > maxAttachmentBytes) {
                                throw new XRoadProtocolException("mime_parsing_failed",
                                        "attachments exceed the size limit of " + maxAttachmentBytes + " bytes");
                            }
                            spool.write(buf, 0, n);
                        }
                    } finally {
                        spool.close();
                    }
                }
            });
            if (soap[0] == null) {
                throw new XRoadProtocolException("missing_soap", "Request does not have SOAP message");
            }
            return new DecodedSoapMessage(contentType, soap[0], soapHeaders[0], attachments,
                    MediaType.parse(contentType).isMultipart());
        } catch (RuntimeException e) {
            for (Attachment a : attachments) {
                try {
                    a.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private SoapEnvelope readSoap(InputStream in, String contentType) {
        SoapEnvelopeReader.Buffered b = SoapEnvelopeReader.readAll(in, reader.maxBytes());
        return reader.read(b.buf(), 0, b.length(), contentType);
    }

    /** Walks the leaf parts: the first is the SOAP part, the others attachments. */
    private final class Leaves {
        private final Handler handler;
        private boolean soapSeen;

        Leaves(Handler handler) {
            this.handler = handler;
        }

        void walk(MultipartReader r) throws IOException {
            while (r.nextPart()) {
                List<MultipartReader.Header> raw = r.headers();
                List<MimeHeaders.Header> list = new ArrayList<>(raw.size());
                String ct = null;
                for (MultipartReader.Header h : raw) {
                    list.add(new MimeHeaders.Header(h.name(), h.value()));
                    if (h.name().equalsIgnoreCase("Content-Type")) {
                        ct = h.value(); // the last one wins, as in X-Road's handler
                    }
                }
                if (ct != null) {
                    MediaType pm = MediaType.parse(ct);
                    String nested = pm.parameter("boundary");
                    if (pm.isMultipart() && nested != null && !nested.isEmpty()) {
                        walk(new MultipartReader(r.body(), nested, limits));
                        continue;
                    }
                }
                leaf(new MimeHeaders(list), ct, r.body());
            }
        }

        void leaf(MimeHeaders headers, String contentType, InputStream body) throws IOException {
            if (contentType == null) {
                throw new XRoadProtocolException("invalid_content_type", "Could not get content type for part");
            }
            if (!soapSeen) {
                soapSeen = true;
                handler.soap(readSoap(body, contentType), headers);
            } else {
                handler.attachment(headers, body);
                byte[] skip = new byte[8192];
                while (body.read(skip) >= 0) {
                    // what the handler left unread
                }
            }
        }
    }

    /** Configures a {@link SoapMessageDecoder}. */
    public static final class Builder {
        private SoapEnvelopeReader reader = SoapEnvelopeReader.create();
        private int memoryThreshold = DEFAULT_ATTACHMENT_MEMORY_THRESHOLD;
        private Path tempDirectory;
        private long maxAttachmentBytes = Long.MAX_VALUE;
        private int maxHeaderLineLength = MultipartReader.Limits.DEFAULT.maxLineLength();
        private int maxHeaderCount = MultipartReader.Limits.DEFAULT.maxHeaderCount();
        private int maxHeaderLength = MultipartReader.Limits.DEFAULT.maxHeaderLength();

        private Builder() {
        }

        /** The reader of the SOAP part, with its size and depth limits. */
        public Builder envelopeReader(SoapEnvelopeReader reader) {
            this.reader = Objects.requireNonNull(reader, "reader");
            return this;
        }

        /** Attachments up to this many bytes are kept in memory (default 1 MiB), larger ones in temporary files. */
        public Builder attachmentMemoryThreshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("threshold must not be negative: " + bytes);
            }
            this.memoryThreshold = bytes;
            return this;
        }

        /** Where temporary files go (default: the system's temporary directory). */
        public Builder tempDirectory(Path dir) {
            this.tempDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The most attachment bytes the collecting {@code decode} keeps (default: no limit, as X-Road). */
        public Builder maxAttachmentBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("limit must not be negative: " + bytes);
            }
            this.maxAttachmentBytes = bytes;
            return this;
        }

        /** Part header limits (defaults as mime4j's: 1000-byte lines, 1000 headers, 10000 bytes per header). */
        public Builder partHeaderLimits(int maxLineLength, int maxHeaderCount, int maxHeaderLength) {
            if (maxLineLength < 78 || maxHeaderCount < 1 || maxHeaderLength < maxLineLength) {
                throw new IllegalArgumentException("unusable part header limits");
            }
            this.maxHeaderLineLength = maxLineLength;
            this.maxHeaderCount = maxHeaderCount;
            this.maxHeaderLength = maxHeaderLength;
            return this;
        }

        public SoapMessageDecoder build() {
            return new SoapMessageDecoder(this);
        }
    }
}
