package io.luotsi.xroad.soap;

import io.luotsi.core.TransportException;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.internal.SafeXml;
import io.luotsi.xroad.soap.internal.Utf8Writer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes X-Road SOAP envelopes with StAX, in UTF-8: every header of a {@link SoapHeader} in its order (with X-Road's
 * conventional prefixes {@code SOAP-ENV}, {@code xrd}, {@code id}, {@code repr}), other header elements verbatim, and
 * a body from a {@link SoapBody}.
 *
 * <pre>{@code
 * SoapEnvelopeWriter writer = SoapEnvelopeWriter.create();      // immutable, thread-safe
 * writer.write(out, header, SoapBody.xml("<ns1:getState xmlns:ns1=\"http://producer.x-road.eu\"/>"));
 *
 * // a provider answering: the request's headers in the request's order, the body wrapped in getStateResponse
 * writer.writeResponse(out, request, SoapBody.of(w -> w.writeCharacters("OK")));
 * }</pre>
 *
 * <p>Send what it writes with content type {@value #TEXT_XML_UTF8}.
 */
public final class SoapEnvelopeWriter {

    /** The content type of what this writer writes. */
    public static final String TEXT_XML_UTF8 = "text/xml; charset=UTF-8";

    private static final String SOAP_ENV = SoapEnvelopeReader.SOAP_ENV_NS;
    private static final String ENV_PREFIX = "SOAP-ENV";
    private static final String ID_PREFIX = "id";
    private static final XMLOutputFactory OUTPUT = SafeXml.outputFactory();
    private static final SoapEnvelopeWriter DEFAULT = builder().build();

    private final String xroadPrefix;
    private final boolean xmlDeclaration;
    /** The bindings the envelope declares, in scope in header and body. */
    private final Map<String, String> scope;

    private SoapEnvelopeWriter(Builder b) {
        this.xroadPrefix = b.xroadPrefix;
        this.xmlDeclaration = b.xmlDeclaration;
        this.scope = Map.of(ENV_PREFIX, SOAP_ENV, xroadPrefix, SoapHeader.XROAD_NS, ID_PREFIX,
                SoapHeader.IDENTIFIERS_NS);
    }

    /** A writer with prefix {@code xrd} and an XML declaration. */
    public static SoapEnvelopeWriter create() {
        return DEFAULT;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes an envelope; {@code body} is the whole body content (normally the one wrapper element).
     *
     * @throws TransportException when writing to {@code out} fails
     * @throws XRoadProtocolException {@code invalid_body} when a StAX body writer fails
     */
    public void write(OutputStream out, SoapHeader header, SoapBody body) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(body, "body");
        write(out, header, null, body);
    }

    /** {@link #write(OutputStream, SoapHeader, SoapBody)} into a new array. */
    public byte[] toBytes(SoapHeader header, SoapBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        write(out, header, body);
        return out.toByteArray();
    }

    /**
     * Writes the response to {@code request} as X-Road's {@code SoapUtils.toResponse} shapes it: the request's headers
     * repeated in their order (other header elements verbatim), and {@code content} inside a body element named
     * {@link #responseElementName} ({@code <ns:testQueryResponse>} for service code {@code testQuery}, also when the
     * request's element was {@code testQueryRequest}).
     */
    public void writeResponse(OutputStream out, SoapMessage request, SoapBody content) {
        Objects.requireNonNull(request, "request");
        writeResponse(out, request.header(), request.bodyElementName(), content);
    }

    /** As {@link #writeResponse(OutputStream, SoapMessage, SoapBody)}, from the request's header and element name. */
    public void writeResponse(OutputStream out, SoapHeader requestHeader, QName requestElement, SoapBody content) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(requestHeader, "requestHeader");
        Objects.requireNonNull(requestElement, "requestElement");
        Objects.requireNonNull(content, "content");
        write(out, requestHeader, responseElementName(requestHeader, requestElement), content);
    }

    public byte[] toResponseBytes(SoapMessage request, SoapBody content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        writeResponse(out, request, content);
        return out.toByteArray();
    }

    /** {@code <serviceCode>Response} in the namespace and with the prefix of the request's body element. */
    public static QName responseElementName(SoapHeader requestHeader, QName requestElement) {
        return new QName(requestElement.getNamespaceURI(), requestHeader.service().serviceCode() + "Response",
                requestElement.getPrefix());
    }

    private void write(OutputStream out, SoapHeader header, QName wrapper, SoapBody body) {
        Utf8Writer u = new Utf8Writer(out, 4096);
        try {
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(u);
            if (xmlDeclaration) {
                w.writeStartDocument("UTF-8", "1.0");
            }
            w.writeStartElement(ENV_PREFIX, "Envelope", SOAP_ENV);
            w.writeNamespace(ENV_PREFIX, SOAP_ENV);
            w.writeNamespace(xroadPrefix, SoapHeader.XROAD_NS);
            w.writeNamespace(ID_PREFIX, SoapHeader.IDENTIFIERS_NS);
            w.writeStartElement(ENV_PREFIX, "Header", SOAP_ENV);
            writeHeaders(w, u, header);
            w.writeEndElement();
            w.writeStartElement(ENV_PREFIX, "Body", SOAP_ENV);
            if (wrapper != null) {
                writeWrapperStart(w, wrapper);
            }
            writeBody(w, u, body);
            if (wrapper != null) {
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
            u.drainBuffer();
        } catch (XMLStreamException e) {
            if (e.getCause() instanceof IOException io) {
                throw ioFailure(io);
            }
            throw new XRoadProtocolException("invalid_body", "cannot write the SOAP envelope: " + e.getMessage(), e);
        } catch (IOException e) {
            throw ioFailure(e);
        }
    }

    private static TransportException ioFailure(IOException e) {
        return new TransportException("cannot write the SOAP message: " + e.getMessage(), e,
                TransportException.Phase.EXCHANGE, false, null, null);
    }

    private void writeWrapperStart(XMLStreamWriter w, QName wrapper) throws XMLStreamException {
        String ns = wrapper.getNamespaceURI();
        String prefix = wrapper.getPrefix();
        w.writeStartElement(prefix, wrapper.getLocalPart(), ns);
        if (!ns.isEmpty() && !ns.equals(scope.get(prefix))) {
            if (prefix.isEmpty()) {
                w.writeDefaultNamespace(ns);
            } else {
                w.writeNamespace(prefix, ns);
            }
        }
    }

    private static void writeBody(XMLStreamWriter w, Utf8Writer u, SoapBody body)
            throws XMLStreamException, IOException {
        if (body.writer != null) {
            body.writer.write(w);
        } else if (body.xml != null) {
            if (!body.xml.isEmpty()) {
                w.writeCharacters(""); // closes the open start tag
                w.flush();
                u.write(body.xml);
            }
        } else if (body.bytes.length > 0) {
            w.writeCharacters("");
            w.flush();
            u.drainBuffer();
            u.out().write(body.bytes);
        }
    }

    private void writeHeaders(XMLStreamWriter w, Utf8Writer u, SoapHeader h) throws XMLStreamException, IOException {
        List<SoapHeaderElement> others = h.otherElements();
        int other = 0;
        String xp = xroadPrefix;
        for (SoapHeaderField f : h.order()) {
            switch (f) {
                case CLIENT -> client(w, xp, "client", h.client());
                case SERVICE -> service(w, xp, h.service());
                case ID -> text(w, xp, "id", h.id());
                case USER_ID -> text(w, xp, "userId", h.userId().orElseThrow());
                case ISSUE -> text(w, xp, "issue", h.issue().orElseThrow());
                case PROTOCOL_VERSION -> text(w, xp, "protocolVersion", h.protocolVersion());
                case REQUEST_HASH -> {
                    RequestHash rh = h.requestHash().orElseThrow();
                    w.writeStartElement(xp, "requestHash", SoapHeader.XROAD_NS);
                    if (rh.algorithmId() != null) {
                        w.writeAttribute("algorithmId", rh.algorithmId());
                    }
                    w.writeCharacters(rh.value());
                    w.writeEndElement();
                }
                case SECURITY_SERVER -> server(w, xp, h.securityServer().orElseThrow());
                case REPRESENTED_PARTY -> representedParty(w, h.representedParty().orElseThrow());
                case SECURITY_TOKEN -> {
                    SecurityToken t = h.securityToken().orElseThrow();
                    w.writeStartElement("ext", "securityToken", SoapHeader.SECURITY_TOKEN_NS);
                    w.writeNamespace("ext", SoapHeader.SECURITY_TOKEN_NS);
                    if (t.tokenType() != null) {
                        w.writeAttribute("tokenType", t.tokenType());
                    }
                    w.writeCharacters(t.token());
                    w.writeEndElement();
                }
                case OTHER -> {
                    w.writeCharacters("");
                    w.flush();
                    u.write(others.get(other++).withDeclarations(scope));
                }
            }
        }
    }

    private static void text(XMLStreamWriter w, String p, String name, String value) throws XMLStreamException {
        w.writeStartElement(p, name, SoapHeader.XROAD_NS);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static void part(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(ID_PREFIX, name, SoapHeader.IDENTIFIERS_NS);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static void client(XMLStreamWriter w, String p, String name, ClientId c) throws XMLStreamException {
        w.writeStartElement(p, name, SoapHeader.XROAD_NS);
        w.writeAttribute(ID_PREFIX, SoapHeader.IDENTIFIERS_NS, "objectType", c.objectType().name());
        clientParts(w, c);
        w.writeEndElement();
    }

    private static void clientParts(XMLStreamWriter w, ClientId c) throws XMLStreamException {
        part(w, "xRoadInstance", c.xRoadInstance());
        part(w, "memberClass", c.memberClass());
        part(w, "memberCode", c.memberCode());
        if (c.subsystemCode() != null) {
            part(w, "subsystemCode", c.subsystemCode());
        }
    }

    private static void service(XMLStreamWriter w, String p, ServiceId s) throws XMLStreamException {
        w.writeStartElement(p, "service", SoapHeader.XROAD_NS);
        w.writeAttribute(ID_PREFIX, SoapHeader.IDENTIFIERS_NS, "objectType", "SERVICE");
        clientParts(w, s.provider());
        part(w, "serviceCode", s.serviceCode());
        if (s.serviceVersion() != null) {
            part(w, "serviceVersion", s.serviceVersion());
        }
        w.writeEndElement();
    }

    private static void server(XMLStreamWriter w, String p, SecurityServerId s) throws XMLStreamException {
        w.writeStartElement(p, "securityServer", SoapHeader.XROAD_NS);
        w.writeAttribute(ID_PREFIX, SoapHeader.IDENTIFIERS_NS, "objectType", "SERVER");
        part(w, "xRoadInstance", s.xRoadInstance());
        part(w, "memberClass", s.memberClass());
        part(w, "memberCode", s.memberCode());
        part(w, "serverCode", s.serverCode());
        w.writeEndElement();
    }

    private static void representedParty(XMLStreamWriter w, RepresentedParty r) throws XMLStreamException {
        String ns = SoapHeader.REPRESENTATION_NS;
        w.writeStartElement("repr", "representedParty", ns);
        w.writeNamespace("repr", ns);
        if (r.partyClass() != null) {
            w.writeStartElement("repr", "partyClass", ns);
            w.writeCharacters(r.partyClass());
            w.writeEndElement();
        }
        w.writeStartElement("repr", "partyCode", ns);
        w.writeCharacters(r.partyCode());
        w.writeEndElement();
        w.writeEndElement();
    }

    /**
     * Re-serialises a response as the provider's Security Server does (protocol §2.5): drops an existing
     * {@code requestHash} (with the whitespace before it) and inserts {@code <P:requestHash algorithmId="...">} right
     * after the {@code id} element, with {@code id}'s prefix {@code P} and the header's indentation. Everything else is
     * copied byte for byte; after the header, the input is streamed.
     *
     * @param contentType the SOAP part's content type, for its charset ({@code null}: UTF-8)
     * @throws XRoadProtocolException when the input is not a SOAP message with a header containing {@code id}
     */
    public static void insertRequestHash(InputStream soapPart, String contentType, RequestHash hash,
                                         OutputStream out) {
        Objects.requireNonNull(soapPart, "soapPart");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(out, "out");
        new RequestHashInserter(soapPart, contentType, hash, out).run();
    }

    /** {@link #insertRequestHash(InputStream, String, RequestHash, OutputStream)} on bytes. */
    public static byte[] insertRequestHash(byte[] soapPart, String contentType, RequestHash hash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(soapPart.length + 160);
        insertRequestHash(new java.io.ByteArrayInputStream(soapPart), contentType, hash, out);
        return out.toByteArray();
    }

    /** Configures a {@link SoapEnvelopeWriter}. */
    public static final class Builder {
        private String xroadPrefix = "xrd";
        private boolean xmlDeclaration = true;

        private Builder() {
        }

        /** The prefix of the X-Road namespace ({@code xrd} by default; X-Road's own tests use {@code xroad}). */
        public Builder xroadPrefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (prefix.isEmpty() || prefix.equals(ENV_PREFIX) || prefix.equals(ID_PREFIX) || prefix.contains(":")) {
                throw new IllegalArgumentException("unusable prefix: " + prefix);
            }
            this.xroadPrefix = prefix;
            return this;
        }

        /** Whether to start with {@code <?xml version="1.0" encoding="UTF-8"?>} (default true). */
        public Builder xmlDeclaration(boolean xmlDeclaration) {
            this.xmlDeclaration = xmlDeclaration;
            return this;
        }

        public SoapEnvelopeWriter build() {
            return new SoapEnvelopeWriter(this);
        }
    }
}
