package io.luotsi.xroad.rest;

import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.internal.ClientRuntime;

/**
 * A REST service of a provider, as reached through one client: start calls here. Paths are templates:
 * each {@code {placeholder}} takes the next argument, percent-encoded as one path segment (or query component), so
 * {@code get("/persons/{id}", "a/b")} requests {@code /persons/a%2Fb}.
 */
public final class RestService extends AbstractRestService<RestCall> {

    /** Obtained from {@code XRoadClient.rest(service)}. */
    public RestService(ClientRuntime runtime, ServiceId service) {
        super(runtime, service);
    }

    @Override
    RestCall newCall(ClientRuntime runtime, ServiceId service, String method, String pathAndQuery) {
        return new RestCall(runtime, service, method, pathAndQuery);
    }
}
