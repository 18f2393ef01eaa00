package io.luotsi.xroad.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.directory.ServiceLookup;
import io.luotsi.xroad.directory.UnknownServiceException;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The opt-in check before sending: XRoadClientBuilder.directory(...).failFastOnUnknownService(true). */
class FailFastTest {

    static final ServiceId KNOWN = ServiceId.parse("EE/GOV/1234/registry/persons");
    static final ServiceId UNKNOWN = ServiceId.parse("EE/GOV/1234/registry/persns");
    static final ServiceLookup LOOKUP = s -> {
        if (!s.equals(KNOWN)) {
            throw new UnknownServiceException(s, UnknownServiceException.Reason.UNKNOWN_SERVICE,
                    List.of(KNOWN.toShortString()));
        }
    };

    final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void refusesAnUnknownServiceWithoutSendingAnything() {
        try (XRoadClient client = XRoadClient.builder().securityServer(server.url("/").toString())
                .client(ClientId.parse("EE/GOV/5678/app")).directory(LOOKUP).failFastOnUnknownService(true).build()) {
            assertThatThrownBy(() -> client.rest(UNKNOWN).get("/").execute(String.class))
                    .isInstanceOfSatisfying(UnknownServiceException.class, e -> {
                        assertThat(e.code()).isEqualTo("unknown_service");
                        assertThat(e.suggestions()).containsExactly("EE/GOV/1234/registry/persons");
                        assertThat(e.requestMayHaveBeenProcessed()).isFalse();
                        assertThat(e).hasMessageContaining("did you mean EE/GOV/1234/registry/persons");
                    });
            assertThat(server.getRequestCount()).isZero();

            server.enqueue(new MockResponse.Builder().body("ok").build());
            assertThat(client.rest(KNOWN).get("/").execute(String.class).body()).isEqualTo("ok");
            assertThat(server.getRequestCount()).isEqualTo(1);
        }
    }

    @Test
    void aDirectoryAloneDoesNotFailFast() {
        try (XRoadClient client = XRoadClient.builder().securityServer(server.url("/").toString())
                .client(ClientId.parse("EE/GOV/5678/app")).directory(LOOKUP).build()) {
            server.enqueue(new MockResponse.Builder().body("sent").build());
            assertThat(client.rest(UNKNOWN).get("/").execute(String.class).body()).isEqualTo("sent");
        }
    }

    @Test
    void aSiblingClientKeepsTheCheck() {
        try (XRoadClient client = XRoadClient.builder().securityServer(server.url("/").toString())
                .client(ClientId.parse("EE/GOV/5678/app")).directory(LOOKUP).failFastOnUnknownService(true).build();
             XRoadClient sibling = client.toBuilder().client(ClientId.parse("EE/GOV/5678/other")).build()) {
            assertThatThrownBy(() -> sibling.rest(UNKNOWN).get("/").execute(String.class))
                    .isInstanceOf(UnknownServiceException.class);
        }
    }

    @Test
    void failingFastNeedsADirectory() {
        assertThatThrownBy(() -> XRoadClient.builder().securityServer(server.url("/").toString())
                .client(ClientId.parse("EE/GOV/5678/app")).failFastOnUnknownService(true).build())
                .isInstanceOf(IllegalStateException.class);
    }
}
