package io.luotsi.xroad.metaservice.internal;

import io.luotsi.core.ProtocolException;
import io.luotsi.core.json.JsonCodec;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.IdentifierXml;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadId;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.internal.SafeXml;
import io.luotsi.xroad.metaservice.Endpoint;
import io.luotsi.xroad.metaservice.ListedClient;
import io.luotsi.xroad.metaservice.ServiceDescription;
import io.luotsi.xroad.metaservice.ServiceType;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads metaservice responses: {@code listClients} as XML ({@code xrd:clientList}) or snake_case JSON
 * ({@code {"member":[{"id":{...},"name":...,"subsystem_name":...}]}}), and the REST {@code listMethods} /
 * {@code allowedMethods} JSON ({@code {"service":[{...,"endpoint_list":[{"method","path"}]}]}}).
 */
public final class MetaserviceBodies {

    /** Whether an XML body is a SOAP envelope rather than a metaservice document (looks at its first 2 KiB). */
    public static boolean isSoapEnvelope(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 2048), java.nio.charset.StandardCharsets.UTF_8);
        return head.contains("http://schemas.xmlsoap.org/soap/envelope/") && head.contains("Envelope");
    }

    private MetaserviceBodies() {
    }

    public static boolean isJson(String contentType, byte[] body) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return true;
        }
        for (byte b : body) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return false;
    }

    public static List<ListedClient> clientsFromXml(byte[] body, long maxBytes) {
        try {
            XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(body), maxBytes);
            r.nextTag();
            if (!"clientList".equals(r.getLocalName())) {
                throw new XRoadProtocolException("invalid_xml", "listClients returned <" + r.getLocalName()
                        + ">, not <clientList>");
            }
            List<ListedClient> result = new ArrayList<>();
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (!"member".equals(r.getLocalName())) {
                    skip(r);
                    continue;
                }
                ClientId id = null;
                String name = null;
                String subsystemName = null;
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "id" -> {
                            XRoadId x = IdentifierXml.read(r, false);
                            if (!(x instanceof ClientId c)) {
                                throw new XRoadProtocolException("invalid_xml",
                                        "listClients lists a " + x.objectType() + ", not a client");
                            }
                            id = c;
                        }
                        case "name" -> name = r.getElementText().trim();
                        case "subsystemName" -> subsystemName = r.getElementText().trim();
                        default -> skip(r);
                    }
                }
                if (id == null) {
                    throw new XRoadProtocolException("invalid_xml", "a listClients member has no id");
                }
                result.add(new ListedClient(id, name, subsystemName));
            }
            return List.copyOf(result);
        } catch (XMLStreamException e) {
            throw new XRoadProtocolException("invalid_xml", "malformed listClients XML: " + e.getMessage(), e);
        }
    }

    public static List<ListedClient> clientsFromJson(JsonCodec json, byte[] body) {
        Map<?, ?> doc = object(json.read(body, Map.class), "listClients");
        List<ListedClient> result = new ArrayList<>();
        for (Object o : list(doc.get("member"))) {
            Map<?, ?> m = object(o, "listClients member");
            Map<?, ?> id = object(m.get("id"), "listClients member id");
            try {
                String sub = str(id.get("subsystem_code"));
                String type = str(id.get("object_type"));
                if ("SUBSYSTEM".equals(type) && sub == null || "MEMBER".equals(type) && sub != null) {
                    throw new XRoadProtocolException("invalid_client_identifier",
                            "listClients member of type " + type + (sub == null ? " without" : " with")
                                    + " a subsystem_code");
                }
                ClientId cid = new ClientId(str(id.get("xroad_instance")), str(id.get("member_class")),
                        str(id.get("member_code")), sub);
                result.add(new ListedClient(cid, str(m.get("name")), str(m.get("subsystem_name"))));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new XRoadProtocolException("invalid_client_identifier",
                        "listClients member has an invalid id: " + e.getMessage(), e);
            }
        }
        return List.copyOf(result);
    }

    public static List<ServiceDescription> servicesFromJson(JsonCodec json, byte[] body) {
        Map<?, ?> doc = object(json.read(body, Map.class), "service list");
        List<ServiceDescription> result = new ArrayList<>();
        for (Object o : list(doc.get("service"))) {
            Map<?, ?> s = object(o, "service");
            ServiceId id;
            try {
                ClientId provider = new ClientId(str(s.get("xroad_instance")), str(s.get("member_class")),
                        str(s.get("member_code")), str(s.get("subsystem_code")));
                id = new ServiceId(provider, str(s.get("service_code")), str(s.get("service_version")));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new XRoadProtocolException("invalid_xml", "a listed service has an invalid id: "
                        + e.getMessage(), e);
            }
            List<Endpoint> endpoints = new ArrayList<>();
            for (Object e : list(s.get("endpoint_list"))) {
                Map<?, ?> ep = object(e, "endpoint");
                String method = str(ep.get("method"));
                String path = str(ep.get("path"));
                if (method != null && path != null) {
                    endpoints.add(new Endpoint(method, path));
                }
            }
            result.add(new ServiceDescription(id, ServiceType.parse(str(s.get("service_type"))), endpoints));
        }
        return List.copyOf(result);
    }

    private static Map<?, ?> object(Object o, String what) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new ProtocolException(what + " is not a JSON object");
    }

    private static List<?> list(Object o) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof List<?> l) {
            return l;
        }
        throw new ProtocolException("expected a JSON array, got " + o.getClass().getSimpleName());
    }

    private static String str(Object o) {
        if (o == null) {
            return null;
        }
        String s = o.toString();
        return s.isEmpty() ? null : s;
    }

    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
