package io.luotsi.xroad;

import io.luotsi.core.EventListener;
import io.luotsi.core.Interceptor;
import io.luotsi.core.http.Timeouts;
import io.luotsi.core.http.TlsConfig;
import io.luotsi.xroad.internal.ClientRuntime;
import io.luotsi.xroad.metaservice.MetaserviceClient;
import io.luotsi.xroad.rest.RestService;
import io.luotsi.xroad.soap.SoapService;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Calls X-Road services through your Security Server. Build one per client identity and Security Server, share it,
 * close it at shutdown. Immutable and thread-safe.
 *
 * <pre>{@code
 * try (XRoadClient client = XRoadClient.builder()
 *         .securityServer("https://ss.agency.example:8443")
 *         .client(ClientId.parse("FI/GOV/0245437-2/ServiceNow"))
 *         .tls(tls)
 *         .build()) {
 *
 *     ServiceId persons = ServiceId.parse("FI/GOV/0245437-2/registry/persons");
 *     RestResponse<Person> r = client.rest(persons)
 *         .get("/persons/{id}", personId)
 *         .userId("FI010101-123N")
 *         .issue("case-118")
 *         .execute(Person.class);
 *
 *     Person p = r.body();
 *     String messageId = r.xroad().messageId().orElseThrow();
 * } catch (XRoadException e) {
 *     // an X-Road error: e.code() is e.g. "server.serverproxy.access_denied"; e.origin(), e.retryable()
 * } catch (ProviderErrorException e) {
 *     // the provider's own 4xx/5xx, with its body: e.statusCode(), e.bodyAsString()
 * }
 * }</pre>
 *
 * For calls that return {@link java.util.concurrent.CompletableFuture}s, build an {@link XRoadAsyncClient} with
 * {@link XRoadClientBuilder#buildAsync()}, or take {@link #async()} to share this client's connections.
 */
public final class XRoadClient implements AutoCloseable {

    private final ClientRuntime runtime;
    private final boolean ownsTransport;
    private final TlsConfig tls;
    private final Timeouts timeouts;
    private final List<Interceptor> interceptors;
    private final List<EventListener> listeners;

    XRoadClient(ClientRuntime runtime, boolean ownsTransport, TlsConfig tls, Timeouts timeouts,
                List<Interceptor> interceptors, List<EventListener> listeners) {
        this.runtime = runtime;
        this.ownsTransport = ownsTransport;
        this.tls = tls;
        this.timeouts = timeouts;
        this.interceptors = List.copyOf(interceptors);
        this.listeners = List.copyOf(listeners);
    }

    public static XRoadClientBuilder builder() {
        return new XRoadClientBuilder();
    }

    /** A builder for a sibling client that shares this client's connection pool (unless TLS is changed). */
    public XRoadClientBuilder toBuilder() {
        return new XRoadClientBuilder(runtime, tls, timeouts, interceptors, listeners);
    }

    /** The asynchronous twin of this client, sharing its connections, pipeline and circuit breakers. */
    public XRoadAsyncClient async() {
        return new XRoadAsyncClient(runtime, false, tls, timeouts, interceptors, listeners);
    }

    /** The client this information system calls as. */
    public ClientId clientId() {
        return runtime.clientId();
    }

    public URI securityServer() {
        return URI.create(runtime.securityServerBase());
    }

    /** Calls to a REST service (PR-REST r1). The service must belong to a subsystem and has no version. */
    public RestService rest(ServiceId service) {
        Objects.requireNonNull(service, "service");
        return new RestService(runtime, service);
    }

    /**
     * The Security Server's metadata services: listClients, REST listMethods, allowedMethods and getOpenAPI, and
     * through {@link MetaserviceClient#soap()} the SOAP listMethods, allowedMethods and getWsdl.
     */
    public MetaserviceClient metaservices() {
        return new MetaserviceClient(runtime);
    }

    /**
     * Calls to a SOAP service (PR-MESS 4.0), posted to the Security Server's client proxy:
     * {@code client.soap(service).request(new GetPerson(id)).execute(Person.class)}.
     */
    public SoapService soap(ServiceId service) {
        Objects.requireNonNull(service, "service");
        return new SoapService(runtime, service);
    }

    /** The state of the circuit breaker of a service (CLOSED, OPEN, HALF_OPEN), if a call has created one. */
    public java.util.Optional<String> circuitBreakerState(ServiceId service) {
        return runtime.pipeline().circuitBreakerState(service.toShortString());
    }

    ClientRuntime runtime() {
        return runtime;
    }

    /** Closes the connection pool and threads, unless they were given to the builder or shared with a sibling. */
    @Override
    public void close() {
        if (ownsTransport) {
            runtime.pipeline().close();
        }
    }

    @Override
    public String toString() {
        return "XRoadClient[" + runtime.clientId() + " via " + runtime.securityServerBase() + "]";
    }
}
