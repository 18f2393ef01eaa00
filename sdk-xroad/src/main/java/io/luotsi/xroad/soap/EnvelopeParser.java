package io.luotsi.xroad.soap;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadObjectType;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.soap.internal.ByteOffsets;
import io.luotsi.xroad.soap.internal.MarkupScanner;
import io.luotsi.xroad.soap.internal.MediaType;
import io.luotsi.xroad.soap.internal.TextDecoder;
import io.luotsi.xroad.soap.internal.XmlErrors;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One parse of a SOAP part, reaching the verdict of X-Road 7.8's wire parser ({@code SaxSoapParserImpl}) on the same
 * bytes: the same checks, in the same document order, with the same codes and messages. A state machine over StAX
 * events replaces X-Road's stack of SAX element handlers.
 */
final class EnvelopeParser {

    static final String SOAP_ENV = SoapEnvelopeReader.SOAP_ENV_NS;
    static final String SOAP_ENCODING = "http://schemas.xmlsoap.org/soap/encoding/";
    static final String XOP_NS = "http://www.w3.org/2004/08/xop/include";
    private static final String XROAD = SoapHeader.XROAD_NS;
    private static final String IDS = SoapHeader.IDENTIFIERS_NS;
    private static final String REPR = SoapHeader.REPRESENTATION_NS;

    /** Texts kept after the parse only for messages up to this size; larger ones are decoded again on demand. */
    private static final int KEEP_TEXT_LIMIT = 256 * 1024;

    private enum Ctx { NONE, VALUE, CLIENT, SERVICE, SERVER, REPR, REQUEST_HASH, TOKEN, OTHER_HEADER, FAULT, WRAPPER }

    private final XMLInputFactory parsing;
    private final XMLInputFactory factory;
    private final int maxDepth;

    // header state (X-Road keeps one header handler, even over two Header elements)
    private boolean headerFinished;
    private ClientId client;
    private ServiceId service;
    private String id;
    private String userId;
    private String issue;
    private String protocolVersion;
    private RequestHash requestHash;
    private SecurityServerId securityServer;
    private RepresentedParty representedParty;
    private SecurityToken securityToken;
    private final List<SoapHeaderField> order = new ArrayList<>(8);
    private List<int[]> otherOrdinals; // {ordinal, ordinal after its end}
    private List<QName> otherNames;
    private List<Map<String, String>> otherNamespaces;

    // body state (a second Body replaces the first, as in X-Road)
    private boolean bodySeen;
    private String serviceName;
    private QName wrapperName;
    private int bodyOrdinal = -1;
    private int wrapperOrdinal = -1;
    private boolean faultSeen;
    private String faultCode;
    private String faultString;
    private String faultActor;
    private String faultDetail;
    private int detailOrdinal = -1;
    private Map<String, String> wrapperNamespaces = Map.of();
    private List<String> xopIncludes;

    private boolean rpc;
    private Map<String, String> envelopeNs = Map.of();
    private Map<String, String> headerNs = Map.of();
    private Map<String, String> bodyNs = Map.of();

    // the element being read at depth 3 (a header field or the body child) and its parts
    private Ctx ctx = Ctx.NONE;
    private SoapHeaderField valueField;
    private Map<String, String> parts;
    private String attr;
    private String partName;
    private String faultChild;
    private String detailTextBefore;

    // text collection: characters directly inside the element at collectDepth
    private int collectDepth = -1;
    private final StringBuilder text = new StringBuilder(64);

    /**
     * @param parsing for this parse (its parser may be reused: closed before {@code parse} returns)
     * @param factory for readers that outlive the parse ({@link SoapMessage#bodyReader()})
     */
    EnvelopeParser(XMLInputFactory parsing, XMLInputFactory factory, int maxDepth) {
        this.parsing = parsing;
        this.factory = factory;
        this.maxDepth = maxDepth;
    }

    /** Parses {@code len} bytes at {@code off} of {@code buf}, which the result keeps (no copy). */
    SoapEnvelope parse(byte[] buf, int off, int len, String contentType) {
        MediaType mt = contentType == null ? null : MediaType.parse(contentType);
        if (mt != null && !mt.isSoapType()) {
            throw new XRoadProtocolException("invalid_content_type", "Invalid content type: " + mt.baseType());
        }
        String charsetName = mt == null ? null : mt.charset();
        Charset cs;
        try {
            cs = charsetName == null ? StandardCharsets.UTF_8 : Charset.forName(charsetName);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            // X-Road fails creating a writer for the charset: UnsupportedEncodingException, an IOException
            throw new XRoadProtocolException("io_error", charsetName, e);
        }
        int bom = 0;
        if ((mt == null || mt.hasUtf8Charset()) && len >= 3 && buf[off] == (byte) 0xEF
                && buf[off + 1] == (byte) 0xBB && buf[off + 2] == (byte) 0xBF) {
            bom = 3;
        }
        String xml;
        try {
            xml = TextDecoder.decode(buf, off + bom, len - bom, cs);
        } catch (TextDecoder.MalformedTextException e) {
            throw new XRoadProtocolException("invalid_soap", e.getMessage());
        }
        int leading = bom + ByteOffsets.leadingBytes(buf, off + bom, len - bom, xml, cs);
        if (xml.isEmpty()) {
            throw new XRoadProtocolException("invalid_soap", XmlErrors.prematureEndOfFile());
        }
        SoapPart part = new SoapPart(buf, off, len, cs, contentType, leading, xml);
        try {
            return run(xml, part);
        } catch (XMLStreamException e) {
            throw new XRoadProtocolException("invalid_soap", XmlErrors.of(e), e);
        }
    }

    private SoapEnvelope run(String xml, SoapPart part) throws XMLStreamException {
        XMLStreamReader r = parsing.createXMLStreamReader(new StringCharReader(xml));
        int depth = 0;
        int ordinal = -1;
        boolean done = false;
        try {
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        ordinal++;
                        if (depth > maxDepth) {
                            throw new XRoadProtocolException("invalid_soap",
                                    "SOAP message nests elements deeper than the limit of " + maxDepth);
                        }
                        startElement(r, depth, ordinal);
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        endElement(r, depth, ordinal);
                        depth--;
                        if (depth == 0) {
                            done = true;
                        }
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (depth == collectDepth) {
                            text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        }
                    }
                    case XMLStreamConstants.DTD -> throw doctype(xml);
                    default -> {
                        // comments, processing instructions: nothing to check
                    }
                }
            }
        } finally {
            r.close();
        }
        if (!done) {
            throw new XRoadProtocolException("invalid_soap", XmlErrors.prematureEndOfFile());
        }
        return result(xml, part);
    }

    private static XRoadProtocolException doctype(String xml) {
        int at = xml.indexOf("<!DOCTYPE");
        int line = 1;
        int col = 1;
        for (int i = 0; i < at + 9 && i < xml.length(); i++) {
            if (xml.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new XRoadProtocolException("invalid_soap", XmlErrors.doctype(line, col));
    }

    private void collect(int depth) {
        collectDepth = depth;
        text.setLength(0);
    }

    private String collected() {
        collectDepth = -1;
        return text.toString();
    }

    private void startElement(XMLStreamReader r, int depth, int ordinal) {
        String ns = r.getNamespaceURI();
        String local = r.getLocalName();
        if (depth == 1) {
            if (!SOAP_ENV.equals(ns) || !"Envelope".equals(local)) {
                throw new XRoadProtocolException("invalid_soap", "Malformed SOAP message: envelope missing");
            }
            rpc = SOAP_ENCODING.equals(r.getAttributeValue(SOAP_ENV, "encodingStyle"));
            envelopeNs = declarations(r, Map.of());
        } else if (depth == 2) {
            ctx = Ctx.NONE;
            if (SOAP_ENV.equals(ns) && "Header".equals(local)) {
                ctx = Ctx.OTHER_HEADER; // marks "inside Header" for depth 3
                headerNs = declarations(r, envelopeNs);
            } else if (SOAP_ENV.equals(ns) && "Body".equals(local)) {
                ctx = Ctx.WRAPPER; // marks "inside Body" for depth 3
                bodySeen = true;
                bodyOrdinal = ordinal;
                serviceName = null;
                wrapperName = null;
                wrapperOrdinal = -1;
                faultSeen = false;
                xopIncludes = null;
                bodyNs = declarations(r, envelopeNs);
            }
        } else if (depth == 3) {
            if (ctx == Ctx.OTHER_HEADER || isHeaderCtx(ctx)) {
                headerChild(r, ns, local, ordinal);
            } else if (ctx == Ctx.WRAPPER || ctx == Ctx.FAULT) {
                bodyChild(r, ns, local, ordinal);
            }
        } else if (depth == 4) {
            switch (ctx) {
                case CLIENT, SERVICE, SERVER -> identifierPart(ns, local);
                case REPR -> representedPartyPart(ns, local);
                case FAULT -> faultChild(local, ordinal);
                case WRAPPER -> xopInclude(r, ns, local);
                default -> {
                }
            }
        } else {
            if (ctx == Ctx.FAULT && "detail".equals(faultChild) && depth == 5 && "faultDetail".equals(local)) {
                detailTextBefore = collectDepth == 4 ? text.toString() : "";
                collect(depth);
            } else if (ctx == Ctx.WRAPPER) {
                xopInclude(r, ns, local);
            }
        }
    }

    private static boolean isHeaderCtx(Ctx c) {
        return c == Ctx.VALUE || c == Ctx.CLIENT || c == Ctx.SERVICE || c == Ctx.SERVER || c == Ctx.REPR
                || c == Ctx.REQUEST_HASH || c == Ctx.TOKEN;
    }

    private void headerChild(XMLStreamReader r, String ns, String local, int ordinal) {
        ctx = Ctx.OTHER_HEADER;
        if (XROAD.equals(ns)) {
            switch (local) {
                case "id" -> value(SoapHeaderField.ID, id, ns, local);
                case "userId" -> value(SoapHeaderField.USER_ID, userId, ns, local);
                case "issue" -> value(SoapHeaderField.ISSUE, issue, ns, local);
                case "protocolVersion" -> value(SoapHeaderField.PROTOCOL_VERSION, protocolVersion, ns, local);
                case "client" -> {
                    duplicate(client, ns, local);
                    identifier(r, Ctx.CLIENT);
                }
                case "service" -> {
                    duplicate(service, ns, local);
                    identifier(r, Ctx.SERVICE);
                }
                case "securityServer" -> {
                    duplicate(securityServer, ns, local);
                    identifier(r, Ctx.SERVER);
                }
                case "requestHash" -> {
                    duplicate(requestHash, ns, local);
                    ctx = Ctx.REQUEST_HASH;
                    attr = unqualifiedAttribute(r, "algorithmId");
                    collect(3);
                }
                default -> other(r, ordinal);
            }
        } else if (REPR.equals(ns) && "representedParty".equals(local)) {
            duplicate(representedParty, ns, local);
            ctx = Ctx.REPR;
            parts = new HashMap<>(4);
        } else if (SoapHeader.SECURITY_TOKEN_NS.equals(ns) && "securityToken".equals(local) && securityToken == null) {
            ctx = Ctx.TOKEN;
            attr = unqualifiedAttribute(r, "tokenType");
            collect(3);
        } else {
            other(r, ordinal);
        }
    }

    private void value(SoapHeaderField field, Object existing, String ns, String local) {
        duplicate(existing, ns, local);
        ctx = Ctx.VALUE;
        valueField = field;
        collect(3);
    }

    private static void duplicate(Object existing, String ns, String local) {
        if (existing != null) {
            throw new XRoadProtocolException("duplicate_header_field",
                    "SOAP header contains duplicate field '{" + ns + "}" + local + "'");
        }
    }

    private void identifier(XMLStreamReader r, Ctx kind) {
        String typeName = r.getAttributeValue(IDS, "objectType");
        if (typeName == null) {
            throw new XRoadProtocolException("invalid_xml", "Missing objectType attribute");
        }
        XRoadObjectType type;
        try {
            type = XRoadObjectType.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw new XRoadProtocolException("invalid_xml", "Unknown objectType: " + typeName);
        }
        boolean ok = switch (kind) {
            case CLIENT -> type == XRoadObjectType.MEMBER || type == XRoadObjectType.SUBSYSTEM;
            case SERVICE -> type == XRoadObjectType.SERVICE;
            default -> type == XRoadObjectType.SERVER;
        };
        if (!ok) {
            throw new XRoadProtocolException("invalid_xml", "Unexpected objectType: " + type);
        }
        ctx = kind;
        parts = new HashMap<>(8);
    }

    private void identifierPart(String ns, String local) {
        if (!IDS.equals(ns)) {
            return;
        }
        boolean allowed = switch (local) {
            case "xRoadInstance", "memberClass", "memberCode" -> true;
            case "subsystemCode" -> ctx != Ctx.SERVER;
            case "serviceCode", "serviceVersion" -> ctx == Ctx.SERVICE;
            case "serverCode" -> ctx == Ctx.SERVER;
            default -> false;
        };
        if (allowed) {
            duplicate(parts.get(local), ns, local);
            partName = local;
            collect(4);
        }
    }

    private void representedPartyPart(String ns, String local) {
        if (REPR.equals(ns) && ("partyClass".equals(local) || "partyCode".equals(local))) {
            duplicate(parts.get(local), ns, local);
            partName = local;
            collect(4);
        }
    }

    private static String unqualifiedAttribute(XMLStreamReader r, String name) {
        for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
            String ns = r.getAttributeNamespace(i);
            if ((ns == null || ns.isEmpty()) && name.equals(r.getAttributeLocalName(i))) {
                return r.getAttributeValue(i);
            }
        }
        return null;
    }

    private void other(XMLStreamReader r, int ordinal) {
        ctx = Ctx.OTHER_HEADER;
        if (otherOrdinals == null) {
            otherOrdinals = new ArrayList<>(2);
            otherNames = new ArrayList<>(2);
            otherNamespaces = new ArrayList<>(2);
        }
        otherOrdinals.add(new int[] {ordinal, -1});
        otherNames.add(new QName(r.getNamespaceURI() == null ? "" : r.getNamespaceURI(), r.getLocalName(),
                r.getPrefix() == null ? "" : r.getPrefix()));
        Map<String, String> inherited = new LinkedHashMap<>(envelopeNs);
        inherited.putAll(headerNs);
        removeOwnDeclarations(r, inherited);
        otherNamespaces.add(inherited);
        order.add(SoapHeaderField.OTHER);
    }

    private void bodyChild(XMLStreamReader r, String ns, String local, int ordinal) {
        if (SOAP_ENV.equals(ns) && "Fault".equals(local)) {
            faultSeen = true;
            ctx = Ctx.FAULT;
            faultCode = null;
            faultString = null;
            faultActor = null;
            faultDetail = null;
            detailOrdinal = -1;
        } else if (serviceName == null) {
            serviceName = local;
            wrapperName = new QName(ns == null ? "" : ns, local, r.getPrefix() == null ? "" : r.getPrefix());
            wrapperOrdinal = ordinal;
            Map<String, String> inherited = new LinkedHashMap<>(envelopeNs);
            inherited.putAll(bodyNs);
            removeOwnDeclarations(r, inherited);
            wrapperNamespaces = inherited;
            ctx = Ctx.WRAPPER;
            xopInclude(r, ns, local);
        } else {
            throw new XRoadProtocolException("invalid_body",
                    "Malformed SOAP message: body must have exactly one child element");
        }
    }

    private void faultChild(String local, int ordinal) {
        switch (local) {
            case "faultcode", "faultstring", "faultactor" -> {
                faultChild = local;
                collect(4);
            }
            case "detail" -> {
                faultChild = local;
                detailOrdinal = ordinal;
                collect(4);
            }
            default -> faultChild = null;
        }
    }

    private void xopInclude(XMLStreamReader r, String ns, String local) {
        if ("Include".equals(local) && XOP_NS.equals(ns)) {
            String href = r.getAttributeValue(null, "href");
            if (href != null) {
                if (xopIncludes == null) {
                    xopIncludes = new ArrayList<>(2);
                }
                xopIncludes.add(href);
            }
        }
    }

    private static Map<String, String> declarations(XMLStreamReader r, Map<String, String> outer) {
        int n = r.getNamespaceCount();
        if (n == 0) {
            return outer;
        }
        Map<String, String> m = new LinkedHashMap<>(outer);
        for (int i = 0; i < n; i++) {
            String p = r.getNamespacePrefix(i);
            String uri = r.getNamespaceURI(i);
            m.put(p == null ? "" : p, uri == null ? "" : uri);
        }
        return m;
    }

    private static void removeOwnDeclarations(XMLStreamReader r, Map<String, String> inherited) {
        for (int i = 0, n = r.getNamespaceCount(); i < n; i++) {
            String p = r.getNamespacePrefix(i);
            inherited.remove(p == null ? "" : p);
        }
        inherited.entrySet().removeIf(e -> e.getKey().isEmpty() && e.getValue().isEmpty());
    }

    private void endElement(XMLStreamReader r, int depth, int ordinal) {
        if (depth == 1) {
            if (!faultSeen) {
                validate();
            }
        } else if (depth == 2) {
            if (ctx == Ctx.OTHER_HEADER || isHeaderCtx(ctx)) {
                headerFinished = true;
            }
            ctx = Ctx.NONE;
        } else if (depth == 3) {
            endDepth3(r, ordinal);
        } else if (depth == 4) {
            switch (ctx) {
                case CLIENT, SERVICE, SERVER, REPR -> {
                    if (collectDepth == 4) {
                        parts.put(partName, collected());
                    }
                }
                case FAULT -> endFaultChild();
                default -> {
                }
            }
        } else if (depth == 5 && ctx == Ctx.FAULT && collectDepth == 5) {
            faultDetail = collected();
            collect(4); // back to the detail's own text
            text.append(detailTextBefore);
        }
    }

    private void endFaultChild() {
        if (faultChild == null) {
            return;
        }
        String v = collectDepth == 4 ? collected() : "";
        switch (faultChild) {
            case "faultcode" -> faultCode = v;
            case "faultstring" -> faultString = v;
            case "faultactor" -> faultActor = v;
            case "detail" -> {
                if (faultDetail == null || faultDetail.isEmpty()) {
                    faultDetail = v;
                }
            }
            default -> {
            }
        }
        faultChild = null;
    }

    private void endDepth3(XMLStreamReader r, int ordinal) {
        switch (ctx) {
            case VALUE -> {
                String v = collected();
                switch (valueField) {
                    case ID -> id = v;
                    case USER_ID -> userId = v;
                    case ISSUE -> issue = v;
                    case PROTOCOL_VERSION -> {
                        if (!v.startsWith("4.")) {
                            throw new XRoadProtocolException("invalid_protocol_version",
                                    "Invalid protocol version (supported: 4.x, provided: " + v + ")");
                        }
                        protocolVersion = v;
                    }
                    default -> throw new IllegalStateException(valueField.name());
                }
                order.add(valueField);
                ctx = Ctx.OTHER_HEADER;
            }
            case CLIENT -> {
                client = new ClientId(arg("xRoadInstance"), arg("memberClass"), arg("memberCode"),
                        optionalArg("subsystemCode"));
                order.add(SoapHeaderField.CLIENT);
                ctx = Ctx.OTHER_HEADER;
            }
            case SERVICE -> {
                ClientId provider = new ClientId(arg("xRoadInstance"), arg("memberClass"), arg("memberCode"),
                        optionalArg("subsystemCode"));
                service = new ServiceId(provider, arg("serviceCode"), optionalArg("serviceVersion"));
                order.add(SoapHeaderField.SERVICE);
                ctx = Ctx.OTHER_HEADER;
            }
            case SERVER -> {
                securityServer = new SecurityServerId(arg("xRoadInstance"), arg("memberClass"), arg("memberCode"),
                        arg("serverCode"));
                order.add(SoapHeaderField.SECURITY_SERVER);
                ctx = Ctx.OTHER_HEADER;
            }
            case REPR -> {
                String code = parts.get("partyCode");
                if (code == null || code.isBlank()) {
                    // X-Road would accept a represented party without a code; Luotsi's value type cannot hold one
                    throw new XRoadProtocolException("missing_header_field", "Required field 'partyCode' is missing");
                }
                String cls = parts.get("partyClass");
                representedParty = new RepresentedParty(cls == null || cls.isBlank() ? null : cls, code);
                order.add(SoapHeaderField.REPRESENTED_PARTY);
                ctx = Ctx.OTHER_HEADER;
            }
            case REQUEST_HASH -> {
                requestHash = new RequestHash(collected(), attr);
                order.add(SoapHeaderField.REQUEST_HASH);
                ctx = Ctx.OTHER_HEADER;
            }
            case TOKEN -> {
                securityToken = new SecurityToken(collected(), attr);
                order.add(SoapHeaderField.SECURITY_TOKEN);
                ctx = Ctx.OTHER_HEADER;
            }
            case OTHER_HEADER -> {
                if (otherOrdinals != null) {
                    int[] last = otherOrdinals.get(otherOrdinals.size() - 1);
                    if (last[1] < 0) {
                        last[1] = ordinal + 1;
                    }
                }
            }
            case FAULT, WRAPPER -> {
                // stay inside the Body
                ctx = Ctx.WRAPPER;
            }
            default -> {
            }
        }
    }

    /** X-Road's {@code Validation.validateArgument}: an {@code IllegalArgumentException}, i.e. internal_error. */
    private String arg(String name) {
        String v = parts.get(name);
        if (v == null || v.isBlank()) {
            throw new XRoadProtocolException("internal_error", "'" + name + "' must not be blank");
        }
        return v;
    }

    private String optionalArg(String name) {
        String v = parts.get(name);
        return v == null ? null : arg(name);
    }

    private void validate() {
        if (!headerFinished) {
            throw new XRoadProtocolException("missing_header", "Malformed SOAP message: header missing");
        }
        if (protocolVersion == null) {
            throw missingField("protocolVersion");
        }
        if (client == null) {
            throw missingField("client");
        }
        if (id == null) {
            throw missingField("id");
        }
        if (service == null) {
            throw new XRoadProtocolException("missing_header_field", "Message header must contain service id");
        }
        if (!bodySeen) {
            throw new XRoadProtocolException("missing_body", "Malformed SOAP message: body missing");
        }
        if (serviceName == null) {
            throw new XRoadProtocolException("invalid_body",
                    "Malformed SOAP message: body must have exactly one child element");
        }
        if (!serviceName.startsWith(service.serviceCode())) {
            throw new XRoadProtocolException("inconsistent_headers",
                    "Malformed SOAP message: service code does not match in header and body");
        }
    }

    private static XRoadProtocolException missingField(String name) {
        return new XRoadProtocolException("missing_header_field", "Required field '" + name + "' is missing");
    }

    private SoapEnvelope result(String xml, SoapPart part) {
        if (part.len > KEEP_TEXT_LIMIT) {
            part.forgetText();
        }
        if (faultSeen) {
            String detailXml = null;
            if (detailOrdinal >= 0) {
                int[] span = MarkupScanner.locate(xml, 0, 0, detailOrdinal);
                detailXml = xml.substring(span[1], span[2]);
            }
            return new SoapFault(faultCode, faultString, faultActor, faultDetail, detailXml, part);
        }
        SoapHeader.Builder b = SoapHeader.builder();
        int other = 0;
        int pos = 0;
        int posOrdinal = 0;
        for (SoapHeaderField f : order) {
            switch (f) {
                case CLIENT -> b.client(client);
                case SERVICE -> b.service(service);
                case ID -> b.id(id);
                case USER_ID -> b.userId(userId);
                case ISSUE -> b.issue(issue);
                case PROTOCOL_VERSION -> b.protocolVersion(protocolVersion);
                case REQUEST_HASH -> b.requestHash(requestHash);
                case SECURITY_SERVER -> b.securityServer(securityServer);
                case REPRESENTED_PARTY -> b.representedParty(representedParty);
                case SECURITY_TOKEN -> b.securityToken(securityToken);
                case OTHER -> {
                    int[] o = otherOrdinals.get(other);
                    int[] span = MarkupScanner.locate(xml, pos, posOrdinal, o[0]);
                    b.addElement(new SoapHeaderElement(otherNames.get(other), xml.substring(span[0], span[3]),
                            otherNamespaces.get(other)));
                    pos = span[3];
                    posOrdinal = o[1];
                    other++;
                }
            }
        }
        return new SoapMessage(part, b.build(), wrapperName, rpc, bodyOrdinal, wrapperOrdinal, wrapperNamespaces,
                xopIncludes == null ? List.of() : xopIncludes, factory);
    }

    /** An unsynchronised reader over a string (java.io.StringReader locks on every read). */
    private static final class StringCharReader extends Reader {
        private final String s;
        private int pos;

        StringCharReader(String s) {
            this.s = s;
        }

        @Override
        public int read(char[] cbuf, int off, int len) {
            if (pos >= s.length()) {
                return -1;
            }
            int n = Math.min(len, s.length() - pos);
            s.getChars(pos, pos + n, cbuf, off);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
