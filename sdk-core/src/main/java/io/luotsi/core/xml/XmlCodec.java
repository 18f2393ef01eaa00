package io.luotsi.core.xml;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads and writes XML bodies as objects (a SOAP body element, an XML REST body). The default,
 * {@link JacksonXmlCodec#create()}, is hardened: no DOCTYPE, no external entities, size and depth limits, no
 * polymorphic typing, and the JDK's own StAX parser whatever else is on the classpath. Give a client your own mapper
 * through {@link JacksonXmlCodec#of(com.fasterxml.jackson.dataformat.xml.XmlMapper)}.
 *
 * <pre>{@code
 * XmlCodec xml = JacksonXmlCodec.create();
 * byte[] bytes = xml.writeBytes(new GetPerson("EE37702211234"));   // <GetPerson><code>EE...</code></GetPerson>
 * Person p = xml.read(responseBytes, Person.class);               // the root element's name is not checked
 * }</pre>
 *
 * Failures are {@link io.luotsi.core.ProtocolException}s naming the type and where in the document the problem is,
 * never the content (which may be personal data).
 */
public interface XmlCodec {

    /** Reads one document (its root element) as {@code type}. */
    <T> T read(InputStream in, Class<T> type);

    /** Reads one document from bytes (the encoding is taken from the XML declaration, UTF-8 by default). */
    <T> T read(byte[] xml, Class<T> type);

    /** Writes {@code value} as one element, in UTF-8, without an XML declaration. */
    void write(Object value, OutputStream out);

    /** {@link #write(Object, OutputStream)} into a new array. */
    byte[] writeBytes(Object value);
}
