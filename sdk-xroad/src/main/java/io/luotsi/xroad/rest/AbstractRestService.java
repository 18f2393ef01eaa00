package io.luotsi.xroad.rest;

import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.internal.ClientRuntime;
import io.luotsi.xroad.internal.PathTemplate;
import java.util.Objects;

/**
 * What {@link RestService} and {@link AsyncRestService} share: a REST service of a provider, as reached through one
 * client, where calls start. Paths are templates: each
 * {@code {placeholder}} takes the next argument, percent-encoded as one path segment (or query component), so
 * {@code get("/persons/{id}", "a/b")} requests {@code /persons/a%2Fb}.
 */
public abstract class AbstractRestService<C extends AbstractRestCall<C>> {

    private final ClientRuntime runtime;
    private final ServiceId service;

    AbstractRestService(ClientRuntime runtime, ServiceId service) {
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

    public C get(String path, Object... args) {
        return method("GET", path, args);
    }

    public C head(String path, Object... args) {
        return method("HEAD", path, args);
    }

    public C post(String path, Object... args) {
        return method("POST", path, args);
    }

    public C put(String path, Object... args) {
        return method("PUT", path, args);
    }

    public C patch(String path, Object... args) {
        return method("PATCH", path, args);
    }

    public C delete(String path, Object... args) {
        return method("DELETE", path, args);
    }

    public C options(String path, Object... args) {
        return method("OPTIONS", path, args);
    }

    /** A call with any of the methods X-Road allows: DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT, TRACE. */
    public C method(String method, String path, Object... args) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        String m = method.toUpperCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE").contains(m)) {
            throw new IllegalArgumentException("X-Road REST does not allow method " + method);
        }
        return newCall(runtime, service, m, PathTemplate.expand(path, args));
    }

    /**
     * A call with a path and query taken as they are (already percent-encoded where needed), e.g. from a command
     * line: {@code raw("GET", "/pets/1%2F2?q=a%20b")}.
     */
    public C raw(String method, String pathAndQuery) {
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        if (!pathAndQuery.isEmpty() && pathAndQuery.charAt(0) != '/') {
            throw new IllegalArgumentException("path must start with '/': " + pathAndQuery);
        }
        return method(method, pathAndQuery.replace("{", "%7B").replace("}", "%7D"));
    }

    abstract C newCall(ClientRuntime runtime, ServiceId service, String method, String pathAndQuery);
}
