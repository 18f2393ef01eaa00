package io.luotsi.xroad.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeXmlTest {

    private static XMLStreamReader reader(String xml) {
        return SafeXml.reader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), -1);
    }

    private static String readAllText(XMLStreamReader r) throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        while (r.hasNext()) {
            int e = r.next();
            if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA) {
                sb.append(r.getText());
            }
        }
        return sb.toString();
    }

    @Test
    void usesTheJdkStaxImplementationEvenWhenWoodstoxIsOnTheClasspath() {
        // woodstox-core is a test dependency of this module: the service loader would pick it.
        assertThat(XMLInputFactory.newFactory().getClass().getName()).startsWith("com.ctc.wstx");
        assertThat(XMLOutputFactory.newFactory().getClass().getName()).startsWith("com.ctc.wstx");

        assertThat(SafeXml.inputFactory().getClass().getName()).startsWith("com.sun.xml.internal.stream");
        assertThat(SafeXml.outputFactory().getClass().getName()).startsWith("com.sun.xml.internal.stream");
        assertThat(SafeXml.newInputFactory(10).getClass().getName()).startsWith("com.sun.xml.internal.stream");
    }

    @Test
    void refusesDoctype() {
        XMLStreamReader r = reader("<!DOCTYPE a><a>x</a>");
        assertThatThrownBy(() -> readAllText(r)).isInstanceOf(XMLStreamException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void refusesExternalEntitiesWithoutReadingThem(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY ext SYSTEM \"" + secret.toUri() + "\">]>"
                + "<a>&ext;</a>";
        XMLStreamReader r = reader(xml);
        assertThatThrownBy(() -> readAllText(r)).isInstanceOf(XMLStreamException.class)
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void refusesAnUndeclaredEntityReference() {
        XMLStreamReader r = reader("<a>&ext;</a>");
        assertThatThrownBy(() -> readAllText(r)).isInstanceOf(XMLStreamException.class)
                .hasMessageContaining("ext");
    }

    @Test
    void refusesBillionLaughsWithoutExpandingThem() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        String prev = "lol";
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append('&').append(prev).append(';');
            }
            dtd.append("\">");
            prev = "lol" + i;
        }
        dtd.append("]>");
        XMLStreamReader r = reader("<?xml version=\"1.0\"?>" + dtd + "<lolz>&lol9;</lolz>");
        assertThatThrownBy(() -> readAllText(r)).isInstanceOf(XMLStreamException.class);
    }

    @Test
    void refusesElementsNestedDeeperThanTheLimit() throws Exception {
        XMLInputFactory f = SafeXml.newInputFactory(5);
        XMLStreamReader ok = f.createXMLStreamReader(new StringReader("<a><a><a><a><a/></a></a></a></a>"));
        assertThat(readAllText(ok)).isEmpty();

        XMLStreamReader deep = f.createXMLStreamReader(new StringReader("<a><a><a><a><a><a/></a></a></a></a></a>"));
        assertThatThrownBy(() -> readAllText(deep)).isInstanceOf(XMLStreamException.class)
                .hasMessageContaining("maxElementDepth");
    }

    @Test
    void defaultReaderRefusesAbsurdNesting() {
        String xml = "<a>".repeat(SafeXml.DEFAULT_MAX_DEPTH * 2 + 1) + "</a>".repeat(SafeXml.DEFAULT_MAX_DEPTH * 2 + 1);
        XMLStreamReader r = reader(xml);
        assertThatThrownBy(() -> readAllText(r)).isInstanceOf(XMLStreamException.class);
    }

    @Test
    void refusesInputOverTheSizeLimit() {
        XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(
                ("<a>" + "x".repeat(100_000) + "</a>").getBytes(StandardCharsets.UTF_8)), 1000);
        // The JDK parser keeps only the message of the I/O failure.
        assertThatThrownBy(() -> readAllText(r)).isInstanceOf(XMLStreamException.class)
                .hasMessageContaining("exceeds the size limit of 1000 bytes");
    }

    @Test
    void rejectsANonPositiveDepthLimit() {
        assertThatThrownBy(() -> SafeXml.newInputFactory(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
