package io.luotsi.xroad.metaservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.soap.SoapEnvelopeReader;
import io.luotsi.xroad.soap.SoapMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;
import javax.xml.namespace.QName;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SOAP metaservices over the SOAP client, against the request and response examples of PR-META (Annex C.2-C.7)
 * and X-Road's metaservice fixtures ({@code queries/*.query}, {@code wsdl_response.xml}).
 */
class SoapMetaserviceClientTest {

    static final String XRD = "http://x-road.eu/xsd/xroad.xsd";
    /** PR-META C.2-C.5: the client and provider of the examples. */
    static final ClientId META_CLIENT = ClientId.parse("Inst1/MemberClass1/ClientId");
    static final ClientId META_PROVIDER = ClientId.parse("Inst1/MemberClass1/ProviderId/Subsystem1");
    static final String META_ID = "411d6755661409fed365ad8135f8210be07613da";

    /** PR-META C.3: listMethods response (requestHash folded over lines, as printed there). */
    static final String LIST_METHODS_RESPONSE = """
            <?xml version="1.0" encoding="utf-8"?>
            <SOAP-ENV:Envelope
                    xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"
                    xmlns:xroad="http://x-road.eu/xsd/xroad.xsd"
                    xmlns:id="http://x-road.eu/xsd/identifiers">
                <SOAP-ENV:Header>
                    <xroad:client id:objectType="MEMBER">
                        <id:xRoadInstance>Inst1</id:xRoadInstance>
                        <id:memberClass>MemberClass1</id:memberClass>
                        <id:memberCode>ClientId</id:memberCode>
                    </xroad:client>
                    <xroad:service id:objectType="SERVICE">
                        <id:xRoadInstance>Inst1</id:xRoadInstance>
                        <id:memberClass>MemberClass1</id:memberClass>
                        <id:memberCode>ProviderId</id:memberCode>
                        <id:subsystemCode>Subsystem1</id:subsystemCode>
                        <id:serviceCode>listMethods</id:serviceCode>
                    </xroad:service>
                    <xroad:id>411d6755661409fed365ad8135f8210be07613da</xroad:id>
                    <xroad:protocolVersion>4.0</xroad:protocolVersion>
                    <xroad:requestHash algorithmId="http://www.w3.org/2001/04/xmlenc#sha512">
                        Zvs1uF2GW3zdma1r9K9keOGhNPOjCr3TEZNpxfpRCtsq
                        qy3ljiLorMZ3e5iNZtX6Ek60xtV12Gue8Mme1ryZmQ==
                    </xroad:requestHash>
                </SOAP-ENV:Header>
                <SOAP-ENV:Body>
                    <xroad:listMethodsResponse>
                        <xroad:service id:objectType="SERVICE">
                            <id:xRoadInstance>Inst1</id:xRoadInstance>
                            <id:memberClass>MemberClass1</id:memberClass>
                            <id:memberCode>ProviderId</id:memberCode>
                            <id:subsystemCode>Subsystem1</id:subsystemCode>
                            <id:serviceCode>allowedService</id:serviceCode>
                            <id:serviceVersion>v1</id:serviceVersion>
                        </xroad:service>
                        <xroad:service id:objectType="SERVICE">
                            <id:xRoadInstance>Inst1</id:xRoadInstance>
                            <id:memberClass>MemberClass1</id:memberClass>
                            <id:memberCode>ProviderId</id:memberCode>
                            <id:subsystemCode>Subsystem1</id:subsystemCode>
                            <id:serviceCode>disallowedService</id:serviceCode>
                            <id:serviceVersion>v1</id:serviceVersion>
                        </xroad:service>
                    </xroad:listMethodsResponse>
                </SOAP-ENV:Body>
            </SOAP-ENV:Envelope>
            """;

    /** PR-META C.5: allowedMethods response. */
    static final String ALLOWED_METHODS_RESPONSE = LIST_METHODS_RESPONSE
            .replace("<id:serviceCode>listMethods</id:serviceCode>", "<id:serviceCode>allowedMethods</id:serviceCode>")
            .replace("listMethodsResponse>", "allowedMethodsResponse>")
            .replaceAll("(?s)<xroad:service id:objectType=\"SERVICE\">\\s*<id:xRoadInstance>Inst1</id:xRoadInstance>"
                    + "\\s*<id:memberClass>MemberClass1</id:memberClass>\\s*<id:memberCode>ProviderId</id:memberCode>"
                    + "\\s*<id:subsystemCode>Subsystem1</id:subsystemCode>\\s*<id:serviceCode>disallowedService"
                    + "</id:serviceCode>.*?</xroad:service>", "");

    final MockWebServer server = new MockWebServer();
    final LinkedBlockingQueue<SoapMessage> requests = new LinkedBlockingQueue<>();
    XRoadClient client;

    void start(ClientId as, UnaryOperator<SoapMessage> check, String contentType, UnaryOperator<String> answer)
            throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                SoapMessage m = (SoapMessage) SoapEnvelopeReader.create().read(r.getBody().toByteArray(),
                        r.getHeaders().get("Content-Type"));
                requests.add(check.apply(m));
                // The examples' message id replaced by this request's: the client checks the echo.
                String body = answer.apply(m.header().id());
                return new MockResponse.Builder().addHeader("Content-Type", contentType).body(body).build();
            }
        });
        server.start();
        client = XRoadClient.builder().securityServer(server.url("/").toString()).client(as).build();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    static String fixture(String name) {
        return new String(WsdlDocumentTest.resource(name), StandardCharsets.UTF_8);
    }

    static SoapMessage corpusQuery(String name) {
        return (SoapMessage) SoapEnvelopeReader.create().read(WsdlDocumentTest.resource("queries/" + name),
                "text/xml; charset=UTF-8");
    }

    @Test
    void listMethodsSendsAnEmptyListMethodsElementAndReadsEveryServiceWithItsVersion() throws Exception {
        start(META_CLIENT, m -> m, "text/xml; charset=utf-8", id -> LIST_METHODS_RESPONSE.replace(META_ID, id));

        List<ServiceDescription> services = client.metaservices().soap().listMethods(META_PROVIDER);

        assertThat(services).extracting(ServiceDescription::id).containsExactly(
                META_PROVIDER.service("allowedService").withVersion("v1"),
                META_PROVIDER.service("disallowedService").withVersion("v1"));
        assertThat(services).allSatisfy(s -> {
            assertThat(s.type()).isEqualTo(ServiceType.WSDL);
            assertThat(s.endpoints()).isEmpty();
        });
        SoapMessage sent = requests.take();
        assertThat(sent.header().service()).isEqualTo(META_PROVIDER.service("listMethods"));
        assertThat(sent.header().client()).isEqualTo(META_CLIENT);
        assertThat(sent.bodyElementName()).isEqualTo(new QName(XRD, "listMethods"));
        assertThat(sent.bodyStandaloneXml()).isEqualTo("<xrd:listMethods xmlns:xrd=\"" + XRD + "\"/>");
    }

    @Test
    void allowedMethodsAsksTheAllowedMethodsServiceAndReadsOnlyWhatItLists() throws Exception {
        start(META_CLIENT, m -> m, "text/xml; charset=utf-8", id -> ALLOWED_METHODS_RESPONSE.replace(META_ID, id));

        List<ServiceDescription> services = client.metaservices().soap().allowedMethods(META_PROVIDER);

        assertThat(services).extracting(ServiceDescription::id)
                .containsExactly(META_PROVIDER.service("allowedService").withVersion("v1"));
        SoapMessage sent = requests.take();
        assertThat(sent.header().service().serviceCode()).isEqualTo("allowedMethods");
        assertThat(sent.bodyElementName()).isEqualTo(new QName(XRD, "allowedMethods"));
    }

    @Test
    void requestsHaveTheHeaderAndBodyElementOfXRoadsOwnMetaserviceQueries() throws Exception {
        ClientId consumer = ClientId.parse("EE/BUSINESS/consumer");
        start(consumer, m -> m, "text/xml", id -> "not answered");
        for (String code : List.of("listMethods", "allowedMethods", "getWsdl")) {
            SoapMessage corpus = corpusQuery(code + ".query");
            ServiceId service = corpus.header().service();
            try {
                switch (code) {
                    case "listMethods" -> client.metaservices().soap().listMethods(service.provider());
                    case "allowedMethods" -> client.metaservices().soap().allowedMethods(service.provider());
                    default -> client.metaservices().soap().getWsdl(service.provider().service("getRandom"));
                }
            } catch (RuntimeException expected) {
                // the answer is not SOAP; only the request matters here
            }
            SoapMessage sent = requests.take();
            assertThat(sent.header().service().provider()).isEqualTo(service.provider());
            assertThat(sent.header().service().serviceCode()).isEqualTo(code);
            assertThat(sent.header().client()).isEqualTo(corpus.header().client());
            assertThat(sent.header().protocolVersion()).isEqualTo(corpus.header().protocolVersion());
            assertThat(sent.bodyElementName().getLocalPart()).isEqualTo(corpus.bodyElementName().getLocalPart());
        }
        // getWsdl.query: <xroad:getWsdl><xroad:serviceCode>getRandom</xroad:serviceCode></xroad:getWsdl>
        assertThat(corpusQuery("getWsdl.query").bodyElementName()).isEqualTo(new QName(XRD, "getWsdl"));
    }

    @Test
    void getWsdlReadsTheWsdlPartOfXRoadsMultipartAnswer() throws Exception {
        ClientId consumer = ClientId.parse("EE/BUSINESS/consumer");
        String corpus = fixture("wsdl_response.xml");
        start(consumer, m -> m, "multipart/related; type=\"text/xml\"; charset=UTF-8; "
                + "boundary=xroadZTLLyIMMYnAYliBumWCqHJYAhutxNf",
                id -> corpus.replace("34ee3697-f9c6-43c9-9f2b-ef939058ea09", id));
        ServiceId getRandom = ClientId.parse("EE/BUSINESS/producer").service("getRandom");

        WsdlDocument wsdl = client.metaservices().soap().getWsdl(getRandom);

        assertThat(wsdl.service()).isEqualTo(getRandom);
        assertThat(wsdl.contentType()).isEqualTo("text/xml");
        String part = corpus.substring(corpus.indexOf("<?xml", corpus.indexOf("content-type:text/xml\n\n")),
                corpus.lastIndexOf("\n--xroadZTLL"));
        assertThat(wsdl.text()).isEqualTo(part);
        assertThat(wsdl.operations()).containsExactly(new WsdlDocument.Operation("getRandom", "v1"),
                new WsdlDocument.Operation("helloService", "v1"));
        assertThat(wsdl.soapAddresses()).containsExactly("https://172.28.128.2:8084/mocktestServiceBinding");

        SoapMessage sent = requests.take();
        assertThat(sent.header().service()).isEqualTo(getRandom.provider().service("getWsdl"));
        assertThat(sent.bodyStandaloneXml()).isEqualTo("<xrd:getWsdl xmlns:xrd=\"" + XRD + "\">"
                + "<xrd:serviceCode>getRandom</xrd:serviceCode></xrd:getWsdl>");
    }

    @Test
    void getWsdlAsksForTheServicesVersion() throws Exception {
        ClientId consumer = ClientId.parse("EE/BUSINESS/consumer");
        String corpus = fixture("wsdl_response.xml");
        start(consumer, m -> m, "multipart/related; boundary=xroadZTLLyIMMYnAYliBumWCqHJYAhutxNf",
                id -> corpus.replace("34ee3697-f9c6-43c9-9f2b-ef939058ea09", id));

        client.metaservices().soap().getWsdl(ClientId.parse("EE/BUSINESS/producer").service("getRandom")
                .withVersion("v1"));

        assertThat(requests.take().bodyStandaloneXml()).isEqualTo("<xrd:getWsdl xmlns:xrd=\"" + XRD + "\">"
                + "<xrd:serviceCode>getRandom</xrd:serviceCode><xrd:serviceVersion>v1</xrd:serviceVersion>"
                + "</xrd:getWsdl>");
    }

    @Test
    void getWsdlWithoutAWsdlPartOrForAnotherServiceIsAProtocolError() throws Exception {
        ClientId consumer = ClientId.parse("EE/BUSINESS/consumer");
        String corpus = fixture("wsdl_response.xml");
        String soapPartOnly = corpus.substring(corpus.indexOf("<?xml"), corpus.indexOf("\n\n--xroadZTLL"));
        start(consumer, m -> m, "text/xml; charset=UTF-8",
                id -> soapPartOnly.replace("34ee3697-f9c6-43c9-9f2b-ef939058ea09", id));
        ClientId producer = ClientId.parse("EE/BUSINESS/producer");

        assertThatThrownBy(() -> client.metaservices().soap().getWsdl(producer.service("getRandom")))
                .isInstanceOfSatisfying(XRoadProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_message"));
        assertThatThrownBy(() -> client.metaservices().soap().getWsdl(producer.service("helloService")))
                .isInstanceOfSatisfying(XRoadProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo("inconsistent_response"));
    }

    @Test
    void aSecurityServerFaultIsAnXRoadException() throws Exception {
        start(META_CLIENT, m -> m, "text/xml; charset=UTF-8", id -> """
                <?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope \
                xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault>\
                <faultcode>server.clientproxy.unknown_member</faultcode><faultstring>Could not find addresses for \
                service provider</faultstring><faultactor></faultactor><detail><faultDetail xmlns="">\
                f31e7451-f0ac-48f6-9f05-1f0459e48eea</faultDetail></detail></SOAP-ENV:Fault></SOAP-ENV:Body>\
                </SOAP-ENV:Envelope>""");

        assertThatThrownBy(() -> client.metaservices().soap().listMethods(META_PROVIDER))
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo("server.clientproxy.unknown_member"));
    }

    @Test
    void aListingOfSomethingOtherThanServicesIsRefused() throws Exception {
        int body = LIST_METHODS_RESPONSE.indexOf("<xroad:listMethodsResponse>");
        String members = LIST_METHODS_RESPONSE.substring(0, body) + LIST_METHODS_RESPONSE.substring(body)
                .replace("id:objectType=\"SERVICE\"", "id:objectType=\"MEMBER\"");
        start(META_CLIENT, m -> m, "text/xml", id -> members.replace(META_ID, id));

        assertThatThrownBy(() -> client.metaservices().soap().listMethods(META_PROVIDER))
                .isInstanceOf(XRoadProtocolException.class);
    }
}
