package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.IdentifierXml;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.directory.Directory;
import io.luotsi.xroad.directory.GlobalConfSource;
import io.luotsi.xroad.directory.UnknownServiceException;
import io.luotsi.xroad.globalconf.GlobalConfDownloader;
import io.luotsi.xroad.metaservice.ServiceDescription;
import io.luotsi.xroad.metaservice.ServiceDocument;
import io.luotsi.xroad.metaservice.ServiceType;
import io.luotsi.xroad.metaservice.SoapMetaserviceClient;
import io.luotsi.xroad.metaservice.WsdlDocument;
import io.luotsi.xroad.soap.DecodedSoapMessage;
import io.luotsi.xroad.soap.SoapMessage;
import io.luotsi.xroad.soap.SoapMessageDecoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SOAP metaservices (PR-META listMethods, allowedMethods, getWsdl) through the SDK's
 * {@link SoapMetaserviceClient} against the fake Security Server, which answers them itself as X-Road's provider
 * Security Server does; the directory built on them; and SOAP calls that fail fast, proven by the fake's recordings.
 */
class SoapMetaservicesEndToEndTest {

    static final ClientId CONSUMER = ClientId.parse("EE/BUSINESS/consumer");
    static final ClientId OTHER = ClientId.parse("EE/BUSINESS/other");
    static final ClientId PRODUCER = ClientId.parse("EE/BUSINESS/producer");
    static final ServiceId GET_RANDOM = PRODUCER.service("getRandom").withVersion("v1");
    static final ServiceId HELLO = PRODUCER.service("helloService").withVersion("v1");
    static final ServiceId LEGACY = PRODUCER.service("legacy");
    static final String CORPUS_WSDL = text("/xroad/metaservice/wsdl.wsdl");

    private FakeSecurityServer fake;
    private XRoadClient client;

    static String text(String resource) {
        try (InputStream in = SoapMetaservicesEndToEndTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void start() {
        fake = FakeSecurityServer.builder().instance("EE")
                .member(CONSUMER, "Consumer Ltd")
                .member(OTHER, "Other Ltd")
                .member(PRODUCER, "Producer Ltd")
                .service(ServiceRegistration.wsdl(GET_RANDOM).wsdl(CORPUS_WSDL).allow(CONSUMER)
                        .soapResponse(FakeSoapResponse.body("<data>4</data>")))
                .service(ServiceRegistration.wsdl(HELLO).wsdl(CORPUS_WSDL).allow(OTHER))
                .service(ServiceRegistration.wsdl(LEGACY).allow(CONSUMER).allow(OTHER)
                        .soapResponse(FakeSoapResponse.body("<old/>")))
                .start();
        client = fake.clientBuilder(CONSUMER).build();
    }

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    @Test
    void listMethodsGivesEveryWsdlServiceOfTheProviderWithItsVersion() {
        List<ServiceDescription> services = client.metaservices().soap().listMethods(PRODUCER);

        assertThat(services).extracting(ServiceDescription::id).containsExactly(GET_RANDOM, HELLO, LEGACY);
        assertThat(services).extracting(ServiceDescription::type).containsOnly(ServiceType.WSDL);
        RecordedExchange e = fake.recordings().single(PRODUCER.service("listMethods"));
        assertThat(e.providerRequest()).as("answered by the Security Server itself").isEmpty();
        assertThat(e.client()).contains(CONSUMER);
    }

    @Test
    void theSoapMetaservicesInShort() {
        // snippet:soap-metaservices
        SoapMetaserviceClient soap = client.metaservices().soap();
        List<ServiceDescription> all = soap.listMethods(PRODUCER);      // every SOAP service, with its version
        List<ServiceDescription> mine = soap.allowedMethods(PRODUCER);  // those this client may call
        WsdlDocument wsdl = soap.getWsdl(GET_RANDOM);                   // getRandom v1's WSDL
        List<WsdlDocument.Operation> operations = wsdl.operations();    // name and xrd:version of each
        List<String> endpoints = wsdl.soapAddresses();                  // hidden by the Security Server
        // end:soap-metaservices

        assertThat(all).extracting(ServiceDescription::id).containsExactly(GET_RANDOM, HELLO, LEGACY);
        assertThat(mine).extracting(ServiceDescription::id).containsExactly(GET_RANDOM, LEGACY);
        assertThat(operations).extracting(WsdlDocument.Operation::version).containsExactly("v1", "v1");
        assertThat(endpoints).containsExactly("http://example.org/xroad-endpoint");
    }

    @Test
    void allowedMethodsDependsOnWhoAsks() {
        assertThat(client.metaservices().soap().allowedMethods(PRODUCER)).extracting(ServiceDescription::id)
                .containsExactly(GET_RANDOM, LEGACY);
        try (XRoadClient other = fake.clientBuilder(OTHER).build()) {
            assertThat(other.metaservices().soap().allowedMethods(PRODUCER)).extracting(ServiceDescription::id)
                    .containsExactly(HELLO, LEGACY);
        }
        fake.registry().removeService(LEGACY);
        assertThat(client.metaservices().soap().allowedMethods(PRODUCER)).extracting(ServiceDescription::id)
                .containsExactly(GET_RANDOM);
    }

    @Test
    void getWsdlGivesTheRegisteredWsdlWithItsEndpointHidden() {
        WsdlDocument wsdl = client.metaservices().soap().getWsdl(GET_RANDOM);

        assertThat(wsdl.service()).isEqualTo(GET_RANDOM);
        assertThat(wsdl.contentType()).isEqualTo("text/xml");
        assertThat(wsdl.operations()).containsExactly(new WsdlDocument.Operation("getRandom", "v1"),
                new WsdlDocument.Operation("helloService", "v1"));
        assertThat(wsdl.soapAddresses()).containsExactly("http://example.org/xroad-endpoint");
        assertThat(wsdl.text()).isEqualTo(CORPUS_WSDL.replace("https://172.28.128.2:8084/mocktestServiceBinding",
                "http://example.org/xroad-endpoint"));
        // Access rights do not apply to getWsdl: another client's service is described too.
        assertThat(client.metaservices().soap().getWsdl(HELLO).operationNames()).contains("helloService");
    }

    @Test
    void metaserviceErrorsCarryTheSecurityServersCodes() {
        fake.expectUnmatched();
        SoapMetaserviceClient soap = client.metaservices().soap();

        assertThatThrownBy(() -> soap.getWsdl(LEGACY)).as("registered without a WSDL")
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo("server.serverproxy.unknown_service"));
        assertThatThrownBy(() -> soap.getWsdl(PRODUCER.service("getRandom"))).as("no versionless getRandom")
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo("server.serverproxy.unknown_service"));
        assertThatThrownBy(() -> soap.listMethods(ClientId.parse("EE/BUSINESS/nobody")))
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo("server.clientproxy.unknown_member"));
        try (XRoadClient stranger = fake.clientBuilder(ClientId.parse("EE/BUSINESS/stranger")).build()) {
            assertThatThrownBy(() -> stranger.metaservices().soap().allowedMethods(PRODUCER))
                    .isInstanceOfSatisfying(XRoadException.class,
                            e -> assertThat(e.code()).isEqualTo("server.clientproxy.unknown_member"));
        }
    }

    @Test
    void answersXRoadsOwnMetaserviceQueries() {
        ClientId sub = PRODUCER.withSubsystem("SUB");
        fake.registry().subsystem(sub, "Producer subsystem");
        fake.registry().service(ServiceRegistration.wsdl(sub.service("getState")).allow(CONSUMER).build());
        fake.registry().service(ServiceRegistration.wsdl(PRODUCER.service("getRandom")).wsdl(CORPUS_WSDL)
                .allow(CONSUMER).build());

        // listMethods.query: to EE/BUSINESS/producer/SUB, a body in the producer's own namespace
        List<ServiceId> listed = services(post("listMethods.query"), "listMethodsResponse");
        assertThat(listed).containsExactly(sub.service("getState"));
        // allowedMethods.query: to the member, with a version on the allowedMethods service itself
        assertThat(services(post("allowedMethods.query"), "allowedMethodsResponse"))
                .containsExactly(GET_RANDOM, LEGACY, PRODUCER.service("getRandom"));
        // getWsdl.query: getRandom without a version
        try (DecodedSoapMessage r = decode(post("getWsdl.query"))) {
            assertThat(r.message().bodyElementName().getLocalPart()).isEqualTo("getWsdlResponse");
            assertThat(r.message().bodyXml()).contains("<xrd:serviceCode>getRandom</xrd:serviceCode>");
            assertThat(r.attachments()).singleElement().satisfies(a -> {
                assertThat(a.contentType()).isEqualTo("text/xml");
                assertThat(new String(a.bytes(), StandardCharsets.UTF_8)).contains("http://example.org/xroad-endpoint")
                        .doesNotContain("172.28.128.2");
            });
            assertThat(r.message().header().userId()).hasValue("EE:PIN:abc4567");
        }
    }

    private HttpResponse<byte[]> post(String query) {
        byte[] body = text("/xroad/metaservice/queries/" + query).getBytes(StandardCharsets.UTF_8);
        return SoapFixtures.post(fake.httpUrl(), body, "text/xml; charset=utf-8", "\"\"");
    }

    private static DecodedSoapMessage decode(HttpResponse<byte[]> r) {
        return SoapMessageDecoder.create().decode(new ByteArrayInputStream(r.body()),
                r.headers().firstValue("Content-Type").orElseThrow());
    }

    private static List<ServiceId> services(HttpResponse<byte[]> r, String wrapper) {
        try (DecodedSoapMessage d = decode(r)) {
            SoapMessage m = d.message();
            assertThat(m.bodyElementName().getLocalPart()).isEqualTo(wrapper);
            return m.readBody(x -> {
                List<ServiceId> ids = new ArrayList<>();
                while (x.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    ids.add((ServiceId) IdentifierXml.read(x));
                }
                return ids;
            });
        }
    }

    @Test
    void aDirectoryWithTheSoapMetaservicesRefusesUnknownSoapServicesBeforeSending() {
        // snippet:soap-discovery
        try (GlobalConfDownloader conf = GlobalConfDownloader.builder().anchor(fake.anchor()).build();
             Directory directory = Directory.builder()
                     .globalConf(GlobalConfSource.download(conf))
                     .soapMetaservices(client.metaservices().soap())    // listMethods, allowedMethods, getWsdl
                     .watch(PRODUCER)
                     .build();
             XRoadClient checked = client.toBuilder().directory(directory).failFastOnUnknownService(true).build()) {

            ServiceDocument wsdl = directory.document(GET_RANDOM).orElseThrow();   // the WSDL, by the service's type
            assertThat(((WsdlDocument) wsdl).version("getRandom")).hasValue("v1");

            ServiceId v2 = PRODUCER.service("getRandom").withVersion("v2");      // not published
            assertThatThrownBy(() -> checked.soap(v2).requestXml("<getRandom/>").execute())
                    .isInstanceOf(UnknownServiceException.class)
                    .hasMessageEndingWith("did you mean EE/BUSINESS/producer/getRandom/v1?");
            assertThat(fake.recordings().to(v2)).isEmpty();                      // nothing was sent
        }
        // end:soap-discovery
    }

    @Test
    void failFastNamesCloseMatchesAndLetsKnownServicesThrough() {
        try (GlobalConfDownloader conf = GlobalConfDownloader.builder().anchor(fake.anchor()).build();
             Directory directory = Directory.builder().globalConf(GlobalConfSource.download(conf))
                     .soapMetaservices(client.metaservices().soap()).watch(PRODUCER)
                     .refreshInterval(Duration.ZERO).build();
             XRoadClient checked = client.toBuilder().directory(directory).failFastOnUnknownService(true).build()) {
            int before = fake.recordings().size();

            assertThatThrownBy(() -> checked.soap(PRODUCER.service("getRandm").withVersion("v1"))
                    .requestXml("<getRandm/>").execute())
                    .isInstanceOfSatisfying(UnknownServiceException.class, e -> {
                        assertThat(e.reason()).isEqualTo(UnknownServiceException.Reason.UNKNOWN_SERVICE);
                        assertThat(e.suggestions()).containsExactly(GET_RANDOM.toShortString());
                    });
            assertThatThrownBy(() -> checked.soap(ClientId.parse("EE/BUSINESS/produser").service("getRandom")
                    .withVersion("v1")).requestXml("<getRandom/>").execute())
                    .isInstanceOfSatisfying(UnknownServiceException.class, e -> {
                        assertThat(e.reason()).isEqualTo(UnknownServiceException.Reason.UNKNOWN_MEMBER);
                        assertThat(e.suggestions()).contains("EE/BUSINESS/producer/getRandom/v1");
                    });
            assertThatThrownBy(() -> checked.async().soap(LEGACY.withVersion("v1")).requestXml("<legacy/>")
                    .execute().join()).hasCauseInstanceOf(UnknownServiceException.class);
            assertThat(fake.recordings().size()).isEqualTo(before);

            try (var r = checked.soap(GET_RANDOM).requestXml("<getRandom/>").execute(String.class)) {
                assertThat(r.body()).contains("<data>4</data>");
            }
            try (var r = checked.soap(LEGACY).requestXml("<legacy/>").execute(String.class)) {
                assertThat(r.body()).contains("<old/>");
            }
            assertThat(fake.recordings().size()).isEqualTo(before + 2);
        }
    }

    @Test
    void withoutFailFastAnUnpublishedVersionReachesTheSecurityServer() {
        fake.expectUnmatched();
        ServiceId v2 = PRODUCER.service("getRandom").withVersion("v2");

        assertThatThrownBy(() -> client.soap(v2).requestXml("<getRandom/>").execute())
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo("server.serverproxy.unknown_service"));
        assertThat(fake.recordings().to(v2)).hasSize(1);
    }
}
