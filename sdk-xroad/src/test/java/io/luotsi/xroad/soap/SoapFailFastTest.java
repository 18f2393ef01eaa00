package io.luotsi.xroad.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.directory.ServiceLookup;
import io.luotsi.xroad.directory.UnknownServiceException;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SOAP calls consult the client's service lookup before sending, as REST calls do, version included. */
class SoapFailFastTest {

    static final ClientId PRODUCER = ClientId.parse("EE/BUSINESS/producer");
    static final ServiceId GET_RANDOM_V1 = PRODUCER.service("getRandom").withVersion("v1");
    /** Knows getRandom v1 only. */
    static final ServiceLookup LOOKUP = s -> {
        if (!s.equals(GET_RANDOM_V1)) {
            throw new UnknownServiceException(s, UnknownServiceException.Reason.UNKNOWN_SERVICE,
                    List.of(GET_RANDOM_V1.toShortString()));
        }
    };

    final MockWebServer server = new MockWebServer();
    XRoadClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = XRoadClient.builder().securityServer(server.url("/").toString())
                .client(ClientId.parse("EE/BUSINESS/consumer")).directory(LOOKUP).failFastOnUnknownService(true)
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void refusesAnotherVersionOfAKnownServiceWithoutSendingAnything() {
        ServiceId v2 = PRODUCER.service("getRandom").withVersion("v2");

        assertThatThrownBy(() -> client.soap(v2).requestXml("<getRandom/>").execute())
                .isInstanceOfSatisfying(UnknownServiceException.class, e -> {
                    assertThat(e.service()).isEqualTo(v2);
                    assertThat(e.suggestions()).containsExactly(GET_RANDOM_V1.toShortString());
                    assertThat(e.requestMayHaveBeenProcessed()).isFalse();
                });
        assertThatThrownBy(() -> client.soap(PRODUCER.service("getRandom")).requestXml("<getRandom/>")
                .attach(io.luotsi.xroad.soap.AttachmentSource.ofStream(new ByteArrayInputStream(new byte[10]),
                        "application/octet-stream"))
                .execute(String.class)).isInstanceOf(UnknownServiceException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theAsynchronousTwinFailsItsFutureWithoutSending() {
        var future = client.async().soap(PRODUCER.service("getRandm").withVersion("v1")).requestXml("<getRandm/>")
                .execute(String.class);

        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(UnknownServiceException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aKnownServiceIsSent() {
        server.enqueue(new mockwebserver3.MockResponse.Builder().code(500).body("down").build());

        assertThatThrownBy(() -> client.soap(GET_RANDOM_V1).requestXml("<getRandom/>").execute())
                .isNotInstanceOf(UnknownServiceException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
