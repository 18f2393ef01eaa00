package io.luotsi.xroad.metaservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The typed view of a WSDL: X-Road's corpus WSDL, and the variants X-Road's WSDLs come in. */
class WsdlDocumentTest {

    static final ServiceId GET_RANDOM = ClientId.parse("EE/BUSINESS/producer").service("getRandom").withVersion("v1");

    static byte[] resource(String name) {
        try (InputStream in = WsdlDocumentTest.class.getResourceAsStream("/xroad/metaservice/" + name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name, e);
        }
    }

    static WsdlDocument wsdl(String xml) {
        return new WsdlDocument(GET_RANDOM, xml.getBytes(StandardCharsets.UTF_8), "text/xml");
    }

    @Test
    void readsTheOperationsTheirVersionsAndThePortAddressOfTheCorpusWsdl() {
        WsdlDocument doc = new WsdlDocument(GET_RANDOM, resource("wsdl.wsdl"), "text/xml");

        assertThat(doc.type()).isEqualTo(ServiceType.WSDL);
        assertThat(doc.targetNamespace()).hasValue("http://test.x-road.fi/producer");
        assertThat(doc.operations()).containsExactly(new WsdlDocument.Operation("getRandom", "v1"),
                new WsdlDocument.Operation("helloService", "v1"));
        assertThat(doc.operationNames()).containsExactly("getRandom", "helloService");
        assertThat(doc.version("helloService")).hasValue("v1");
        assertThat(doc.version("nothing")).isEmpty();
        assertThat(doc.hasOperation("getRandom")).isTrue();
        assertThat(doc.soapAddresses()).containsExactly("https://172.28.128.2:8084/mocktestServiceBinding");
        assertThat(doc.text()).isEqualTo(new String(resource("wsdl.wsdl"), StandardCharsets.UTF_8));
    }

    @Test
    void readsXrdVersionsSoap12AddressesAndOperationsWithoutAVersion() {
        WsdlDocument doc = wsdl("""
                <definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:x="http://x-road.eu/xsd/xroad.xsd"
                    xmlns:s11="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:s12="http://schemas.xmlsoap.org/wsdl/soap12/"
                    targetNamespace="urn:persons">
                  <portType name="p">
                    <operation name="getPerson"><documentation><x:version>ignored</x:version></documentation></operation>
                    <operation name="listPersons"/>
                  </portType>
                  <binding name="b" type="p">
                    <operation name="getPerson"><x:version> v2 </x:version></operation>
                    <operation name="audit"/>
                  </binding>
                  <service name="s">
                    <port name="a"><s11:address location="http://one.example/"/></port>
                    <port name="b"><s12:address location="http://two.example/"/></port>
                    <port name="c"><address location="http://wsdl-namespace-not-soap/"/></port>
                  </service>
                </definitions>""");

        assertThat(doc.operations()).containsExactly(new WsdlDocument.Operation("getPerson", "v2"),
                new WsdlDocument.Operation("listPersons", null), new WsdlDocument.Operation("audit", null));
        assertThat(doc.soapAddresses()).containsExactly("http://one.example/", "http://two.example/");
    }

    @Test
    void keepsTheBytesOfADocumentThatIsNotWsdlButRefusesTypedAccess() {
        WsdlDocument html = wsdl("<html><body>Service unavailable</body></html>");

        assertThat(html.text()).contains("Service unavailable");
        assertThatThrownBy(html::operations).isInstanceOfSatisfying(XRoadProtocolException.class,
                e -> assertThat(e.code()).isEqualTo("invalid_wsdl"));
        assertThatThrownBy(() -> wsdl("<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\">")
                .soapAddresses()).isInstanceOf(XRoadProtocolException.class);
    }

    @Test
    void refusesADoctypeAndItsEntities() {
        WsdlDocument evil = wsdl("""
                <?xml version="1.0"?>
                <!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <definitions xmlns="http://schemas.xmlsoap.org/wsdl/"><portType name="&x;"/></definitions>""");

        assertThatThrownBy(evil::operationNames).isInstanceOf(XRoadProtocolException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void decodesTheTextInTheCharsetOfItsContentType() {
        byte[] latin1 = "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\" name=\"\u00e4\"/>"
                .getBytes(StandardCharsets.ISO_8859_1);
        WsdlDocument doc = new WsdlDocument(GET_RANDOM, latin1, "text/xml; charset=ISO-8859-1");

        assertThat(doc.text()).contains("name=\"\u00e4\"");
        assertThat(doc.bytes()).isEqualTo(latin1);
        assertThat(doc.contentType()).isEqualTo("text/xml; charset=ISO-8859-1");
    }
}
