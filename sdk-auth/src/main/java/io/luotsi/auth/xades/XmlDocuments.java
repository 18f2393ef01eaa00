package io.luotsi.auth.xades;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Hardened DOM parsing and serialisation for signature documents: the JDK's parser, namespace-aware, comments dropped
 * (as X-Road's parser drops them), no DOCTYPE, no external entities, nesting and size limits. Parse errors never reach
 * standard error.
 */
final class XmlDocuments {

    /** Element nesting limit of signature and hash chain documents. */
    static final int MAX_DEPTH = 64;
    /** Size limit of one signature or hash chain document. */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    static final String NS_DS = "http://www.w3.org/2000/09/xmldsig#";
    static final String NS_XADES = "http://uri.etsi.org/01903/v1.3.2#";
    static final String NS_XMLNS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;

    private static final DocumentBuilderFactory FACTORY = newFactory();
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(XmlDocuments::newBuilder);
    private static final TransformerFactory TRANSFORMERS = newTransformerFactory();

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private XmlDocuments() {
    }

    private static DocumentBuilderFactory newFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setIgnoringComments(true);
        f.setExpandEntityReferences(false);
        f.setXIncludeAware(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's DOM parser supports the hardening features", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setAttribute("jdk.xml.maxElementDepth", MAX_DEPTH);
        f.setAttribute("jdk.xml.elementAttributeLimit", 1000);
        return f;
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilder b = FACTORY.newDocumentBuilder();
            b.setErrorHandler(SILENT);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's DOM parser is always available", e);
        }
    }

    private static TransformerFactory newTransformerFactory() {
        TransformerFactory f = TransformerFactory.newDefaultInstance();
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        return f;
    }

    /**
     * Parses a document.
     *
     * @throws XadesVerificationException {@code failure} when the bytes are not well-formed XML, exceed the size
     *     limit or nest too deep
     */
    static Document parse(byte[] xml, XadesFailure failure, String what) {
        if (xml.length > MAX_BYTES) {
            throw new XadesVerificationException(failure, what + " is " + xml.length + " bytes, more than the limit of "
                    + MAX_BYTES);
        }
        DocumentBuilder builder = BUILDERS.get();
        try {
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new XadesVerificationException(failure, what + " is not well-formed XML: " + e.getMessage(), e);
        } finally {
            builder.reset();
            builder.setErrorHandler(SILENT);
        }
    }

    static Document newDocument() {
        return BUILDERS.get().newDocument();
    }

    /** The document serialised as UTF-8, without an XML declaration and without added whitespace. */
    static byte[] serialize(Document document) {
        try {
            Transformer t = TRANSFORMERS.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.INDENT, "no");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("a DOM document can always be serialised", e);
        }
    }

    /** The first element in document order whose qualified name is {@code tagName} (X-Road finds elements so). */
    static Element firstByTagName(Document document, String tagName) {
        NodeList nodes = document.getElementsByTagName(tagName);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    /** The first element in document order with an {@code Id} attribute of that value (X-Road's id lookup). */
    static Element byId(Node root, String id) {
        for (Node n = root; n != null; n = next(n, root)) {
            if (n instanceof Element e && e.hasAttributeNS(null, "Id") && id.equals(e.getAttributeNS(null, "Id"))) {
                return e;
            }
        }
        return null;
    }

    private static Node next(Node n, Node root) {
        if (n.getFirstChild() != null) {
            return n.getFirstChild();
        }
        while (n != null && n != root) {
            if (n.getNextSibling() != null) {
                return n.getNextSibling();
            }
            n = n.getParentNode();
        }
        return null;
    }

    /** The element children of {@code parent} in the namespace with the local name, in order. */
    static java.util.List<Element> children(Element parent, String namespace, String localName) {
        java.util.List<Element> result = new java.util.ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && localName.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI())) {
                result.add(e);
            }
        }
        return result;
    }

    /** The element children of {@code parent}, in order. */
    static java.util.List<Element> elements(Element parent) {
        java.util.List<Element> result = new java.util.ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                result.add(e);
            }
        }
        return result;
    }

    /**
     * Decodes base64 text as a signature document carries it: line breaks and spaces allowed, nothing else, and in
     * canonical form (padding present, unused bits zero), so that no other text decodes to the same bytes.
     *
     * @return the bytes, or {@code null} when the text is not canonical base64
     */
    static byte[] strictBase64(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            sb.append(c);
        }
        String compact = sb.toString();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return Base64.getEncoder().encodeToString(bytes).equals(compact) ? bytes : null;
    }
}
