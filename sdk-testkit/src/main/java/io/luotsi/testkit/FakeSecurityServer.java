package io.luotsi.testkit;

import io.luotsi.core.ConfigurationException;
import io.luotsi.core.http.TlsConfig;
import io.luotsi.testkit.internal.GlobalConfEngine;
import io.luotsi.testkit.internal.WireMockFrontEnd;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadClientBuilder;
import io.luotsi.xroad.globalconf.ConfigurationAnchor;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import io.luotsi.xroad.globalconf.PrivateParameters;
import io.luotsi.xroad.globalconf.SharedParameters;
import io.luotsi.xroad.globalconf.SignedDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake X-Road Security Server for tests: the client proxy of an X-Road 7.8 Security Server for REST (PR-REST r1),
 * with the provider's Security Server behind it, on top of WireMock. It answers with X-Road's real error codes,
 * statuses, headers and bodies, applies X-Road's header rules, computes the request hash, and serves each service
 * from a Java handler, declarative stubs, or a real provider on this machine. It records every exchange.
 *
 * <pre>{@code
 * ClientId consumer = ClientId.parse("DEV/COM/4321/TestClient");
 * ServiceId pets = ServiceId.parse("DEV/COM/1234/TestService/pets");
 *
 * try (FakeSecurityServer fake = FakeSecurityServer.builder()
 *         .instance("DEV")
 *         .subsystem(consumer, "Test client")
 *         .service(ServiceRegistration.rest(pets)
 *                 .allow(consumer, "GET", "/pets/*")
 *                 .stub("GET", "/pets/1", FakeRestResponse.json("{\"id\":1,\"name\":\"Rex\"}")))
 *         .start();
 *      XRoadClient client = fake.clientBuilder(consumer).build()) {
 *
 *     RestResponse<String> r = client.rest(pets).get("/pets/{id}", 1).execute(String.class);
 *     // r.body() is {"id":1,"name":"Rex"}; r.xroad().requestHash() is the X-Road receipt
 *
 *     RecordedExchange call = fake.recordings().single(pets);
 *     // call.providerRequest() shows what the provider received: X-Road-Client, X-Road-Id, X-Road-Request-Id...
 * }
 * }</pre>
 *
 * What X-Road does and the fake does too:
 * <ul>
 *   <li>only {@code /r1/...} is REST; other paths get the SOAP side's fault (GET: {@code client.invalid_http_method}
 *       with HTTP 200);
 *   <li>a missing {@code X-Road-Client} is {@code server.clientproxy.invalid_client_identifier}; a malformed path,
 *       header or percent-encoding is {@code server.clientproxy.internal_error} with X-Road's message; an
 *       unregistered client or provider {@code server.clientproxy.unknown_member}; an unknown service
 *       {@code server.serverproxy.unknown_service}; a WSDL service {@code server.serverproxy.service_type}; a
 *       method or path without an access right {@code server.serverproxy.access_denied}; a missing or unknown
 *       client certificate {@code server.clientproxy.ssl_authentication_failed}; a provider that refuses the
 *       connection {@code server.serverproxy.network_error}, an unknown provider host
 *       {@code server.serverproxy.unknown_host};
 *   <li>errors are answered with status 500 ({@code server.*}) or 400, {@code X-Road-Error}, and a JSON or XML body
 *       chosen by {@code Accept};
 *   <li>{@code X-Road-Id} is kept or generated as {@code INSTANCE-uuid}, {@code X-Road-Request-Id} is always new,
 *       a client's {@code X-Road-Request-Id}/{@code X-Road-Request-Hash} are dropped, the last
 *       {@code X-Road-Client} wins, hop-by-hop headers are not forwarded, the raw path and query are forwarded
 *       unchanged, redirects are passed back, provider errors pass through without {@code X-Road-Error}.
 * </ul>
 *
 * Discovery, as a Security Server and its Central Server offer it:
 * <ul>
 *   <li>{@code GET /listClients[?xRoadInstance=X]}: the members and subsystems, XML or JSON as X-Road answers;
 *   <li>{@code GET /r1/.../listMethods}, {@code allowedMethods}, {@code getOpenAPI?serviceCode=X}: a provider's REST
 *       services with their endpoints (from access rights and OpenAPI descriptions), answered by the fake itself;
 *   <li>a signed global configuration generated from the registry ({@code GET /internalconf?version=N},
 *       {@code /externalconf}, their parts), with an {@linkplain #anchor() anchor} that points at the fake, so that
 *       {@code GlobalConfDownloader} and {@code Directory} work against it ({@link GlobalConfOptions}).
 * </ul>
 *
 * <pre>{@code
 * try (GlobalConfDownloader downloader = GlobalConfDownloader.builder().anchor(fake.anchor()).build()) {
 *     GlobalConfiguration conf = downloader.download().configuration();   // verified with the anchor's certificate
 * }
 * }</pre>
 *
 * With {@link Builder#messageLog(Path)} it keeps a message log as X-Road's client Security Server does: ASiC-E
 * containers of the requests and responses, signed with members' signing certificates of its {@link TestPki}, which
 * verify against {@link #writeGlobalConfigurationDirectory(Path)} ({@link RecordedExchange#messageLog()} lists each
 * exchange's containers).
 *
 * Start it standalone (as {@code luotsi fake-ss} does) with {@link #fromConfig(Path)}, or in JUnit 5 with
 * {@link XRoadTest @XRoadTest} or {@link FakeSecurityServerExtension}.
 */
public final class FakeSecurityServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FakeSecurityServer.class);

    /** The number of exchanges kept when none is configured. */
    public static final int DEFAULT_RECORDING_LIMIT = 10_000;

    /** The body limit when none is configured: 64 MiB, as the Luotsi client's default. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

    private final String instance;
    private final SecurityServerId serverId;
    private final String bindAddress;
    private final int httpPort;
    private final boolean https;
    private final int httpsPort;
    private final boolean clientAuthentication;
    private final ConnectionType defaultConnectionType;
    private final long maxBodyBytes;
    private final boolean strict;
    private final Clock clock;
    private final Duration providerTimeout;
    private final Path clientMaterialDirectory;
    private final Path messageLogDirectory;
    private final FakeRegistry registry = new FakeRegistry();
    private final RecordedExchanges recordings;
    private final GlobalConfOptions globalConfOptions;
    private final GlobalConfModel globalConfModel;
    private final GlobalConfEngine globalConf;
    /** The HTTP base URL once running; read by the discovery side on request threads without locking. */
    private volatile URI httpBase;

    private TestPki pki;
    private WireMockFrontEnd frontEnd;
    private volatile boolean unmatchedExpected;
    private volatile FakeRegistry.Snapshot baseline;
    private boolean baselineSavedOnce;
    private boolean closed;

    private FakeSecurityServer(Builder b) {
        this.instance = b.instance;
        this.serverId = b.serverId != null ? b.serverId : new SecurityServerId(b.instance, "GOV", "FAKE", "fake-ss");
        this.bindAddress = b.bindAddress;
        this.httpPort = b.httpPort;
        this.https = b.https;
        this.httpsPort = b.httpsPort;
        this.clientAuthentication = b.clientAuthentication;
        this.defaultConnectionType = b.defaultConnectionType != null ? b.defaultConnectionType
                : b.https && b.clientAuthentication ? ConnectionType.HTTPS : ConnectionType.HTTP;
        this.maxBodyBytes = b.maxBodyBytes;
        this.strict = b.strict;
        this.clock = b.clock;
        this.providerTimeout = b.providerTimeout;
        this.clientMaterialDirectory = b.clientMaterialDirectory;
        this.messageLogDirectory = b.messageLogDirectory;
        this.pki = b.pki;
        this.recordings = new RecordedExchanges(b.recordingLimit);
        b.clients.forEach(registry::client);
        b.services.forEach(registry::service);
        b.globalGroups.forEach(registry::globalGroup);
        this.baseline = registry.snapshot();
        // Discovery: the global configuration generated from the registry, signed with the test PKI's key
        this.globalConfOptions = b.globalConfOptions;
        this.globalConfModel = new GlobalConfModel(instance, serverId, registry, this::pki,
                () -> configurationSigning().certificate(), this::httpBase);
        this.globalConf = !globalConfOptions.enabled() ? null : newGlobalConfEngine();
    }

    private GlobalConfEngine newGlobalConfEngine() {
        return new GlobalConfEngine(new GlobalConfEngine.Settings(globalConfOptions.validity(),
                GlobalConfOptions.MIN_VERSION, globalConfOptions.maxVersion(),
                () -> configurationSigning().privateKey(), () -> configurationSigning().certificate(),
                this::httpBase, clock), globalConfModel);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder configured from a JSON or YAML file (see {@code docs/reference/fake-security-server-config.md});
     * relative paths in the file are resolved against its directory. Adjust it (port, HTTPS) and start it.
     *
     * @throws io.luotsi.core.ConfigurationException when the file cannot be read or is not valid
     */
    public static Builder fromConfig(Path file) {
        return ConfigLoader.fromFile(file);
    }

    /** A builder configured from a JSON or YAML classpath resource, as {@link XRoadTest#config()} loads it. */
    public static Builder fromClasspathConfig(String resource) {
        return ConfigLoader.fromClasspath(resource, Thread.currentThread().getContextClassLoader());
    }

    /**
     * Starts listening. HTTP always, HTTPS too when enabled; writes the client TLS material when a directory was
     * configured.
     *
     * @return this server
     * @throws IllegalStateException when it was closed or is already running
     */
    public synchronized FakeSecurityServer start() {
        if (closed) {
            throw new IllegalStateException("this FakeSecurityServer is closed");
        }
        if (frontEnd != null) {
            throw new IllegalStateException("this FakeSecurityServer is already running");
        }
        RestProxyEngine.Settings settings = new RestProxyEngine.Settings(instance, serverId, maxBodyBytes,
                defaultConnectionType, new LazyIsCertificates(this), clock);
        ProviderCaller providerCaller = new ProviderCaller(providerTimeout, maxBodyBytes);
        MessageLogWriter messageLog = messageLogDirectory == null ? null
                : new MessageLogWriter(messageLogDirectory, pki(), clock);
        RestProxyEngine engine = new RestProxyEngine(settings, registry, recordings, providerCaller,
                new DiscoveryEngine(instance, registry, globalConfModel, globalConf, clock),
                new SoapProxyEngine(settings, registry, recordings, providerCaller, messageLog), messageLog);
        WireMockFrontEnd created = new WireMockFrontEnd(new WireMockFrontEnd.Settings(bindAddress, httpPort,
                https ? httpsPort : -1, https ? pki().serverSslContext() : null, maxBodyBytes), engine);
        created.start();
        httpBase = URI.create("http://" + host() + ":" + created.httpPort());
        frontEnd = created;
        if (clientMaterialDirectory != null) {
            writeClientTlsMaterial(clientMaterialDirectory);
        }
        LOG.info("Fake X-Road Security Server for instance {} listening on {}{}", instance, httpUrl(),
                https ? " and " + httpsUrl() : "");
        return this;
    }

    public synchronized boolean isRunning() {
        return frontEnd != null && frontEnd.isRunning();
    }

    /** The URL clients should use: the HTTPS one when HTTPS is on, else the HTTP one. */
    public URI url() {
        return https ? httpsUrl() : httpUrl();
    }

    /** The client proxy over plain HTTP, e.g. {@code http://127.0.0.1:8080}. */
    public URI httpUrl() {
        return URI.create("http://" + host() + ":" + running().httpPort());
    }

    /**
     * The client proxy over HTTPS, e.g. {@code https://127.0.0.1:8443}.
     *
     * @throws IllegalStateException when HTTPS is off
     */
    public URI httpsUrl() {
        if (!https) {
            throw new IllegalStateException("HTTPS is not enabled on this FakeSecurityServer");
        }
        return URI.create("https://" + host() + ":" + running().httpsPort());
    }

    public int port() {
        return running().httpPort();
    }

    /** The HTTPS port, or -1 when HTTPS is off. */
    public int httpsPort() {
        return https ? running().httpsPort() : -1;
    }

    public boolean httpsEnabled() {
        return https;
    }

    /** The X-Road instance this server belongs to; generated message ids start with it. */
    public String instance() {
        return instance;
    }

    /** This server's identity; {@code X-Road-Security-Server} must name it. */
    public SecurityServerId serverId() {
        return serverId;
    }

    /** Members, subsystems and services. */
    public FakeRegistry registry() {
        return registry;
    }

    /**
     * Where the message log writes its ASiC-E containers, when it is on ({@link Builder#messageLog(Path)}); each
     * exchange lists its own in {@link RecordedExchange#messageLog()}.
     */
    public Optional<Path> messageLogDirectory() {
        return Optional.ofNullable(messageLogDirectory);
    }

    /**
     * The clock of this server: recordings, {@code Date} headers, certificate validity, global configuration times,
     * and the message log's signing times, OCSP responses and time-stamps.
     */
    public Clock clock() {
        return clock;
    }

    /** The exchanges since the last {@link #reset()}. */
    public RecordedExchanges recordings() {
        return recordings;
    }

    /** The test PKI this server uses for HTTPS (generated on first use). */
    public synchronized TestPki pki() {
        if (pki == null) {
            pki = TestPki.generate(clock);
        }
        return pki;
    }

    /** TLS for a client of this server: trusts its CA and presents the default client certificate. */
    public TlsConfig clientTlsConfig() {
        return pki().clientTlsConfig();
    }

    /** Writes {@code cert.pem}, {@code key.pem} and {@code ca.pem} for clients (the {@code --tls-dir} layout). */
    public void writeClientTlsMaterial(Path directory) {
        pki().writeClientMaterial(directory);
    }

    /**
     * A Luotsi client builder pointed at this server, calling as {@code client}, with TLS configured when HTTPS is
     * on. The caller closes the client it builds.
     */
    public XRoadClientBuilder clientBuilder(ClientId client) {
        XRoadClientBuilder b = XRoadClient.builder().securityServer(url()).client(client);
        if (https) {
            b.tls(clientTlsConfig());
        }
        return b;
    }

    // ------------------------------------------------------------------ global configuration

    /** How this server serves global configuration. */
    public GlobalConfOptions globalConfOptions() {
        return globalConfOptions;
    }

    /**
     * The anchor of this server's global configuration: its instance, the download URL
     * {@link #globalConfigurationUrl()} and the configuration signing certificate (also served at
     * {@code GET /configuration-anchor.xml}).
     *
     * @throws IllegalStateException when the server is not running or serves no global configuration
     */
    public ConfigurationAnchor anchor() {
        return ConfigurationAnchor.parse(anchorXml());
    }

    /** The anchor as the XML file a Central Server hands out. */
    public byte[] anchorXml() {
        return runningGlobalConf().anchorXml();
    }

    /** Writes the {@linkplain #anchor() anchor} to {@code file}, creating its directory. */
    public void writeAnchor(Path file) {
        byte[] xml = anchorXml();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, xml);
        } catch (IOException e) {
            throw new ConfigurationException("cannot write the configuration anchor to " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** The internal configuration's download URL, {@code http://host:port/internalconf}. */
    public URI globalConfigurationUrl() {
        return runningGlobalConf().downloadUrl();
    }

    /**
     * Writes the current internal configuration (newest version served) in the layout a Security Server keeps it in
     * ({@code instance-identifier}; {@code INSTANCE/shared-params.xml}, {@code private-params.xml} and their
     * {@code .metadata}), as {@code GlobalConfiguration.readDirectory} reads it. It is the trust the message log's
     * containers verify against ({@code AsicContainerVerifier}, {@code luotsi asic verify --globalconf DIR}): the test
     * CA as approved CA with its OCSP responder and the certificate profile of the members' signing certificates, and
     * the test TSA. It is written also when this server does not serve global configuration
     * ({@link GlobalConfOptions#enabled()} false).
     *
     * @throws IllegalStateException when the server is not running
     */
    public void writeGlobalConfigurationDirectory(Path directory) {
        GlobalConfEngine engine = globalConf != null ? runningGlobalConf() : exportOnly();
        try {
            engine.writeDirectory(directory, globalConfOptions.maxVersion());
        } catch (UncheckedIOException e) {
            throw new ConfigurationException(e.getMessage() + ": " + e.getCause().getMessage(), e);
        }
    }

    /**
     * The global configuration this server currently serves (internal, newest version), parsed; what a download
     * verifies to, without the download.
     */
    public GlobalConfiguration globalConfiguration() {
        GlobalConfEngine.Published p = runningGlobalConf().published(true, globalConfOptions.maxVersion());
        GlobalConfiguration.Builder b = GlobalConfiguration.builder(instance);
        for (SignedDirectory.Part part : p.output().parts()) {
            byte[] file = p.output().files().get(part.contentLocation());
            if (part.contentIdentifier().equals(SignedDirectory.SHARED_PARAMETERS)) {
                b.add(SharedParameters.parse(new ByteArrayInputStream(file), p.version()), p.expiresAt());
            } else {
                b.privateParameters(PrivateParameters.parse(file), p.expiresAt());
            }
        }
        return b.build();
    }

    /** A configuration engine for exporting only, when none is served. */
    private GlobalConfEngine exportOnly() {
        running();
        return newGlobalConfEngine();
    }

    private GlobalConfEngine runningGlobalConf() {
        if (globalConf == null) {
            throw new IllegalStateException("this FakeSecurityServer serves no global configuration");
        }
        running();
        return globalConf;
    }

    private URI httpBase() {
        URI base = httpBase;
        if (base == null) {
            throw new IllegalStateException("this FakeSecurityServer is not running; call start()");
        }
        return base;
    }

    private TestPki.Credential configurationSigning() {
        return pki().configurationSigningCredential(globalConfOptions.keyType());
    }

    /** Whether unexpected requests fail a JUnit test (the default). */
    public boolean isStrict() {
        return strict;
    }

    /** Declares that unexpected requests are intended until the next {@link #reset()} (the end of the test). */
    public void expectUnmatched() {
        this.unmatchedExpected = true;
    }

    public boolean unmatchedExpected() {
        return unmatchedExpected;
    }

    /**
     * Fails with an {@link AssertionError} listing the unexpected requests, unless there were none or they were
     * declared with {@link #expectUnmatched()}.
     */
    public void verifyNoUnmatched() {
        if (!unmatchedExpected) {
            recordings.assertNoUnmatched();
        }
    }

    /**
     * Makes the current registry the state {@link #reset()} returns to. The JUnit extension calls it before the
     * first test, so that registrations from configuration and {@code @BeforeAll} survive every test.
     */
    public void saveBaseline() {
        this.baseline = registry.snapshot();
    }

    /** Saves the baseline the first time only (for the JUnit extension, before the first test). */
    synchronized void saveBaselineOnce() {
        if (!baselineSavedOnce) {
            baselineSavedOnce = true;
            saveBaseline();
        }
    }

    /** Forgets recordings and the {@link #expectUnmatched()} declaration, and restores the registry's baseline. */
    public void reset() {
        recordings.clear();
        unmatchedExpected = false;
        registry.restore(baseline);
    }

    /** Stops listening. Safe to call more than once. */
    @Override
    public synchronized void close() {
        closed = true;
        if (frontEnd != null) {
            frontEnd.close();
            frontEnd = null;
        }
    }

    @Override
    public String toString() {
        return "FakeSecurityServer[" + instance + (frontEnd == null ? ", stopped" : ", " + url()) + "]";
    }

    private synchronized WireMockFrontEnd running() {
        if (frontEnd == null) {
            throw new IllegalStateException("this FakeSecurityServer is not running; call start()");
        }
        return frontEnd;
    }

    private String host() {
        if (bindAddress.equals("0.0.0.0") || bindAddress.equals("::")) {
            return "127.0.0.1";
        }
        return bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    }

    /** The certificates accepted for HTTPS clients without their own: the PKI's client certificate. */
    private static final class LazyIsCertificates extends java.util.AbstractList<X509Certificate> {
        private final FakeSecurityServer server;

        LazyIsCertificates(FakeSecurityServer server) {
            this.server = server;
        }

        @Override
        public X509Certificate get(int index) {
            return List.of(server.pki().clientCredential().certificate()).get(index);
        }

        @Override
        public int size() {
            return 1;
        }
    }

    /**
     * Builds a {@link FakeSecurityServer}. Everything has a default: instance {@code DEV}, a free HTTP port on
     * {@code 127.0.0.1}, no HTTPS, a 64 MiB body limit, strict.
     */
    public static final class Builder {
        private String instance = "DEV";
        private SecurityServerId serverId;
        private String bindAddress = "127.0.0.1";
        private int httpPort;
        private boolean https;
        private int httpsPort;
        private boolean clientAuthentication = true;
        private ConnectionType defaultConnectionType;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private boolean strict = true;
        private Clock clock = Clock.systemUTC();
        private Duration providerTimeout = Duration.ofSeconds(60);
        private Path clientMaterialDirectory;
        private Path messageLogDirectory;
        private TestPki pki;
        private int recordingLimit = DEFAULT_RECORDING_LIMIT;
        private final List<ClientRegistration> clients = new ArrayList<>();
        private final List<ServiceRegistration> services = new ArrayList<>();
        private final List<GlobalGroupRegistration> globalGroups = new ArrayList<>();
        private GlobalConfOptions globalConfOptions = GlobalConfOptions.defaults();

        Builder() {
        }

        /** The X-Road instance ({@code DEV} by default). */
        public Builder instance(String instance) {
            Objects.requireNonNull(instance, "instance");
            if (instance.isBlank()) {
                throw new IllegalArgumentException("instance is blank");
            }
            this.instance = instance;
            return this;
        }

        /** This server's id ({@code INSTANCE/GOV/FAKE/fake-ss} by default). */
        public Builder serverId(SecurityServerId serverId) {
            this.serverId = Objects.requireNonNull(serverId, "serverId");
            return this;
        }

        /** The address to listen on ({@code 127.0.0.1} by default; {@code 0.0.0.0} for every interface). */
        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        /** The HTTP port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.httpPort = checkPort(port);
            return this;
        }

        /** Whether to listen for HTTPS too, with this server's {@link TestPki} (off by default). */
        public Builder https(boolean https) {
            this.https = https;
            return this;
        }

        /** The HTTPS port; 0 (the default) picks a free one. */
        public Builder httpsPort(int port) {
            this.httpsPort = checkPort(port);
            return this;
        }

        /**
         * Whether clients must present a registered TLS certificate when HTTPS is on (default true): clients without
         * their own {@link ConnectionType} then get {@link ConnectionType#HTTPS}.
         */
        public Builder clientAuthentication(boolean required) {
            this.clientAuthentication = required;
            return this;
        }

        /** The connection type of clients registered without one (overrides {@link #clientAuthentication}). */
        public Builder defaultConnectionType(ConnectionType type) {
            this.defaultConnectionType = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * The largest request or provider response body the fake holds in memory (64 MiB by default). A longer
         * request body is answered with {@code server.clientproxy.io_error}, a longer provider response with
         * {@code server.serverproxy.io_error}.
         */
        public Builder maxBodyBytes(long maxBodyBytes) {
            if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("maxBodyBytes must be 1.." + (Integer.MAX_VALUE - 8) + ": "
                        + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * How many exchanges {@link #recordings()} keeps (10 000 by default); older ones are forgotten, so a
         * long-running standalone server does not fill memory.
         */
        public Builder recordingLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("recordingLimit must be positive: " + limit);
            }
            this.recordingLimit = limit;
            return this;
        }

        /** Whether unexpected requests fail a JUnit test (default true). */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** The clock for recordings, {@code Date} headers and certificate validity. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long to wait for a forwarded-to provider (60 s by default, X-Road's service timeout). */
        public Builder providerTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.providerTimeout = timeout;
            return this;
        }

        /** A PKI to use instead of a generated one. */
        public Builder pki(TestPki pki) {
            this.pki = Objects.requireNonNull(pki, "pki");
            return this;
        }

        /**
         * Turns the message log on (it is off by default): for every exchange, ASiC-E containers in X-Road's layout
         * and with X-Road's names, written to {@code directory} (created on start) before the client gets the answer
         * (see {@link RecordedExchange#messageLog()}). They are signed with the members' signing certificates of this
         * server's {@link TestPki} ({@link TestPki#memberSigningCredential}), carry a good OCSP response of its OCSP
         * responder and a time-stamp of its TSA, all at this server's {@link #clock(Clock) clock}, and verify against
         * {@link FakeSecurityServer#writeGlobalConfigurationDirectory(Path)}.
         */
        public Builder messageLog(Path directory) {
            this.messageLogDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Writes the client TLS material ({@code cert.pem}, {@code key.pem}, {@code ca.pem}) here on start. */
        public Builder writeClientTlsMaterialTo(Path directory) {
            this.clientMaterialDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        public Builder member(ClientId member, String name) {
            return client(ClientRegistration.member(member, name));
        }

        /** Registers a subsystem; its member is named after its code unless registered with {@link #member}. */
        public Builder subsystem(ClientId subsystem, String name) {
            String memberName = clients.stream().filter(c -> c.id().equals(subsystem.member())).findFirst()
                    .map(ClientRegistration::memberName).orElse(subsystem.memberCode());
            return client(ClientRegistration.subsystem(subsystem, memberName, name));
        }

        public Builder client(ClientRegistration client) {
            clients.add(Objects.requireNonNull(client, "client"));
            return this;
        }

        public Builder service(ServiceRegistration service) {
            services.add(Objects.requireNonNull(service, "service"));
            return this;
        }

        public Builder service(ServiceRegistration.Builder service) {
            return service(service.build());
        }

        /** A global group, published in the global configuration. */
        public Builder globalGroup(GlobalGroupRegistration group) {
            globalGroups.add(Objects.requireNonNull(group, "group"));
            return this;
        }

        /** How the global configuration is served ({@link GlobalConfOptions#defaults()} by default). */
        public Builder globalConf(GlobalConfOptions options) {
            this.globalConfOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        public FakeSecurityServer build() {
            if (defaultConnectionType != null && defaultConnectionType != ConnectionType.HTTP && !https) {
                throw new IllegalStateException("default connection type " + defaultConnectionType
                        + " needs https(true)");
            }
            return new FakeSecurityServer(this);
        }

        /** Builds and starts the server. */
        public FakeSecurityServer start() {
            return build().start();
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535: " + port);
            }
            return port;
        }
    }
}
