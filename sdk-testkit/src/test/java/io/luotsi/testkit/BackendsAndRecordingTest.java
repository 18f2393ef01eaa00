package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.luotsi.core.http.RequestBody;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ProviderErrorException;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.rest.RestResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Java handlers, declarative stubs, the registry at run time, and what the recording keeps. */
class BackendsAndRecordingTest {

    static final ClientId CONSUMER = ClientId.parse("DEV/COM/4321/TestClient");
    static final ServiceId PETS = ServiceId.parse("DEV/COM/1234/TestService/pets");
    static final ServiceId STUBBED = ServiceId.parse("DEV/COM/1234/TestService/stubbed");
    static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

    static final AtomicReference<FakeRestRequest> lastHandled = new AtomicReference<>();
    static FakeSecurityServer fake;
    static XRoadClient client;

    @BeforeAll
    static void start() {
        fake = FakeSecurityServer.builder()
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .subsystem(CONSUMER, "Test client")
                .service(ServiceRegistration.rest(PETS).allow(CONSUMER).handler(request -> {
                    lastHandled.set(request);
                    if (request.path().equals("/boom")) {
                        throw new IllegalStateException("handler exploded");
                    }
                    return FakeRestResponse.status(201).withHeader("X-Handled", "yes")
                            .withJsonBody(Map.of("received", request.bodyAsString()));
                }))
                .service(ServiceRegistration.rest(STUBBED).allow(CONSUMER)
                        .stub("GET", "/pets/1", FakeRestResponse.json("{\"stub\":\"first\"}"))
                        .stub("GET", "/pets/*", FakeRestResponse.json("{\"stub\":\"any pet\"}"))
                        .stub("DELETE", "**", FakeRestResponse.status(204)))
                .start();
        client = fake.clientBuilder(CONSUMER).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        fake.close();
    }

    @AfterEach
    void reset() {
        fake.reset();
        lastHandled.set(null);
    }

    @Test
    void handlerReceivesTheRequestAsTheProviderWould() {
        RestResponse<String> r = client.rest(PETS).post("/pets").query("owner", "ann")
                .body(RequestBody.of("{\"name\":\"Rex\"}".getBytes(StandardCharsets.UTF_8), "application/json"))
                .userId("EE37702211234")
                .execute(String.class);

        FakeRestRequest request = lastHandled.get();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/pets");
        assertThat(request.query()).hasValue("owner=ann");
        assertThat(request.bodyAs(com.fasterxml.jackson.databind.JsonNode.class).get("name").asText())
                .isEqualTo("Rex");
        assertThat(request.client()).isEqualTo(CONSUMER);
        assertThat(request.service()).isEqualTo(PETS);
        assertThat(request.header("X-Road-UserId")).hasValue("EE37702211234");
        assertThat(request.header("X-Road-Client")).hasValue("DEV/COM/4321/TestClient");
        assertThat(request.messageId()).isEqualTo(r.xroad().messageId().orElseThrow());
        assertThat(request.requestId()).isEqualTo(r.xroad().requestId().orElseThrow());
        assertThat(UUID.fromString(request.requestId()).toString()).isEqualTo(request.requestId());
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.headers().value("X-Handled")).hasValue("yes");
        assertThat(r.body()).isEqualTo("{\"received\":\"{\\\"name\\\":\\\"Rex\\\"}\"}");
    }

    @Test
    void handlerSeesNoBodyForAGetAsTheProviderWould() {
        client.rest(PETS).get("/pets").execute(String.class);

        assertThat(lastHandled.get().body()).isEmpty();
        assertThat(lastHandled.get().path()).isEqualTo("/pets");
    }

    @Test
    void failingHandlerIsAProvider500AndAnUnexpectedCallWithItsCause() {
        Throwable thrown = catchThrowable(() -> client.rest(PETS).get("/boom").execute(String.class));

        assertThat(thrown).isInstanceOfSatisfying(ProviderErrorException.class,
                e -> assertThat(e.statusCode()).isEqualTo(500));
        RecordedExchange call = fake.recordings().single();
        assertThat(call.failure()).hasValueSatisfying(f -> assertThat(f).hasMessage("handler exploded"));
        assertThat(call.unmatched()).isTrue();
        assertThatThrownBy(fake::verifyNoUnmatched)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /r1/DEV/COM/1234/TestService/pets/boom")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("handler exploded"));
    }

    @Test
    void stubsAreTriedInOrderAndTheFirstMatchAnswers() {
        assertThat(client.rest(STUBBED).get("/pets/1").execute(String.class).body()).isEqualTo("{\"stub\":\"first\"}");
        assertThat(client.rest(STUBBED).get("/pets/2").execute(String.class).body())
                .isEqualTo("{\"stub\":\"any pet\"}");
        assertThat(client.rest(STUBBED).delete("/anything/at/all").execute().status()).isEqualTo(204);
        fake.verifyNoUnmatched();
    }

    @Test
    void callMatchingNoStubIsAProvider404AndUnexpected() {
        Throwable thrown = catchThrowable(() -> client.rest(STUBBED).get("/pets/1/photos").execute(String.class));

        assertThat(thrown).isInstanceOfSatisfying(ProviderErrorException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.bodyAsString()).contains("No stub of SERVICE:DEV/COM/1234/TestService/stubbed matches GET "
                    + "/pets/1/photos");
        });
        assertThat(fake.recordings().single().unmatchedReason()).hasValueSatisfying(
                reason -> assertThat(reason).startsWith("no stub of"));
    }

    @Test
    void registrationsMadeAfterStartServeTheNextRequestAndResetRemovesThem() {
        ServiceId extra = ServiceId.parse("DEV/COM/5555/Other/extra");
        fake.registry().service(ServiceRegistration.rest(extra).allow(CONSUMER).respond(FakeRestResponse.json("1")));

        assertThat(client.rest(extra).get("/").execute(String.class).body()).isEqualTo("1");
        assertThat(fake.registry().client(extra.provider())).hasValueSatisfying(
                c -> assertThat(c.subsystemName()).isEqualTo("Other"));

        fake.reset();

        Throwable thrown = catchThrowable(() -> client.rest(extra).get("/").execute(String.class));
        assertThat(thrown).isInstanceOfSatisfying(XRoadException.class,
                e -> assertThat(e.code()).isEqualTo("server.clientproxy.unknown_member"));
        assertThat(fake.registry().service(PETS)).isPresent();
        fake.expectUnmatched();
    }

    @Test
    void recordingKeepsRequestResponseAndIdentities() throws Exception {
        RawHttp.Response r = RawHttp.send(fake.httpUrl(),
                java.util.List.of("PUT /r1/DEV/COM/1234/TestService/pets/pets/7?x=%20y HTTP/1.1", "Host: localhost",
                        "X-Road-Client: DEV/COM/4321/TestClient", "X-Road-Id: rec-1", "Content-Type: text/plain"),
                "hello".getBytes(StandardCharsets.UTF_8));

        RecordedExchange call = fake.recordings().single();
        assertThat(call.time()).isEqualTo(NOW);
        assertThat(call.request().method()).isEqualTo("PUT");
        assertThat(call.request().path()).isEqualTo("/r1/DEV/COM/1234/TestService/pets/pets/7");
        assertThat(call.request().query()).hasValue("x=%20y");
        assertThat(call.request().target()).isEqualTo("/r1/DEV/COM/1234/TestService/pets/pets/7?x=%20y");
        assertThat(call.request().header("x-road-id")).hasValue("rec-1");
        assertThat(call.request().bodyAsString()).isEqualTo("hello");
        assertThat(call.request().secure()).isFalse();
        assertThat(call.client()).hasValue(CONSUMER);
        assertThat(call.service()).hasValue(PETS);
        assertThat(call.messageId()).hasValue("rec-1");
        assertThat(call.providerRequest().orElseThrow().path()).isEqualTo("/pets/7");
        assertThat(call.providerRequest().orElseThrow().bodyAsString()).isEqualTo("hello");
        assertThat(call.response().status()).isEqualTo(201).isEqualTo(r.status());
        assertThat(call.response().header("X-Handled")).hasValue("yes");
        assertThat(call.response().header("Date")).hasValue("Sun, 01 Mar 2026 10:15:30 GMT");
        assertThat(r.header("Date")).hasValue("Sun, 01 Mar 2026 10:15:30 GMT");
        assertThat(call.response().body()).isEqualTo(r.body());
        assertThat(call.errorCode()).isEmpty();
        assertThat(call.unmatched()).isFalse();
    }

    @Test
    void recordingHelpersSelectAndAssert() {
        client.rest(PETS).get("/a").execute(String.class);
        client.rest(STUBBED).get("/pets/1").execute(String.class);
        client.rest(PETS).get("/b").execute(String.class);

        RecordedExchanges recordings = fake.recordings();
        assertThat(recordings.size()).isEqualTo(3);
        assertThat(recordings.to(PETS)).hasSize(2);
        assertThat(recordings.single(STUBBED).request().path()).endsWith("/stubbed/pets/1");
        assertThat(recordings.last().request().path()).endsWith("/pets/b");
        assertThat(recordings.all()).extracting(RecordedExchange::sequence).isSorted().doesNotHaveDuplicates();
        recordings.assertCalled(PETS, 2);
        recordings.assertNoUnmatched();
        assertThatThrownBy(recordings::single).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected exactly one request").hasMessageContaining("GET /r1/DEV/COM/1234");
        assertThatThrownBy(() -> recordings.assertCalled(STUBBED, 2)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 2 request(s) to SERVICE:DEV/COM/1234/TestService/stubbed, got 1");
    }

    @Test
    void recordingsKeepTheMostRecentExchangesButStillCountForgottenUnexpectedOnes() {
        try (FakeSecurityServer small = FakeSecurityServer.builder().recordingLimit(2)
                .subsystem(CONSUMER, "Test client")
                .service(ServiceRegistration.rest(PETS).allow(CONSUMER).respond(FakeRestResponse.ok()))
                .start();
             XRoadClient c = small.clientBuilder(CONSUMER).build()) {
            catchThrowable(() -> c.rest(STUBBED).get("/").execute());
            c.rest(PETS).get("/1").execute();
            c.rest(PETS).get("/2").execute();

            assertThat(small.recordings().all()).extracting(e -> e.request().path())
                    .containsExactly("/r1/DEV/COM/1234/TestService/pets/1", "/r1/DEV/COM/1234/TestService/pets/2");
            assertThatThrownBy(small::verifyNoUnmatched).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("1 more no longer recorded");
        }
    }

    @Test
    void expectUnmatchedLastsUntilReset() {
        catchThrowable(() -> client.rest(ServiceId.parse("DEV/COM/1234/TestService/none")).get("/")
                .execute(String.class));

        assertThatThrownBy(fake::verifyNoUnmatched).isInstanceOf(AssertionError.class)
                .hasMessageContaining("server.serverproxy.unknown_service")
                .hasMessageContaining("expectUnmatched()");
        fake.expectUnmatched();
        fake.verifyNoUnmatched();

        fake.reset();
        assertThat(fake.unmatchedExpected()).isFalse();
        assertThat(fake.recordings().isEmpty()).isTrue();
    }
}
