package io.luotsi.core.xml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import io.luotsi.core.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * {@link XmlCodec} on Jackson's XML data format ({@code jackson-dataformat-xml}). {@link #create()} configures it
 * safely (see {@code docs/adr/0007-xml-codec-in-core.md}):
 * <ul>
 *   <li>the StAX parser is always the JDK's built-in one ({@link XMLInputFactory#newDefaultFactory()}), never the
 *       one the service loader finds: jackson-dataformat-xml brings Woodstox, whose hardening properties differ, and
 *       a library must not change its parser with the classpath (the writer is Woodstox's, named explicitly: writing
 *       parses nothing, and the JDK's repairing writer mis-declares namespaces with Jackson);
 *   <li>a DOCTYPE is refused as soon as it is seen (so no DTD, no internal or external entities); external entities
 *       are off in the factory as well;
 *   <li>limits: element nesting {@link Limits#maxDepth()}, document size {@link Limits#maxBytes()}, attributes per
 *       element, entity expansion (the JDK's {@code jdk.xml.*} properties);
 *   <li>no default typing (no class names from the wire choose what is instantiated); unknown elements are ignored
 *       (tolerant reader); {@code java.time} types as ISO-8601;
 *   <li>a read failure is a {@link ProtocolException} naming the type, the kind of problem and the line and column,
 *       never text from the document.
 * </ul>
 * Writing produces one element in UTF-8 without an XML declaration, namespaces declared where they are used.
 */
public final class JacksonXmlCodec implements XmlCodec {

    /**
     * Parser limits.
     *
     * @param maxBytes  bytes in a whole document
     * @param maxDepth  elements nested at most this deep
     */
    public record Limits(long maxBytes, int maxDepth) {
        public static final Limits DEFAULT = new Limits(64L * 1024 * 1024, 200);

        public Limits {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
            }
            if (maxDepth < 1) {
                throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
            }
        }
    }

    private final XmlMapper mapper;
    private final XMLInputFactory input;
    private final Limits limits;

    private JacksonXmlCodec(XmlMapper mapper, Limits limits) {
        this.mapper = mapper;
        this.limits = limits;
        this.input = hardenedInputFactory(limits.maxDepth());
    }

    /** The hardened codec with {@link Limits#DEFAULT}. */
    public static JacksonXmlCodec create() {
        return create(Limits.DEFAULT);
    }

    public static JacksonXmlCodec create(Limits limits) {
        Objects.requireNonNull(limits, "limits");
        XmlFactory factory = XmlFactory.builder()
                .xmlInputFactory(hardenedInputFactory(limits.maxDepth()))
                .xmlOutputFactory(outputFactory())
                .build();
        XmlMapper mapper = XmlMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION)
                .build();
        return new JacksonXmlCodec(mapper, limits);
    }

    /**
     * Adapter over a caller-configured mapper. Reading still goes through this codec's hardened JDK parser (with
     * {@link Limits#DEFAULT}); the mapper decides how elements map to objects and how objects are written.
     */
    public static JacksonXmlCodec of(XmlMapper mapper) {
        return new JacksonXmlCodec(Objects.requireNonNull(mapper, "mapper"), Limits.DEFAULT);
    }

    /** The mapper, for adapters that need Jackson directly. */
    public XmlMapper mapper() {
        return mapper;
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Woodstox's output factory, named explicitly: writing parses nothing, so it carries no parser risk, and the JDK's
     * repairing writer declares a default namespace twice when Jackson writes namespaced elements.
     */
    static XMLOutputFactory outputFactory() {
        XMLOutputFactory f = new com.ctc.wstx.stax.WstxOutputFactory();
        f.setProperty(XMLOutputFactory.IS_REPAIRING_NAMESPACES, true);
        return f;
    }

    /** A new StAX input factory of the JDK's implementation: no DTD, no external entities, bounded depth. */
    static XMLInputFactory hardenedInputFactory(int maxDepth) {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        trySet(f, "jdk.xml.maxElementDepth", maxDepth);
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
            // not supported by this JDK: the codec's own checks still apply
        }
    }

    @Override
    public <T> T read(InputStream in, Class<T> type) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(type, "type");
        XMLStreamReader reader = null;
        try {
            reader = new DoctypeRefusing(input.createXMLStreamReader(new Limited(in, limits.maxBytes())));
            while (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
                if (!reader.hasNext()) {
                    throw new ProtocolException("XML body is not a valid " + type.getSimpleName()
                            + ": the document has no element");
                }
                reader.next();
            }
            return mapper.readValue(reader, type);
        } catch (XMLStreamException e) {
            throw streamFailure(e, type);
        } catch (JsonProcessingException e) {
            throw readFailure(e, type);
        } catch (IOException e) {
            throw new UncheckedIOException("reading XML body failed", e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release
                }
            }
        }
    }

    @Override
    public <T> T read(byte[] xml, Class<T> type) {
        Objects.requireNonNull(xml, "xml");
        return read(new ByteArrayInputStream(xml), type);
    }

    @Override
    public void write(Object value, OutputStream out) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(out, "out");
        try {
            mapper.writeValue(new NonClosing(out), value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as XML: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("writing XML body failed", e);
        }
    }

    @Override
    public byte[] writeBytes(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(value, out);
        return out.toByteArray();
    }

    private ProtocolException streamFailure(XMLStreamException e, Class<?> type) {
        SizeLimitExceeded limit = find(e, SizeLimitExceeded.class);
        if (limit != null) {
            return new ProtocolException("XML body exceeds the size limit of " + limits.maxBytes() + " bytes");
        }
        String what = e.getMessage() != null && e.getMessage().contains("DOCTYPE") ? "a DOCTYPE is not allowed"
                : "malformed XML or over a parser limit";
        return new ProtocolException("XML body is not a valid " + type.getSimpleName() + ": " + what + at(e));
    }

    private ProtocolException readFailure(JsonProcessingException e, Class<?> type) {
        if (find(e, SizeLimitExceeded.class) != null) {
            return new ProtocolException("XML body exceeds the size limit of " + limits.maxBytes() + " bytes");
        }
        XMLStreamException stax = find(e, XMLStreamException.class);
        if (stax != null) {
            return streamFailure(stax, type);
        }
        String prefix = "XML body is not a valid " + type.getSimpleName() + ": ";
        if (e instanceof InvalidDefinitionException) {
            return new ProtocolException(prefix + "the type cannot be read from XML: " + e.getOriginalMessage(), e);
        }
        String kind;
        if (e instanceof ValueInstantiationException) {
            kind = "a value was refused by its constructor";
        } else if (e instanceof MismatchedInputException m) {
            kind = m.getTargetType() == null ? "a value of the wrong type or shape"
                    : "a value of the wrong type or shape for " + m.getTargetType().getSimpleName();
        } else {
            kind = e.getClass().getSimpleName();
        }
        StringBuilder where = new StringBuilder();
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            where.append(" at ");
            for (JsonMappingException.Reference ref : m.getPath()) {
                where.append(ref.getIndex() >= 0 ? "[" + ref.getIndex() + "]"
                        : "/" + (ref.getFieldName() == null ? "?" : ref.getFieldName()));
            }
        }
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            where.append(" (line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr()).append(')');
        }
        return new ProtocolException(prefix + kind + where);
    }

    private static String at(XMLStreamException e) {
        return e.getLocation() == null || e.getLocation().getLineNumber() < 0 ? ""
                : " (line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ")";
    }

    private static <X extends Throwable> X find(Throwable t, Class<X> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c instanceof XMLStreamException x && x.getNestedException() != null
                    && type.isInstance(x.getNestedException())) {
                return type.cast(x.getNestedException());
            }
        }
        return null;
    }

    /** Refuses a DOCTYPE as soon as the parser reports it. */
    private static final class DoctypeRefusing extends StreamReaderDelegate {
        DoctypeRefusing(XMLStreamReader r) {
            super(r);
        }

        @Override
        public int next() throws XMLStreamException {
            int e = super.next();
            if (e == DTD) {
                throw new XMLStreamException("DOCTYPE is not allowed", getLocation());
            }
            return e;
        }
    }

    /** Fails once more than {@code max} bytes have been read. */
    private static final class Limited extends FilterInputStream {
        private final long max;
        private long count;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > max) {
                throw new SizeLimitExceeded();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (count += n) > max) {
                throw new SizeLimitExceeded();
            }
            return n;
        }
    }

    private static final class SizeLimitExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        SizeLimitExceeded() {
            super("XML document exceeds the size limit");
        }
    }

    /** Jackson closes the target stream when done; a body writer must not close the wire. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
