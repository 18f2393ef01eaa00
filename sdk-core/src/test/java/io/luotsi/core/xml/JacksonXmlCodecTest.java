package io.luotsi.core.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import io.luotsi.core.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JacksonXmlCodecTest {

    @JacksonXmlRootElement(localName = "getPerson", namespace = "http://example.org/persons")
    public record GetPerson(@JacksonXmlProperty(namespace = "http://example.org/persons") String code,
                            LocalDate born) {
    }

    public record Holder(Object value) {
    }

    private final JacksonXmlCodec codec = JacksonXmlCodec.create();

    @Test
    void writesOneElementWithItsNamespaceAndReadsItBack() {
        byte[] xml = codec.writeBytes(new GetPerson("EE37702211234", LocalDate.of(1977, 2, 21)));
        String text = new String(xml, StandardCharsets.UTF_8);

        assertThat(text).doesNotStartWith("<?xml").contains("getPerson").contains("http://example.org/persons")
                .contains("1977-02-21");
        assertThat(codec.read(xml, GetPerson.class)).isEqualTo(new GetPerson("EE37702211234",
                LocalDate.of(1977, 2, 21)));
    }

    @Test
    void ignoresTheRootNameAndUnknownElements() {
        String xml = "<anything xmlns:p=\"http://example.org/persons\"><p:code>X1</p:code><extra>1</extra></anything>";

        assertThat(codec.read(xml.getBytes(StandardCharsets.UTF_8), GetPerson.class).code()).isEqualTo("X1");
    }

    @Test
    void refusesADoctypeWithInternalEntities() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                + "<r><code>&b;</code></r>";

        assertThatThrownBy(() -> codec.read(bomb.getBytes(StandardCharsets.UTF_8), GetPerson.class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void neverReadsAnExternalEntity(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<r><code>&x;</code></r>";

        assertThatThrownBy(() -> codec.read(xxe.getBytes(StandardCharsets.UTF_8), GetPerson.class))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("TOP-SECRET"));
    }

    @Test
    void usesTheJdkParserAlthoughWoodstoxIsOnTheClasspath() {
        // jackson-dataformat-xml brings Woodstox, which the service loader would pick ...
        assertThat(XMLInputFactory.newFactory().getClass().getName()).startsWith("com.ctc.wstx");
        // ... but the codec's factories are the JDK's own.
        assertThat(codec.mapper().getFactory().getXMLInputFactory().getClass().getName())
                .doesNotStartWith("com.ctc.wstx");
        assertThat(JacksonXmlCodec.hardenedInputFactory(10).getProperty(XMLInputFactory.SUPPORT_DTD))
                .isEqualTo(false);
    }

    @Test
    void refusesADocumentOverTheSizeLimit() {
        JacksonXmlCodec small = JacksonXmlCodec.create(new JacksonXmlCodec.Limits(100, 50));
        String xml = "<r><code>" + "x".repeat(200) + "</code></r>";

        assertThatThrownBy(() -> small.read(xml.getBytes(StandardCharsets.UTF_8), GetPerson.class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("size limit of 100 bytes");
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        JacksonXmlCodec shallow = JacksonXmlCodec.create(new JacksonXmlCodec.Limits(1 << 20, 5));
        String xml = "<a><b><c><d><e><f><g>1</g></f></e></d></c></b></a>";

        assertThatThrownBy(() -> shallow.read(xml.getBytes(StandardCharsets.UTF_8), Holder.class))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void failureMessagesQuoteNoContent() {
        String xml = "<r><born>EE37702211234</born></r>";

        assertThatThrownBy(() -> codec.read(xml.getBytes(StandardCharsets.UTF_8), GetPerson.class))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("GetPerson").hasMessageContaining("born")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("EE37702211234"))
                .satisfies(e -> assertThat(e.getCause()).isNull());
    }

    @Test
    void noClassNameFromTheWireChoosesWhatIsInstantiated() {
        String xml = "<r><value><java.net.URL>http://example.org</java.net.URL></value></r>";

        Object value = codec.read(xml.getBytes(StandardCharsets.UTF_8), Holder.class).value();

        assertThat(value).isInstanceOf(Map.class);
    }

    @Test
    void writesToAStreamWithoutClosingIt() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("closed");
            }
        };
        codec.write(new GetPerson("A", null), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("<code").contains(">A<");
    }
}
