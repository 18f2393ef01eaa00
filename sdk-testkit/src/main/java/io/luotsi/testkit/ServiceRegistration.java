package io.luotsi.testkit;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service on the fake Security Server: its id, its type, what answers it, who may call it, and for OpenAPI
 * services their description. Immutable; build with {@link #rest(ServiceId)}, {@link #openApi3(ServiceId)} or
 * {@link #wsdl(ServiceId)}.
 *
 * <pre>{@code
 * ServiceRegistration pets = ServiceRegistration.openApi3(ServiceId.parse("DEV/COM/1234/TestService/pets"))
 *     .openApi(Path.of("src/test/resources/petstore.yaml"))
 *     .allow(consumer, "GET", "/pets/**")
 *     .stub("GET", "/pets/1", FakeRestResponse.json("{\"id\":1}"))
 *     .build();
 * }</pre>
 *
 * REST service ids have no version and belong to a subsystem (the REST path is
 * {@code /r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/CODE}); WSDL services may have a version. The metaservice codes
 * ({@link #RESERVED_CODES}) cannot be registered.
 */
public final class ServiceRegistration {

    /**
     * Service codes no service may have (X-Road's {@code reserved-service-codes}): the Security Server answers the
     * metaservices itself and never routes them to a provider.
     */
    public static final java.util.Set<String> RESERVED_CODES = java.util.Set.of("listClients", "listMethods",
            "allowedMethods", "getWsdl", "getOpenAPI", "getSecurityServerMetrics", "getSecurityServerOperationalData",
            "getSecurityServerHealthData");

    private final ServiceId id;
    private final ServiceType type;
    private final ServiceBackend backend;
    private final List<AccessRight> accessRights;
    private final OpenApiDocument openApi;
    private final String disabledNotice;
    private final String wsdl;

    private ServiceRegistration(Builder b) {
        this.id = b.id;
        this.type = b.type;
        this.backend = b.backend;
        this.accessRights = List.copyOf(b.accessRights);
        this.openApi = b.openApi;
        this.disabledNotice = b.disabledNotice;
        this.wsdl = b.wsdl;
    }

    /** A REST service. */
    public static Builder rest(ServiceId id) {
        return new Builder(id, ServiceType.REST);
    }

    /** A REST service described by an OpenAPI 3 document. */
    public static Builder openApi3(ServiceId id) {
        return new Builder(id, ServiceType.OPENAPI3);
    }

    /** A SOAP service (reached over REST it answers {@code server.serverproxy.service_type}). */
    public static Builder wsdl(ServiceId id) {
        return new Builder(id, ServiceType.WSDL);
    }

    public static Builder builder(ServiceId id, ServiceType type) {
        return new Builder(id, type);
    }

    public Builder toBuilder() {
        Builder b = new Builder(id, type);
        b.backend = backend;
        b.accessRights.addAll(accessRights);
        b.openApi = openApi;
        b.disabledNotice = disabledNotice;
        b.wsdl = wsdl;
        return b;
    }

    public ServiceId id() {
        return id;
    }

    public ServiceType type() {
        return type;
    }

    public ServiceBackend backend() {
        return backend;
    }

    public List<AccessRight> accessRights() {
        return accessRights;
    }

    public Optional<OpenApiDocument> openApi() {
        return Optional.ofNullable(openApi);
    }

    /** The WSDL document of a SOAP service, served by the {@code getWsdl} metaservice. */
    public Optional<String> wsdl() {
        return Optional.ofNullable(wsdl);
    }

    /** When present, the service is disabled and calls get {@code server.serverproxy.service_disabled}. */
    public Optional<String> disabledNotice() {
        return Optional.ofNullable(disabledNotice);
    }

    /** Whether {@code client} may call {@code method} on the raw service path. */
    public boolean permits(ClientId client, String method, String rawServicePath) {
        for (AccessRight right : accessRights) {
            if (right.permits(client, method, rawServicePath)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ServiceRegistration[" + id + ", " + type + ", " + backend.getClass().getSimpleName() + ", "
                + accessRights.size() + " access rights]";
    }

    /** Builds a {@link ServiceRegistration}. */
    public static final class Builder {
        private final ServiceId id;
        private final ServiceType type;
        private ServiceBackend backend = ServiceBackend.none();
        private final List<RestStub> stubs = new ArrayList<>();
        private final List<AccessRight> accessRights = new ArrayList<>();
        private OpenApiDocument openApi;
        private String disabledNotice;
        private String wsdl;

        private Builder(ServiceId id, ServiceType type) {
            this.id = Objects.requireNonNull(id, "id");
            this.type = Objects.requireNonNull(type, "type");
            if (RESERVED_CODES.contains(id.serviceCode())) {
                // X-Road's proxy-ui-api.reserved-service-codes: the Security Server answers these itself
                throw new IllegalArgumentException("service code " + id.serviceCode()
                        + " is reserved for X-Road's metaservices: " + id);
            }
            if (type != ServiceType.WSDL) {
                if (!id.provider().isSubsystem()) {
                    throw new IllegalArgumentException("a REST service belongs to a subsystem: " + id);
                }
                if (id.serviceVersion() != null) {
                    throw new IllegalArgumentException("REST service ids have no version: " + id);
                }
            }
        }

        /** Lets {@code client} call every method on every path. */
        public Builder allow(ClientId client) {
            accessRights.add(AccessRight.all(client));
            return this;
        }

        /** Lets {@code client} call {@code method} ({@code *} for any) on paths matching {@code pathPattern}. */
        public Builder allow(ClientId client, String method, String pathPattern) {
            accessRights.add(AccessRight.of(client, method, pathPattern));
            return this;
        }

        public Builder accessRight(AccessRight right) {
            accessRights.add(Objects.requireNonNull(right, "right"));
            return this;
        }

        public Builder accessRights(List<AccessRight> rights) {
            rights.forEach(this::accessRight);
            return this;
        }

        /** Answers every call with {@code response}. */
        public Builder respond(FakeRestResponse response) {
            return stub(RestStub.always(response));
        }

        /** Answers calls matching {@code method} and {@code pathPattern} with {@code response}; first match wins. */
        public Builder stub(String method, String pathPattern, FakeRestResponse response) {
            return stub(new RestStub(method, pathPattern, response));
        }

        public Builder stub(RestStub stub) {
            Objects.requireNonNull(stub, "stub");
            if (!(backend instanceof ServiceBackend.Stubs)) {
                stubs.clear();
            }
            stubs.add(stub);
            backend = new ServiceBackend.Stubs(stubs);
            return this;
        }

        /** Answers every call with a Java handler. */
        public Builder handler(FakeRestHandler handler) {
            return backend(new ServiceBackend.Handler(handler));
        }

        /** Forwards every call to a provider on this machine, e.g. {@code http://127.0.0.1:8081/api}. */
        public Builder forwardTo(URI providerBaseUrl) {
            return backend(new ServiceBackend.Forward(providerBaseUrl));
        }

        public Builder forwardTo(String providerBaseUrl) {
            return forwardTo(URI.create(Objects.requireNonNull(providerBaseUrl, "providerBaseUrl")));
        }

        public Builder backend(ServiceBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            stubs.clear();
            if (backend instanceof ServiceBackend.Stubs s) {
                stubs.addAll(s.stubs());
            }
            return this;
        }

        /**
         * Answers every SOAP call with {@code response} (a WSDL service): {@code FakeSoapResponse.body("<ok/>")}.
         */
        public Builder soapResponse(FakeSoapResponse response) {
            requireWsdl();
            return backend(new ServiceBackend.SoapStub(response));
        }

        /** Answers every SOAP call with a Java handler (a WSDL service). */
        public Builder soapHandler(FakeSoapHandler handler) {
            requireWsdl();
            return backend(new ServiceBackend.SoapHandler(handler));
        }

        /** The WSDL document, for the {@code getWsdl} metaservice. */
        public Builder wsdl(String document) {
            requireWsdl();
            this.wsdl = Objects.requireNonNull(document, "document");
            return this;
        }

        /** The WSDL document, read from a file now. */
        public Builder wsdl(Path document) {
            Objects.requireNonNull(document, "document");
            try {
                return wsdl(java.nio.file.Files.readString(document));
            } catch (java.io.IOException e) {
                throw new io.luotsi.core.ConfigurationException("cannot read WSDL " + document + ": "
                        + e.getMessage(), e);
            }
        }

        private void requireWsdl() {
            if (type != ServiceType.WSDL) {
                throw new IllegalStateException("only WSDL services are SOAP services: " + id);
            }
        }

        /** The OpenAPI 3 description, read from a file now. */
        public Builder openApi(Path document) {
            return openApi(OpenApiDocument.read(document));
        }

        public Builder openApi(OpenApiDocument document) {
            if (type != ServiceType.OPENAPI3) {
                throw new IllegalStateException("only OPENAPI3 services have an OpenAPI document: " + id);
            }
            this.openApi = Objects.requireNonNull(document, "document");
            return this;
        }

        /** Disables the service: calls get {@code server.serverproxy.service_disabled} with this notice. */
        public Builder disabled(String notice) {
            this.disabledNotice = Objects.requireNonNull(notice, "notice");
            return this;
        }

        public ServiceRegistration build() {
            return new ServiceRegistration(this);
        }
    }
}
