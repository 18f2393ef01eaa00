package io.luotsi.xroad.globalconf;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.GlobalGroupId;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.globalconf.internal.DirectoryLayout;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A global configuration: the shared parameters of the own instance and of every federated instance present, the own
 * instance's private parameters, and indexes for the questions discovery asks. Immutable and thread-safe; build it
 * once per download and share it.
 *
 * <pre>{@code
 * GlobalConfiguration conf = GlobalConfiguration.readDirectory(Path.of("/etc/xroad/globalconf"));
 * conf.instances();                                             // [EE, bar, foo]
 * conf.providerAddresses(ClientId.parse("EE/BUSINESS/consumer"));   // [https://www.foo.com/bar, 127.0.0.1]
 * conf.securityServer(SecurityServerId.parse("EE/BUSINESS/foo/FooBarServerCode"))
 *     .filter(SharedParameters.SecurityServer::inMaintenanceMode)
 *     .ifPresent(s -> log.warn("in maintenance: {}", s.maintenanceMessage()));
 * }</pre>
 *
 * The same questions X-Road's {@code GlobalConfProvider} answers have the same answers here: the owner of a security
 * server counts as its client, provider addresses are the addresses of every server a client is served by, and known
 * addresses are the published addresses of every server of every instance.
 */
public final class GlobalConfiguration {

    /** The files of one instance. */
    public record Instance(SharedParameters sharedParameters, Instant expiresAt) {
        public Instance {
            Objects.requireNonNull(sharedParameters, "sharedParameters");
        }
    }

    private final String instanceIdentifier;
    private final Map<String, Instance> instances;
    private final PrivateParameters privateParameters;
    private final Instant privateParametersExpireAt;

    private final Map<ClientId, SharedParameters.Member> members;
    private final Map<ClientId, SharedParameters.Subsystem> subsystems;
    private final Map<SecurityServerId, SharedParameters.SecurityServer> servers;
    private final Map<ClientId, List<SharedParameters.SecurityServer>> serversByClient;
    private final Map<GlobalGroupId, SharedParameters.GlobalGroup> groups;
    private final Set<String> knownAddresses;
    private final Instant expiresAt;

    private GlobalConfiguration(Builder b) {
        this.instanceIdentifier = b.instanceIdentifier;
        this.instances = Collections.unmodifiableMap(new LinkedHashMap<>(b.instances));
        this.privateParameters = b.privateParameters;
        this.privateParametersExpireAt = b.privateParametersExpireAt;

        int memberCount = 0;
        int subsystemCount = 0;
        int serverCount = 0;
        for (Instance i : instances.values()) {
            memberCount += i.sharedParameters().members().size();
            serverCount += i.sharedParameters().securityServers().size();
            for (SharedParameters.Member m : i.sharedParameters().members()) {
                subsystemCount += m.subsystems().size();
            }
        }
        Map<ClientId, SharedParameters.Member> m = new HashMap<>(capacity(memberCount));
        Map<ClientId, SharedParameters.Subsystem> s = new HashMap<>(capacity(subsystemCount));
        Map<SecurityServerId, SharedParameters.SecurityServer> ss = new HashMap<>(capacity(serverCount));
        Map<ClientId, List<SharedParameters.SecurityServer>> byClient = new HashMap<>(
                capacity(memberCount + subsystemCount));
        Map<GlobalGroupId, SharedParameters.GlobalGroup> g = new HashMap<>();
        Set<String> addresses = new LinkedHashSet<>();
        for (Instance i : instances.values()) {
            SharedParameters sp = i.sharedParameters();
            for (SharedParameters.Member member : sp.members()) {
                m.put(member.id(), member);
                for (SharedParameters.Subsystem sub : member.subsystems()) {
                    s.put(sub.id(), sub);
                }
            }
            for (SharedParameters.SecurityServer server : sp.securityServers()) {
                ss.put(server.id(), server);
                if (server.address() != null && !server.address().isBlank()) {
                    addresses.add(server.address());
                }
                addServed(byClient, server.owner(), server);
                for (ClientId c : server.clients()) {
                    addServed(byClient, c, server);
                }
            }
            for (SharedParameters.GlobalGroup group : sp.globalGroups()) {
                g.put(group.id(), group);
            }
        }
        byClient.replaceAll((k, v) -> List.copyOf(v));
        this.members = m;
        this.subsystems = s;
        this.servers = ss;
        this.serversByClient = byClient;
        this.groups = g;
        this.knownAddresses = Collections.unmodifiableSet(addresses);
        Instant min = privateParametersExpireAt;
        for (Instance i : instances.values()) {
            if (i.expiresAt() != null && (min == null || i.expiresAt().isBefore(min))) {
                min = i.expiresAt();
            }
        }
        this.expiresAt = min;
    }

    private static int capacity(int n) {
        return Math.max(16, (int) (n / 0.75f) + 1);
    }

    private static void addServed(Map<ClientId, List<SharedParameters.SecurityServer>> map, ClientId client,
                                  SharedParameters.SecurityServer server) {
        List<SharedParameters.SecurityServer> list = map.computeIfAbsent(client, k -> new ArrayList<>(1));
        if (!list.contains(server)) {
            list.add(server);
        }
    }

    /** Starts a configuration whose own instance is {@code instanceIdentifier}. */
    public static Builder builder(String instanceIdentifier) {
        return new Builder(instanceIdentifier);
    }

    /**
     * Reads the directory a Security Server's configuration client writes ({@code /etc/xroad/globalconf}):
     * {@code instance-identifier}, and per instance {@code shared-params.xml} (and for the own instance
     * {@code private-params.xml}) with their {@code .metadata}. Every instance present is read (federation).
     *
     * @throws GlobalConfException {@value GlobalConfException#MISSING_INSTANCE_IDENTIFIER} without an
     *     {@code instance-identifier} file, {@value GlobalConfException#MALFORMED} when the own instance's directory
     *     is missing or a file does not parse, {@value GlobalConfException#CONFIGURATION_ERROR} when {@code dir} is
     *     not a directory
     */
    public static GlobalConfiguration readDirectory(Path dir) {
        return DirectoryLayout.read(dir, SharedParameters.DEFAULT_MAX_BYTES);
    }

    /** As {@link #readDirectory(Path)}, reading at most {@code maxFileBytes} of each file. */
    public static GlobalConfiguration readDirectory(Path dir, long maxFileBytes) {
        return DirectoryLayout.read(dir, maxFileBytes);
    }

    /** The own instance. */
    public String instanceIdentifier() {
        return instanceIdentifier;
    }

    /** Every instance whose shared parameters are present, the own one first. */
    public Set<String> instances() {
        return instances.keySet();
    }

    /** Whether the shared parameters of this instance are present. */
    public boolean hasInstance(String instanceIdentifier) {
        return instances.containsKey(instanceIdentifier);
    }

    /** The files of an instance. */
    public Optional<Instance> instance(String instanceIdentifier) {
        return Optional.ofNullable(instances.get(instanceIdentifier));
    }

    public Optional<SharedParameters> sharedParameters(String instanceIdentifier) {
        return instance(instanceIdentifier).map(Instance::sharedParameters);
    }

    /** The own instance's shared parameters (absent only when a directory carried just private parameters). */
    public Optional<SharedParameters> sharedParameters() {
        return sharedParameters(instanceIdentifier);
    }

    /** The own instance's private parameters (absent in an external configuration). */
    public Optional<PrivateParameters> privateParameters() {
        return Optional.ofNullable(privateParameters);
    }

    /** The earliest expiry of any file, when known. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** Whether any file has expired at the clock's time ({@code global_conf_outdated} in X-Road). */
    public boolean isExpired(Clock clock) {
        return expiresAt != null && clock.instant().isAfter(expiresAt);
    }

    /**
     * Fails when any file has expired.
     *
     * @throws GlobalConfException {@value GlobalConfException#OUTDATED}
     */
    public GlobalConfiguration requireNotExpired(Clock clock) {
        if (isExpired(clock)) {
            throw new GlobalConfException(GlobalConfException.OUTDATED,
                    "global configuration expired on " + expiresAt().orElseThrow());
        }
        return this;
    }

    // ---------------------------------------------------------------- members and subsystems

    /** The members of an instance, in document order. */
    public List<SharedParameters.Member> members(String instanceIdentifier) {
        return sharedParameters(instanceIdentifier).map(SharedParameters::members).orElse(List.of());
    }

    /**
     * Every member and subsystem of an instance as client ids, in document order, each member followed by its
     * subsystems (what X-Road's {@code getMembers(instance)} lists).
     */
    public List<ClientId> clients(String instanceIdentifier) {
        List<ClientId> ids = new ArrayList<>();
        for (SharedParameters.Member m : members(instanceIdentifier)) {
            ids.add(m.id());
            for (SharedParameters.Subsystem s : m.subsystems()) {
                ids.add(s.id());
            }
        }
        return List.copyOf(ids);
    }

    /** The member with this id (a subsystem id gives its member). */
    public Optional<SharedParameters.Member> member(ClientId id) {
        return Optional.ofNullable(members.get(id.member()));
    }

    public Optional<SharedParameters.Subsystem> subsystem(ClientId id) {
        return id.isSubsystem() ? Optional.ofNullable(subsystems.get(id)) : Optional.empty();
    }

    /** Whether the member or subsystem is registered in its instance. */
    public boolean isRegistered(ClientId id) {
        return id.isSubsystem() ? subsystems.containsKey(id) : members.containsKey(id);
    }

    /** All members of all instances. */
    public java.util.Collection<SharedParameters.Member> allMembers() {
        return Collections.unmodifiableCollection(members.values());
    }

    // ---------------------------------------------------------------- security servers

    public List<SharedParameters.SecurityServer> securityServers(String instanceIdentifier) {
        return sharedParameters(instanceIdentifier).map(SharedParameters::securityServers).orElse(List.of());
    }

    public Optional<SharedParameters.SecurityServer> securityServer(SecurityServerId id) {
        return Optional.ofNullable(servers.get(id));
    }

    /** The servers that serve {@code client}: those it is registered on, and those it owns. */
    public List<SharedParameters.SecurityServer> securityServersOf(ClientId client) {
        return serversByClient.getOrDefault(client, List.of());
    }

    /** The published addresses of the servers that serve {@code client} (X-Road's {@code getProviderAddress}). */
    public Set<String> providerAddresses(ClientId client) {
        Set<String> result = new LinkedHashSet<>();
        for (SharedParameters.SecurityServer s : securityServersOf(client)) {
            if (s.address() != null && !s.address().isBlank()) {
                result.add(s.address());
            }
        }
        return Collections.unmodifiableSet(result);
    }

    /** Whether {@code client} is served by {@code server} (registered on it, or its owner). */
    public boolean isSecurityServerClient(ClientId client, SecurityServerId server) {
        SharedParameters.SecurityServer s = servers.get(server);
        return s != null && s.serves(client);
    }

    /** The published addresses of all servers of all instances. */
    public Set<String> knownAddresses() {
        return knownAddresses;
    }

    /** The server one of whose authentication certificates this is. */
    public Optional<SharedParameters.SecurityServer> securityServerByAuthCertificate(X509Certificate certificate) {
        for (SharedParameters.SecurityServer s : servers.values()) {
            if (s.hasAuthCertificate(certificate)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- groups

    public Optional<SharedParameters.GlobalGroup> globalGroup(GlobalGroupId id) {
        return Optional.ofNullable(groups.get(id));
    }

    /** Whether {@code client} is listed in the group; a group of members does not include their subsystems. */
    public boolean isInGlobalGroup(ClientId client, GlobalGroupId group) {
        SharedParameters.GlobalGroup g = groups.get(group);
        return g != null && g.contains(client);
    }

    // ---------------------------------------------------------------- trust material

    public List<SharedParameters.ApprovedCa> approvedCas(String instanceIdentifier) {
        return sharedParameters(instanceIdentifier).map(SharedParameters::approvedCas).orElse(List.of());
    }

    public List<SharedParameters.ApprovedTsa> approvedTsas(String instanceIdentifier) {
        return sharedParameters(instanceIdentifier).map(SharedParameters::approvedTsas).orElse(List.of());
    }

    /** The certificates of the approved time-stamping authorities of every instance. */
    public List<X509Certificate> tspCertificates() {
        List<X509Certificate> certs = new ArrayList<>();
        for (Instance i : instances.values()) {
            for (SharedParameters.ApprovedTsa t : i.sharedParameters().approvedTsas()) {
                certs.add(t.certificate());
            }
        }
        return List.copyOf(certs);
    }

    /** The signing certificates of every OCSP responder of every CA of every instance (those that state one). */
    public List<X509Certificate> ocspResponderCertificates() {
        List<X509Certificate> certs = new ArrayList<>();
        for (Instance i : instances.values()) {
            for (SharedParameters.ApprovedCa ca : i.sharedParameters().approvedCas()) {
                addOcsp(certs, ca.topCa());
                ca.intermediateCas().forEach(c -> addOcsp(certs, c));
            }
        }
        return List.copyOf(certs);
    }

    private static void addOcsp(List<X509Certificate> certs, SharedParameters.CaInfo ca) {
        for (SharedParameters.Ocsp o : ca.ocspResponders()) {
            if (o.certificate() != null) {
                certs.add(o.certificate());
            }
        }
    }

    /** The own instance's OCSP freshness limit. */
    public Optional<Integer> ocspFreshnessSeconds() {
        return sharedParameters().map(sp -> sp.globalSettings().ocspFreshnessSeconds());
    }

    /** The address of the management service (from the private parameters). */
    public Optional<String> managementServiceAddress() {
        return privateParameters().map(PrivateParameters::managementService)
                .map(PrivateParameters.ManagementService::authCertRegServiceAddress);
    }

    @Override
    public String toString() {
        return "GlobalConfiguration[" + instanceIdentifier + ", instances " + instances.keySet() + ", "
                + members.size() + " members, " + subsystems.size() + " subsystems, " + servers.size()
                + " security servers]";
    }

    /** Builds a {@link GlobalConfiguration} from parsed files. */
    public static final class Builder {
        private final String instanceIdentifier;
        private final Map<String, Instance> instances = new LinkedHashMap<>();
        private PrivateParameters privateParameters;
        private Instant privateParametersExpireAt;

        private Builder(String instanceIdentifier) {
            this.instanceIdentifier = Objects.requireNonNull(instanceIdentifier, "instanceIdentifier");
        }

        /** Adds an instance's shared parameters; {@code expiresAt} may be {@code null}. A later one replaces. */
        public Builder add(SharedParameters sharedParameters, Instant expiresAt) {
            Objects.requireNonNull(sharedParameters, "sharedParameters");
            instances.put(sharedParameters.instanceIdentifier(), new Instance(sharedParameters, expiresAt));
            return this;
        }

        public Builder add(SharedParameters sharedParameters) {
            return add(sharedParameters, null);
        }

        public Builder privateParameters(PrivateParameters privateParameters, Instant expiresAt) {
            this.privateParameters = privateParameters;
            this.privateParametersExpireAt = expiresAt;
            return this;
        }

        public GlobalConfiguration build() {
            Instance own = instances.remove(instanceIdentifier);
            Map<String, Instance> ordered = new LinkedHashMap<>();
            if (own != null) {
                ordered.put(instanceIdentifier, own);
            }
            ordered.putAll(instances);
            instances.clear();
            instances.putAll(ordered);
            return new GlobalConfiguration(this);
        }
    }
}
