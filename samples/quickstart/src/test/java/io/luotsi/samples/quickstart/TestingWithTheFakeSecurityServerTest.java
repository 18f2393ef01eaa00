package io.luotsi.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.testkit.FakeRestResponse;
import io.luotsi.testkit.FakeSecurityServer;
import io.luotsi.testkit.FakeSecurityServerExtension;
import io.luotsi.testkit.RecordedExchange;
import io.luotsi.testkit.ServiceRegistration;
import io.luotsi.testkit.XRoadTest;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The examples of docs/how-to/test-with-the-fake-security-server.md, compiled and run. */
class TestingWithTheFakeSecurityServerTest {

    static final ClientId CASE_APP = ClientId.parse("FI/GOV/1234567-8/caseapp");
    static final ServiceId PERSONS = ServiceId.parse("FI/GOV/0245437-2/registry/persons");

    // snippet:extension
    @Nested
    class Programmatic {

        @RegisterExtension
        final FakeSecurityServerExtension securityServer = FakeSecurityServerExtension.builder()
                .instance("FI")
                .configure(fake -> fake
                        .subsystem(CASE_APP, "Case management")
                        .service(ServiceRegistration.rest(PERSONS)
                                .allow(CASE_APP, "GET", "/persons/*")
                                .handler(request -> request.path().equals("/persons/1")
                                        ? FakeRestResponse.json("{\"id\":\"1\",\"name\":\"Aino Virtanen\"}")
                                        : FakeRestResponse.json(404, "{\"error\":\"no such person\"}"))))
                .build();

        @Test
        void readsAPerson(FakeSecurityServer fake) {
            try (XRoadClient client = fake.clientBuilder(CASE_APP).build()) {
                Quickstart.Person p = client.rest(PERSONS).get("/persons/{id}", "1")
                        .userId("FI010180-123A").execute(Quickstart.Person.class).body();

                assertThat(p.name()).isEqualTo("Aino Virtanen");
            }
            RecordedExchange call = fake.recordings().single(PERSONS);
            assertThat(call.request().header("X-Road-UserId")).hasValue("FI010180-123A");
        }
    }
    // end:extension

    // snippet:declarative
    @Nested
    @XRoadTest(config = "registry-fake-ss.yaml")
    class Declarative {

        @Test
        void readsAPersonFromAStub(FakeSecurityServer fake) {
            try (XRoadClient client = fake.clientBuilder(CASE_APP).build()) {
                assertThat(client.rest(PERSONS).get("/persons/1").execute(Quickstart.Person.class).body().municipality())
                        .isEqualTo("Helsinki");
            }
        }

        @Test
        void aRefusedCallIsAnXRoadError(FakeSecurityServer fake) {
            fake.expectUnmatched();   // strict by default: say so when a test provokes an X-Road error
            try (XRoadClient client = fake.clientBuilder(CASE_APP).build()) {
                assertThatThrownBy(() -> client.rest(PERSONS).delete("/persons/1").execute())
                        .isInstanceOfSatisfying(XRoadException.class,
                                e -> assertThat(e.code()).isEqualTo("server.serverproxy.access_denied"));
            }
        }
    }
    // end:declarative
}
