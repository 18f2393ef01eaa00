package io.luotsi.xroad.soap;

import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.internal.SafeXml;
import io.luotsi.xroad.soap.internal.XmlText;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A SOAP header element that is not one of X-Road's fields, kept verbatim so that it can be passed on or echoed
 * unchanged (PR-MESS: unknown headers pass through).
 *
 * <p>{@link #xml()} is the element exactly as it appeared in the message. Prefixes it uses may be declared on an
 * ancestor (typically the {@code Envelope}); {@link #inheritedNamespaces()} holds the bindings in scope there that the
 * element does not declare itself, and {@link #standaloneXml()} is the element with those of them added that it may
 * use (every prefix that occurs as {@code prefix:} in its text, so also in QName-valued content, and a default
 * namespace), which is well-formed on its own.
 *
 * @param name                the element's qualified name
 * @param xml                 the element's text as received (start tag to end tag)
 * @param inheritedNamespaces prefix to namespace URI bindings in scope from ancestors ({@code ""} is the default
 *                            namespace), in declaration order
 */
public record SoapHeaderElement(QName name, String xml, Map<String, String> inheritedNamespaces) {

    public SoapHeaderElement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(xml, "xml");
        inheritedNamespaces = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(inheritedNamespaces, "inheritedNamespaces")));
        if (!xml.startsWith("<")) {
            throw new IllegalArgumentException("xml must start with the element's start tag");
        }
    }

    /**
     * A header element from standalone XML (one element, well-formed, declaring the namespaces it uses).
     *
     * @throws IllegalArgumentException when {@code xml} is not one well-formed element
     */
    public static SoapHeaderElement of(String xml) {
        Objects.requireNonNull(xml, "xml");
        String trimmed = xml.strip();
        try {
            XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(trimmed.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8.name(), 16L * 1024 * 1024);
            QName name = null;
            int depth = 0;
            while (r.hasNext()) {
                int e = r.next();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    if (depth == 0) {
                        if (name != null) {
                            throw new IllegalArgumentException("xml holds more than one element");
                        }
                        name = r.getName();
                    }
                    depth++;
                } else if (e == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
            if (name == null) {
                throw new IllegalArgumentException("xml holds no element");
            }
            return new SoapHeaderElement(new QName(name.getNamespaceURI(), name.getLocalPart(), name.getPrefix()),
                    trimmed, Map.of());
        } catch (XMLStreamException | XRoadProtocolException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** The element with the inherited namespace declarations it may use added to its start tag. */
    public String standaloneXml() {
        return withDeclarations(Map.of());
    }

    /**
     * The element with those inherited declarations that {@code scope} (the bindings in force where it will be
     * written) does not already provide.
     */
    String withDeclarations(Map<String, String> scope) {
        if (inheritedNamespaces.isEmpty()) {
            return xml;
        }
        StringBuilder decl = new StringBuilder();
        for (Map.Entry<String, String> ns : inheritedNamespaces.entrySet()) {
            String prefix = ns.getKey();
            if (ns.getValue().equals(scope.get(prefix)) || !prefix.isEmpty() && !xml.contains(prefix + ":")) {
                continue; // in scope already, or certainly not used (not even in a QName-valued text)
            }
            decl.append(' ').append(ns.getKey().isEmpty() ? "xmlns" : "xmlns:" + ns.getKey()).append("=\"")
                    .append(XmlText.escape(ns.getValue())).append('"');
        }
        if (decl.length() == 0) {
            return xml;
        }
        int i = 1;
        while (i < xml.length()) {
            char c = xml.charAt(i);
            if (c == '>' || c == '/' || Character.isWhitespace(c)) {
                break;
            }
            i++;
        }
        return xml.substring(0, i) + decl + xml.substring(i);
    }

    /** Shows the name and size only: header elements may carry personal data or tokens. */
    @Override
    public String toString() {
        return "SoapHeaderElement[" + name + ", " + xml.length() + " chars]";
    }
}
