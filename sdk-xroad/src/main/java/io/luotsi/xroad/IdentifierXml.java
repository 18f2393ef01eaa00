package io.luotsi.xroad;

import io.luotsi.xroad.internal.SafeXml;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * The XML element form of identifiers (namespace {@value #IDENTIFIERS_NS}):
 * <pre>{@code
 * <xrd:client id:objectType="SUBSYSTEM">
 *   <id:xRoadInstance>EE</id:xRoadInstance><id:memberClass>GOV</id:memberClass>
 *   <id:memberCode>MEMBER1</id:memberCode><id:subsystemCode>SUBSYSTEM1</id:subsystemCode>
 * </xrd:client>
 * }</pre>
 * Reading follows X-Road: {@code objectType} is namespace-qualified and required ({@code invalid_xml} "Missing
 * objectType attribute"), parts must be in the identifiers namespace, unknown children are ignored, a repeated part
 * is {@code duplicate_header_field}, and a MEMBER with a subsystem code or a SUBSYSTEM without one is
 * {@code invalid_client_identifier}.
 */
public final class IdentifierXml {

    public static final String XROAD_NS = "http://x-road.eu/xsd/xroad.xsd";
    public static final String IDENTIFIERS_NS = "http://x-road.eu/xsd/identifiers";

    private static final long MAX_DOCUMENT_BYTES = 64 * 1024;

    private IdentifierXml() {
    }

    /** Parses a document whose root element is an identifier. */
    public static XRoadId parse(String xml) {
        Objects.requireNonNull(xml, "xml");
        return parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Parses a document whose root element is an identifier (at most 64 KiB). */
    public static XRoadId parse(InputStream in) {
        XMLStreamReader r = SafeXml.reader(in, MAX_DOCUMENT_BYTES);
        try {
            r.nextTag();
            return read(r);
        } catch (XMLStreamException e) {
            throw new XRoadProtocolException("invalid_xml", "malformed identifier XML: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the identifier element the reader is positioned on (at its START_ELEMENT) and leaves the reader on the
     * matching END_ELEMENT.
     */
    public static XRoadId read(XMLStreamReader r) throws XMLStreamException {
        return read(r, true);
    }

    /**
     * As {@link #read(XMLStreamReader)}; with {@code checkTypeConsistency == false} the MEMBER/SUBSYSTEM type is taken
     * from whether a subsystem code is present, as X-Road's wire (SAX) parser does.
     */
    public static XRoadId read(XMLStreamReader r, boolean checkTypeConsistency) throws XMLStreamException {
        if (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
            throw new IllegalStateException("reader is not on a start element");
        }
        String typeName = r.getAttributeValue(IDENTIFIERS_NS, "objectType");
        if (typeName == null) {
            throw new XRoadProtocolException("invalid_xml", "Missing objectType attribute");
        }
        XRoadObjectType type;
        try {
            type = XRoadObjectType.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw new XRoadProtocolException("invalid_xml", "Unexpected objectType: " + typeName);
        }
        Map<String, String> parts = new HashMap<>(8);
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (depth == 2 && IDENTIFIERS_NS.equals(r.getNamespaceURI())) {
                    String name = r.getLocalName();
                    String text = r.getElementText();
                    depth--;
                    if (parts.putIfAbsent(name, text) != null) {
                        throw new XRoadProtocolException("duplicate_header_field",
                                "identifier contains duplicate field '{" + IDENTIFIERS_NS + "}" + name + "'");
                    }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return build(type, parts, checkTypeConsistency);
    }

    private static XRoadId build(XRoadObjectType type, Map<String, String> p, boolean checkType) {
        try {
            return switch (type) {
                case MEMBER, SUBSYSTEM -> {
                    String sub = p.get("subsystemCode");
                    if (checkType && (type == XRoadObjectType.MEMBER) == (sub != null)) {
                        throw new XRoadProtocolException("invalid_client_identifier", type == XRoadObjectType.MEMBER
                                ? "MEMBER identifier must not have a subsystemCode"
                                : "SUBSYSTEM identifier must have a subsystemCode");
                    }
                    yield new ClientId(required(p, "xRoadInstance"), required(p, "memberClass"),
                            required(p, "memberCode"), sub);
                }
                case SERVICE -> new ServiceId(new ClientId(required(p, "xRoadInstance"), required(p, "memberClass"),
                        required(p, "memberCode"), p.get("subsystemCode")), required(p, "serviceCode"),
                        p.get("serviceVersion"));
                case SERVER -> new SecurityServerId(required(p, "xRoadInstance"), required(p, "memberClass"),
                        required(p, "memberCode"), required(p, "serverCode"));
                case GLOBALGROUP -> new GlobalGroupId(required(p, "xRoadInstance"), required(p, "groupCode"));
                case LOCALGROUP -> new LocalGroupId(required(p, "groupCode"));
            };
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new XRoadProtocolException(type == XRoadObjectType.MEMBER || type == XRoadObjectType.SUBSYSTEM
                    ? "invalid_client_identifier" : "invalid_xml", "invalid " + type + " identifier: "
                    + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    /**
     * Writes {@code id} as element {@code prefix:localName} in {@code namespace}, with {@code id:objectType} and the
     * parts. The identifiers namespace must be bound to prefix {@code idPrefix} in scope, or is declared here.
     */
    public static void write(XMLStreamWriter w, String prefix, String localName, String namespace, String idPrefix,
                             XRoadId id) throws XMLStreamException {
        w.writeStartElement(prefix, localName, namespace);
        boolean declare = !IDENTIFIERS_NS.equals(w.getNamespaceContext().getNamespaceURI(idPrefix));
        if (declare) {
            w.writeNamespace(idPrefix, IDENTIFIERS_NS);
        }
        w.writeAttribute(idPrefix, IDENTIFIERS_NS, "objectType", id.objectType().name());
        writeParts(w, idPrefix, id);
        w.writeEndElement();
    }

    /** {@code id} as a standalone element {@code xrd:localName}, with namespace declarations. */
    public static String toXml(String localName, XRoadId id) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = SafeXml.outputFactory().createXMLStreamWriter(out);
            w.setPrefix("xrd", XROAD_NS);
            w.writeStartElement("xrd", localName, XROAD_NS);
            w.writeNamespace("xrd", XROAD_NS);
            w.writeNamespace("id", IDENTIFIERS_NS);
            w.writeAttribute("id", IDENTIFIERS_NS, "objectType", id.objectType().name());
            w.setPrefix("id", IDENTIFIERS_NS);
            writeParts(w, "id", id);
            w.writeEndElement();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write identifier XML", e);
        }
        return out.toString();
    }

    private static void writeParts(XMLStreamWriter w, String p, XRoadId id) throws XMLStreamException {
        if (id instanceof ClientId c) {
            writeClientParts(w, p, c);
        } else if (id instanceof ServiceId s) {
            writeClientParts(w, p, s.provider());
            part(w, p, "serviceCode", s.serviceCode());
            if (s.serviceVersion() != null) {
                part(w, p, "serviceVersion", s.serviceVersion());
            }
        } else if (id instanceof SecurityServerId ss) {
            part(w, p, "xRoadInstance", ss.xRoadInstance());
            part(w, p, "memberClass", ss.memberClass());
            part(w, p, "memberCode", ss.memberCode());
            part(w, p, "serverCode", ss.serverCode());
        } else if (id instanceof GlobalGroupId g) {
            part(w, p, "xRoadInstance", g.xRoadInstance());
            part(w, p, "groupCode", g.groupCode());
        } else if (id instanceof LocalGroupId l) {
            part(w, p, "groupCode", l.groupCode());
        }
    }

    private static void writeClientParts(XMLStreamWriter w, String p, ClientId c) throws XMLStreamException {
        part(w, p, "xRoadInstance", c.xRoadInstance());
        part(w, p, "memberClass", c.memberClass());
        part(w, p, "memberCode", c.memberCode());
        if (c.subsystemCode() != null) {
            part(w, p, "subsystemCode", c.subsystemCode());
        }
    }

    private static void part(XMLStreamWriter w, String prefix, String name, String value) throws XMLStreamException {
        w.writeStartElement(prefix, name, IDENTIFIERS_NS);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
