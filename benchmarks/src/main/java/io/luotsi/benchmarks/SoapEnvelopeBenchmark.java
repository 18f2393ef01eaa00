package io.luotsi.benchmarks;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.internal.SafeXml;
import io.luotsi.xroad.soap.SoapBody;
import io.luotsi.xroad.soap.SoapEnvelope;
import io.luotsi.xroad.soap.SoapEnvelopeReader;
import io.luotsi.xroad.soap.SoapEnvelopeWriter;
import io.luotsi.xroad.soap.SoapHeader;
import io.luotsi.xroad.soap.SoapMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Writing and reading an X-Road SOAP envelope with a 1 KiB body, one thread, against bare StAX doing the same work
 * without X-Road logic in the same run.
 *
 * <ul>
 *   <li>{@code writeEnvelope}: {@link SoapEnvelopeWriter} from a typed {@link SoapHeader} and a StAX body callback,
 *       to bytes; {@code writeBareStax}: the same document written with a plain {@link XMLStreamWriter}.
 *   <li>{@code readEnvelope}: {@link SoapEnvelopeReader} on those bytes (X-Road's checks, typed header, exact bytes
 *       kept); {@code readBareStax}: a plain {@link XMLStreamReader} over the same bytes, every event visited.
 * </ul>
 * Both sides use the same hardened JDK StAX factories. Targets: write at least 40,000 ops/s and read at least 60,000
 * ops/s on the 2-core reference machine, each within 0.8x of its bare baseline.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SoapEnvelopeBenchmark -wi 3 -i 5 -f 1 -tu s -bm thrpt</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class SoapEnvelopeBenchmark {

    static final String SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String XRD = "http://x-road.eu/xsd/xroad.xsd";
    static final String IDS = "http://x-road.eu/xsd/identifiers";
    static final String NS = "http://producer.x-road.eu/registry";

    SoapHeader header;
    SoapBody body;
    SoapEnvelopeWriter writer;
    SoapEnvelopeReader reader;
    byte[] message;
    XMLInputFactory inputs;
    XMLOutputFactory outputs;

    @Setup(Level.Trial)
    public void setUp() throws XMLStreamException {
        header = SoapHeader.builder()
                .client(ClientId.parse("SUBSYSTEM:FI/GOV/0245437-2/caseapp"))
                .service(ServiceId.parse("SERVICE:FI/GOV/1234567-8/registry/getPersonDetails/v1"))
                .id("4894e35d-bf0f-44a6-867a-8e51f1daa7e0")
                .userId("FI010101-123N")
                .issue("case-2026-0042")
                .protocolVersion("4.0")
                .build();
        body = SoapBody.of(SoapEnvelopeBenchmark::writeBody);
        writer = SoapEnvelopeWriter.create();
        reader = SoapEnvelopeReader.create();
        inputs = SafeXml.inputFactory();
        outputs = SafeXml.outputFactory();
        message = writer.toBytes(header, body);
        byte[] bare = writeBareStax();
        if (!java.util.Arrays.equals(message, bare)) {
            throw new IllegalStateException("the baseline must write the same document:\n"
                    + new String(message, java.nio.charset.StandardCharsets.UTF_8) + "\n"
                    + new String(bare, java.nio.charset.StandardCharsets.UTF_8));
        }
        int bodyLength = ((SoapMessage) reader.read(message, SoapEnvelopeWriter.TEXT_XML_UTF8)).bodyBytes().length;
        if (bodyLength < 1000 || bodyLength > 1100) {
            throw new IllegalStateException("the body should be about 1 KiB, is " + bodyLength);
        }
    }

    /** About 1 KiB of body: a wrapper with 12 person records. */
    static void writeBody(XMLStreamWriter w) throws XMLStreamException {
        w.writeStartElement("reg", "getPersonDetails", NS);
        w.writeNamespace("reg", NS);
        for (int i = 0; i < 12; i++) {
            w.writeStartElement("reg", "person", NS);
            w.writeAttribute("seq", Integer.toString(i));
            w.writeStartElement("name");
            w.writeCharacters("Ann Example " + i);
            w.writeEndElement();
            w.writeStartElement("born");
            w.writeCharacters("1980-01-0" + (i % 9 + 1));
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    @Benchmark
    public byte[] writeEnvelope() {
        return writer.toBytes(header, body);
    }

    @Benchmark
    public byte[] writeBareStax() throws XMLStreamException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        XMLStreamWriter w = outputs.createXMLStreamWriter(out, "UTF-8");
        w.writeStartDocument("UTF-8", "1.0");
        w.writeStartElement("SOAP-ENV", "Envelope", SOAP_ENV);
        w.writeNamespace("SOAP-ENV", SOAP_ENV);
        w.writeNamespace("xrd", XRD);
        w.writeNamespace("id", IDS);
        w.writeStartElement("SOAP-ENV", "Header", SOAP_ENV);
        bareIdentifier(w, "client", "SUBSYSTEM", "FI", "GOV", "0245437-2", "caseapp", null, null);
        bareIdentifier(w, "service", "SERVICE", "FI", "GOV", "1234567-8", "registry", "getPersonDetails", "v1");
        bareText(w, "id", "4894e35d-bf0f-44a6-867a-8e51f1daa7e0");
        bareText(w, "userId", "FI010101-123N");
        bareText(w, "issue", "case-2026-0042");
        bareText(w, "protocolVersion", "4.0");
        w.writeEndElement();
        w.writeStartElement("SOAP-ENV", "Body", SOAP_ENV);
        writeBody(w);
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndDocument();
        w.flush();
        return out.toByteArray();
    }

    private static void bareText(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement("xrd", name, XRD);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static void bareIdentifier(XMLStreamWriter w, String name, String type, String instance, String cls,
                                       String code, String sub, String serviceCode, String version)
            throws XMLStreamException {
        w.writeStartElement("xrd", name, XRD);
        w.writeAttribute("id", IDS, "objectType", type);
        barePart(w, "xRoadInstance", instance);
        barePart(w, "memberClass", cls);
        barePart(w, "memberCode", code);
        barePart(w, "subsystemCode", sub);
        if (serviceCode != null) {
            barePart(w, "serviceCode", serviceCode);
            barePart(w, "serviceVersion", version);
        }
        w.writeEndElement();
    }

    private static void barePart(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement("id", name, IDS);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    @Benchmark
    public void readEnvelope(Blackhole bh) {
        SoapEnvelope env = reader.read(message, SoapEnvelopeWriter.TEXT_XML_UTF8);
        SoapMessage m = (SoapMessage) env;
        bh.consume(m.header().client());
        bh.consume(m.header().service());
        bh.consume(m.header().id());
        bh.consume(m.bodyElementName());
    }

    @Benchmark
    public void readBareStax(Blackhole bh) throws XMLStreamException {
        XMLStreamReader r = inputs.createXMLStreamReader(new ByteArrayInputStream(message));
        int elements = 0;
        while (r.hasNext()) {
            int e = r.next();
            if (e == XMLStreamReader.START_ELEMENT) {
                elements++;
                bh.consume(r.getLocalName());
            } else if (e == XMLStreamReader.CHARACTERS) {
                bh.consume(r.getTextLength());
            }
        }
        r.close();
        bh.consume(elements);
    }
}
