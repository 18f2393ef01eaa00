package io.luotsi.xroad.soap.internal;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;

/**
 * Error messages in the form X-Road's SAX parser produces them ({@code SAXParseException.toString()}, which X-Road puts
 * in the fault string of {@code invalid_soap}): {@code org.xml.sax.SAXParseException; lineNumber: 3; columnNumber: 7;
 * <message>}. The JDK's StAX parser shares the SAX parser's scanner and messages, except that namespace errors come
 * as message keys; those are rendered here as the SAX parser renders them.
 */
public final class XmlErrors {

    private static final String PREFIX = "org.xml.sax.SAXParseException; ";
    private static final String NS_KEYS = "http://www.w3.org/TR/1999/REC-xml-names-19990114#";

    private XmlErrors() {
    }

    /** The message for a document with no content at all (X-Road's {@code empty.query}). */
    public static String prematureEndOfFile() {
        return PREFIX + "Premature end of file.";
    }

    public static String at(int line, int column, String message) {
        return PREFIX + "lineNumber: " + line + "; columnNumber: " + column + "; " + message;
    }

    /** X-Road's message for a DOCTYPE, which its parser refuses ({@code disallow-doctype-decl}). */
    public static String doctype(int line, int column) {
        return at(line, column,
                "DOCTYPE is disallowed when the feature \"http://apache.org/xml/features/disallow-doctype-decl\" "
                        + "set to true.");
    }

    /** Renders a StAX parse error as X-Road's SAX parser would have reported it. */
    public static String of(XMLStreamException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        int m = msg.indexOf("\nMessage: ");
        if (msg.startsWith("ParseError at") && m >= 0) {
            msg = msg.substring(m + "\nMessage: ".length());
        }
        msg = namespaceMessage(msg);
        Location loc = e.getLocation();
        if (loc != null && loc.getLineNumber() >= 0) {
            return at(loc.getLineNumber(), loc.getColumnNumber(), msg);
        }
        return PREFIX + msg;
    }

    private static String namespaceMessage(String msg) {
        if (!msg.startsWith(NS_KEYS)) {
            return msg;
        }
        String rest = msg.substring(NS_KEYS.length());
        int q = rest.indexOf('?');
        String key = q < 0 ? rest : rest.substring(0, q);
        String[] a = q < 0 ? new String[0] : rest.substring(q + 1).split("&", -1);
        return switch (key) {
            case "ElementPrefixUnbound" -> a.length >= 2
                    ? "The prefix \"" + a[0] + "\" for element \"" + a[1] + "\" is not bound." : msg;
            case "AttributePrefixUnbound" -> a.length >= 3
                    ? "The prefix \"" + a[2] + "\" for attribute \"" + a[1] + "\" associated with an element type \""
                    + a[0] + "\" is not bound." : msg;
            case "AttributeNotUnique" -> a.length >= 2
                    ? "Attribute \"" + a[1] + "\" was already specified for element \"" + a[0] + "\"." : msg;
            case "AttributeNSNotUnique" -> a.length >= 3
                    ? "Attribute \"" + a[1] + "\" bound to namespace \"" + a[2]
                    + "\" was already specified for element \"" + a[0] + "\"." : msg;
            default -> msg;
        };
    }
}
