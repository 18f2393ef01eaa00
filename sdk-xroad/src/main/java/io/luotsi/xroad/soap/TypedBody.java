package io.luotsi.xroad.soap;

import io.luotsi.core.ProtocolException;
import io.luotsi.core.xml.XmlCodec;
import io.luotsi.xroad.internal.SafeXml;
import io.luotsi.xroad.soap.internal.StaxCopy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Objects as SOAP body elements and back, through an {@link XmlCodec}. */
final class TypedBody {

    private TypedBody() {
    }

    /** The codec's XML of {@code value}, and the name of its root element. */
    record Written(byte[] xml, QName root) {
    }

    static Written write(XmlCodec codec, Object value) {
        Objects.requireNonNull(value, "value");
        byte[] xml = codec.writeBytes(value);
        XMLStreamReader r = reader(xml);
        try {
            while (r.hasNext() && r.getEventType() != XMLStreamConstants.START_ELEMENT) {
                r.next();
            }
            if (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
                throw new IllegalArgumentException(value.getClass().getName() + " was written as no element");
            }
            QName n = r.getName();
            return new Written(xml, new QName(n.getNamespaceURI(), n.getLocalPart(), n.getPrefix()));
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("the XML codec wrote malformed XML for "
                    + value.getClass().getName(), e);
        } finally {
            close(r);
        }
    }

    /**
     * A body that writes {@code written} as one element named {@code name} (its namespace declarations carried
     * along).
     */
    static SoapBody renamed(Written written, QName name) {
        byte[] xml = written.xml();
        return SoapBody.of(w -> {
            XMLStreamReader r = reader(xml);
            try {
                StaxCopy.copyElement(r, w, name);
            } finally {
                close(r);
            }
        });
    }

    /** The request body for a service: the object's element, named after the service code unless it starts so. */
    static SoapBody request(XmlCodec codec, Object value, String serviceCode) {
        Written written = write(codec, value);
        QName root = written.root();
        QName name = root.getLocalPart().startsWith(serviceCode) ? root
                : new QName(root.getNamespaceURI(), serviceCode, root.getPrefix());
        return renamed(written, name);
    }

    /** Reads a message's body element into {@code type}. */
    static <T> T read(XmlCodec codec, SoapMessage message, Class<T> type) {
        if (type == String.class) {
            return type.cast(message.bodyStandaloneXml());
        }
        try {
            return codec.read(message.bodyStandaloneXml().getBytes(StandardCharsets.UTF_8), type);
        } catch (ProtocolException e) {
            throw e;
        }
    }

    private static XMLStreamReader reader(byte[] xml) {
        try {
            return SafeXml.inputFactory().createXMLStreamReader(new ByteArrayInputStream(xml));
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void close(XMLStreamReader r) {
        try {
            r.close();
        } catch (XMLStreamException ignored) {
            // nothing to release
        }
    }
}
