package io.luotsi.xroad.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.metaservice.OpenApiDocument;
import io.luotsi.xroad.metaservice.ServiceDescription;
import io.luotsi.xroad.metaservice.ServiceDocument;
import io.luotsi.xroad.metaservice.ServiceType;
import io.luotsi.xroad.metaservice.SoapMetaservices;
import io.luotsi.xroad.metaservice.WsdlDocument;
import io.luotsi.xroad.testing.FakeConfServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The directory with SOAP metaservices: SOAP services with versions, their WSDLs, and fail-fast by version. */
class DirectorySoapTest {

    static final ClientId PRODUCER = ClientId.parse("EE/BUSINESS/producer");
    static final ServiceId GET_RANDOM_V1 = PRODUCER.service("getRandom").withVersion("v1");
    static final ServiceId HELLO_V1 = PRODUCER.service("helloService").withVersion("v1");
    static final ServiceId LEGACY = PRODUCER.service("legacy");
    static final ClientId REST_PROVIDER = ClientId.parse("EE/BUSINESS/foo/foosubsystem");

    /** A fixed SOAP catalogue that counts its calls. */
    static final class Catalogue implements SoapMetaservices {
        final AtomicInteger listCalls = new AtomicInteger();
        final AtomicInteger wsdlCalls = new AtomicInteger();

        @Override
        public List<ServiceDescription> listMethods(ClientId provider) {
            listCalls.incrementAndGet();
            if (!provider.equals(PRODUCER)) {
                return List.of();
            }
            return List.of(soap(GET_RANDOM_V1), soap(HELLO_V1), soap(LEGACY));
        }

        @Override
        public List<ServiceDescription> allowedMethods(ClientId provider) {
            return provider.equals(PRODUCER) ? List.of(soap(GET_RANDOM_V1)) : List.of();
        }

        @Override
        public WsdlDocument getWsdl(ServiceId service) {
            wsdlCalls.incrementAndGet();
            return new WsdlDocument(service, ("<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\">"
                    + "<binding name=\"b\"><operation name=\"" + service.serviceCode() + "\"/></binding>"
                    + "</definitions>").getBytes(StandardCharsets.UTF_8), "text/xml");
        }

        static ServiceDescription soap(ServiceId id) {
            return new ServiceDescription(id, ServiceType.WSDL, List.of());
        }
    }

    final Catalogue catalogue = new Catalogue();
    final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    Directory build(Directory.Builder b) {
        Directory d = b.refreshInterval(Duration.ZERO).build();
        toClose.add(d);
        return d;
    }

    @Test
    void knowsSoapServicesWithTheirVersionsAndWhatTheClientMayCall() {
        Directory d = build(Directory.builder().soapMetaservices(catalogue).watch(PRODUCER));

        assertThat(d.services(PRODUCER)).extracting(ServiceDescription::id)
                .containsExactly(GET_RANDOM_V1, HELLO_V1, LEGACY);
        assertThat(d.service(GET_RANDOM_V1)).hasValueSatisfying(s -> assertThat(s.type()).isEqualTo(ServiceType.WSDL));
        assertThat(d.service(PRODUCER.service("getRandom"))).as("the version is part of the id").isEmpty();
        assertThat(d.allowedServices(PRODUCER)).extracting(ServiceDescription::id).containsExactly(GET_RANDOM_V1);
        assertThat(d.findServices(ServiceQuery.all().version("v1"))).extracting(ServiceDescription::id)
                .containsExactly(GET_RANDOM_V1, HELLO_V1);
    }

    @Test
    void refusesAnUnpublishedVersionNamingThePublishedOne() {
        Directory d = build(Directory.builder().soapMetaservices(catalogue).watch(PRODUCER));

        d.requireKnown(GET_RANDOM_V1);
        d.requireKnown(LEGACY);
        assertThatThrownBy(() -> d.requireKnown(PRODUCER.service("getRandom").withVersion("v2")))
                .isInstanceOfSatisfying(UnknownServiceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UnknownServiceException.Reason.UNKNOWN_SERVICE);
                    assertThat(e.suggestions()).first().isEqualTo(GET_RANDOM_V1.toShortString());
                    assertThat(e).hasMessageContaining("publishes no service getRandom v2");
                });
        assertThatThrownBy(() -> d.requireKnown(PRODUCER.service("getRandom")))
                .isInstanceOfSatisfying(UnknownServiceException.class,
                        e -> assertThat(e.suggestions()).contains(GET_RANDOM_V1.toShortString()));
        assertThatThrownBy(() -> d.requireKnown(PRODUCER.service("helloServce").withVersion("v1")))
                .isInstanceOfSatisfying(UnknownServiceException.class,
                        e -> assertThat(e.suggestions()).containsExactly(HELLO_V1.toShortString()));
        // The metaservices are never unknown.
        d.requireKnown(PRODUCER.service("getWsdl"));
    }

    @Test
    void givesTheWsdlOfASoapServiceAndCachesIt() {
        Directory d = build(Directory.builder().soapMetaservices(catalogue));

        ServiceDocument doc = d.document(GET_RANDOM_V1).orElseThrow();

        assertThat(doc).isInstanceOfSatisfying(WsdlDocument.class, w -> {
            assertThat(w.service()).isEqualTo(GET_RANDOM_V1);
            assertThat(w.operationNames()).containsExactly("getRandom");
        });
        assertThat(d.document(GET_RANDOM_V1).orElseThrow()).isSameAs(doc);
        assertThat(d.wsdl(GET_RANDOM_V1)).isSameAs(doc);
        assertThat(catalogue.wsdlCalls).hasValue(1);
        assertThat(catalogue.listCalls).as("the provider's list was loaded once to learn the type").hasValue(1);
    }

    @Test
    void aDocumentOfAnUnlistedServiceIsUnknown() {
        Directory d = build(Directory.builder().soapMetaservices(catalogue));

        assertThatThrownBy(() -> d.document(PRODUCER.service("getRandom").withVersion("v9")))
                .isInstanceOfSatisfying(UnknownServiceException.class,
                        e -> assertThat(e.suggestions()).first().isEqualTo(GET_RANDOM_V1.toShortString()));
        assertThat(catalogue.wsdlCalls).hasValue(0);
    }

    @Test
    void choosesOpenApiOrNothingForRestServicesByTheirType() throws Exception {
        try (FakeConfServer ss = new FakeConfServer();
             XRoadClient client = XRoadClient.builder().securityServer(ss.url("/"))
                     .client(ClientId.parse("EE/BUSINESS/consumer/app")).build()) {
            ss.serve("/r1/EE/BUSINESS/foo/foosubsystem/listMethods", 200, "application/json",
                    DirectoryTest.SERVICES.getBytes(StandardCharsets.UTF_8));
            ss.serve("/r1/EE/BUSINESS/foo/foosubsystem/getOpenAPI?serviceCode=persons", 200, "text/yaml",
                    "openapi: 3.0.0\n".getBytes(StandardCharsets.UTF_8));
            Directory d = build(Directory.builder().metaservices(client.metaservices()).soapMetaservices(catalogue));

            assertThat(d.document(REST_PROVIDER.service("persons"))).hasValueSatisfying(doc ->
                    assertThat(doc).isInstanceOfSatisfying(OpenApiDocument.class,
                            o -> assertThat(o.openApiVersion()).hasValue("3.0.0")));
            assertThat(d.document(REST_PROVIDER.service("companies"))).as("REST without a description").isEmpty();
            assertThat(d.services(REST_PROVIDER)).extracting(ServiceDescription::type)
                    .containsExactly(ServiceType.OPENAPI, ServiceType.REST);
        }
    }

    @Test
    void aMembersServicesComeFromTheSoapMetaservicesOnlyAsRestServicesBelongToSubsystems() throws Exception {
        try (FakeConfServer ss = new FakeConfServer();
             XRoadClient client = XRoadClient.builder().securityServer(ss.url("/"))
                     .client(ClientId.parse("EE/BUSINESS/consumer/app")).build()) {
            Directory d = build(Directory.builder().metaservices(client.metaservices()).soapMetaservices(catalogue));

            assertThat(d.services(PRODUCER)).extracting(ServiceDescription::id)
                    .containsExactly(GET_RANDOM_V1, HELLO_V1, LEGACY);
            assertThat(d.allowedServices(PRODUCER)).extracting(ServiceDescription::id).containsExactly(GET_RANDOM_V1);
            assertThat(ss.targets()).as("no REST listMethods for a member").isEmpty();
        }
    }

    @Test
    void aWsdlNeedsSoapMetaservices() {
        try (FakeConfServer ss = new FakeConfServer();
             XRoadClient client = XRoadClient.builder().securityServer(ss.url("/"))
                     .client(ClientId.parse("EE/BUSINESS/consumer/app")).build()) {
            Directory d = build(Directory.builder().metaservices(client.metaservices()));
            assertThatThrownBy(() -> d.wsdl(GET_RANDOM_V1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("soapMetaservices");
        }
    }
}
