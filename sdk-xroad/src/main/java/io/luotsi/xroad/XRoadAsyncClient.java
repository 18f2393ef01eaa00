package io.luotsi.xroad;

import io.luotsi.core.EventListener;
import io.luotsi.core.Interceptor;
import io.luotsi.core.http.Timeouts;
import io.luotsi.core.http.TlsConfig;
import io.luotsi.xroad.internal.ClientRuntime;
import io.luotsi.xroad.rest.AsyncRestService;
import io.luotsi.xroad.soap.AsyncSoapService;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The asynchronous twin of {@link XRoadClient}: the same calls, returning {@link java.util.concurrent.CompletableFuture}s
 * that complete on OkHttp's dispatcher threads. Immutable and thread-safe.
 *
 * <pre>{@code
 * XRoadAsyncClient client = XRoadClient.builder()
 *     .securityServer("https://ss:8443").client(me).tls(tls)
 *     .buildAsync();
 * client.rest(persons).get("/persons/{id}", id).execute(Person.class)
 *     .thenAccept(r -> render(r.body()))
 *     .exceptionally(e -> { report(e); return null; });
 * }</pre>
 */
public final class XRoadAsyncClient implements AutoCloseable {

    private final ClientRuntime runtime;
    private final boolean ownsTransport;
    private final TlsConfig tls;
    private final Timeouts timeouts;
    private final List<Interceptor> interceptors;
    private final List<EventListener> listeners;

    XRoadAsyncClient(ClientRuntime runtime, boolean ownsTransport, TlsConfig tls, Timeouts timeouts,
                     List<Interceptor> interceptors, List<EventListener> listeners) {
        this.runtime = runtime;
        this.ownsTransport = ownsTransport;
        this.tls = tls;
        this.timeouts = timeouts;
        this.interceptors = List.copyOf(interceptors);
        this.listeners = List.copyOf(listeners);
    }

    /** A builder for a sibling client that shares this client's connection pool. */
    public XRoadClientBuilder toBuilder() {
        return new XRoadClientBuilder(runtime, tls, timeouts, interceptors, listeners);
    }

    /** The synchronous twin, sharing this client's connections. */
    public XRoadClient sync() {
        return new XRoadClient(runtime, false, tls, timeouts, interceptors, listeners);
    }

    public ClientId clientId() {
        return runtime.clientId();
    }

    public URI securityServer() {
        return URI.create(runtime.securityServerBase());
    }

    public AsyncRestService rest(ServiceId service) {
        Objects.requireNonNull(service, "service");
        return new AsyncRestService(runtime, service);
    }

    /** Asynchronous calls to a SOAP service (PR-MESS 4.0). */
    public AsyncSoapService soap(ServiceId service) {
        Objects.requireNonNull(service, "service");
        return new AsyncSoapService(runtime, service);
    }

    @Override
    public void close() {
        if (ownsTransport) {
            runtime.pipeline().close();
        }
    }

    @Override
    public String toString() {
        return "XRoadAsyncClient[" + runtime.clientId() + " via " + runtime.securityServerBase() + "]";
    }
}
