package io.luotsi.testkit.internal;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.metaservice.Endpoint;
import io.luotsi.xroad.metaservice.ListedClient;
import io.luotsi.xroad.metaservice.ServiceDescription;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The bodies of X-Road's metadata services, as the Security Server writes them.
 *
 * <p>{@code listClients} ({@code MetadataClientRequestProcessor}): the JAXB {@code clientList} of
 * {@code http://x-road.eu/xsd/xroad.xsd}, formatted, with {@code text/xml; charset=UTF-8}; or, when any media range
 * of {@code Accept} is {@code application/json} (parameters and q-values ignored), Jackson's snake_case form without
 * nulls with {@code application/json; charset=utf-8}.
 *
 * <p>REST {@code listMethods} / {@code allowedMethods} ({@code RestMetadataServiceHandlerImpl}): the
 * {@code RestServiceDetailsListType} as snake_case JSON, {@code {"service":[{..., "endpoint_list":[...]}]}}, with
 * {@code application/json}.
 */
public final class MetadataBodies {

    public static final String XML_CONTENT_TYPE = "text/xml; charset=UTF-8";
    public static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";
    /** X-Road's {@code MimeTypes.JSON}, which the REST metaservices answer with. */
    public static final String REST_JSON_CONTENT_TYPE = "application/json";

    private static final String IDENTIFIERS_NS = "http://x-road.eu/xsd/identifiers";
    private static final String XROAD_NS = "http://x-road.eu/xsd/xroad.xsd";

    private MetadataBodies() {
    }

    /**
     * Whether {@code listClients} answers with JSON: some comma-separated media range of some {@code Accept} value is
     * {@code application/json}, whatever its parameters and q-value ({@code MetadataClientRequestProcessor.acceptsJson}:
     * {@code text/xml;q=1.0, application/json;q=0.9} asks for JSON too).
     */
    public static boolean acceptsJson(List<String> acceptValues) {
        for (String header : acceptValues) {
            for (String range : header.split(",")) {
                String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
                if (type.equals("application/json")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The {@code listClients} XML, as JAXB's formatted output writes it. */
    public static byte[] clientListXml(List<ListedClient> clients) {
        StringBuilder sb = new StringBuilder(256 + clients.size() * 400);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
        sb.append("<ns2:clientList xmlns:ns1=\"").append(IDENTIFIERS_NS).append("\" xmlns:ns2=\"").append(XROAD_NS)
                .append('"');
        if (clients.isEmpty()) {
            return sb.append("/>\n").toString().getBytes(StandardCharsets.UTF_8);
        }
        sb.append(">\n");
        for (ListedClient c : clients) {
            ClientId id = c.id();
            sb.append("    <ns2:member>\n");
            sb.append("        <ns2:id ns1:objectType=\"").append(id.objectType().name()).append("\">\n");
            idPart(sb, "xRoadInstance", id.xRoadInstance());
            idPart(sb, "memberClass", id.memberClass());
            idPart(sb, "memberCode", id.memberCode());
            if (id.subsystemCode() != null) {
                idPart(sb, "subsystemCode", id.subsystemCode());
            }
            sb.append("        </ns2:id>\n");
            if (c.name() != null) {
                sb.append("        <ns2:name>").append(ErrorBodies.xmlText(c.name())).append("</ns2:name>\n");
            }
            if (c.subsystemName() != null) {
                sb.append("        <ns2:subsystemName>").append(ErrorBodies.xmlText(c.subsystemName()))
                        .append("</ns2:subsystemName>\n");
            }
            sb.append("    </ns2:member>\n");
        }
        sb.append("</ns2:clientList>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void idPart(StringBuilder sb, String name, String value) {
        sb.append("            <ns1:").append(name).append('>').append(ErrorBodies.xmlText(value)).append("</ns1:")
                .append(name).append(">\n");
    }

    /** The {@code listClients} JSON: {@code {"member":[{"id":{...},"name":...,"subsystem_name":...}]}}. */
    public static byte[] clientListJson(List<ListedClient> clients) {
        StringBuilder sb = new StringBuilder(32 + clients.size() * 200).append("{\"member\":[");
        boolean first = true;
        for (ListedClient c : clients) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            ClientId id = c.id();
            sb.append("{\"id\":{");
            field(sb, "member_class", id.memberClass(), false);
            field(sb, "member_code", id.memberCode(), true);
            field(sb, "object_type", id.objectType().name(), true);
            if (id.subsystemCode() != null) {
                field(sb, "subsystem_code", id.subsystemCode(), true);
            }
            field(sb, "xroad_instance", id.xRoadInstance(), true);
            sb.append('}');
            if (c.name() != null) {
                field(sb, "name", c.name(), true);
            }
            if (c.subsystemName() != null) {
                field(sb, "subsystem_name", c.subsystemName(), true);
            }
            sb.append('}');
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The REST {@code listMethods} / {@code allowedMethods} JSON. {@code service_type} is {@code REST} or
     * {@code OPENAPI}; {@code endpoint_list} is always present, possibly empty.
     */
    public static byte[] restServicesJson(List<ServiceDescription> services) {
        StringBuilder sb = new StringBuilder(32 + services.size() * 300).append("{\"service\":[");
        boolean first = true;
        for (ServiceDescription s : services) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            ServiceId id = s.id();
            ClientId p = id.provider();
            sb.append('{');
            field(sb, "member_class", p.memberClass(), false);
            field(sb, "member_code", p.memberCode(), true);
            field(sb, "object_type", "SERVICE", true);
            field(sb, "service_code", id.serviceCode(), true);
            field(sb, "service_type", s.type().name(), true);
            if (id.serviceVersion() != null) {
                field(sb, "service_version", id.serviceVersion(), true);
            }
            if (p.subsystemCode() != null) {
                field(sb, "subsystem_code", p.subsystemCode(), true);
            }
            field(sb, "xroad_instance", p.xRoadInstance(), true);
            sb.append(",\"endpoint_list\":[");
            boolean firstEndpoint = true;
            for (Endpoint e : s.endpoints()) {
                if (!firstEndpoint) {
                    sb.append(',');
                }
                firstEndpoint = false;
                sb.append('{');
                field(sb, "method", e.method(), false);
                field(sb, "path", e.path(), true);
                sb.append('}');
            }
            sb.append("]}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder sb, String name, String value, boolean comma) {
        if (comma) {
            sb.append(',');
        }
        sb.append('"').append(name).append("\":").append(ErrorBodies.jsonString(value));
    }
}
