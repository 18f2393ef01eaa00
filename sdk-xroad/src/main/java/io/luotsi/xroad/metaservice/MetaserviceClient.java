package io.luotsi.xroad.metaservice;

import io.luotsi.core.CallInfo;
import io.luotsi.core.HttpPipeline;
import io.luotsi.core.ProtocolException;
import io.luotsi.core.RequestContext;
import io.luotsi.core.http.HttpRequest;
import io.luotsi.core.http.HttpResponse;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.internal.ClientRuntime;
import io.luotsi.xroad.internal.PathTemplate;
import io.luotsi.xroad.internal.RestErrorClassifier;
import io.luotsi.xroad.metaservice.internal.MetaserviceBodies;
import io.luotsi.xroad.rest.RestResponse;
import io.luotsi.xroad.rest.RestService;
import java.util.List;
import io.luotsi.xroad.soap.SoapEnvelope;
import io.luotsi.xroad.soap.SoapEnvelopeReader;
import io.luotsi.xroad.soap.SoapFault;
import java.util.Objects;

/**
 * The metadata services of the Security Server (PR-META, PR-MREST) with typed results, over the client's own
 * connection, pipeline and error mapping:
 * <ul>
 *   <li>{@link #listClients()}: the members and subsystems of the instance (plain HTTP {@code GET /listClients} to
 *       your own Security Server; XML by default, JSON when {@linkplain #listClientsJson() asked});</li>
 *   <li>{@link #listMethods(ClientId)}, {@link #allowedMethods(ClientId)}: a provider's REST services and their
 *       endpoints (all of them, or those you may call), through {@code /r1/.../listMethods|allowedMethods};</li>
 *   <li>{@link #getOpenApi(ServiceId)}: the OpenAPI document of a REST service;</li>
 *   <li>{@link #soap()}: the SOAP metaservices ({@code listMethods}, {@code allowedMethods}, {@code getWsdl}), sent as
 *       X-Road SOAP messages.</li>
 * </ul>
 *
 * <pre>{@code
 * MetaserviceClient meta = client.metaservices();
 * List<ListedClient> clients = meta.listClients();
 * ClientId provider = ClientId.parse("FI/GOV/0245437-2/registry");
 * for (ServiceDescription s : meta.allowedMethods(provider)) {
 *     log.info("{} {} {}", s.id(), s.type(), s.endpoints());
 * }
 * OpenApiDocument api = meta.getOpenApi(provider.service("persons"));
 * }</pre>
 *
 * Failures are the client's usual ones: {@link io.luotsi.xroad.XRoadException} with the Security Server's code,
 * {@link io.luotsi.xroad.ProviderErrorException}, {@link io.luotsi.core.TransportException}, and
 * {@link ProtocolException} for a body that does not parse. Immutable and thread-safe.
 */
public final class MetaserviceClient {

    /** The REST metaservice codes (reserved service codes of every provider). */
    public static final String LIST_METHODS = "listMethods";
    public static final String ALLOWED_METHODS = "allowedMethods";
    public static final String GET_OPENAPI = "getOpenAPI";

    private final ClientRuntime runtime;

    /** Obtained from {@code XRoadClient.metaservices()}. */
    public MetaserviceClient(ClientRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /** The clients of the Security Server's own instance, as XML ({@code GET /listClients}). */
    public List<ListedClient> listClients() {
        return listClients(null, false);
    }

    /** The clients of {@code xRoadInstance} ({@code GET /listClients?xRoadInstance=...}), e.g. a federated one. */
    public List<ListedClient> listClients(String xRoadInstance) {
        return listClients(Objects.requireNonNull(xRoadInstance, "xRoadInstance"), false);
    }

    /** As {@link #listClients()}, asking for JSON ({@code Accept: application/json}, X-Road 6.22+). */
    public List<ListedClient> listClientsJson() {
        return listClients(null, true);
    }

    private List<ListedClient> listClients(String instance, boolean json) {
        String path = "/listClients";
        if (instance != null) {
            path = PathTemplate.appendQuery(path, "xRoadInstance", instance);
        }
        String url = runtime.securityServerBase() + path;
        RequestContext ctx = RequestContext.builder().build().withMessageIdIfAbsent();
        HttpRequest request = HttpRequest.builder().method("GET").uri(url)
                .header("Accept", json ? "application/json" : "text/xml").build();
        HttpPipeline.Call call = new HttpPipeline.Call(request, ctx, CallInfo.of("GET", "listClients", ctx), null,
                new RestErrorClassifier(runtime.json(), runtime.maxErrorBodyBytes()));
        byte[] body;
        String contentType;
        try (HttpResponse response = runtime.pipeline().execute(call)) {
            contentType = response.body().contentType();
            body = response.body().bytes(runtime.maxBodyBytes());
        }
        if (MetaserviceBodies.isJson(contentType, body)) {
            return MetaserviceBodies.clientsFromJson(runtime.json(), body);
        }
        if (MetaserviceBodies.isSoapEnvelope(body)) {
            // The Security Server answers a failed listClients (e.g. an unknown instance) with a SOAP fault.
            SoapEnvelope envelope = SoapEnvelopeReader.create().read(body, contentType == null ? "text/xml" : contentType);
            if (envelope instanceof SoapFault fault) {
                throw fault.toException(200, ctx.messageId().orElse(null), null);
            }
        }
        return MetaserviceBodies.clientsFromXml(body, runtime.maxBodyBytes());
    }

    /** Every REST service of the provider subsystem, with its endpoints. */
    public List<ServiceDescription> listMethods(ClientId provider) {
        return services(provider, LIST_METHODS);
    }

    /** The REST services of the provider subsystem this client may call, with the endpoints it may use. */
    public List<ServiceDescription> allowedMethods(ClientId provider) {
        return services(provider, ALLOWED_METHODS);
    }

    private List<ServiceDescription> services(ClientId provider, String metaservice) {
        Objects.requireNonNull(provider, "provider");
        RestResponse<byte[]> r = new RestService(runtime, provider.service(metaservice)).get("/")
                .accept("application/json").execute(byte[].class);
        byte[] body = r.body() == null ? new byte[0] : r.body();
        return MetaserviceBodies.servicesFromJson(runtime.json(), body);
    }

    /** The OpenAPI document of a REST service ({@code getOpenAPI?serviceCode=...} on its provider). */
    public OpenApiDocument getOpenApi(ServiceId service) {
        Objects.requireNonNull(service, "service");
        RestResponse<byte[]> r = new RestService(runtime, service.provider().service(GET_OPENAPI)).get("/")
                .query("serviceCode", service.serviceCode()).execute(byte[].class);
        return new OpenApiDocument(service, r.body() == null ? new byte[0] : r.body(),
                r.headers().value("Content-Type").orElse(null));
    }

    /** The SOAP metaservices (PR-META): a provider's SOAP services with their versions, and their WSDLs. */
    public SoapMetaserviceClient soap() {
        return new SoapMetaserviceClient(runtime);
    }

    @Override
    public String toString() {
        return "MetaserviceClient[" + runtime.clientId() + " via " + runtime.securityServerBase() + "]";
    }
}
