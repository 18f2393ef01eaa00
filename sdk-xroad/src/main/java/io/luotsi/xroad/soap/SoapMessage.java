package io.luotsi.xroad.soap;

import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.soap.internal.MarkupScanner;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An X-Road SOAP request or response that passed X-Road's wire checks: typed headers, the body's single child (the
 * wrapper element, {@code <ns:getState>} or {@code <ns:getStateResponse>}), and the exact bytes as received.
 *
 * <pre>{@code
 * SoapMessage m = (SoapMessage) SoapEnvelopeReader.create().read(bytes, "text/xml; charset=UTF-8");
 * m.header().client();               // ClientId
 * m.isResponse();                    // wrapper local name ends with "Response"
 * byte[] payload = m.bodyBytes();    // the wrapper element, byte for byte
 * XMLStreamReader r = m.bodyReader(); // positioned on the wrapper, namespaces in scope
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SoapMessage implements SoapEnvelope {

    private final SoapPart part;
    private final SoapHeader header;
    private final QName bodyElementName;
    private final boolean rpc;
    private final int bodyOrdinal;
    private final int wrapperOrdinal;
    private final Map<String, String> bodyNamespaces;
    private final List<String> xopIncludes;
    private final XMLInputFactory factory;
    private volatile int[] spans;

    SoapMessage(SoapPart part, SoapHeader header, QName bodyElementName, boolean rpc, int bodyOrdinal,
                int wrapperOrdinal, Map<String, String> bodyNamespaces, List<String> xopIncludes,
                XMLInputFactory factory) {
        this.factory = factory;
        this.part = part;
        this.header = header;
        this.bodyElementName = bodyElementName;
        this.rpc = rpc;
        this.bodyOrdinal = bodyOrdinal;
        this.wrapperOrdinal = wrapperOrdinal;
        this.bodyNamespaces = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bodyNamespaces));
        this.xopIncludes = List.copyOf(xopIncludes);
    }

    public SoapHeader header() {
        return header;
    }

    /** Whether the body wrapper's local name ends with {@code Response} ({@code SoapUtils.isResponseMessage}). */
    public boolean isResponse() {
        return bodyElementName.getLocalPart().endsWith("Response");
    }

    public boolean isRequest() {
        return !isResponse();
    }

    /** Whether the Envelope carries {@code SOAP-ENV:encodingStyle} of SOAP encoding (RPC/encoded). */
    public boolean isRpc() {
        return rpc;
    }

    /** The name of the body's only child element, e.g. {@code {http://producer.x-road.eu}getState}. */
    public QName bodyElementName() {
        return bodyElementName;
    }

    /**
     * The {@code href} values of MTOM {@code xop:Include} elements in the body, in document order (e.g.
     * {@code cid:42a7ee0a@example.org}).
     */
    public List<String> xopIncludes() {
        return xopIncludes;
    }

    @Override
    public String contentType() {
        return part.contentType;
    }

    @Override
    public Charset charset() {
        return part.charset;
    }

    @Override
    public int size() {
        return part.len;
    }

    @Override
    public byte[] bytes() {
        return part.bytes();
    }

    @Override
    public InputStream openStream() {
        return part.openStream();
    }

    @Override
    public void writeTo(OutputStream out) {
        part.writeTo(out);
    }

    @Override
    public String xml() {
        return part.text();
    }

    @Override
    public RequestHash requestHash() {
        return part.requestHash();
    }

    /** {body start, body start tag end, body end tag start, body end, wrapper start, wrapper end} in text. */
    private int[] spans() {
        int[] s = spans;
        if (s == null) {
            String text = part.text();
            int[] body = MarkupScanner.locate(text, 0, 0, bodyOrdinal);
            int[] wrapper = MarkupScanner.locate(text, body[1], bodyOrdinal + 1, wrapperOrdinal);
            s = new int[] {body[0], body[1], body[2], body[3], wrapper[0], wrapper[3]};
            spans = s;
        }
        return s;
    }

    /** The body's child element exactly as received (its bytes, in {@link #charset()}). */
    public byte[] bodyBytes() {
        int[] s = spans();
        return part.bytes(s[4], s[5]);
    }

    /** The body's child element as text, exactly as received (prefixes may be declared on ancestors). */
    public String bodyXml() {
        int[] s = spans();
        return part.text().substring(s[4], s[5]);
    }

    /** Everything between {@code <Body>} and {@code </Body>}, exactly as received, whitespace and comments included. */
    public String bodyContentXml() {
        int[] s = spans();
        return part.text().substring(s[1], s[2]);
    }

    /** The exact bytes between {@code <Body>} and {@code </Body>}. */
    public byte[] bodyContentBytes() {
        int[] s = spans();
        return part.bytes(s[1], s[2]);
    }

    /**
     * The namespace bindings in scope at the body's child that it does not declare itself (prefix to URI,
     * {@code ""} for a default namespace).
     */
    public Map<String, String> bodyNamespaces() {
        return bodyNamespaces;
    }

    /** {@link #bodyXml()} with {@link #bodyNamespaces()} declared on it: well-formed XML on its own. */
    public String bodyStandaloneXml() {
        return new SoapHeaderElement(bodyElementName, bodyXml(), bodyNamespaces).standaloneXml();
    }

    /**
     * A new reader over this message, positioned on the body child's {@code START_ELEMENT}, with the envelope's
     * namespace declarations in scope. The caller owns it.
     */
    public XMLStreamReader bodyReader() {
        try {
            XMLStreamReader r = factory.createXMLStreamReader(new StringReader(part.text()));
            int n = -1;
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && ++n == wrapperOrdinal) {
                    return r;
                }
            }
            throw new IllegalStateException("body element not found");
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot re-read an accepted message", e);
        }
    }

    /**
     * Reads the body with {@code reader}, which gets {@link #bodyReader()}. An {@link XMLStreamException} from it
     * becomes {@code invalid_body}.
     */
    public <T> T readBody(SoapBodyReader<T> reader) {
        Objects.requireNonNull(reader, "reader");
        XMLStreamReader r = bodyReader();
        try {
            return reader.read(r);
        } catch (XMLStreamException e) {
            throw new XRoadProtocolException("invalid_body", "cannot read the SOAP body: " + e.getMessage(), e);
        } finally {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing to release
            }
        }
    }

    /**
     * Reads the body element into {@code type} with {@code codec} (the element's own name is not checked);
     * {@code String.class} gives {@link #bodyStandaloneXml()}.
     *
     * @throws io.luotsi.core.ProtocolException when the element does not fit the type
     */
    public <T> T readBody(io.luotsi.core.xml.XmlCodec codec, Class<T> type) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(type, "type");
        return TypedBody.read(codec, this, type);
    }

    /** Reads a typed object from a SOAP body; see {@link #readBody(SoapBodyReader)}. */
    @FunctionalInterface
    @Callback
    public interface SoapBodyReader<T> {
        /** Reads from {@code r}, which is on the body child's start element. */
        T read(XMLStreamReader r) throws XMLStreamException;
    }

    @Override
    public String toString() {
        return "SoapMessage[" + (isResponse() ? "response" : "request") + ", " + header + ", body="
                + bodyElementName + ", " + part.len + " bytes]";
    }
}
