package io.luotsi.xroad.soap.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Copies one element from a StAX reader to a (non-repairing) StAX writer, optionally giving the root element another
 * name. Every namespace the copy uses is declared inside the copy, so it does not depend on the bindings in force
 * where it is written (a redundant declaration of a binding already in scope is harmless).
 */
public final class StaxCopy {

    private final XMLStreamWriter w;
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();

    private StaxCopy(XMLStreamWriter w) {
        this.w = w;
    }

    /**
     * Copies the first element of {@code r} (positioned anywhere before it) and its content to {@code w}.
     *
     * @param rootName the name to give the root element, or {@code null} to keep its own
     */
    public static void copyElement(XMLStreamReader r, XMLStreamWriter w, QName rootName) throws XMLStreamException {
        while (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
            r.next();
        }
        new StaxCopy(w).copy(r, rootName);
    }

    private void copy(XMLStreamReader r, QName rootName) throws XMLStreamException {
        int depth = 0;
        do {
            switch (r.getEventType()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    QName name = depth == 0 && rootName != null ? rootName : r.getName();
                    start(r, name, depth == 0 && rootName != null);
                    depth++;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    w.writeEndElement();
                    scopes.pop();
                    depth--;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> w.writeCharacters(r.getText());
                case XMLStreamConstants.CDATA -> w.writeCData(r.getText());
                case XMLStreamConstants.COMMENT -> w.writeComment(r.getText());
                case XMLStreamConstants.PROCESSING_INSTRUCTION -> w.writeProcessingInstruction(r.getPITarget(),
                        r.getPIData());
                default -> {
                    // nothing else occurs inside an element of a parsed document
                }
            }
            if (depth == 0) {
                return;
            }
            r.next();
        } while (true);
    }

    private void start(XMLStreamReader r, QName name, boolean renamed) throws XMLStreamException {
        String prefix = name.getPrefix() == null ? "" : name.getPrefix();
        String ns = name.getNamespaceURI() == null ? "" : name.getNamespaceURI();
        w.writeStartElement(prefix, name.getLocalPart(), ns);
        Map<String, String> declared = new HashMap<>();
        scopes.push(declared);
        declare(prefix, ns, declared);
        for (int i = 0; i < r.getNamespaceCount(); i++) {
            String p = r.getNamespacePrefix(i) == null ? "" : r.getNamespacePrefix(i);
            String uri = r.getNamespaceURI(i) == null ? "" : r.getNamespaceURI(i);
            if (renamed && p.equals(prefix)) {
                continue; // the new name's binding wins on the renamed root
            }
            declare(p, uri, declared);
        }
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String p = r.getAttributePrefix(i) == null ? "" : r.getAttributePrefix(i);
            String uri = r.getAttributeNamespace(i) == null ? "" : r.getAttributeNamespace(i);
            if (!p.isEmpty()) {
                declare(p, uri, declared);
            }
        }
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String p = r.getAttributePrefix(i) == null ? "" : r.getAttributePrefix(i);
            String uri = r.getAttributeNamespace(i) == null ? "" : r.getAttributeNamespace(i);
            if (p.isEmpty()) {
                w.writeAttribute(r.getAttributeLocalName(i), r.getAttributeValue(i));
            } else {
                w.writeAttribute(p, uri, r.getAttributeLocalName(i), r.getAttributeValue(i));
            }
        }
    }

    /** Declares {@code prefix -> uri} on the current element unless the copy already has that binding in scope. */
    private void declare(String prefix, String uri, Map<String, String> onThisElement) throws XMLStreamException {
        if (prefix.equals("xml") || uri.equals(lookup(prefix, onThisElement))) {
            return;
        }
        if (onThisElement.containsKey(prefix)) {
            return; // already declared here (differently: the element's own binding came first and wins)
        }
        if (prefix.isEmpty()) {
            w.writeDefaultNamespace(uri);
        } else {
            w.writeNamespace(prefix, uri);
        }
        onThisElement.put(prefix, uri);
    }

    private String lookup(String prefix, Map<String, String> current) {
        if (current.containsKey(prefix)) {
            return current.get(prefix);
        }
        for (Map<String, String> scope : scopes) {
            if (scope != current && scope.containsKey(prefix)) {
                return scope.get(prefix);
            }
        }
        // Outside the copy: the envelope Luotsi writes has no default namespace; other prefixes must be declared.
        return prefix.isEmpty() ? "" : null;
    }
}
