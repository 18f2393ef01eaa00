package io.luotsi.xroad.globalconf.internal;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.GlobalGroupId;
import io.luotsi.xroad.IdentifierXml;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.XRoadId;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.globalconf.CostType;
import io.luotsi.xroad.globalconf.GlobalConfException;
import io.luotsi.xroad.globalconf.SharedParameters;
import io.luotsi.xroad.internal.SafeXml;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Reads and writes {@code shared-params.xml} (root {@code tns:conf}, unqualified children) with StAX, in one pass:
 * members and subsystems get their {@code ID}s, security servers refer to them by {@code IDREF} and are resolved at
 * the end. Unknown elements are skipped, so every version from 2 to 6 (and later ones) reads.
 */
public final class SharedParametersXml {

    private SharedParametersXml() {
    }

    // ---------------------------------------------------------------- reading

    public static SharedParameters read(InputStream in, int version, long maxBytes) {
        try {
            XMLStreamReader r = SafeXml.reader(in, maxBytes);
            try {
                return new Reader(r, version).read();
            } finally {
                r.close();
            }
        } catch (XMLStreamException | XRoadProtocolException e) {
            throw malformed("shared parameters are not well-formed: " + rootMessage(e), e);
        }
    }

    static GlobalConfException malformed(String message, Throwable cause) {
        return new GlobalConfException(GlobalConfException.MALFORMED, message, cause);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private record RawServer(String ownerRef, String serverCode, String address, List<String> hashes,
                             List<String> clientRefs, boolean maintenance, String message) {
    }

    private static final class Reader {
        private final XMLStreamReader r;
        private final int version;
        /** Interns the few distinct strings (instance, member classes) repeated on every member. */
        private final Map<String, String> strings = new HashMap<>();
        private final Map<String, ClientId> byXmlId = new HashMap<>();
        private String instance;
        private final List<SharedParameters.Source> sources = new ArrayList<>();
        private final List<SharedParameters.ApprovedCa> cas = new ArrayList<>();
        private final List<SharedParameters.ApprovedTsa> tsas = new ArrayList<>();
        private final List<SharedParameters.Member> members = new ArrayList<>();
        private final List<RawServer> servers = new ArrayList<>();
        private final List<SharedParameters.GlobalGroup> groups = new ArrayList<>();
        private SharedParameters.GlobalSettings settings = SharedParameters.GlobalSettings.EMPTY;

        Reader(XMLStreamReader r, int version) {
            this.r = r;
            this.version = version;
        }

        SharedParameters read() throws XMLStreamException {
            r.nextTag();
            if (!"conf".equals(r.getLocalName()) || !IdentifierXml.XROAD_NS.equals(r.getNamespaceURI())) {
                throw malformed("root element is {" + r.getNamespaceURI() + "}" + r.getLocalName() + ", expected {"
                        + IdentifierXml.XROAD_NS + "}conf", null);
            }
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                String name = r.getLocalName();
                if (name.equals("instanceIdentifier")) {
                    instance = intern(Xml.text(r));
                    if (instance.isEmpty()) {
                        throw malformed("instanceIdentifier is empty", null);
                    }
                    continue;
                }
                switch (name) {
                    case "source" -> sources.add(source());
                    case "approvedCA" -> cas.add(approvedCa());
                    case "approvedTSA" -> tsas.add(approvedTsa());
                    case "member" -> members.add(member());
                    case "securityServer" -> servers.add(server());
                    case "globalGroup" -> groups.add(globalGroup());
                    case "globalSettings" -> settings = globalSettings();
                    default -> Xml.skip(r); // centralService (legacy) and <any> extensions
                }
            }
            if (instance == null) {
                throw malformed("shared parameters have no instanceIdentifier", null);
            }
            return new SharedParameters(instance, version, sources, cas, tsas, members, resolveServers(), groups,
                    settings);
        }

        private String requireInstance(String element) {
            if (instance == null) {
                throw malformed(element + " before instanceIdentifier", null);
            }
            return instance;
        }

        private String intern(String s) {
            String prev = strings.putIfAbsent(s, s);
            return prev == null ? s : prev;
        }

        private SharedParameters.Source source() throws XMLStreamException {
            String address = null;
            List<X509Certificate> internal = new ArrayList<>(2);
            List<X509Certificate> external = new ArrayList<>(2);
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "address" -> address = Xml.text(r);
                    case "internalVerificationCert" -> internal.add(cert("source/internalVerificationCert"));
                    case "externalVerificationCert" -> external.add(cert("source/externalVerificationCert"));
                    default -> Xml.skip(r);
                }
            }
            return new SharedParameters.Source(required(address, "source/address"), internal, external);
        }

        private SharedParameters.ApprovedCa approvedCa() throws XMLStreamException {
            String name = null;
            boolean authOnly = false;
            SharedParameters.CaInfo top = null;
            List<SharedParameters.CaInfo> intermediates = new ArrayList<>(2);
            String profile = null;
            SharedParameters.AcmeServer acme = null;
            String csrFormat = null;
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "name" -> name = Xml.text(r);
                    case "authenticationOnly" -> authOnly = bool(Xml.text(r), "approvedCA/authenticationOnly");
                    case "topCA" -> top = caInfo();
                    case "intermediateCA" -> intermediates.add(caInfo());
                    case "certificateProfileInfo" -> profile = Xml.text(r);
                    case "acmeServer" -> acme = acmeServer();
                    case "defaultCsrFormat" -> csrFormat = Xml.text(r);
                    default -> Xml.skip(r);
                }
            }
            if (top == null) {
                throw malformed("approvedCA " + name + " has no topCA", null);
            }
            return new SharedParameters.ApprovedCa(required(name, "approvedCA/name"), authOnly, top, intermediates,
                    profile, acme, csrFormat);
        }

        private SharedParameters.CaInfo caInfo() throws XMLStreamException {
            X509Certificate cert = null;
            List<SharedParameters.Ocsp> ocsp = new ArrayList<>(2);
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "cert" -> cert = cert("CA cert");
                    case "ocsp" -> ocsp.add(ocsp());
                    default -> Xml.skip(r);
                }
            }
            if (cert == null) {
                throw malformed("a CA has no cert", null);
            }
            return new SharedParameters.CaInfo(cert, ocsp);
        }

        private SharedParameters.Ocsp ocsp() throws XMLStreamException {
            String url = null;
            X509Certificate cert = null;
            CostType cost = CostType.UNDEFINED;
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "url" -> url = Xml.text(r);
                    case "cert" -> cert = cert("ocsp/cert");
                    case "costType" -> cost = CostType.parse(Xml.text(r));
                    default -> Xml.skip(r);
                }
            }
            return new SharedParameters.Ocsp(required(url, "ocsp/url"), cert, cost);
        }

        private SharedParameters.AcmeServer acmeServer() throws XMLStreamException {
            String url = null;
            String ip = null;
            String authProfile = null;
            String signProfile = null;
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "directoryURL" -> url = Xml.text(r);
                    case "ipAddress" -> ip = Xml.text(r);
                    case "authenticationCertificateProfileId" -> authProfile = Xml.text(r);
                    case "signingCertificateProfileId" -> signProfile = Xml.text(r);
                    default -> Xml.skip(r);
                }
            }
            return new SharedParameters.AcmeServer(required(url, "acmeServer/directoryURL"), ip, authProfile,
                    signProfile);
        }

        private SharedParameters.ApprovedTsa approvedTsa() throws XMLStreamException {
            String name = null;
            String url = null;
            X509Certificate cert = null;
            CostType cost = CostType.UNDEFINED;
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "name" -> name = Xml.text(r);
                    case "url" -> url = Xml.text(r);
                    case "cert" -> cert = cert("approvedTSA/cert");
                    case "costType" -> cost = CostType.parse(Xml.text(r));
                    default -> Xml.skip(r);
                }
            }
            if (cert == null) {
                throw malformed("approvedTSA " + name + " has no cert", null);
            }
            return new SharedParameters.ApprovedTsa(required(name, "approvedTSA/name"),
                    required(url, "approvedTSA/url"), cert, cost);
        }

        private SharedParameters.Member member() throws XMLStreamException {
            String inst = requireInstance("member");
            String xmlId = r.getAttributeValue(null, "id");
            String memberClass = null;
            String classDescription = null;
            String code = null;
            String name = null;
            List<String[]> subsystems = new ArrayList<>(4);
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "memberClass" -> {
                        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                            switch (r.getLocalName()) {
                                case "code" -> memberClass = intern(Xml.text(r));
                                case "description" -> classDescription = intern(Xml.text(r));
                                default -> Xml.skip(r);
                            }
                        }
                    }
                    case "memberCode" -> code = Xml.text(r);
                    case "name" -> name = Xml.text(r);
                    case "subsystem" -> subsystems.add(subsystem());
                    default -> Xml.skip(r);
                }
            }
            ClientId id;
            try {
                id = new ClientId(inst, required(memberClass, "member/memberClass/code"),
                        required(code, "member/memberCode"), null);
            } catch (IllegalArgumentException e) {
                throw malformed("invalid member: " + e.getMessage(), e);
            }
            List<SharedParameters.Subsystem> subs = new ArrayList<>(subsystems.size());
            for (String[] s : subsystems) {
                ClientId sid;
                try {
                    sid = new ClientId(inst, id.memberClass(), id.memberCode(), s[1]);
                } catch (IllegalArgumentException e) {
                    throw malformed("invalid subsystem of " + id + ": " + e.getMessage(), e);
                }
                subs.add(new SharedParameters.Subsystem(sid, s[2]));
                register(s[0], sid);
            }
            register(xmlId, id);
            return new SharedParameters.Member(id, classDescription, name == null ? "" : name, subs);
        }

        /** {xml id, subsystemCode, subsystemName}. */
        private String[] subsystem() throws XMLStreamException {
            String xmlId = r.getAttributeValue(null, "id");
            String code = null;
            String name = null;
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "subsystemCode" -> code = Xml.text(r);
                    case "subsystemName" -> name = Xml.text(r);
                    default -> Xml.skip(r);
                }
            }
            return new String[] {xmlId, required(code, "subsystem/subsystemCode"), name};
        }

        private void register(String xmlId, ClientId id) {
            if (xmlId == null || xmlId.isBlank()) {
                return;
            }
            if (byXmlId.putIfAbsent(xmlId.trim(), id) != null) {
                throw malformed("duplicate ID " + xmlId, null);
            }
        }

        private RawServer server() throws XMLStreamException {
            String owner = null;
            String code = null;
            String address = null;
            List<String> hashes = new ArrayList<>(1);
            List<String> clients = new ArrayList<>(4);
            boolean maintenance = false;
            String message = null;
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "owner" -> owner = Xml.text(r);
                    case "serverCode" -> code = Xml.text(r);
                    case "address" -> {
                        String a = Xml.text(r);
                        address = a.isEmpty() ? null : a;
                    }
                    case "authCertHash" -> hashes.add(stripWhitespace(r.getElementText()));
                    case "client" -> clients.add(Xml.text(r));
                    case "inMaintenanceMode" -> {
                        maintenance = true;
                        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                            if (r.getLocalName().equals("message")) {
                                message = Xml.text(r);
                            } else {
                                Xml.skip(r);
                            }
                        }
                    }
                    default -> Xml.skip(r);
                }
            }
            return new RawServer(required(owner, "securityServer/owner"), required(code, "securityServer/serverCode"),
                    address, hashes, clients, maintenance, message);
        }

        private List<SharedParameters.SecurityServer> resolveServers() {
            List<SharedParameters.SecurityServer> result = new ArrayList<>(servers.size());
            for (RawServer s : servers) {
                ClientId owner = byXmlId.get(s.ownerRef());
                if (owner == null || owner.isSubsystem()) {
                    throw malformed("security server " + s.serverCode() + ": owner " + s.ownerRef()
                            + " is not the ID of a member", null);
                }
                List<ClientId> clients = new ArrayList<>(s.clientRefs().size());
                for (String ref : s.clientRefs()) {
                    ClientId c = byXmlId.get(ref);
                    if (c == null) {
                        throw malformed("security server " + s.serverCode() + ": client " + ref
                                + " is not the ID of a member or subsystem", null);
                    }
                    clients.add(c);
                }
                SecurityServerId id;
                try {
                    id = new SecurityServerId(instance, owner.memberClass(), owner.memberCode(), s.serverCode());
                } catch (IllegalArgumentException e) {
                    throw malformed("invalid security server: " + e.getMessage(), e);
                }
                result.add(new SharedParameters.SecurityServer(id, s.address(), s.hashes(), clients, s.maintenance(),
                        s.message()));
            }
            return result;
        }

        private SharedParameters.GlobalGroup globalGroup() throws XMLStreamException {
            String inst = requireInstance("globalGroup");
            String code = null;
            String description = null;
            List<ClientId> groupMembers = new ArrayList<>();
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "groupCode" -> code = Xml.text(r);
                    case "description" -> description = Xml.text(r);
                    case "groupMember" -> {
                        XRoadId id = IdentifierXml.read(r, false);
                        if (!(id instanceof ClientId c)) {
                            throw malformed("a groupMember is a " + id.objectType() + ", not a member or subsystem",
                                    null);
                        }
                        groupMembers.add(c);
                    }
                    default -> Xml.skip(r);
                }
            }
            try {
                return new SharedParameters.GlobalGroup(new GlobalGroupId(inst, required(code, "globalGroup/groupCode")),
                        description, groupMembers);
            } catch (IllegalArgumentException e) {
                throw malformed("invalid global group: " + e.getMessage(), e);
            }
        }

        private SharedParameters.GlobalSettings globalSettings() throws XMLStreamException {
            List<SharedParameters.MemberClass> classes = new ArrayList<>();
            Integer freshness = null;
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "memberClass" -> {
                        String code = null;
                        String description = null;
                        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                            switch (r.getLocalName()) {
                                case "code" -> code = Xml.text(r);
                                case "description" -> description = Xml.text(r);
                                default -> Xml.skip(r);
                            }
                        }
                        classes.add(new SharedParameters.MemberClass(required(code, "memberClass/code"), description));
                    }
                    case "ocspFreshnessSeconds" -> {
                        String t = Xml.text(r);
                        try {
                            freshness = Integer.valueOf(t);
                        } catch (NumberFormatException e) {
                            throw malformed("ocspFreshnessSeconds is not an integer: " + t, e);
                        }
                    }
                    default -> Xml.skip(r);
                }
            }
            return new SharedParameters.GlobalSettings(classes, freshness);
        }

        private X509Certificate cert(String what) throws XMLStreamException {
            String text = r.getElementText();
            try {
                return Certificates.parseBase64(text);
            } catch (CertificateException e) {
                throw malformed(what + " is not an X.509 certificate: " + e.getMessage(), e);
            }
        }
    }

    private static boolean bool(String text, String what) {
        return switch (text) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw malformed(what + " is not a boolean: " + text, null);
        };
    }

    private static String required(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw malformed("missing " + what, null);
        }
        return value;
    }

    private static String stripWhitespace(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- writing

    /** Writes {@code sp} as a document of {@code version}; elements the version does not define are left out. */
    public static byte[] write(SharedParameters sp, int version) {
        if (version < 2 || version > 6) {
            throw new IllegalArgumentException("shared parameters versions 2 to 6 can be written, not " + version);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384 + sp.members().size() * 300);
        try {
            XMLStreamWriter w = SafeXml.outputFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.setPrefix("tns", IdentifierXml.XROAD_NS);
            w.setPrefix("id", IdentifierXml.IDENTIFIERS_NS);
            w.writeStartElement("tns", "conf", IdentifierXml.XROAD_NS);
            w.writeNamespace("tns", IdentifierXml.XROAD_NS);
            w.writeNamespace("id", IdentifierXml.IDENTIFIERS_NS);
            new Writer(w, version).write(sp);
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write shared parameters: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static final class Writer {
        private final XMLStreamWriter w;
        private final int version;
        private final Map<ClientId, String> ids = new HashMap<>();

        Writer(XMLStreamWriter w, int version) {
            this.w = w;
            this.version = version;
        }

        void write(SharedParameters sp) throws XMLStreamException {
            element("instanceIdentifier", sp.instanceIdentifier());
            if (version >= 3) {
                if (sp.sources().isEmpty()) {
                    throw new IllegalArgumentException("shared parameters V" + version + " need at least one source");
                }
                for (SharedParameters.Source s : sp.sources()) {
                    start("source");
                    element("address", s.address());
                    for (X509Certificate c : s.internalVerificationCertificates()) {
                        element("internalVerificationCert", Certificates.base64(c));
                    }
                    for (X509Certificate c : s.externalVerificationCertificates()) {
                        element("externalVerificationCert", Certificates.base64(c));
                    }
                    end();
                }
            }
            for (SharedParameters.ApprovedCa ca : sp.approvedCas()) {
                approvedCa(ca);
            }
            for (SharedParameters.ApprovedTsa tsa : sp.approvedTsas()) {
                start("approvedTSA");
                element("name", tsa.name());
                element("url", tsa.url());
                element("cert", Certificates.base64(tsa.certificate()));
                if (version >= 6 && tsa.costType() != CostType.UNDEFINED) {
                    element("costType", tsa.costType().name());
                }
                end();
            }
            int n = 0;
            for (SharedParameters.Member m : sp.members()) {
                String memberId = "m" + n++;
                ids.put(m.id(), memberId);
                w.writeStartElement("member");
                w.writeAttribute("id", memberId);
                start("memberClass");
                element("code", m.id().memberClass());
                element("description", m.memberClassDescription() == null ? m.id().memberClass()
                        : m.memberClassDescription());
                end();
                element("memberCode", m.id().memberCode());
                element("name", m.name());
                int s = 0;
                for (SharedParameters.Subsystem sub : m.subsystems()) {
                    String subId = memberId + "s" + s++;
                    ids.put(sub.id(), subId);
                    w.writeStartElement("subsystem");
                    w.writeAttribute("id", subId);
                    element("subsystemCode", sub.id().subsystemCode());
                    if (version >= 5 && sub.name() != null) {
                        element("subsystemName", sub.name());
                    }
                    end();
                }
                end();
            }
            for (SharedParameters.SecurityServer ss : sp.securityServers()) {
                start("securityServer");
                element("owner", ref(ss.owner()));
                element("serverCode", ss.id().serverCode());
                if (ss.address() != null) {
                    element("address", ss.address());
                }
                for (String h : ss.authCertHashes()) {
                    element("authCertHash", h);
                }
                for (ClientId c : ss.clients()) {
                    element("client", ref(c));
                }
                if (version >= 5 && ss.inMaintenanceMode()) {
                    start("inMaintenanceMode");
                    if (ss.maintenanceMessage() != null) {
                        element("message", ss.maintenanceMessage());
                    }
                    end();
                }
                end();
            }
            for (SharedParameters.GlobalGroup g : sp.globalGroups()) {
                start("globalGroup");
                element("groupCode", g.id().groupCode());
                element("description", g.description() == null ? "" : g.description());
                for (ClientId c : g.members()) {
                    IdentifierXml.write(w, "", "groupMember", "", "id", c);
                }
                end();
            }
            start("globalSettings");
            for (SharedParameters.MemberClass mc : sp.globalSettings().memberClasses()) {
                start("memberClass");
                element("code", mc.code());
                element("description", mc.description() == null ? "" : mc.description());
                end();
            }
            if (sp.globalSettings().ocspFreshnessSeconds() != null) {
                element("ocspFreshnessSeconds", sp.globalSettings().ocspFreshnessSeconds().toString());
            }
            end();
        }

        private void approvedCa(SharedParameters.ApprovedCa ca) throws XMLStreamException {
            start("approvedCA");
            element("name", ca.name());
            element("authenticationOnly", Boolean.toString(ca.authenticationOnly()));
            caInfo("topCA", ca.topCa());
            for (SharedParameters.CaInfo i : ca.intermediateCas()) {
                caInfo("intermediateCA", i);
            }
            element("certificateProfileInfo", ca.certificateProfileInfo() == null ? ""
                    : ca.certificateProfileInfo());
            if (version >= 6 && ca.defaultCsrFormat() != null) {
                element("defaultCsrFormat", ca.defaultCsrFormat());
            }
            if (version >= 3 && ca.acmeServer() != null) {
                SharedParameters.AcmeServer a = ca.acmeServer();
                start("acmeServer");
                element("directoryURL", a.directoryUrl());
                if (a.ipAddress() != null) {
                    element("ipAddress", a.ipAddress());
                }
                if (version >= 4 && a.authenticationCertificateProfileId() != null) {
                    element("authenticationCertificateProfileId", a.authenticationCertificateProfileId());
                }
                if (version >= 4 && a.signingCertificateProfileId() != null) {
                    element("signingCertificateProfileId", a.signingCertificateProfileId());
                }
                end();
            }
            end();
        }

        private void caInfo(String name, SharedParameters.CaInfo info) throws XMLStreamException {
            start(name);
            element("cert", Certificates.base64(info.certificate()));
            for (SharedParameters.Ocsp o : info.ocspResponders()) {
                start("ocsp");
                element("url", o.url());
                if (o.certificate() != null) {
                    element("cert", Certificates.base64(o.certificate()));
                }
                if (version >= 6 && o.costType() != CostType.UNDEFINED) {
                    element("costType", o.costType().name());
                }
                end();
            }
            end();
        }

        private String ref(ClientId id) {
            String ref = ids.get(id);
            if (ref == null) {
                throw new IllegalArgumentException(id + " is referenced by a security server but is not a member or "
                        + "subsystem of these shared parameters");
            }
            return ref;
        }

        private void start(String name) throws XMLStreamException {
            w.writeStartElement(name);
        }

        private void end() throws XMLStreamException {
            w.writeEndElement();
        }

        private void element(String name, String text) throws XMLStreamException {
            w.writeStartElement(name);
            w.writeCharacters(text);
            w.writeEndElement();
        }
    }
}
