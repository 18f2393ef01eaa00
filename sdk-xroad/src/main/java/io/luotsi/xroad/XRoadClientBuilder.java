package io.luotsi.xroad;

import io.luotsi.auth.consent.AuthorizationProvider;
import io.luotsi.core.EventListener;
import io.luotsi.core.audit.AuditSink;
import io.luotsi.core.audit.SubjectPseudonymizer;
import io.luotsi.core.HttpPipeline;
import io.luotsi.core.Interceptor;
import io.luotsi.core.http.HttpTransport;
import io.luotsi.core.http.OkHttpTransport;
import io.luotsi.core.http.Timeouts;
import io.luotsi.core.http.TlsConfig;
import io.luotsi.core.json.JacksonJsonCodec;
import io.luotsi.core.json.JsonCodec;
import io.luotsi.core.resilience.ResiliencePolicy;
import io.luotsi.core.xml.JacksonXmlCodec;
import io.luotsi.core.xml.XmlCodec;
import io.luotsi.xroad.consent.ConsentBinding;
import io.luotsi.xroad.directory.ServiceLookup;
import io.luotsi.xroad.evidence.EvidenceStore;
import io.luotsi.xroad.internal.ClientRuntime;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds an {@link XRoadClient} or its asynchronous twin {@link XRoadAsyncClient}. Only the Security Server URL and
 * the client id are required.
 *
 * <pre>{@code
 * XRoadClient client = XRoadClient.builder()
 *     .securityServer("https://ss.agency.example:8443")
 *     .client(ClientId.parse("FI/GOV/0245437-2/ServiceNow"))
 *     .tls(TlsConfig.of(keyManager, trustManager))
 *     .timeouts(Timeouts.DEFAULT.withRead(Duration.ofSeconds(30)))
 *     .resilience(ResiliencePolicy.recommended())
 *     .build();
 * }</pre>
 */
public final class XRoadClientBuilder {

    static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;
    static final int DEFAULT_MAX_ERROR_BODY_BYTES = 1024 * 1024;

    private URI securityServer;
    private ClientId client;
    private TlsConfig tls;
    private Timeouts timeouts = Timeouts.DEFAULT;
    private ResiliencePolicy resilience = ResiliencePolicy.defaults();
    private final List<Interceptor> interceptors = new ArrayList<>();
    private final List<EventListener> listeners = new ArrayList<>();
    private JsonCodec json;
    private XmlCodec xml;
    private HttpTransport transport;
    private boolean transportShared;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int maxErrorBodyBytes = DEFAULT_MAX_ERROR_BODY_BYTES;
    private ServiceLookup directory;
    private EvidenceStore evidence;
    private boolean failFastOnUnknownService;
    private final List<AuthorizationProvider> authorizationProviders = new ArrayList<>();
    private AuditSink auditSink;
    private SubjectPseudonymizer pseudonymizer;

    XRoadClientBuilder() {
    }

    XRoadClientBuilder(ClientRuntime runtime, TlsConfig tls, Timeouts timeouts, List<Interceptor> interceptors,
                       List<EventListener> listeners) {
        this.securityServer = URI.create(runtime.securityServerBase());
        this.client = runtime.clientId();
        this.tls = tls;
        this.timeouts = timeouts;
        this.resilience = runtime.pipeline().policy();
        this.interceptors.addAll(interceptors);
        this.listeners.addAll(listeners);
        this.json = runtime.json();
        this.xml = runtime.xml();
        this.transport = runtime.pipeline().transport();
        this.transportShared = true;
        this.maxBodyBytes = runtime.maxBodyBytes();
        this.maxErrorBodyBytes = runtime.maxErrorBodyBytes();
        this.directory = runtime.serviceLookup();
        this.evidence = runtime.evidence();
        this.failFastOnUnknownService = runtime.serviceLookup() != null;
        if (runtime.consent() != null) {
            this.authorizationProviders.addAll(runtime.consent().providers());
            this.auditSink = runtime.consent().auditSink();
            this.pseudonymizer = runtime.consent().pseudonymizer();
        }
    }

    /**
     * The client proxy of your Security Server: {@code http://ss:8080} or {@code https://ss:8443} by X-Road's
     * defaults (packages in some countries use 80/443).
     */
    public XRoadClientBuilder securityServer(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("security server URL must be http(s)://host[:port]: " + url);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("security server URL must not have a query or fragment: " + url);
        }
        this.securityServer = url;
        return this;
    }

    public XRoadClientBuilder securityServer(String url) {
        Objects.requireNonNull(url, "url");
        return securityServer(URI.create(url));
    }

    /** The member or subsystem this information system calls as ({@code X-Road-Client}). */
    public XRoadClientBuilder client(ClientId client) {
        this.client = Objects.requireNonNull(client, "client");
        return this;
    }

    /** TLS to the Security Server: the information system's certificate (mTLS) and trust in the server's. */
    public XRoadClientBuilder tls(TlsConfig tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
        if (transportShared) {
            transport = null;
            transportShared = false;
        }
        return this;
    }

    /** TLS to the Security Server from loaded key and trust material ({@code TlsMaterial.fromDirectory(dir)}). */
    public XRoadClientBuilder tls(io.luotsi.auth.TlsMaterial material) {
        Objects.requireNonNull(material, "material");
        return tls(material.toTlsConfig());
    }

    public XRoadClientBuilder timeouts(Timeouts timeouts) {
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        if (transportShared && transport instanceof OkHttpTransport ok) {
            transport = ok.withTimeouts(timeouts);
        }
        return this;
    }

    /** Retry, circuit breaker and bulkhead for every call; calls may override the retry part. */
    public XRoadClientBuilder resilience(ResiliencePolicy policy) {
        this.resilience = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** Adds an interceptor; interceptors run in the order added, around every attempt. */
    public XRoadClientBuilder addInterceptor(Interceptor interceptor) {
        interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
        return this;
    }

    /** Adds an event listener; it observes every call and must not throw. */
    public XRoadClientBuilder addEventListener(EventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** The JSON codec; {@link JacksonJsonCodec#create()} by default. */
    public XRoadClientBuilder json(JsonCodec json) {
        this.json = Objects.requireNonNull(json, "json");
        return this;
    }

    /** The XML codec for typed SOAP bodies; {@link JacksonXmlCodec#create()} by default. */
    public XRoadClientBuilder xml(XmlCodec xml) {
        this.xml = Objects.requireNonNull(xml, "xml");
        return this;
    }

    /**
     * A transport other than the default OkHttp one (a test double, or an {@link OkHttpTransport#of} adapter around
     * an OkHttp client you own). TLS and timeouts set on this builder do not apply to it.
     */
    public XRoadClientBuilder transport(HttpTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.transportShared = true;
        return this;
    }

    /** The largest response body read into memory for a typed result (default 64 MiB); stream larger ones. */
    public XRoadClientBuilder maxBodyBytes(long maxBodyBytes) {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
        return this;
    }

    /** The largest error body kept in an exception (default 1 MiB). */
    public XRoadClientBuilder maxErrorBodyBytes(int maxErrorBodyBytes) {
        if (maxErrorBodyBytes < 0) {
            throw new IllegalArgumentException("maxErrorBodyBytes must not be negative: " + maxErrorBodyBytes);
        }
        this.maxErrorBodyBytes = maxErrorBodyBytes;
        return this;
    }

    /**
     * The directory (usually an {@link io.luotsi.xroad.directory.Directory}) the client consults when
     * {@link #failFastOnUnknownService(boolean) failing fast} is on.
     */
    public XRoadClientBuilder directory(ServiceLookup directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /**
     * Whether a REST or SOAP call to a service the {@link #directory(ServiceLookup) directory} knows does not exist
     * (a SOAP service's version included) fails before anything is sent, with
     * {@link io.luotsi.xroad.directory.UnknownServiceException} naming close matches (default {@code false}).
     */
    public XRoadClientBuilder failFastOnUnknownService(boolean failFast) {
        this.failFastOnUnknownService = failFast;
        return this;
    }

    /**
     * Adds a provider of authorization evidence for calls about a data subject ({@code .dataSubject(...)}); providers
     * are asked in the order added. Needs {@link #auditSink(AuditSink)} and
     * {@link #subjectPseudonymizer(SubjectPseudonymizer)}. See {@link ConsentBinding}.
     */
    public XRoadClientBuilder addAuthorizationProvider(AuthorizationProvider provider) {
        authorizationProviders.add(Objects.requireNonNull(provider, "provider"));
        return this;
    }

    /** Where every decision on a call about a data subject is recorded, allowed or refused. */
    public XRoadClientBuilder auditSink(AuditSink auditSink) {
        this.auditSink = Objects.requireNonNull(auditSink, "auditSink");
        return this;
    }

    /** The key that turns data subjects into the pseudonyms audit records carry. */
    public XRoadClientBuilder subjectPseudonymizer(SubjectPseudonymizer pseudonymizer) {
        this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
        return this;
    }

    /**
     * Records every successful exchange in {@code store} (e.g. {@code JsonLinesEvidenceStore.open(path)}): message id,
     * request id, client, service, the SHA-512 digest of the request as sent (the SOAP part, or the REST body), of a
     * SOAP response's SOAP part, and the request hash receipt the response carried. A record that cannot be written
     * fails the call after the exchange: the caller asked for evidence and does not get the answer without it. The
     * client does not close the store.
     */
    public XRoadClientBuilder evidenceStore(EvidenceStore store) {
        this.evidence = Objects.requireNonNull(store, "store");
        return this;
    }

    public XRoadClient build() {
        return new XRoadClient(runtime(), ownsTransport(), tls, timeouts, interceptors, listeners);
    }

    public XRoadAsyncClient buildAsync() {
        return new XRoadAsyncClient(runtime(), ownsTransport(), tls, timeouts, interceptors, listeners);
    }

    private boolean ownsTransport() {
        return !transportShared;
    }

    private ClientRuntime runtime() {
        if (securityServer == null) {
            throw new IllegalStateException("securityServer is required");
        }
        if (client == null) {
            throw new IllegalStateException("client is required");
        }
        if (failFastOnUnknownService && directory == null) {
            throw new IllegalStateException("failFastOnUnknownService needs a directory");
        }
        if (tls != null && "http".equalsIgnoreCase(securityServer.getScheme())) {
            throw new IllegalStateException("TLS material is configured but the security server URL is http: "
                    + securityServer);
        }
        ConsentBinding consent = null;
        if (!authorizationProviders.isEmpty() || auditSink != null || pseudonymizer != null) {
            if (auditSink == null || pseudonymizer == null) {
                throw new IllegalStateException("authorization providers need an auditSink and a "
                        + "subjectPseudonymizer: every decision about a data subject is audited");
            }
            consent = ConsentBinding.of(authorizationProviders, auditSink, pseudonymizer);
        }
        HttpTransport t = transport;
        if (t == null) {
            OkHttpTransport.Builder b = OkHttpTransport.builder().timeouts(timeouts);
            if (tls != null) {
                b.tls(tls);
            }
            t = b.build();
            transport = t;
            transportShared = false;
        }
        HttpPipeline pipeline = HttpPipeline.builder()
                .transport(t)
                .interceptors(interceptors)
                .eventListener(EventListener.composite(listeners))
                .resilience(resilience)
                .build();
        String base = securityServer.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return new ClientRuntime(base, client, pipeline, json == null ? JacksonJsonCodec.create() : json,
                maxBodyBytes, maxErrorBodyBytes, xml == null ? JacksonXmlCodec.create() : xml,
                failFastOnUnknownService ? directory : null, consent, evidence);
    }
}
