package io.luotsi.xroad.metaservice;

import io.luotsi.xroad.ServiceId;
import java.util.List;
import java.util.Objects;

/**
 * A service as a provider's Security Server lists it ({@code listMethods}, {@code allowedMethods}).
 *
 * @param id        the service; SOAP services may carry a version
 * @param type      {@link ServiceType#WSDL}, {@link ServiceType#REST} or {@link ServiceType#OPENAPI}
 * @param endpoints the REST endpoints (for {@code allowedMethods}: those the caller may use); empty for SOAP
 */
public record ServiceDescription(ServiceId id, ServiceType type, List<Endpoint> endpoints) {

    public ServiceDescription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        endpoints = List.copyOf(endpoints);
    }

    /** Whether some endpoint of the service covers this request. */
    public boolean allows(String method, String path) {
        return endpoints.stream().anyMatch(e -> e.matches(method, path));
    }
}
