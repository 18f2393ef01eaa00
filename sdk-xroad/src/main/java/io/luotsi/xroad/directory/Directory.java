package io.luotsi.xroad.directory;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.directory.internal.EditDistance;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import io.luotsi.xroad.globalconf.SharedParameters;
import io.luotsi.xroad.metaservice.MetaserviceClient;
import io.luotsi.xroad.metaservice.OpenApiDocument;
import io.luotsi.xroad.metaservice.ServiceDescription;
import io.luotsi.xroad.metaservice.ServiceDocument;
import io.luotsi.xroad.metaservice.SoapMetaservices;
import io.luotsi.xroad.metaservice.WsdlDocument;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who offers what in X-Road, from two sources: the global configuration (members, subsystems, security servers with
 * their addresses and maintenance mode, global groups) and the metaservices of the Security Servers (the REST and,
 * with {@link Builder#soapMetaservices(SoapMetaservices)}, the SOAP services of a provider, those you may call, and
 * their OpenAPI or WSDL descriptions). Thread-safe: readers see immutable snapshots that a
 * refresh replaces atomically, and the hot lookups ({@link #service(ServiceId)}, {@link #requireKnown(ServiceId)})
 * take no lock and do no I/O.
 *
 * <pre>{@code
 * try (XRoadClient client = XRoadClient.builder().securityServer(ss).client(me).build();
 *      Directory directory = Directory.builder()
 *          .globalConf(GlobalConfSource.download(GlobalConfDownloader.builder().anchor(anchor).build()))
 *          .metaservices(client.metaservices())                      // REST: listMethods, allowedMethods, getOpenAPI
 *          .soapMetaservices(client.metaservices().soap())           // SOAP: listMethods, allowedMethods, getWsdl
 *          .watch(ClientId.parse("FI/GOV/0245437-2/registry"))     // service lists kept fresh in the background
 *          .refreshInterval(Duration.ofMinutes(10))
 *          .build()) {
 *
 *     directory.findSubsystems(ClientQuery.all().text("registry"));
 *     directory.securityServersOf(provider);                   // where it is served, with maintenance mode
 *     directory.allowedServices(provider);                     // what this client may call (allowedMethods)
 *     directory.openApi(ServiceId.parse("FI/GOV/0245437-2/registry/persons"));
 *     directory.document(service);                             // its OpenAPI or WSDL, by its type
 *
 *     // Refuse calls to services that do not exist before anything is sent:
 *     XRoadClient checked = client.toBuilder().directory(directory).failFastOnUnknownService(true).build();
 * }
 * }</pre>
 *
 * <p>Service lists are loaded when first asked for ({@link #services(ClientId)}), or at every refresh for
 * {@linkplain Builder#watch(ClientId...) watched} providers, and are kept for the refresh interval. A refresh that
 * fails keeps the previous snapshot and is reported by {@link #lastRefreshFailure()}; it is retried at the next
 * interval.
 */
public final class Directory implements ServiceLookup, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Directory.class);
    private static final int MAX_SUGGESTIONS = 5;
    /** Service codes every provider answers (PR-META, PR-MREST); never in a listing, never unknown. */
    private static final Set<String> METASERVICES = Set.of("listMethods", "allowedMethods", "getOpenAPI", "getWsdl");

    /** The services of one provider as loaded at one moment. */
    private record Catalog(Instant loadedAt, List<ServiceDescription> services,
                           Map<ServiceId, ServiceDescription> byId) {
        static Catalog of(Instant at, List<ServiceDescription> services) {
            Map<ServiceId, ServiceDescription> byId = new HashMap<>(Math.max(4, services.size() * 2));
            for (ServiceDescription s : services) {
                byId.put(s.id(), s);
            }
            return new Catalog(at, List.copyOf(services), byId);
        }
    }

    private record Cached<T>(Instant loadedAt, T value) {
    }

    private final GlobalConfSource source;
    private final MetaserviceClient metaservices;
    private final SoapMetaservices soapMetaservices;
    private final Clock clock;
    private final Duration refreshInterval;
    private final Set<ClientId> watched;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final ScheduledFuture<?> refreshTask;
    private final Object refreshLock = new Object();

    private volatile GlobalConfiguration conf;
    private volatile Instant lastRefresh;
    private volatile RuntimeException lastFailure;
    private final ConcurrentHashMap<ClientId, Catalog> catalog = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ClientId, Catalog> allowed = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ServiceId, Cached<OpenApiDocument>> openApis = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ServiceId, Cached<WsdlDocument>> wsdls = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private Directory(Builder b) {
        this.source = b.source;
        this.metaservices = b.metaservices;
        this.soapMetaservices = b.soapMetaservices;
        this.clock = b.clock;
        this.refreshInterval = b.refreshInterval;
        this.watched = Set.copyOf(b.watched);
        if (b.loadOnBuild) {
            refresh();
        }
        if (!refreshInterval.isZero()) {
            if (b.scheduler != null) {
                this.scheduler = b.scheduler;
                this.ownsScheduler = false;
            } else {
                ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread t = new Thread(r, "luotsi-directory-refresh");
                    t.setDaemon(true);
                    return t;
                });
                s.setRemoveOnCancelPolicy(true);
                this.scheduler = s;
                this.ownsScheduler = true;
            }
            long millis = refreshInterval.toMillis();
            this.refreshTask = scheduler.scheduleWithFixedDelay(this::backgroundRefresh, millis, millis,
                    TimeUnit.MILLISECONDS);
        } else {
            this.scheduler = null;
            this.ownsScheduler = false;
            this.refreshTask = null;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ refreshing

    /**
     * Loads the global configuration and the service lists of the watched providers now. On failure the previous
     * snapshot stays and the failure is thrown (and kept for {@link #lastRefreshFailure()}).
     */
    public void refresh() {
        synchronized (refreshLock) {
            try {
                if (source != null) {
                    GlobalConfiguration loaded = Objects.requireNonNull(source.load(), "global configuration source "
                            + "returned null");
                    conf = loaded;
                    LOG.debug("directory loaded {}", loaded);
                }
                for (ClientId provider : watched) {
                    try {
                        loadServices(provider);
                    } catch (RuntimeException e) {
                        LOG.warn("services of watched provider {} could not be loaded: {}", provider, e.toString());
                    }
                }
                lastRefresh = clock.instant();
                lastFailure = null;
            } catch (RuntimeException e) {
                lastFailure = e;
                throw e;
            }
        }
    }

    private void backgroundRefresh() {
        if (closed) {
            return;
        }
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("directory refresh failed, keeping the configuration of {}: {}", lastRefresh, e.toString());
        }
    }

    /** When the last successful refresh finished. */
    public Optional<Instant> lastRefresh() {
        return Optional.ofNullable(lastRefresh);
    }

    /** The failure of the last refresh, when it failed. */
    public Optional<RuntimeException> lastRefreshFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** The current global configuration. */
    public Optional<GlobalConfiguration> globalConfiguration() {
        return Optional.ofNullable(conf);
    }

    /** Whether the global configuration has expired (its refreshes fail): X-Road would refuse calls now. */
    public boolean isOutdated() {
        GlobalConfiguration c = conf;
        return c != null && c.isExpired(clock);
    }

    // ------------------------------------------------------------------ members and subsystems

    public Optional<SharedParameters.Member> member(ClientId id) {
        GlobalConfiguration c = conf;
        return c == null ? Optional.empty() : c.member(id);
    }

    public Optional<SharedParameters.Subsystem> subsystem(ClientId id) {
        GlobalConfiguration c = conf;
        return c == null ? Optional.empty() : c.subsystem(id);
    }

    /** The members matching the query, in configuration order. */
    public List<SharedParameters.Member> findMembers(ClientQuery query) {
        Objects.requireNonNull(query, "query");
        List<SharedParameters.Member> result = new ArrayList<>();
        for (SharedParameters.Member m : members(query)) {
            if (query.subsystemCode() == null && query.matchesCodes(m.id())
                    && query.matchesText(m.id().memberCode(), m.name(), m.id().memberClass())) {
                result.add(m);
            }
        }
        return List.copyOf(result);
    }

    /** The subsystems matching the query; the text also matches the name of the subsystem's member. */
    public List<SharedParameters.Subsystem> findSubsystems(ClientQuery query) {
        Objects.requireNonNull(query, "query");
        List<SharedParameters.Subsystem> result = new ArrayList<>();
        for (SharedParameters.Member m : members(query)) {
            for (SharedParameters.Subsystem s : m.subsystems()) {
                if (query.matchesCodes(s.id()) && query.matchesText(s.id().subsystemCode(), s.name(),
                        m.id().memberCode(), m.name())) {
                    result.add(s);
                }
            }
        }
        return List.copyOf(result);
    }

    private List<SharedParameters.Member> members(ClientQuery query) {
        GlobalConfiguration c = conf;
        if (c == null) {
            return List.of();
        }
        if (query.instance() != null) {
            return c.members(query.instance());
        }
        List<SharedParameters.Member> all = new ArrayList<>();
        for (String instance : c.instances()) {
            all.addAll(c.members(instance));
        }
        return all;
    }

    // ------------------------------------------------------------------ security servers

    /** The security servers that serve {@code client} (registered on them, or owning them). */
    public List<SharedParameters.SecurityServer> securityServersOf(ClientId client) {
        GlobalConfiguration c = conf;
        return c == null ? List.of() : c.securityServersOf(client);
    }

    /** The published addresses of the servers that serve {@code client}, those in maintenance mode last. */
    public List<String> addressesOf(ClientId client) {
        Set<String> up = new LinkedHashSet<>();
        Set<String> maintenance = new LinkedHashSet<>();
        for (SharedParameters.SecurityServer s : securityServersOf(client)) {
            if (s.address() != null && !s.address().isBlank()) {
                (s.inMaintenanceMode() ? maintenance : up).add(s.address());
            }
        }
        maintenance.removeAll(up);
        List<String> result = new ArrayList<>(up);
        result.addAll(maintenance);
        return List.copyOf(result);
    }

    public Optional<SharedParameters.SecurityServer> securityServer(SecurityServerId id) {
        GlobalConfiguration c = conf;
        return c == null ? Optional.empty() : c.securityServer(id);
    }

    /** Whether the server is in maintenance mode (V5+ configuration); {@code false} when unknown. */
    public boolean inMaintenanceMode(SecurityServerId id) {
        return securityServer(id).map(SharedParameters.SecurityServer::inMaintenanceMode).orElse(false);
    }

    // ------------------------------------------------------------------ services

    /**
     * The services of a provider ({@code listMethods}; REST, and SOAP when a {@link SoapMetaservices} was given),
     * from the cache, loaded when absent or older than the refresh interval.
     */
    public List<ServiceDescription> services(ClientId provider) {
        Objects.requireNonNull(provider, "provider");
        Catalog c = catalog.get(provider);
        if (c == null || stale(c.loadedAt())) {
            c = loadServices(provider);
        }
        return c.services();
    }

    private Catalog loadServices(ClientId provider) {
        requireMetaservices();
        List<ServiceDescription> all = new ArrayList<>();
        if (metaservices != null && provider.isSubsystem()) {
            // REST services belong to subsystems (PR-REST): a member has none to list.
            all.addAll(metaservices.listMethods(provider));
        }
        if (soapMetaservices != null) {
            all.addAll(soapMetaservices.listMethods(provider));
        }
        Catalog c = Catalog.of(clock.instant(), all);
        catalog.put(provider, c);
        return c;
    }

    /** The services of a provider this client may call ({@code allowedMethods}), cached like {@link #services}. */
    public List<ServiceDescription> allowedServices(ClientId provider) {
        Objects.requireNonNull(provider, "provider");
        Catalog c = allowed.get(provider);
        if (c == null || stale(c.loadedAt())) {
            requireMetaservices();
            List<ServiceDescription> all = new ArrayList<>();
            if (metaservices != null && provider.isSubsystem()) {
                all.addAll(metaservices.allowedMethods(provider));
            }
            if (soapMetaservices != null) {
                all.addAll(soapMetaservices.allowedMethods(provider));
            }
            c = Catalog.of(clock.instant(), all);
            allowed.put(provider, c);
        }
        return c.services();
    }

    /** Whether this client may call {@code method path} of the service, by its provider's {@code allowedMethods}. */
    public boolean isAllowed(ServiceId service, String method, String path) {
        for (ServiceDescription s : allowedServices(service.provider())) {
            if (s.id().equals(service) && s.allows(method, path)) {
                return true;
            }
        }
        return false;
    }

    /** A service from the services loaded so far; never does I/O. */
    public Optional<ServiceDescription> service(ServiceId id) {
        Catalog c = catalog.get(id.provider());
        return c == null ? Optional.empty() : Optional.ofNullable(c.byId().get(id));
    }

    /** The loaded services matching the query. */
    public List<ServiceDescription> findServices(ServiceQuery query) {
        Objects.requireNonNull(query, "query");
        List<ServiceDescription> result = new ArrayList<>();
        Collection<Catalog> catalogs = query.provider() != null
                ? Optional.ofNullable(catalog.get(query.provider())).map(List::of).orElse(List.of())
                : catalog.values();
        for (Catalog c : catalogs) {
            for (ServiceDescription s : c.services()) {
                if (query.matches(s)) {
                    result.add(s);
                }
            }
        }
        return List.copyOf(result);
    }

    /** The OpenAPI document of a REST service ({@code getOpenAPI}), cached for the refresh interval. */
    public OpenApiDocument openApi(ServiceId service) {
        Objects.requireNonNull(service, "service");
        if (metaservices == null) {
            throw new IllegalStateException("the directory has no metaservice client");
        }
        Cached<OpenApiDocument> c = openApis.get(service);
        if (c == null || stale(c.loadedAt())) {
            c = new Cached<>(clock.instant(), metaservices.getOpenApi(service));
            openApis.put(service, c);
        }
        return c.value();
    }

    /**
     * The WSDL of a SOAP service ({@code getWsdl}, with the service's version), cached for the refresh interval.
     *
     * @throws IllegalStateException when the directory has no {@link SoapMetaservices}
     */
    public WsdlDocument wsdl(ServiceId service) {
        Objects.requireNonNull(service, "service");
        if (soapMetaservices == null) {
            throw new IllegalStateException("the directory has no SOAP metaservices (Builder.soapMetaservices)");
        }
        Cached<WsdlDocument> c = wsdls.get(service);
        if (c == null || stale(c.loadedAt())) {
            c = new Cached<>(clock.instant(), soapMetaservices.getWsdl(service));
            wsdls.put(service, c);
        }
        return c.value();
    }

    /**
     * The description of a service, chosen by its type in its provider's service list (loaded if needed): the WSDL
     * of a SOAP service, the OpenAPI document of an OpenAPI-described REST service; empty for a REST service that
     * has no description. Cached like {@link #openApi} and {@link #wsdl}.
     *
     * @throws UnknownServiceException when the provider's list does not have the service (or not in that version),
     *                                 naming close matches
     */
    public Optional<ServiceDocument> document(ServiceId service) {
        Objects.requireNonNull(service, "service");
        ServiceDescription d = service(service).orElse(null);
        if (d == null) {
            services(service.provider());
            Catalog cat = catalog.get(service.provider());
            d = cat == null ? null : cat.byId().get(service);
            if (d == null) {
                throw new UnknownServiceException(service, UnknownServiceException.Reason.UNKNOWN_SERVICE,
                        cat == null ? List.of() : serviceSuggestions(cat, service));
            }
        }
        return switch (d.type()) {
            case WSDL -> Optional.of(wsdl(service));
            case OPENAPI -> Optional.of(openApi(service));
            case REST -> Optional.empty();
        };
    }

    private boolean stale(Instant loadedAt) {
        return !refreshInterval.isZero() && clock.instant().isAfter(loadedAt.plus(refreshInterval));
    }

    private void requireMetaservices() {
        if (metaservices == null && soapMetaservices == null) {
            throw new IllegalStateException("the directory has no metaservice client");
        }
    }

    // ------------------------------------------------------------------ fail fast

    /**
     * Fails when the directory knows that the service does not exist: its provider's member or subsystem is not in
     * a current global configuration of its instance, or the provider's loaded service list does not have it.
     * Lets the call through when it cannot tell (no configuration, an expired one, another instance, a provider
     * whose services were not loaded). The metaservices themselves are always let through. Lock-free, no I/O.
     */
    @Override
    public void requireKnown(ServiceId service) {
        if (METASERVICES.contains(service.serviceCode())) {
            return;
        }
        ClientId provider = service.provider();
        Catalog cat = catalog.get(provider);
        if (cat != null && cat.byId().containsKey(service)) {
            return; // published by its provider: known
        }
        GlobalConfiguration c = conf;
        if (c != null && c.hasInstance(provider.xRoadInstance()) && !c.isExpired(clock)) {
            ClientId member = provider.member();
            if (!c.isRegistered(member)) {
                throw new UnknownServiceException(service, UnknownServiceException.Reason.UNKNOWN_MEMBER,
                        memberSuggestions(c, service));
            }
            if (provider.isSubsystem() && !c.isRegistered(provider)) {
                throw new UnknownServiceException(service, UnknownServiceException.Reason.UNKNOWN_SUBSYSTEM,
                        subsystemSuggestions(c, service));
            }
        }
        if (cat != null) {
            throw new UnknownServiceException(service, UnknownServiceException.Reason.UNKNOWN_SERVICE,
                    serviceSuggestions(cat, service));
        }
    }

    private static List<String> memberSuggestions(GlobalConfiguration c, ServiceId service) {
        ClientId p = service.provider();
        List<EditDistance.Candidate> candidates = new ArrayList<>();
        for (SharedParameters.Member m : c.members(p.xRoadInstance())) {
            ClientId alt = new ClientId(p.xRoadInstance(), m.id().memberClass(), m.id().memberCode(),
                    p.subsystemCode());
            String label = new ServiceId(alt, service.serviceCode(), service.serviceVersion()).toShortString();
            candidates.add(new EditDistance.Candidate(m.id().memberClass() + "/" + m.id().memberCode(), label));
        }
        return EditDistance.closest(p.memberClass() + "/" + p.memberCode(), candidates, MAX_SUGGESTIONS);
    }

    private static List<String> subsystemSuggestions(GlobalConfiguration c, ServiceId service) {
        ClientId p = service.provider();
        List<EditDistance.Candidate> candidates = new ArrayList<>();
        for (SharedParameters.Subsystem s : c.member(p.member()).map(SharedParameters.Member::subsystems)
                .orElse(List.of())) {
            String label = new ServiceId(s.id(), service.serviceCode(), service.serviceVersion()).toShortString();
            candidates.add(new EditDistance.Candidate(s.id().subsystemCode(), label));
        }
        return EditDistance.closest(p.subsystemCode(), candidates, MAX_SUGGESTIONS);
    }

    private static List<String> serviceSuggestions(Catalog cat, ServiceId service) {
        List<EditDistance.Candidate> candidates = new ArrayList<>();
        for (ServiceDescription s : cat.services()) {
            candidates.add(new EditDistance.Candidate(s.id().serviceCode(), s.id().toShortString()));
        }
        List<String> close = EditDistance.closest(service.serviceCode(), candidates, MAX_SUGGESTIONS);
        if (close.isEmpty() && service.serviceVersion() != null) {
            // Same code, other version.
            for (ServiceDescription s : cat.services()) {
                if (s.id().serviceCode().equals(service.serviceCode())) {
                    close = List.of(s.id().toShortString());
                    break;
                }
            }
        }
        return close;
    }

    /** Stops the background refresh; shuts the scheduler down if the directory created it. */
    @Override
    public void close() {
        closed = true;
        if (refreshTask != null) {
            refreshTask.cancel(false);
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public String toString() {
        GlobalConfiguration c = conf;
        return "Directory[" + (c == null ? "no global configuration" : c.toString()) + ", " + catalog.size()
                + " providers' services loaded]";
    }

    /** Builds a {@link Directory}. */
    public static final class Builder {
        private GlobalConfSource source;
        private MetaserviceClient metaservices;
        private SoapMetaservices soapMetaservices;
        private Clock clock = Clock.systemUTC();
        private Duration refreshInterval = Duration.ofMinutes(5);
        private final Set<ClientId> watched = new LinkedHashSet<>();
        private ScheduledExecutorService scheduler;
        private boolean loadOnBuild = true;

        private Builder() {
        }

        /** Where the global configuration comes from; loaded at {@link #build()} and at every refresh. */
        public Builder globalConf(GlobalConfSource source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** A fixed global configuration (no refresh of it). */
        public Builder globalConf(GlobalConfiguration configuration) {
            Objects.requireNonNull(configuration, "configuration");
            this.source = GlobalConfSource.of(configuration);
            return this;
        }

        /** The REST metaservices, usually {@code client.metaservices()}. */
        public Builder metaservices(MetaserviceClient metaservices) {
            this.metaservices = Objects.requireNonNull(metaservices, "metaservices");
            return this;
        }

        /** The SOAP metaservices, from the SOAP client, so that SOAP services are known too. */
        public Builder soapMetaservices(SoapMetaservices soapMetaservices) {
            this.soapMetaservices = Objects.requireNonNull(soapMetaservices, "soapMetaservices");
            return this;
        }

        /** Providers whose service lists are loaded at every refresh. */
        public Builder watch(ClientId... providers) {
            for (ClientId p : providers) {
                watched.add(Objects.requireNonNull(p, "provider"));
            }
            return this;
        }

        /** The clock for expiry and cache ages (default: the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How often to refresh in the background, and how long service lists are kept (default 5 minutes);
         * {@link Duration#ZERO} for no background refresh and no expiry of the lists.
         */
        public Builder refreshInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("refreshInterval must not be negative: " + interval);
            }
            this.refreshInterval = interval;
            return this;
        }

        /** Runs the background refresh on this executor, which the directory then does not shut down. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Whether {@link #build()} loads at once and fails if it cannot (default), or leaves the first load to the
         * background refresh or to {@link Directory#refresh()}.
         */
        public Builder loadOnBuild(boolean loadOnBuild) {
            this.loadOnBuild = loadOnBuild;
            return this;
        }

        public Directory build() {
            if (source == null && metaservices == null && soapMetaservices == null) {
                throw new IllegalStateException("a directory needs a global configuration source or metaservices");
            }
            return new Directory(this);
        }
    }
}
