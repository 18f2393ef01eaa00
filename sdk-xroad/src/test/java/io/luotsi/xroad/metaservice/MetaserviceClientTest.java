package io.luotsi.xroad.metaservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.core.ProtocolException;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.testing.Fixtures;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetaserviceClientTest {

    static final ClientId PROVIDER = ClientId.parse("INSTANCE/CLASS2/MEMBER2/SUBSYSTEM2");

    /** PR-META Annex C.1, with a member and a V5 subsystem name. */
    static final String CLIENT_LIST_XML = """
            <ns2:clientList xmlns:ns1="http://x-road.eu/xsd/identifiers" xmlns:ns2="http://x-road.eu/xsd/xroad.xsd">
              <ns2:member><ns2:id ns1:objectType="MEMBER"><ns1:xRoadInstance>AA</ns1:xRoadInstance>
                <ns1:memberClass>ENT</ns1:memberClass><ns1:memberCode>CLIENT1</ns1:memberCode></ns2:id>
                <ns2:name>Client One</ns2:name></ns2:member>
              <ns2:member><ns2:id ns1:objectType="SUBSYSTEM"><ns1:xRoadInstance>AA</ns1:xRoadInstance>
                <ns1:memberClass>ENT</ns1:memberClass><ns1:memberCode>CLIENT1</ns1:memberCode>
                <ns1:subsystemCode>sub</ns1:subsystemCode></ns2:id>
                <ns2:name>Client One</ns2:name><ns2:subsystemName>Client One Sub</ns2:subsystemName></ns2:member>
            </ns2:clientList>""";

    /** The exact JSON X-Road's MetadataClientRequestProcessorTest asserts, plus a subsystem name. */
    static final String CLIENT_LIST_JSON = """
            {"member":[
              {"id":{"member_class":"BUSINESS","member_code":"producer","object_type":"MEMBER","xroad_instance":"EE"},
               "name":"producer-name"},
              {"id":{"member_class":"BUSINESS","member_code":"producer","object_type":"SUBSYSTEM",
                     "subsystem_code":"subsystem","xroad_instance":"EE"},
               "name":"producer-name","subsystem_name":"subsystem-name"}]}""";

    /** PR-MREST Annex B: the wire form, service_type REST or OPENAPI, wildcards in endpoints. */
    static final String SERVICES_JSON = """
            {"service":[
              {"member_class":"CLASS2","member_code":"MEMBER2","object_type":"SERVICE","service_code":"payloadgen",
               "service_type":"OPENAPI","subsystem_code":"SUBSYSTEM2","xroad_instance":"INSTANCE",
               "endpoint_list":[{"method":"GET","path":"/pet/*"},{"method":"POST","path":"/pet/*/uploadImage"}]},
              {"member_class":"CLASS2","member_code":"MEMBER2","object_type":"SERVICE","service_code":"plain",
               "service_type":"REST","subsystem_code":"SUBSYSTEM2","xroad_instance":"INSTANCE",
               "endpoint_list":[{"method":"*","path":"**"}]},
              {"member_class":"CLASS2","member_code":"MEMBER2","object_type":"SERVICE","service_code":"noEndpoints",
               "service_type":"REST","subsystem_code":"SUBSYSTEM2","xroad_instance":"INSTANCE"}]}""";

    final MockWebServer server = new MockWebServer();
    XRoadClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = XRoadClient.builder().securityServer(server.url("/").toString())
                .client(ClientId.parse("INSTANCE/CLASS1/MEMBER1/SUBSYSTEM1")).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    void enqueue(int code, String contentType, String body) {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", contentType).body(body).build());
    }

    @Test
    void listsClientsFromXml() throws Exception {
        enqueue(200, "text/xml; charset=UTF-8", CLIENT_LIST_XML);
        assertThat(client.metaservices().listClients()).containsExactly(
                new ListedClient(ClientId.parse("AA/ENT/CLIENT1"), "Client One", null),
                new ListedClient(ClientId.parse("AA/ENT/CLIENT1/sub"), "Client One", "Client One Sub"));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getTarget()).isEqualTo("/listClients");
        assertThat(r.getHeaders().get("X-Road-Client")).as("listClients is not an X-Road message").isNull();
    }

    @Test
    void listsClientsOfAnotherInstanceFromJson() throws Exception {
        enqueue(200, "application/json; charset=utf-8", CLIENT_LIST_JSON);
        assertThat(client.metaservices().listClients("EE")).containsExactly(
                new ListedClient(ClientId.parse("EE/BUSINESS/producer"), "producer-name", null),
                new ListedClient(ClientId.parse("EE/BUSINESS/producer/subsystem"), "producer-name", "subsystem-name"));
        assertThat(server.takeRequest().getTarget()).isEqualTo("/listClients?xRoadInstance=EE");
    }

    @Test
    void asksForJsonWithTheAcceptHeader() throws Exception {
        enqueue(200, "application/json; charset=utf-8", CLIENT_LIST_JSON);
        assertThat(client.metaservices().listClientsJson()).hasSize(2);
        assertThat(server.takeRequest().getHeaders().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void refusesAListEntryWhoseTypeContradictsItsParts() {
        enqueue(200, "application/json", CLIENT_LIST_JSON.replace("\"object_type\":\"MEMBER\"",
                "\"object_type\":\"SUBSYSTEM\""));
        assertThatThrownBy(() -> client.metaservices().listClients()).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("subsystem_code");
        enqueue(200, "text/xml", "<html/>");
        assertThatThrownBy(() -> client.metaservices().listClients()).isInstanceOf(ProtocolException.class);
    }

    @Test
    void listsAProvidersRestServicesWithTheirEndpoints() throws Exception {
        enqueue(200, "application/json", SERVICES_JSON);
        var services = client.metaservices().listMethods(PROVIDER);
        assertThat(services).extracting(ServiceDescription::id).containsExactly(
                PROVIDER.service("payloadgen"), PROVIDER.service("plain"), PROVIDER.service("noEndpoints"));
        assertThat(services).extracting(ServiceDescription::type)
                .containsExactly(ServiceType.OPENAPI, ServiceType.REST, ServiceType.REST);
        ServiceDescription pets = services.get(0);
        assertThat(pets.endpoints()).containsExactly(new Endpoint("GET", "/pet/*"),
                new Endpoint("POST", "/pet/*/uploadImage"));
        assertThat(pets.allows("GET", "/pet/12")).isTrue();
        assertThat(pets.allows("get", "/pet/12?x=1")).isTrue();
        assertThat(pets.allows("GET", "/pet/12/photos")).isFalse();
        assertThat(pets.allows("POST", "/pet/12/uploadImage")).isTrue();
        assertThat(pets.allows("DELETE", "/pet/12")).isFalse();
        assertThat(services.get(1).allows("DELETE", "/any/thing/deep")).isTrue();
        assertThat(services.get(2).endpoints()).isEmpty();

        RecordedRequest r = server.takeRequest();
        assertThat(r.getTarget()).isEqualTo("/r1/INSTANCE/CLASS2/MEMBER2/SUBSYSTEM2/listMethods");
        assertThat(r.getHeaders().get("X-Road-Client")).isEqualTo("INSTANCE/CLASS1/MEMBER1/SUBSYSTEM1");
        assertThat(r.getHeaders().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void allowedMethodsGoesToItsOwnPath() throws Exception {
        enqueue(200, "application/json", "{\"service\":[]}");
        assertThat(client.metaservices().allowedMethods(PROVIDER)).isEmpty();
        assertThat(server.takeRequest().getTarget())
                .isEqualTo("/r1/INSTANCE/CLASS2/MEMBER2/SUBSYSTEM2/allowedMethods");
    }

    @Test
    void mapsTheSecurityServersErrors() {
        server.enqueue(new MockResponse.Builder().code(500).addHeader("X-Road-Error", "Server.ServerProxy.AccessDenied")
                .addHeader("Content-Type", "application/json")
                .body("{\"type\":\"Server.ServerProxy.AccessDenied\",\"message\":\"no\",\"detail\":\"d\"}").build());
        assertThatThrownBy(() -> client.metaservices().allowedMethods(PROVIDER))
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo("server.serverproxy.access_denied"));
    }

    @Test
    void getsTheOpenApiDocumentAsYaml() throws Exception {
        enqueue(200, "text/yaml", new String(Fixtures.bytes("metaservice/petstore.yaml"),
                java.nio.charset.StandardCharsets.UTF_8));
        ServiceId pets = PROVIDER.service("petstore");
        OpenApiDocument doc = client.metaservices().getOpenApi(pets);
        assertThat(doc.service()).isEqualTo(pets);
        assertThat(doc.format()).isEqualTo(OpenApiDocument.Format.YAML);
        assertThat(doc.openApiVersion()).contains("3.0.0");
        assertThat(doc.isOpenApi3()).isTrue();
        // null, empty and array urls are not strings; "" is.
        assertThat(doc.serverUrls()).containsExactly("http://petstore.swagger.io/v1/cats", "");
        assertThat(doc.text()).contains("operationId: listPets");
        assertThat(doc.contentType()).isEqualTo("text/yaml");
        assertThat(server.takeRequest().getTarget())
                .isEqualTo("/r1/INSTANCE/CLASS2/MEMBER2/SUBSYSTEM2/getOpenAPI?serviceCode=petstore");
    }

    @Test
    void getsTheOpenApiDocumentAsJson() {
        enqueue(200, "application/json", new String(Fixtures.bytes("metaservice/petstore.json"),
                java.nio.charset.StandardCharsets.UTF_8));
        OpenApiDocument doc = client.metaservices().getOpenApi(PROVIDER.service("petstore"));
        assertThat(doc.format()).isEqualTo(OpenApiDocument.Format.JSON);
        assertThat(doc.openApiVersion()).contains("3.0.0");
        assertThat(doc.serverUrls()).containsExactly("https://petstore.swagger.io/v2",
                "https://{username}.petstore.swagger.io:{port}/{basePath}");
    }

    @Test
    void tellsAnIncompatibleOpenApiVersion() {
        enqueue(200, "text/plain", new String(Fixtures.bytes("metaservice/openapi_incompatible_version.yaml"),
                java.nio.charset.StandardCharsets.UTF_8));
        OpenApiDocument doc = client.metaservices().getOpenApi(PROVIDER.service("old"));
        assertThat(doc.openApiVersion()).contains("2.5.0");
        assertThat(doc.isOpenApi3()).isFalse();
        assertThat(doc.serverUrls()).containsExactly("http://petstore.swagger.io/v1");
    }

    @Test
    void aSecurityServerRefusingTheIncompatibleVersionIsAnXRoadError() {
        // X-Road answers getOpenAPI of a non-3.x document with internal_error.
        server.enqueue(new MockResponse.Builder().code(500).addHeader("X-Road-Error", "Server.ServerProxy.InternalError")
                .addHeader("Content-Type", "application/json")
                .body("{\"type\":\"Server.ServerProxy.InternalError\",\"message\":\"Incompatible OpenAPI version\"}")
                .build());
        assertThatThrownBy(() -> client.metaservices().getOpenApi(PROVIDER.service("old")))
                .isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).isEqualTo("server.serverproxy.internal_error"));
    }
}
