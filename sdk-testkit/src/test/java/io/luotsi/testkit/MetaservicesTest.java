package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.metaservice.Endpoint;
import io.luotsi.xroad.metaservice.ListedClient;
import io.luotsi.xroad.metaservice.OpenApiDocument;
import io.luotsi.xroad.metaservice.ServiceDescription;
import io.luotsi.xroad.metaservice.ServiceType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * listClients and the REST metaservices answered by the fake itself, through the SDK's {@code MetaserviceClient}
 * and byte for byte as X-Road writes them ({@code MetadataClientRequestProcessor},
 * {@code RestMetadataServiceHandlerImpl}, {@code Openapi3Anonymiser} and their tests).
 */
class MetaservicesTest {

    static final ClientId CONSUMER = ClientId.parse("DEV/COM/4321/TestClient");
    static final ClientId OTHER = ClientId.parse("DEV/COM/4321/OtherClient");
    static final ClientId PROVIDER = ClientId.parse("DEV/COM/1234/TestService");
    static final ServiceId PETS = PROVIDER.service("pets");
    static final ServiceId STORE = PROVIDER.service("store");
    static final ServiceId ORDERS = PROVIDER.service("orders");
    static final ServiceId BROKEN = PROVIDER.service("broken");
    static final ServiceId SOAP = ServiceId.parse("DEV/COM/1234/TestService/getState/v1");

    private FakeSecurityServer fake;
    private XRoadClient client;

    static io.luotsi.testkit.OpenApiDocument fixture(String name) throws IOException {
        try (InputStream in = MetaservicesTest.class.getResourceAsStream("/xroad/" + name)) {
            return io.luotsi.testkit.OpenApiDocument.of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @BeforeEach
    void start() throws IOException {
        fake = FakeSecurityServer.builder()
                .member(CONSUMER.member(), "Test Company")
                .subsystem(CONSUMER, "Test client")
                .subsystem(OTHER, "Other client")
                .member(PROVIDER.member(), "Pet Shop Ltd")
                .subsystem(PROVIDER, "Pet service")
                .service(ServiceRegistration.openApi3(PETS).openApi(fixture("petstore.yaml"))
                        .allow(CONSUMER, "GET", "/pets/*")
                        .allow(OTHER)
                        .respond(FakeRestResponse.json("[]")))
                .service(ServiceRegistration.openApi3(STORE).openApi(fixture("petstore.json")
                        .withContentType("application/json; charset=UTF-8"))
                        .allow(OTHER, "GET", "/store/**"))
                .service(ServiceRegistration.rest(ORDERS)
                        .allow(CONSUMER, "POST", "/orders")
                        .allow(CONSUMER, "GET", "/orders/*")
                        .allow(OTHER, "DELETE", "/orders/*"))
                .service(ServiceRegistration.openApi3(BROKEN).openApi(fixture("openapi_incompatible_version.yaml"))
                        .allow(CONSUMER))
                .service(ServiceRegistration.wsdl(SOAP).allow(CONSUMER))
                .start();
        client = fake.clientBuilder(CONSUMER).build();
    }

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    // ------------------------------------------------------------------ listClients

    @Test
    void listClientsListsMembersThenTheirSubsystemsWithNames() {
        List<ListedClient> clients = client.metaservices().listClients();

        assertThat(clients).containsExactly(
                new ListedClient(CONSUMER.member(), "Test Company", null),
                new ListedClient(CONSUMER, "Test Company", "Test client"),
                new ListedClient(OTHER, "Test Company", "Other client"),
                new ListedClient(PROVIDER.member(), "Pet Shop Ltd", null),
                new ListedClient(PROVIDER, "Pet Shop Ltd", "Pet service"),
                new ListedClient(ClientId.parse("DEV/GOV/FAKE"), "FAKE", null));
        assertThat(client.metaservices().listClientsJson()).isEqualTo(clients);
        assertThat(fake.recordings().all()).allSatisfy(e -> assertThat(e.providerRequest()).isEmpty());
    }

    @Test
    void listClientsXmlIsJaxbsFormattedClientList() throws Exception {
        fake.registry().clear();
        fake.registry().subsystem(ClientId.parse("DEV/ENT/CLIENT1/sub"), "Client One Sub");
        fake.registry().member(ClientId.parse("DEV/ENT/CLIENT1"), "Client One & Co");

        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/listClients");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValue("text/xml; charset=UTF-8");
        assertThat(r.bodyAsString()).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <ns2:clientList xmlns:ns1="http://x-road.eu/xsd/identifiers" xmlns:ns2="http://x-road.eu/xsd/xroad.xsd">
                    <ns2:member>
                        <ns2:id ns1:objectType="MEMBER">
                            <ns1:xRoadInstance>DEV</ns1:xRoadInstance>
                            <ns1:memberClass>ENT</ns1:memberClass>
                            <ns1:memberCode>CLIENT1</ns1:memberCode>
                        </ns2:id>
                        <ns2:name>Client One &amp; Co</ns2:name>
                    </ns2:member>
                    <ns2:member>
                        <ns2:id ns1:objectType="SUBSYSTEM">
                            <ns1:xRoadInstance>DEV</ns1:xRoadInstance>
                            <ns1:memberClass>ENT</ns1:memberClass>
                            <ns1:memberCode>CLIENT1</ns1:memberCode>
                            <ns1:subsystemCode>sub</ns1:subsystemCode>
                        </ns2:id>
                        <ns2:name>Client One &amp; Co</ns2:name>
                        <ns2:subsystemName>Client One Sub</ns2:subsystemName>
                    </ns2:member>
                    <ns2:member>
                        <ns2:id ns1:objectType="MEMBER">
                            <ns1:xRoadInstance>DEV</ns1:xRoadInstance>
                            <ns1:memberClass>GOV</ns1:memberClass>
                            <ns1:memberCode>FAKE</ns1:memberCode>
                        </ns2:id>
                        <ns2:name>FAKE</ns2:name>
                    </ns2:member>
                </ns2:clientList>
                """);
    }

    @Test
    void listClientsJsonIsSnakeCaseWithoutNulls() throws Exception {
        fake.registry().clear();
        fake.registry().member(ClientId.parse("DEV/BUSINESS/producer"), "producer-name");
        fake.registry().subsystem(ClientId.parse("DEV/BUSINESS/producer/subsystem"), "subsystem-name");

        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/listClients", "Accept: application/json");

        assertThat(r.header("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(r.bodyAsString()).isEqualTo("{\"member\":["
                + "{\"id\":{\"member_class\":\"BUSINESS\",\"member_code\":\"producer\",\"object_type\":\"MEMBER\","
                + "\"xroad_instance\":\"DEV\"},\"name\":\"producer-name\"},"
                + "{\"id\":{\"member_class\":\"BUSINESS\",\"member_code\":\"producer\",\"object_type\":\"SUBSYSTEM\","
                + "\"subsystem_code\":\"subsystem\",\"xroad_instance\":\"DEV\"},\"name\":\"producer-name\","
                + "\"subsystem_name\":\"subsystem-name\"},"
                + "{\"id\":{\"member_class\":\"GOV\",\"member_code\":\"FAKE\",\"object_type\":\"MEMBER\","
                + "\"xroad_instance\":\"DEV\"},\"name\":\"FAKE\"}]}");
    }

    @ParameterizedTest(name = "Accept: {0} -> JSON {1}")
    @CsvSource(delimiter = '|', value = {
        "application/json|true",
        "text/xml;q=1.0, application/json;q=0.9 , text/*|true",
        "APPLICATION/JSON; charset=utf-8|true",
        "x-this/that;q=1.0;param=value, text/xml, */*|false",
        "application/jsonx|false",
        "text/xml|false"})
    void jsonIsChosenWhenAnyMediaRangeIsApplicationJson(String accept, boolean json) throws Exception {
        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/listClients", "Accept: " + accept);

        assertThat(r.header("Content-Type").orElseThrow()).startsWith(json ? "application/json" : "text/xml");
    }

    @Test
    void jsonIsChosenFromAnyOfSeveralAcceptHeaders() throws Exception {
        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/listClients", "Accept: text/xml;q=1.0",
                "Accept: application/json;q=0.9");

        assertThat(r.header("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    @Test
    void listClientsOfAnotherInstanceListsItsClients() {
        ClientId federated = ClientId.parse("EE/GOV/70000001/registry");
        fake.registry().subsystem(federated, "Estonian registry");

        assertThat(client.metaservices().listClients("EE")).containsExactly(
                new ListedClient(federated.member(), "70000001", null),
                new ListedClient(federated, "70000001", "Estonian registry"));
        assertThat(client.metaservices().listClients()).extracting(ListedClient::id).doesNotContain(federated);
    }

    @Test
    void listClientsOfAnUnknownInstanceIsXRoadsInternalErrorAsASoapFault() throws Exception {
        fake.expectUnmatched();

        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/listClients?xRoadInstance=XX");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValue("text/xml; charset=UTF-8");
        assertThat(r.bodyAsString()).contains("<faultcode>server.clientproxy.internal_error</faultcode>",
                "<faultstring>Shared params for instance identifier XX not found</faultstring>");
        assertThat(fake.recordings().last().unmatched()).isTrue();
    }

    @Test
    void theClientMapsTheListClientsFaultToAnXRoadException() {
        fake.expectUnmatched();

        assertXRoadError(() -> client.metaservices().listClients("XX"), "server.clientproxy.internal_error",
                "Shared params for instance identifier XX not found");
    }

    @Test
    void blankInstanceParameterMeansTheOwnInstance() throws Exception {
        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/listClients?xRoadInstance=");

        assertThat(r.bodyAsString()).contains("<ns1:memberCode>4321</ns1:memberCode>");
    }

    @Test
    void onlyGetOfExactlyListClientsIsListClients() throws Exception {
        fake.expectUnmatched();

        RawHttp.Response post = RawHttp.send(fake.httpUrl(), List.of("POST /listClients HTTP/1.1",
                "Host: localhost", "Content-Type: text/xml"), "<x/>".getBytes(StandardCharsets.UTF_8));
        RawHttp.Response slash = RawHttp.get(fake.httpUrl(), "/listClients/");
        RawHttp.Response encoded = RawHttp.get(fake.httpUrl(), "/list%43lients");

        assertThat(post.bodyAsString()).doesNotContain("clientList");
        assertThat(slash.bodyAsString()).contains("client.invalid_http_method").doesNotContain("clientList");
        assertThat(encoded.bodyAsString()).contains("client.invalid_http_method");
    }

    // ------------------------------------------------------------------ listMethods and allowedMethods

    @Test
    void listMethodsListsEveryRestAndOpenApiServiceWithItsEndpoints() {
        List<ServiceDescription> services = client.metaservices().listMethods(PROVIDER);

        assertThat(services).extracting(ServiceDescription::id).containsExactly(PETS, STORE, ORDERS, BROKEN);
        assertThat(services.get(0).type()).isEqualTo(ServiceType.OPENAPI);
        assertThat(services.get(0).endpoints()).containsExactly(new Endpoint("GET", "/pets"),
                new Endpoint("POST", "/pets"), new Endpoint("GET", "/pets/*"));
        assertThat(services.get(1).endpoints()).contains(new Endpoint("GET", "/pet/*"),
                new Endpoint("POST", "/pet/*/uploadImage"), new Endpoint("GET", "/store/inventory"),
                new Endpoint("GET", "/store/**"));
        assertThat(services.get(2).type()).isEqualTo(ServiceType.REST);
        assertThat(services.get(2).endpoints()).containsExactly(new Endpoint("POST", "/orders"),
                new Endpoint("GET", "/orders/*"), new Endpoint("DELETE", "/orders/*"));
        assertThat(fake.recordings().all()).singleElement().satisfies(e -> {
            assertThat(e.service()).hasValue(PROVIDER.service("listMethods"));
            assertThat(e.providerRequest()).isEmpty();
            assertThat(e.requestHash()).isPresent();
            assertThat(e.response().status()).isEqualTo(200);
        });
    }

    @Test
    void allowedMethodsListsWhatEachCallerMayUse() {
        List<ServiceDescription> consumer = client.metaservices().allowedMethods(PROVIDER);
        List<ServiceDescription> other;
        try (XRoadClient otherClient = fake.clientBuilder(OTHER).build()) {
            other = otherClient.metaservices().allowedMethods(PROVIDER);
        }

        assertThat(consumer).extracting(ServiceDescription::id).containsExactly(PETS, ORDERS, BROKEN);
        assertThat(consumer.get(0).endpoints()).containsExactly(new Endpoint("GET", "/pets/*"));
        assertThat(consumer.get(1).endpoints()).containsExactly(new Endpoint("POST", "/orders"),
                new Endpoint("GET", "/orders/*"));
        assertThat(other).extracting(ServiceDescription::id).containsExactly(PETS, STORE, ORDERS);
        assertThat(other.get(0).endpoints()).hasSize(3);
        assertThat(other.get(1).endpoints()).allSatisfy(e -> {
            assertThat(e.method()).isEqualTo("GET");
            assertThat(e.path()).startsWith("/store/");
        });
        assertThat(other.get(2).endpoints()).containsExactly(new Endpoint("DELETE", "/orders/*"));
    }

    @Test
    void serviceListJsonIsXRoadsSnakeCaseWithAnEndpointList() throws Exception {
        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/r1/DEV/COM/1234/TestService/allowedMethods",
                "X-Road-Client: DEV/COM/4321/TestClient");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValue("application/json");
        assertThat(r.header("X-Road-Service")).hasValue("DEV/COM/1234/TestService/allowedMethods");
        assertThat(r.header("X-Road-Request-Hash")).isPresent();
        assertThat(r.bodyAsString()).startsWith("{\"service\":[{\"member_class\":\"COM\",\"member_code\":\"1234\","
                + "\"object_type\":\"SERVICE\",\"service_code\":\"pets\",\"service_type\":\"OPENAPI\","
                + "\"subsystem_code\":\"TestService\",\"xroad_instance\":\"DEV\","
                + "\"endpoint_list\":[{\"method\":\"GET\",\"path\":\"/pets/*\"}]},");
        assertThat(r.bodyAsString()).contains("\"service_code\":\"broken\",\"service_type\":\"OPENAPI\","
                + "\"subsystem_code\":\"TestService\",\"xroad_instance\":\"DEV\",\"endpoint_list\":[{\"method\":"
                + "\"GET\",\"path\":\"/pets\"}");
    }

    @Test
    void metaservicesNeedARegisteredClientLikeAnyRestCall() throws Exception {
        fake.expectUnmatched();

        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/r1/DEV/COM/1234/TestService/listMethods",
                "X-Road-Client: DEV/COM/9999/Nobody");

        assertThat(r.header("X-Road-Error")).hasValue("server.clientproxy.unknown_member");
    }

    @Test
    void onlyGetIsAMetaserviceOtherMethodsAreUnknownServices() {
        fake.expectUnmatched();

        assertThatThrownBy(() -> client.rest(PROVIDER.service("listMethods")).post("/").execute(String.class))
                .isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.code()).isEqualTo("server.serverproxy.unknown_service");
                    assertThat(e.faultString()).hasValue("Unknown service: SERVICE:DEV/COM/1234/TestService/"
                            + "listMethods");
                });
    }

    @Test
    void metaserviceCodesCannotBeRegistered() {
        for (String code : List.of("listMethods", "allowedMethods", "getOpenAPI", "getWsdl", "listClients")) {
            assertThatThrownBy(() -> ServiceRegistration.rest(PROVIDER.service(code)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        }
    }

    // ------------------------------------------------------------------ getOpenAPI

    @Test
    void getOpenApiRewritesYamlServerUrlsToTheirPathsAsXRoadsTestExpects() {
        OpenApiDocument doc = client.metaservices().getOpenApi(PETS);
        String yaml = doc.text();

        // RestMetadataServiceHandlerTest.shouldOverrideServerUrlsForYaml
        assertThat(yaml).doesNotContain("http://petstore.swagger.io/v1/cats");
        assertThat(count(yaml, "/v1/cats")).isEqualTo(1);
        assertThat(count(yaml, "null")).isEqualTo(2);
        assertThat(yaml).contains("- \"this\"", "- \"should\"", "- \"be\"", "- \"a string\"", "- url: \"\"");
        assertThat(doc.contentType()).isEqualTo("text/plain");
        assertThat(doc.isOpenApi3()).isTrue();
        assertThat(doc.serverUrls()).startsWith("/v1/cats");
        assertThat(fake.recordings().last().providerRequest()).isEmpty();
    }

    @Test
    void getOpenApiRewritesJsonServerUrlsAndKeepsTemplatedOnesAndTheContentType() {
        OpenApiDocument doc = client.metaservices().getOpenApi(STORE);
        String json = doc.text();

        // RestMetadataServiceHandlerTest.shouldOverrideServerUrlsForJson
        assertThat(json).doesNotContain("https://petstore.swagger.io/v2");
        assertThat(json).contains("\"/v2\"", "https://{username}.petstore.swagger.io:{port}/{basePath}");
        assertThat(doc.contentType()).isEqualTo("application/json; charset=UTF-8");
        assertThat(doc.format()).isEqualTo(OpenApiDocument.Format.JSON);
        assertThat(doc.serverUrls()).containsExactly("/v2",
                "https://{username}.petstore.swagger.io:{port}/{basePath}");
    }

    @Test
    void metaservicesNeedNoAccessRight() {
        ClientId stranger = ClientId.parse("DEV/COM/7777/Stranger");
        fake.registry().subsystem(stranger, "No access rights anywhere");

        try (XRoadClient strangerClient = fake.clientBuilder(stranger).build()) {
            assertThat(strangerClient.metaservices().getOpenApi(PETS).isOpenApi3()).isTrue();
            assertThat(strangerClient.metaservices().listMethods(PROVIDER)).hasSize(4);
            assertThat(strangerClient.metaservices().allowedMethods(PROVIDER)).isEmpty();
        }
    }

    @Test
    void incompatibleOpenApiVersionIsInternalError() {
        assertXRoadError(() -> client.metaservices().getOpenApi(BROKEN), "server.serverproxy.internal_error",
                "Incompatible openapi version. Openapi version 3 or greater expected. Given openapi document is of "
                        + "version \"2.5.0\"");
        assertThat(fake.recordings().unmatched()).isEmpty();
    }

    @Test
    void missingServiceCodeIsInvalidRequest() throws Exception {
        fake.expectUnmatched();
        for (String target : List.of("getOpenAPI", "getOpenAPI?serviceCode=", "getOpenAPI?serviceCode",
                "getOpenAPI?servicecode=")) {
            RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/r1/DEV/COM/1234/TestService/" + target,
                    "X-Road-Client: DEV/COM/4321/TestClient");

            assertThat(r.status()).as(target).isEqualTo(500);
            assertThat(r.header("X-Road-Error")).as(target).hasValue("server.serverproxy.invalid_request");
            assertThat(ErrorBody.json(r.body()).message()).isEqualTo("Missing serviceCode in message body");
        }
    }

    @Test
    void serviceCodeParameterIsMatchedIgnoringCaseAndTheLastOneWins() throws Exception {
        RawHttp.Response r = RawHttp.get(fake.httpUrl(),
                "/r1/DEV/COM/1234/TestService/getOpenAPI?SERVICECODE=nosuch;serviceCode=p%65ts",
                "X-Road-Client: DEV/COM/4321/TestClient");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyAsString()).startsWith("---\nopenapi: \"3.0.0\"");
    }

    @Test
    void unknownServiceIsServiceNotFound() {
        fake.expectUnmatched();

        assertXRoadError(() -> client.metaservices().getOpenApi(PROVIDER.service("nosuch")),
                "server.serverproxy.internal_error", "Service not found: SERVICE:DEV/COM/1234/TestService/nosuch");
    }

    @Test
    void restAndWsdlServicesHaveNoOpenApiDescription() {
        fake.expectUnmatched();

        assertXRoadError(() -> client.metaservices().getOpenApi(ORDERS), "server.serverproxy.internal_error",
                "Invalid service type: REST");
        assertXRoadError(() -> client.metaservices().getOpenApi(PROVIDER.service("getState")),
                "server.serverproxy.internal_error", "Invalid service type: WSDL");
    }

    private static void assertXRoadError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(XRoadException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.faultString()).hasValue(message);
        });
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
