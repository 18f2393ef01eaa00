package io.luotsi.xroad.soap;

import io.luotsi.core.TransportException;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.internal.SafeXml;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;

/**
 * Reads a SOAP part (the whole body of a {@code text/xml} message, or the first part of a multipart one) and reaches
 * the verdict X-Road 7.8's wire parser reaches on the same bytes.
 *
 * <pre>{@code
 * SoapEnvelopeReader reader = SoapEnvelopeReader.create();      // immutable, thread-safe: build once
 * SoapEnvelope env = reader.read(in, "text/xml; charset=UTF-8");
 * if (env instanceof SoapFault f) {
 *     throw f.toException();                                    // XRoadException
 * }
 * SoapMessage m = (SoapMessage) env;
 * handle(m.header(), m.bodyReader());
 * }</pre>
 *
 * <p>Checks, codes and messages are X-Road's ({@code SaxSoapParserImpl}), e.g. {@code missing_header},
 * {@code duplicate_header_field} "SOAP header contains duplicate field '{http://x-road.eu/xsd/xroad.xsd}client'",
 * {@code invalid_xml} "Missing objectType attribute", {@code missing_header_field} "Message header must contain
 * service id", {@code invalid_protocol_version}, {@code missing_body}, {@code invalid_body},
 * {@code inconsistent_headers}, {@code invalid_soap} for XML that is not well-formed. A rejected message throws
 * {@link XRoadProtocolException} with that {@link XRoadProtocolException#code() code}.
 *
 * <p>The charset is the content type's {@code charset} (UTF-8 when absent); a UTF-8 byte order mark is skipped only
 * when the charset is UTF-8 or absent. The message is never re-encoded: {@link SoapEnvelope#bytes()} are the bytes
 * received. The SOAP part is held in memory, up to {@link Builder#maxBytes(long)}; DOCTYPEs and external entities
 * are refused, element nesting is limited by {@link Builder#maxDepth(int)}.
 */
public final class SoapEnvelopeReader {

    /** The SOAP 1.1 envelope namespace. */
    public static final String SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    /** Default size limit of a SOAP part: 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    /** Default nesting limit. */
    public static final int DEFAULT_MAX_DEPTH = 200;

    private static final SoapEnvelopeReader DEFAULT = builder().build();

    private final long maxBytes;
    private final int maxDepth;
    private final XMLInputFactory factory;
    /**
     * Per thread, a factory that resets and reuses its last parser instead of building a new one (the JDK parser's
     * {@code reuse-instance}): a third of the cost of reading a small message. Only the parse inside
     * {@link #read} uses it, and closes its parser before returning; readers handed out come from {@link #factory}.
     */
    private final ThreadLocal<XMLInputFactory> reusing;

    private SoapEnvelopeReader(Builder b) {
        this.maxBytes = b.maxBytes;
        this.maxDepth = b.maxDepth;
        // one deeper than our own check, so that ours (with its clearer message) fires first
        this.factory = SafeXml.newInputFactory(b.maxDepth + 1);
        int depth = b.maxDepth + 1;
        this.reusing = ThreadLocal.withInitial(() -> {
            XMLInputFactory f = SafeXml.newInputFactory(depth);
            try {
                f.setProperty(REUSE_INSTANCE, Boolean.TRUE);
            } catch (IllegalArgumentException notSupported) {
                // another StAX implementation: a new parser per message
            }
            return f;
        });
    }

    private static final String REUSE_INSTANCE = "reuse-instance";

    /** A reader with the default limits. */
    public static SoapEnvelopeReader create() {
        return DEFAULT;
    }

    public static Builder builder() {
        return new Builder();
    }

    public long maxBytes() {
        return maxBytes;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /**
     * Reads and checks a SOAP part.
     *
     * @param contentType the content type it came with ({@code null}: {@code text/xml; charset=UTF-8})
     * @throws XRoadProtocolException when X-Road would reject the message (see the class comment)
     * @throws TransportException when reading {@code in} fails
     */
    public SoapEnvelope read(InputStream in, String contentType) {
        Objects.requireNonNull(in, "in");
        Buffered b = readAll(in, maxBytes);
        return read(b.buf(), 0, b.length(), contentType);
    }

    /** Reads a SOAP part from bytes, which the result keeps (do not modify them afterwards). */
    public SoapEnvelope read(byte[] bytes, String contentType) {
        Objects.requireNonNull(bytes, "bytes");
        return read(bytes, 0, bytes.length, contentType);
    }

    /** Reads {@code length} bytes at {@code offset}; the result keeps the array (do not modify it afterwards). */
    public SoapEnvelope read(byte[] bytes, int offset, int length, String contentType) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return new EnvelopeParser(reusing.get(), factory, maxDepth).parse(bytes, offset, length, contentType);
    }

    /**
     * Reads a message that must not be a fault: a fault becomes its {@link XRoadException}
     * ({@link SoapFault#toException()}).
     */
    public SoapMessage readMessage(InputStream in, String contentType) {
        SoapEnvelope env = read(in, contentType);
        if (env instanceof SoapFault f) {
            throw f.toException();
        }
        return (SoapMessage) env;
    }

    static XRoadProtocolException tooLarge(long max) {
        return new XRoadProtocolException("invalid_soap", "SOAP message exceeds the size limit of " + max + " bytes");
    }

    /** Bytes read from a stream: the first {@code length} of {@code buf}. */
    record Buffered(byte[] buf, int length) {
    }

    /** Reads a stream to its end, failing with {@code invalid_soap} beyond {@code max} bytes. */
    static Buffered readAll(InputStream in, long max) {
        byte[] buf = new byte[8192];
        int n = 0;
        try {
            while (true) {
                if (n == buf.length) {
                    if (n >= max) {
                        if (in.read() < 0) {
                            break;
                        }
                        throw tooLarge(max);
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(Math.max(buf.length * 2L, 8192), Math.min(max,
                            Integer.MAX_VALUE - 16)));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            throw new TransportException("cannot read the SOAP message: " + e.getMessage(), e,
                    TransportException.Phase.EXCHANGE, false, null, null);
        }
        return new Buffered(buf, n);
    }

    /** Configures a {@link SoapEnvelopeReader}. */
    public static final class Builder {
        private long maxBytes = DEFAULT_MAX_BYTES;
        private int maxDepth = DEFAULT_MAX_DEPTH;

        private Builder() {
        }

        /** The largest SOAP part accepted (default 64 MiB); larger ones are {@code invalid_soap}. */
        public Builder maxBytes(long maxBytes) {
            if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("maxBytes must be between 1 and 2 GiB: " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /** The deepest element nesting accepted (default 200); deeper is {@code invalid_soap}. */
        public Builder maxDepth(int maxDepth) {
            if (maxDepth < 3) {
                throw new IllegalArgumentException("maxDepth must be at least 3: " + maxDepth);
            }
            this.maxDepth = maxDepth;
            return this;
        }

        public SoapEnvelopeReader build() {
            return new SoapEnvelopeReader(this);
        }
    }
}
