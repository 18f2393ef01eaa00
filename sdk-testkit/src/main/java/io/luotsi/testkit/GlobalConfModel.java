package io.luotsi.testkit;

import io.luotsi.testkit.internal.GlobalConfEngine;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.IdentifierXml;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.globalconf.CostType;
import io.luotsi.xroad.globalconf.SharedParameters;
import io.luotsi.xroad.metaservice.ListedClient;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The global configuration the fake's registry amounts to, as a Central Server would publish it for the fake's
 * instance:
 * <ul>
 *   <li>every registered member of the instance with its name, and its subsystems with theirs;</li>
 *   <li>the owner of the fake's own security server as a member too (named after its code unless registered);</li>
 *   <li>the fake's security server: its id, its host as address, the SHA-256 (V2: SHA-1) hash of its TLS certificate
 *       as authentication certificate, and every registered client of the instance as its clients;</li>
 *   <li>the registry's global groups;</li>
 *   <li>the test PKI's CA as the approved CA, with an OCSP responder entry (URL {@code {fake}/ocsp}, not served) and
 *       the test PKI's time-stamping certificate as the approved TSA (URL {@code {fake}/tsa}, not served);</li>
 *   <li>V3+: a source with the fake's {@code host:port} and the configuration signing certificate;</li>
 *   <li>the private parameters: the management service (a placeholder on the fake) and a time-stamping interval.</li>
 * </ul>
 * Built from a consistent view of the registry and cached until it changes.
 */
final class GlobalConfModel implements GlobalConfEngine.Source {

    static final String CERTIFICATE_PROFILE =
            "ee.ria.xroad.common.certificateprofile.impl.EjbcaCertificateProfileInfoProvider";

    private final String instance;
    private final SecurityServerId serverId;
    private final FakeRegistry registry;
    private final Supplier<TestPki> pki;
    private final Supplier<X509Certificate> signingCertificate;
    private final Supplier<URI> base;

    private long cachedRevision = -1;
    private final Map<Integer, SharedParameters> cached = new HashMap<>();

    /** A consistent view of the registry. */
    private record View(long revision, List<ClientRegistration> clients, List<GlobalGroupRegistration> groups) {
    }

    GlobalConfModel(String instance, SecurityServerId serverId, FakeRegistry registry, Supplier<TestPki> pki,
                    Supplier<X509Certificate> signingCertificate, Supplier<URI> base) {
        this.instance = instance;
        this.serverId = serverId;
        this.registry = registry;
        this.pki = pki;
        this.signingCertificate = signingCertificate;
        this.base = base;
    }

    private View view() {
        synchronized (registry) {
            return new View(registry.revision(), registry.clients(), registry.globalGroups());
        }
    }

    @Override
    public long revision() {
        return registry.revision();
    }

    @Override
    public String instance() {
        return instance;
    }

    @Override
    public byte[] sharedParameters(int version) {
        return model(version).toXml(version);
    }

    /** The shared parameters of the fake's instance as configuration {@code version} (2 to 6) has them. */
    synchronized SharedParameters model(int version) {
        View view = view();
        if (view.revision() != cachedRevision) {
            cached.clear();
            cachedRevision = view.revision();
        }
        return cached.computeIfAbsent(version, v -> build(view, v));
    }

    private SharedParameters build(View view, int version) {
        List<SharedParameters.Member> members = members(instance, view.clients(), serverId.owner());
        List<ClientId> serverClients = new ArrayList<>();
        for (ClientRegistration c : view.clients()) {
            if (c.id().xRoadInstance().equals(instance)) {
                serverClients.add(c.id());
            }
        }
        TestPki p = pki.get();
        X509Certificate tls = p.serverCredential().certificate();
        String host = base.get().getHost();
        SharedParameters.SecurityServer server = new SharedParameters.SecurityServer(serverId, host,
                List.of(hash(version >= 3 ? "SHA-256" : "SHA-1", tls)), serverClients, false, null);

        String url = baseUrl();
        SharedParameters.Ocsp ocsp = new SharedParameters.Ocsp(url + "/ocsp",
                p.ocspResponderCredential().certificate(), CostType.FREE);
        SharedParameters.ApprovedCa ca = new SharedParameters.ApprovedCa(
                "Luotsi Fake X-Road CA", false, new SharedParameters.CaInfo(p.caCertificate(), List.of(ocsp)),
                List.of(), CERTIFICATE_PROFILE, null, "DER");
        SharedParameters.ApprovedTsa tsa = new SharedParameters.ApprovedTsa("Luotsi fake TSA", url + "/tsa",
                p.timeStampingCredential().certificate(), CostType.FREE);
        X509Certificate signing = signingCertificate.get();
        SharedParameters.Source source = new SharedParameters.Source(base.get().getAuthority(), List.of(signing),
                List.of(signing));

        List<SharedParameters.GlobalGroup> groups = new ArrayList<>();
        for (GlobalGroupRegistration g : view.groups()) {
            if (g.id().xRoadInstance().equals(instance)) {
                groups.add(new SharedParameters.GlobalGroup(g.id(), g.description(), g.members()));
            }
        }
        TreeSet<String> classes = new TreeSet<>();
        members.forEach(m -> classes.add(m.id().memberClass()));
        List<SharedParameters.MemberClass> memberClasses = new ArrayList<>();
        classes.forEach(c -> memberClasses.add(new SharedParameters.MemberClass(c, c)));
        return new SharedParameters(instance, version, List.of(source), List.of(ca), List.of(tsa), members,
                List.of(server), groups, new SharedParameters.GlobalSettings(memberClasses, 600));
    }

    /**
     * The members of {@code forInstance} among the registered clients, each with its subsystems, in registration
     * order; {@code owner} (when of that instance and not registered) is added, named after its code.
     */
    static List<SharedParameters.Member> members(String forInstance, List<ClientRegistration> clients,
                                                 ClientId owner) {
        Map<ClientId, String> names = new LinkedHashMap<>();
        Map<ClientId, List<SharedParameters.Subsystem>> subsystems = new LinkedHashMap<>();
        for (ClientRegistration c : clients) {
            ClientId id = c.id();
            if (!id.xRoadInstance().equals(forInstance)) {
                continue;
            }
            ClientId member = id.member();
            if (!id.isSubsystem()) {
                names.put(member, c.memberName());
            } else {
                names.putIfAbsent(member, c.memberName());
                subsystems.computeIfAbsent(member, k -> new ArrayList<>())
                        .add(new SharedParameters.Subsystem(id, c.subsystemName()));
            }
        }
        if (owner != null && owner.xRoadInstance().equals(forInstance)) {
            names.putIfAbsent(owner, owner.memberCode());
        }
        List<SharedParameters.Member> members = new ArrayList<>(names.size());
        names.forEach((id, name) -> members.add(new SharedParameters.Member(id, null, name,
                subsystems.getOrDefault(id, List.of()))));
        return members;
    }

    /**
     * What {@code listClients} lists for an instance ({@code GlobalConfProvider.getMembers}): each member, then each
     * of its subsystems with the member's name and the subsystem's name; {@code null} when no client of that
     * instance is known.
     */
    List<ListedClient> listedClients(String forInstance) {
        boolean own = forInstance.equals(instance);
        List<SharedParameters.Member> members = members(forInstance, view().clients(), own ? serverId.owner() : null);
        if (!own && members.isEmpty()) {
            return null;
        }
        List<ListedClient> listed = new ArrayList<>();
        for (SharedParameters.Member m : members) {
            listed.add(new ListedClient(m.id(), m.name(), null));
            for (SharedParameters.Subsystem s : m.subsystems()) {
                listed.add(new ListedClient(s.id(), m.name(), s.name()));
            }
        }
        return listed;
    }

    @Override
    public byte[] privateParameters() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.setPrefix("tns", IdentifierXml.XROAD_NS);
            w.setPrefix("id", IdentifierXml.IDENTIFIERS_NS);
            w.writeStartElement("tns", "conf", IdentifierXml.XROAD_NS);
            w.writeNamespace("tns", IdentifierXml.XROAD_NS);
            w.writeNamespace("id", IdentifierXml.IDENTIFIERS_NS);
            element(w, "instanceIdentifier", instance);
            w.writeStartElement("managementService");
            element(w, "authCertRegServiceAddress", baseUrl() + "/managementservice/");
            element(w, "authCertRegServiceCert", base64(pki.get().serverCredential().certificate()));
            IdentifierXml.write(w, "", "managementRequestServiceProviderId", "", "id",
                    serverId.owner().withSubsystem("MANAGEMENT"));
            w.writeEndElement();
            element(w, "timeStampingIntervalSeconds", "60");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the private parameters: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private String baseUrl() {
        String url = base.get().toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private static String base64(X509Certificate c) {
        try {
            return Base64.getEncoder().encodeToString(c.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode " + c.getSubjectX500Principal(), e);
        }
    }

    private static String hash(String algorithm, X509Certificate c) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash " + c.getSubjectX500Principal(), e);
        }
    }
}
