package io.luotsi.xroad.soap;

import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * What a {@link SoapEnvelopeWriter} puts in a SOAP body: XML written through a StAX callback, or raw XML given as text
 * or as UTF-8 bytes, which is copied verbatim (it must be well-formed and declare the prefixes it uses, other than
 * those of the envelope: {@code SOAP-ENV}, the X-Road prefix and {@code id}).
 *
 * <pre>{@code
 * SoapBody.of(w -> {
 *     w.writeStartElement("ns1", "getState", "http://producer.x-road.eu");
 *     w.writeNamespace("ns1", "http://producer.x-road.eu");
 *     w.writeCharacters("42");
 *     w.writeEndElement();
 * });
 * SoapBody.xml("<ns1:getState xmlns:ns1=\"http://producer.x-road.eu\">42</ns1:getState>");
 * }</pre>
 */
public final class SoapBody {

    private static final SoapBody EMPTY = new SoapBody(null, null, new byte[0]);

    final StaxWriter writer;
    final String xml;
    final byte[] bytes;

    private SoapBody(StaxWriter writer, String xml, byte[] bytes) {
        this.writer = writer;
        this.xml = xml;
        this.bytes = bytes;
    }

    /** Content written by {@code writer} through the envelope's own XMLStreamWriter (non-repairing). */
    public static SoapBody of(StaxWriter writer) {
        return new SoapBody(Objects.requireNonNull(writer, "writer"), null, null);
    }

    /** Raw XML text, copied verbatim. */
    public static SoapBody xml(String xml) {
        return new SoapBody(null, Objects.requireNonNull(xml, "xml"), null);
    }

    /** Raw XML as UTF-8 bytes, copied verbatim (not copied here: do not modify the array afterwards). */
    public static SoapBody utf8(byte[] xml) {
        return new SoapBody(null, null, Objects.requireNonNull(xml, "xml"));
    }

    /**
     * An object written by {@code codec} as one element named {@code elementName} (the name of the object's own root
     * element is replaced; its namespace declarations are kept). The object is serialised now.
     *
     * <pre>{@code
     * SoapBody.object(xml, new Person("Ann"), new QName("http://example.org/persons", "getPersonResponse", "p"));
     * }</pre>
     */
    public static SoapBody object(io.luotsi.core.xml.XmlCodec codec, Object value,
                                  javax.xml.namespace.QName elementName) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(elementName, "elementName");
        return TypedBody.renamed(TypedBody.write(codec, value), elementName);
    }

    /** No content. */
    public static SoapBody empty() {
        return EMPTY;
    }

    /** Writes body content with StAX. */
    @FunctionalInterface
    @Callback
    public interface StaxWriter {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    @Override
    public String toString() {
        if (writer != null) {
            return "SoapBody[stax]";
        }
        return "SoapBody[" + (xml != null ? xml.length() + " chars" : bytes.length + " bytes") + "]";
    }
}
