package io.luotsi.xroad.globalconf.internal;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** StAX reading steps shared by the configuration parsers. */
public final class Xml {

    private Xml() {
    }

    /** Skips the element the reader is on (at its start tag), leaving the reader on its end tag. */
    public static void skip(XMLStreamReader r) throws XMLStreamException {
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

    /** The text of a simple element, trimmed. */
    public static String text(XMLStreamReader r) throws XMLStreamException {
        return r.getElementText().trim();
    }
}
