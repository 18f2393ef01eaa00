package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.rest.RestResponse;
import org.junit.jupiter.api.Test;

/** The usage example of {@link FakeSecurityServer}'s Javadoc, compiled and run. Keep the two identical. */
class FakeSecurityServerExampleTest {

    @Test
    void javadocExampleWorks() {
        ClientId consumer = ClientId.parse("DEV/COM/4321/TestClient");
        ServiceId pets = ServiceId.parse("DEV/COM/1234/TestService/pets");

        try (FakeSecurityServer fake = FakeSecurityServer.builder()
                .instance("DEV")
                .subsystem(consumer, "Test client")
                .service(ServiceRegistration.rest(pets)
                        .allow(consumer, "GET", "/pets/*")
                        .stub("GET", "/pets/1", FakeRestResponse.json("{\"id\":1,\"name\":\"Rex\"}")))
                .start();
             XRoadClient client = fake.clientBuilder(consumer).build()) {

            RestResponse<String> r = client.rest(pets).get("/pets/{id}", 1).execute(String.class);
            // r.body() is {"id":1,"name":"Rex"}; r.xroad().requestHash() is the X-Road receipt

            RecordedExchange call = fake.recordings().single(pets);
            // call.providerRequest() shows what the provider received: X-Road-Client, X-Road-Id, X-Road-Request-Id...

            assertThat(r.body()).isEqualTo("{\"id\":1,\"name\":\"Rex\"}");
            assertThat(r.xroad().requestHash()).isPresent();
            assertThat(call.providerRequest().orElseThrow().header("X-Road-Client")).hasValue("DEV/COM/4321/TestClient");
        }
    }
}
