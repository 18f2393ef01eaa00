package io.luotsi.xroad.metaservice.internal;

import io.luotsi.xroad.IdentifierXml;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.internal.SafeXml;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads what a client needs from a WSDL 1.1 document without a WSDL library: the target namespace, the operations
 * (of the port types and bindings, in document order) with the service version X-Road puts under
 * {@code binding/operation} ({@code xrd:version}; older WSDLs, the X-Road corpus among them, use {@code id:version}),
 * and the {@code soap:address} (SOAP 1.1 or 1.2) location of every port. One streaming pass, through
 * {@link SafeXml} (no DOCTYPE, bounded depth and size).
 */
public final class WsdlScanner {

    public static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
    public static final String SOAP11_NS = "http://schemas.xmlsoap.org/wsdl/soap/";
    public static final String SOAP12_NS = "http://schemas.xmlsoap.org/wsdl/soap12/";

    private WsdlScanner() {
    }

    /** What was found; {@code versions} maps each operation to its version or {@code null}, in document order. */
    public record Info(String targetNamespace, Map<String, String> versions, List<String> addresses) {
    }

    public static Info scan(byte[] wsdl, long maxBytes) {
        XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(wsdl), maxBytes);
        try {
            r.nextTag();
            if (!WSDL_NS.equals(r.getNamespaceURI()) || !"definitions".equals(r.getLocalName())) {
                throw new XRoadProtocolException("invalid_wsdl", "not a WSDL 1.1 document: the root element is {"
                        + r.getNamespaceURI() + "}" + r.getLocalName());
            }
            String tns = r.getAttributeValue(null, "targetNamespace");
            Map<String, String> versions = new LinkedHashMap<>();
            List<String> addresses = new ArrayList<>();
            // Element path below <definitions>: [0] the section (portType, binding, service), [1] its child.
            String section = null;
            String operation = null;
            boolean inPort = false;
            int depth = 1;
            while (depth > 0) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String ns = r.getNamespaceURI();
                    String name = r.getLocalName();
                    if (depth == 2) {
                        section = WSDL_NS.equals(ns) ? name : null;
                    } else if (depth == 3 && section != null && WSDL_NS.equals(ns)) {
                        if (name.equals("operation") && (section.equals("portType") || section.equals("binding"))) {
                            operation = r.getAttributeValue(null, "name");
                            if (operation != null) {
                                versions.putIfAbsent(operation, null);
                            }
                        } else if (name.equals("port") && section.equals("service")) {
                            inPort = true;
                        }
                    } else if (depth == 4 && "binding".equals(section) && operation != null
                            && name.equals("version")
                            && (IdentifierXml.XROAD_NS.equals(ns) || IdentifierXml.IDENTIFIERS_NS.equals(ns))) {
                        String v = r.getElementText().trim();
                        depth--;
                        if (!v.isEmpty() && versions.get(operation) == null) {
                            versions.put(operation, v);
                        }
                    } else if (depth == 4 && inPort && name.equals("address")
                            && (SOAP11_NS.equals(ns) || SOAP12_NS.equals(ns))) {
                        String location = r.getAttributeValue(null, "location");
                        if (location != null) {
                            addresses.add(location);
                        }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    if (depth == 2) {
                        operation = null;
                        inPort = false;
                    } else if (depth == 1) {
                        section = null;
                    }
                }
            }
            return new Info(tns, java.util.Collections.unmodifiableMap(versions), List.copyOf(addresses));
        } catch (XMLStreamException e) {
            throw new XRoadProtocolException("invalid_wsdl", "malformed WSDL: " + e.getMessage(), e);
        } finally {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing to release
            }
        }
    }
}
