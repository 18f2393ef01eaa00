package io.luotsi.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** An X-Road REST error body, read from JSON or XML. */
record ErrorBody(String format, String type, String message, String detail) {

    static ErrorBody json(byte[] body) throws IOException {
        JsonNode node = new ObjectMapper().readTree(body);
        if (node.size() != 3) {
            throw new AssertionError("expected exactly type, message and detail, got " + node);
        }
        return new ErrorBody("json", node.get("type").asText(), node.get("message").asText(),
                node.get("detail").asText());
    }

    static ErrorBody xml(byte[] body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("error")) {
            throw new AssertionError("root element is " + root.getTagName());
        }
        return new ErrorBody("xml", text(root, "type"), text(root, "message"), text(root, "detail"));
    }

    private static String text(Element root, String name) {
        return root.getElementsByTagName(name).item(0).getTextContent();
    }
}
