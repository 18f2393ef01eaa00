package io.luotsi.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.luotsi.testkit.internal.ErrorBodies;
import io.luotsi.testkit.internal.GlobalConfEngine;
import io.luotsi.testkit.internal.HeaderField;
import io.luotsi.testkit.internal.MetadataBodies;
import io.luotsi.testkit.internal.OpenApiAnonymiser;
import io.luotsi.testkit.internal.PathGlob;
import io.luotsi.testkit.internal.RawRequest;
import io.luotsi.testkit.internal.RawResponse;
import io.luotsi.testkit.internal.XRoadFault;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.metaservice.Endpoint;
import io.luotsi.xroad.metaservice.ListedClient;
import io.luotsi.xroad.metaservice.ServiceDescription;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The discovery side of the fake: what a Security Server answers itself instead of routing to a provider, and what
 * the Central Server serves.
 * <ul>
 *   <li>{@code GET /listClients[?xRoadInstance=X]} ({@code MetadataHandler}, {@code MetadataClientRequestProcessor}):
 *       the path must be exactly {@code /listClients} and the method GET; the members and subsystems of the instance
 *       (the fake's own by default) as XML, or JSON when {@code Accept} names {@code application/json}. An instance
 *       of which nothing is known is X-Road's {@code server.clientproxy.internal_error}
 *       "Shared params for instance identifier X not found", as a SOAP fault;</li>
 *   <li>the REST metaservices {@code listMethods}, {@code allowedMethods} and {@code getOpenAPI} of a provider
 *       ({@code RestMetadataServiceHandlerImpl}, GET only), after the client proxy's checks and without an access
 *       check; nothing reaches the provider;</li>
 *   <li>the Central Server's configuration download ({@link GlobalConfEngine}), when enabled.</li>
 * </ul>
 */
final class DiscoveryEngine {

    /** The REST metaservice codes the provider's Security Server answers ({@code MetadataRequests}). */
    static final Set<String> REST_METASERVICES = Set.of("listMethods", "allowedMethods", "getOpenAPI");

    private static final String LIST_CLIENTS = "/listClients";
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);
    private static final List<String> OPENAPI_METHODS =
            List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A request answered here, and why it counts as unexpected ({@code null} when it does not). */
    record Answered(RawResponse response, String unmatched) {
    }

    private final String instance;
    private final FakeRegistry registry;
    private final GlobalConfModel model;
    private final GlobalConfEngine globalConf;
    private final Clock clock;
    private final Map<OpenApiDocument, List<Endpoint>> openApiEndpoints = new WeakHashMap<>();

    /**
     * @param globalConf the Central Server side, or {@code null} when the fake serves no global configuration
     */
    DiscoveryEngine(String instance, FakeRegistry registry, GlobalConfModel model, GlobalConfEngine globalConf,
                    Clock clock) {
        this.instance = instance;
        this.registry = registry;
        this.model = model;
        this.globalConf = globalConf;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ plain HTTP (not /r1/)

    /** Answers {@code listClients} and the Central Server's paths; {@code null} for every other request. */
    Answered plainHttp(RawRequest raw) {
        if (raw.method().equalsIgnoreCase("GET") && raw.rawPath().equals(LIST_CLIENTS)) {
            return listClients(raw);
        }
        RawResponse conf = globalConf == null ? null : globalConf.handle(raw);
        return conf == null ? null : new Answered(conf, null);
    }

    private Answered listClients(RawRequest raw) {
        // Jetty's getParameter: the first value
        String asked = queryParameter(raw.rawQuery(), "xRoadInstance", false, "&", false);
        String which = asked == null || asked.isBlank() ? instance : asked;
        List<ListedClient> clients = model.listedClients(which);
        if (clients == null) {
            XRoadFault fault = XRoadFault.unroutable("server.clientproxy.internal_error",
                    "Shared params for instance identifier " + which + " not found");
            List<HeaderField> headers = List.of(new HeaderField("Content-Type", ErrorBodies.SOAP_CONTENT_TYPE),
                    new HeaderField("SOAPAction", "\"\""), new HeaderField("Date", httpDate()));
            return new Answered(new RawResponse(200, headers, ErrorBodies.soapFault(fault)),
                    fault.code() + ": " + fault.getMessage());
        }
        boolean json = MetadataBodies.acceptsJson(raw.headerValues("Accept"));
        byte[] body = json ? MetadataBodies.clientListJson(clients) : MetadataBodies.clientListXml(clients);
        return new Answered(new RawResponse(200, List.of(new HeaderField("Content-Type", json
                ? MetadataBodies.JSON_CONTENT_TYPE : MetadataBodies.XML_CONTENT_TYPE),
                new HeaderField("Date", httpDate())), body), null);
    }

    // ------------------------------------------------------------------ REST metaservices (/r1/.../CODE)

    /** Whether the provider's Security Server answers this request itself ({@code canHandle}: GET and the code). */
    static boolean isRestMetaservice(String verb, ServiceId service) {
        return "GET".equals(verb) && REST_METASERVICES.contains(service.serviceCode());
    }

    /**
     * The metaservice's answer.
     *
     * @throws XRoadFault X-Road's errors: {@code server.serverproxy.invalid_request} "Missing serviceCode in message
     *     body", {@code server.serverproxy.internal_error} "Service not found: SERVICE:...", "Invalid service type:
     *     REST", or those of {@link OpenApiAnonymiser}
     */
    ProviderCaller.Answer restMetaservice(ClientId client, ServiceId metaservice, String rawQuery) {
        ClientId provider = metaservice.provider();
        return switch (metaservice.serviceCode()) {
            case "listMethods" -> json(services(provider, null));
            case "allowedMethods" -> json(services(provider, client));
            case "getOpenAPI" -> openApi(provider, rawQuery);
            default -> throw new IllegalArgumentException(metaservice.toString());
        };
    }

    private static ProviderCaller.Answer json(List<ServiceDescription> services) {
        return new ProviderCaller.Answer(200, List.of(new HeaderField("Content-Type",
                MetadataBodies.REST_JSON_CONTENT_TYPE)), MetadataBodies.restServicesJson(services));
    }

    /**
     * The REST and OpenAPI services of a provider ({@code getRestServices}), or those {@code caller} has an access
     * right to, with only the endpoints one of its rights covers ({@code getAllowedRestServices}).
     */
    List<ServiceDescription> services(ClientId provider, ClientId caller) {
        List<ServiceDescription> result = new ArrayList<>();
        for (ServiceRegistration s : registry.servicesOf(provider)) {
            if (s.type() == ServiceType.WSDL) {
                continue;
            }
            io.luotsi.xroad.metaservice.ServiceType type = s.type() == ServiceType.OPENAPI3
                    ? io.luotsi.xroad.metaservice.ServiceType.OPENAPI : io.luotsi.xroad.metaservice.ServiceType.REST;
            List<Endpoint> endpoints = endpoints(s);
            if (caller == null) {
                result.add(new ServiceDescription(s.id(), type, endpoints));
                continue;
            }
            List<AccessRight> rights = s.accessRights().stream().filter(r -> r.client().equals(caller)).toList();
            if (rights.isEmpty()) {
                continue;
            }
            List<Endpoint> allowed = endpoints.stream()
                    .filter(e -> rights.stream().anyMatch(r -> covers(r, e))).toList();
            result.add(new ServiceDescription(s.id(), type, allowed));
        }
        return result;
    }

    /** {@code EndpointType.matches}: the right's method ({@code *} any) and path pattern cover the endpoint. */
    private static boolean covers(AccessRight right, Endpoint endpoint) {
        return (right.method().equals("*") || right.method().equalsIgnoreCase(endpoint.method()))
                && (right.path().equals("**") || PathGlob.matches(right.path(), endpoint.path()));
    }

    /**
     * The endpoints a Security Server would list for the service: those of its OpenAPI description (path parameters
     * as {@code *}), then one per access right's method and path; the whole-service endpoint ({@code * **}) is not
     * listed.
     */
    private List<Endpoint> endpoints(ServiceRegistration s) {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        s.openApi().ifPresent(doc -> endpoints.addAll(openApiEndpoints(doc)));
        for (AccessRight r : s.accessRights()) {
            String method = r.method().equals("*") ? "*" : r.method().toUpperCase(Locale.ROOT);
            if (!(method.equals("*") && r.path().equals("**"))) {
                endpoints.add(new Endpoint(method, r.path()));
            }
        }
        return List.copyOf(endpoints);
    }

    private List<Endpoint> openApiEndpoints(OpenApiDocument doc) {
        synchronized (openApiEndpoints) {
            List<Endpoint> cached = openApiEndpoints.get(doc);
            if (cached != null) {
                return cached;
            }
        }
        List<Endpoint> result = new ArrayList<>();
        try {
            JsonNode paths = (isJson(doc) ? JSON : YAML).readTree(doc.content()).get("paths");
            if (paths != null && paths.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> path = it.next();
                    String pattern = path.getKey().replaceAll("\\{[^}/]*}", "*");
                    for (String method : OPENAPI_METHODS) {
                        if (path.getValue().has(method)) {
                            result.add(new Endpoint(method.toUpperCase(Locale.ROOT), pattern));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // A document that does not parse has no endpoints to list; getOpenAPI reports it.
            result.clear();
        }
        List<Endpoint> endpoints = List.copyOf(result);
        synchronized (openApiEndpoints) {
            openApiEndpoints.put(doc, endpoints);
        }
        return endpoints;
    }

    /** {@code getFileType}: JSON by the content type, else YAML by the content type, else by the file name. */
    private static boolean isJson(OpenApiDocument doc) {
        String contentType = doc.contentType().orElse(null);
        if (contentType != null && contentType.contains("application/json")) {
            return true;
        }
        if ("application/x-yaml".equals(contentType)) {
            return false;
        }
        return doc.location().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private ProviderCaller.Answer openApi(ClientId provider, String rawQuery) {
        // URLEncodedUtils.parse: '&' and ';' separate, the name is matched ignoring case, the last one wins.
        String code = queryParameter(rawQuery, "serviceCode", true, "[&;]", true);
        if (code == null || code.isEmpty()) {
            throw XRoadFault.unroutable("server.serverproxy.invalid_request", "Missing serviceCode in message body");
        }
        // ServiceId.Conf.create(provider, code): the service of that code, whatever its version
        ServiceRegistration service = registry.servicesOf(provider).stream()
                .filter(s -> s.id().serviceCode().equals(code)).findFirst()
                .orElseThrow(() -> XRoadFault.unroutable("server.serverproxy.internal_error",
                        "Service not found: SERVICE:" + provider.toShortString() + "/" + code));
        ServiceId target = service.id();
        if (service.type() != ServiceType.OPENAPI3) {
            throw XRoadFault.unroutable("server.serverproxy.internal_error", "Invalid service type: "
                    + service.type().name());
        }
        OpenApiDocument doc = service.openApi().orElseThrow(() -> XRoadFault.unroutable(
                "server.serverproxy.internal_error", "Failed reading service description from null. Status: 404 "
                        + "Reason: Not Found (no OpenAPI document is registered for " + target + ")"));
        byte[] body = OpenApiAnonymiser.anonymise(doc.content(), isJson(doc), doc.location());
        return new ProviderCaller.Answer(200, List.of(new HeaderField("Content-Type",
                doc.contentType().orElse("text/plain"))), body);
    }

    /**
     * A query parameter, percent-decoded ({@code +} is a space), its first or last occurrence. {@code null} when
     * absent or given without {@code =}.
     */
    static String queryParameter(String rawQuery, String name, boolean ignoreCase, String separators,
                                 boolean lastWins) {
        if (rawQuery == null) {
            return null;
        }
        String value = null;
        for (String pair : rawQuery.split(separators)) {
            int eq = pair.indexOf('=');
            String n = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (ignoreCase ? n.equalsIgnoreCase(name) : n.equals(name)) {
                value = eq < 0 ? null : decode(pair.substring(eq + 1));
                if (!lastWins) {
                    return value;
                }
            }
        }
        return value;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private String httpDate() {
        return HTTP_DATE.format(clock.instant().atZone(ZoneOffset.UTC));
    }
}
