package io.luotsi.xroad.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ErrorOrigin;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestSmokeTest {

    record Person(String id, String name) {
    }

    MockWebServer server = new MockWebServer();
    XRoadClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = XRoadClient.builder()
                .securityServer(server.url("/").toString())
                .client(ClientId.parse("EE/BUSINESS/consumer/sub%2Fsystem".replace("%2F", "-")))
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void getsTypedBodyAndMetadata() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .addHeader("Content-Type", "application/json")
                .addHeader("X-Road-Id", "m-1").addHeader("X-Road-Request-Id", "r-1")
                .addHeader("X-Road-Request-Hash", "aGFzaA==")
                .addHeader("X-Road-Service", "EE/BUSINESS/producer/s%2Fub/%C3%B6%C3%A4%C3%A5")
                .body("{\"id\":\"1\",\"name\":\"Ann\"}").build());
        ServiceId svc = ServiceId.parseEncoded("EE/BUSINESS/producer/s%2Fub/%C3%B6%C3%A4%C3%A5");
        RestResponse<Person> r = client.rest(svc).get("/persons/{id}", "a/b").userId("EE123").execute(Person.class);
        assertThat(r.body()).isEqualTo(new Person("1", "Ann"));
        assertThat(r.xroad().requestId()).contains("r-1");
        assertThat(r.xroad().service()).contains(svc);
        RecordedRequest rec = server.takeRequest();
        assertThat(rec.getTarget()).isEqualTo("/r1/EE/BUSINESS/producer/s%2Fub/%C3%B6%C3%A4%C3%A5/persons/a%2Fb");
        assertThat(rec.getHeaders().get("X-Road-Client")).isEqualTo("EE/BUSINESS/consumer/sub-system");
        assertThat(rec.getHeaders().get("X-Road-UserId")).isEqualTo("EE123");
    }

    @Test
    void mapsXRoadErrorInOldCasing() {
        server.enqueue(new MockResponse.Builder().code(500)
                .addHeader("X-Road-Error", "Server.ServerProxy.AccessDenied")
                .addHeader("Content-Type", "application/json")
                .body("{\"type\":\"Server.ServerProxy.AccessDenied\",\"message\":\"no\",\"detail\":\"d-1\"}").build());
        ServiceId svc = ServiceId.parse("EE/BUSINESS/producer/sub/getX");
        assertThatThrownBy(() -> client.rest(svc).get("/").execute(String.class))
                .isInstanceOfSatisfying(XRoadException.class, e -> {
                    assertThat(e.code()).isEqualTo("server.serverproxy.access_denied");
                    assertThat(e.origin()).isEqualTo(ErrorOrigin.PROVIDER_SECURITY_SERVER);
                    assertThat(e.detail()).contains("d-1");
                    assertThat(e.retryable()).isFalse();
                });
    }
}
