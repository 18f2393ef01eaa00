package io.luotsi.xroad.internal;

import io.luotsi.xroad.XRoadProtocolException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX factories configured to fail closed: no DTDs, no external entities, bounded depth and size. Every XML parser of
 * sdk-xroad gets its reader here.
 *
 * <p>The factories are always the JDK's built-in StAX implementation ({@link XMLInputFactory#newDefaultFactory()}),
 * never the one the service loader would find: Woodstox arrives on many classpaths (through
 * jackson-dataformat-xml) and would silently change parsing behaviour, error messages and which hardening properties
 * apply.
 */
public final class SafeXml {

    /** Default cap on element nesting. */
    public static final int DEFAULT_MAX_DEPTH = 100;

    private static final XMLInputFactory INPUT = newInputFactory(DEFAULT_MAX_DEPTH * 2);
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newDefaultFactory();

    private SafeXml() {
    }

    /**
     * A new hardened input factory of the JDK's StAX implementation that refuses elements nested deeper than
     * {@code maxElementDepth}. Readers from it still report a DOCTYPE as an event: wrap them as {@link #reader} does,
     * or refuse {@code DTD} events yourself.
     */
    public static XMLInputFactory newInputFactory(int maxElementDepth) {
        if (maxElementDepth < 1) {
            throw new IllegalArgumentException("maxElementDepth must be positive: " + maxElementDepth);
        }
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        trySet(f, "http://java.sun.com/xml/stream/properties/report-cdata-event", true);
        trySet(f, "jdk.xml.maxElementDepth", maxElementDepth);
        trySet(f, "jdk.xml.elementAttributeLimit", 1000);
        trySet(f, "jdk.xml.entityExpansionLimit", 1000);
        trySet(f, "jdk.xml.maxGeneralEntitySizeLimit", 65536);
        trySet(f, "jdk.xml.totalEntitySizeLimit", 1_000_000);
        return f;
    }

    private static void trySet(XMLInputFactory f, String name, Object value) {
        try {
            f.setProperty(name, value);
        } catch (IllegalArgumentException ignored) {
            // Not supported by this StAX implementation; the explicit checks of the readers still apply.
        }
    }

    public static XMLInputFactory inputFactory() {
        return INPUT;
    }

    public static XMLOutputFactory outputFactory() {
        return OUTPUT;
    }

    /** A reader over at most {@code maxBytes} of {@code in}, refusing DOCTYPE. Encoding detected from the document. */
    public static XMLStreamReader reader(InputStream in, long maxBytes) {
        try {
            return new DoctypeRefusingReader(INPUT.createXMLStreamReader(limit(in, maxBytes)));
        } catch (XMLStreamException e) {
            throw new XRoadProtocolException("invalid_xml", "cannot read XML: " + e.getMessage(), e);
        }
    }

    /** A reader over at most {@code maxBytes} of {@code in} in the given charset, refusing DOCTYPE. */
    public static XMLStreamReader reader(InputStream in, String charset, long maxBytes) {
        try {
            return new DoctypeRefusingReader(INPUT.createXMLStreamReader(limit(in, maxBytes), charset));
        } catch (XMLStreamException e) {
            throw new XRoadProtocolException("invalid_xml", "cannot read XML: " + e.getMessage(), e);
        }
    }

    public static InputStream limit(InputStream in, long maxBytes) {
        return maxBytes < 0 ? in : new LimitedInputStream(in, maxBytes);
    }

    /** Refuses a DOCTYPE as soon as the parser reports it. */
    private static final class DoctypeRefusingReader extends javax.xml.stream.util.StreamReaderDelegate {
        DoctypeRefusingReader(XMLStreamReader r) {
            super(r);
        }

        @Override
        public int next() throws XMLStreamException {
            int e = super.next();
            if (e == DTD) {
                throw new XMLStreamException("DOCTYPE is not allowed");
            }
            return e;
        }

        @Override
        public int nextTag() throws XMLStreamException {
            int e;
            do {
                e = next();
            } while (e == CHARACTERS && isWhiteSpace() || e == SPACE || e == COMMENT
                    || e == PROCESSING_INSTRUCTION || e == CDATA && isWhiteSpace());
            if (e != START_ELEMENT && e != END_ELEMENT) {
                throw new XMLStreamException("expected start or end tag", getLocation());
            }
            return e;
        }
    }

    /** Fails once more than {@code max} bytes have been read. */
    public static final class LimitedInputStream extends FilterInputStream {
        private final long max;
        private long count;

        public LimitedInputStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > max) {
                throw new SizeLimitExceededException(max);
            }
        }
    }

    /** Thrown through the parser when the input exceeds its size limit. */
    public static final class SizeLimitExceededException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        SizeLimitExceededException(long limit) {
            super("message exceeds the size limit of " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }
}
