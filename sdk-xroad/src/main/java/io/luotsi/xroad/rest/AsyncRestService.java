package io.luotsi.xroad.rest;

import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.internal.ClientRuntime;
import io.luotsi.xroad.internal.PathTemplate;
import java.util.Objects;

/**
 * A REST service of a provider, as reached through one client: start calls here. Paths are templates: each
 * {@code {placeholder}} takes the next argument, percent-encoded as one path segment (or query component), so
 * {@code get("/persons/{id}", "a/b")} requests {@code /persons/a%2Fb}.
 */
public final class AsyncRestService {

    private final ClientRuntime runtime;
    private final ServiceId service;

    /** Obtained from {@code XRoadAsyncClient.rest(service)}. */
    public AsyncRestService(ClientRuntime runtime, ServiceId service) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.service = Objects.requireNonNull(service, "service");
        if (!service.provider().isSubsystem()) {
            throw new IllegalArgumentException("a REST service belongs to a subsystem (/r1/INSTANCE/CLASS/MEMBER/"
                    + "SUBSYSTEM/CODE); " + service + " has none");
        }
        if (service.serviceVersion() != null) {
            throw new IllegalArgumentException("REST service ids have no version: " + service);
        }
        service.parts().forEach(PathTemplate::requireNoDotSegment);
    }

    public ServiceId serviceId() {
        return service;
    }

    public AsyncRestCall get(String path, Object... args) {
        return method("GET", path, args);
    }

    public AsyncRestCall head(String path, Object... args) {
        return method("HEAD", path, args);
    }

    public AsyncRestCall post(String path, Object... args) {
        return method("POST", path, args);
    }

    public AsyncRestCall put(String path, Object... args) {
        return method("PUT", path, args);
    }

    public AsyncRestCall patch(String path, Object... args) {
        return method("PATCH", path, args);
    }

    public AsyncRestCall delete(String path, Object... args) {
        return method("DELETE", path, args);
    }

    public AsyncRestCall options(String path, Object... args) {
        return method("OPTIONS", path, args);
    }

    /** A call with any of the methods X-Road allows: DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, TRACE. */
    public AsyncRestCall method(String method, String path, Object... args) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        String m = method.toUpperCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE").contains(m)) {
            throw new IllegalArgumentException("X-Road REST does not allow method " + method);
        }
        return new AsyncRestCall(runtime, service, m, PathTemplate.expand(path, args));
    }

    /**
     * A call with a path and query taken as they are (already percent-encoded where needed), e.g. from a command
     * line: {@code raw("GET", "/pets/1%2F2?q=a%20b")}.
     */
    public AsyncRestCall raw(String method, String pathAndQuery) {
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        if (!pathAndQuery.isEmpty() && pathAndQuery.charAt(0) != '/') {
            throw new IllegalArgumentException("path must start with '/': " + pathAndQuery);
        }
        return method(method, pathAndQuery.replace("{", "%7B").replace("}", "%7D"));
    }
}
