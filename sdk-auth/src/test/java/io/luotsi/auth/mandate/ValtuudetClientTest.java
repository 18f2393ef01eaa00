package io.luotsi.auth.mandate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.auth.consent.AuthorizationDecision;
import io.luotsi.auth.consent.AuthorizationRequest;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.LegalBasis;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.auth.consent.RefusalReason;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a server that records exactly what it was sent; the signature is checked byte for byte. */
class ValtuudetClientTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    private static final String ISSUE = "http://valtuusrekisteri.suomi.fi/hakemuksen_jattaminen";
    private static final Purpose APPLY = Purpose.builder("benefit-application").legalBasis(LegalBasis.PUBLIC_TASK)
            .legalReference("Social Welfare Act § 131").dataCategories("name", "income").build();

    private final MockWebServer server = new MockWebServer();
    private ValtuudetClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = ValtuudetClient.builder().baseUrl(server.url("/").uri()).clientId("abcd1234").apiKey("api-key")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void asksTheAuthorizationRestApiWithASignedRequest() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"result\":\"ALLOWED\",\"reasons\":[]}").build());

        MandateDecision d = client.authorization(new MandateQuery("FI010101-123N", "010101-123N", "020202-234M",
                List.of(ISSUE), "req-1"));

        assertThat(d.allowed()).isTrue();
        RecordedRequest r = server.takeRequest();
        String target = "/service/rest/hpa/authorization/abcd1234/010101-123N/020202-234M"
                + "?issue=http%3A%2F%2Fvaltuusrekisteri.suomi.fi%2Fhakemuksen_jattaminen&requestId=req-1";
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getTarget()).isEqualTo(target);
        assertThat(r.getHeaders().get("X-userId")).isEqualTo("FI010101-123N");
        assertThat(r.getHeaders().get("X-AsiointivaltuudetAuthorization"))
                .isEqualTo(ValtuudetSignature.of("abcd1234", "api-key").headerValue(target, NOW))
                .startsWith("abcd1234 2026-03-02T10:15:30.000Z ");
        assertThat(ValtuudetSignature.of("abcd1234", "api-key")
                .verify(r.getHeaders().get("X-AsiointivaltuudetAuthorization"), target, NOW)).isEmpty();
    }

    @Test
    void readsDisallowedWithItsReasons() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"result\":\"DISALLOWED\",\"reasons\":["
                + "{\"reasonRule\":\"hpa.principal.minor\",\"reasonValue\":\"x\",\"valueType\":\"string\"}]}").build());
        MandateDecision d = client.authorization(new MandateQuery("u", "d", "p", List.of(ISSUE), "r"));
        assertThat(d.result()).isEqualTo(MandateDecision.Result.DISALLOWED);
        assertThat(d.reasons()).extracting(MandateDecision.Reason::reasonRule).containsExactly("hpa.principal.minor");
    }

    @Test
    void aRefusedSignatureIsAServiceErrorThatNamesTheLikelyCauses() {
        server.enqueue(new MockResponse.Builder().code(401).build());
        MandateServiceException e = catchThrowableOfType(MandateServiceException.class,
                () -> client.authorization(new MandateQuery("u", "d", "p", List.of(ISSUE), "r")));
        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.getMessage()).contains("API key").contains("clock");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void plainHttpOnlyOnLoopback() {
        assertThatThrownBy(() -> ValtuudetClient.builder().baseUrl(URI.create("http://valtuudet.example")))
                .isInstanceOf(IllegalArgumentException.class);
        ValtuudetClient.builder().baseUrl(URI.create("https://valtuudet.example"));
    }

    @Test
    void theProviderGrantsWhatTheServiceAllows() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"result\":\"ALLOWED\"}").build());
        MandateProvider provider = MandateProvider.builder().client(client).issue("benefit-application", ISSUE)
                .build();
        AuthorizationRequest request = new AuthorizationRequest("msg-9", "FI/GOV/1234567-8/kela", null,
                DataSubject.person("FI020202-234M"), APPLY, "FI010101-123N", NOW);

        AuthorizationDecision d = provider.authorize(request);

        assertThat(d).isInstanceOfSatisfying(AuthorizationDecision.Granted.class, g -> {
            assertThat(g.evidence().type()).isEqualTo("mandate");
            assertThat(g.evidence().id()).isEqualTo("msg-9");
            assertThat(g.evidence().token()).isEqualTo(ISSUE);
            assertThat(g.evidence().legalBasis()).isEqualTo(LegalBasis.PUBLIC_TASK);
            assertThat(g.evidence().check(request)).isEmpty();
            assertThat(g.evidence().representedParty()).isEmpty();
        });
        assertThat(server.takeRequest().getTarget()).startsWith(
                "/service/rest/hpa/authorization/abcd1234/010101-123N/020202-234M?").endsWith("&requestId=msg-9");
    }

    @Test
    void theProviderRefusesDisallowedMandatesAndRequestsWithoutAUser() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"result\":\"DISALLOWED\"}").build());
        MandateProvider provider = MandateProvider.builder().client(client).issue("benefit-application", ISSUE)
                .build();
        AuthorizationRequest withUser = new AuthorizationRequest("m", "FI/GOV/1/c", null,
                DataSubject.person("FI020202-234M"), APPLY, "FI010101-123N", NOW);
        assertThat(provider.authorize(withUser)).isInstanceOfSatisfying(AuthorizationDecision.Refused.class,
                r -> assertThat(r.refusal().reason()).isEqualTo(RefusalReason.DISALLOWED));
        AuthorizationRequest withoutUser = new AuthorizationRequest("m", "FI/GOV/1/c", null,
                DataSubject.person("FI020202-234M"), APPLY, null, NOW);
        assertThat(provider.authorize(withoutUser)).isInstanceOfSatisfying(AuthorizationDecision.Refused.class,
                r -> assertThat(r.refusal().reason()).isEqualTo(RefusalReason.NO_EVIDENCE));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void theProviderRefusesWhenTheServiceFailsAndAbstainsForOtherPurposes() {
        server.enqueue(new MockResponse.Builder().code(503).build());
        MandateProvider provider = MandateProvider.builder().client(client).issue("benefit-application", ISSUE)
                .build();
        AuthorizationRequest request = new AuthorizationRequest("m", "FI/GOV/1/c", null,
                DataSubject.person("FI020202-234M"), APPLY, "FI010101-123N", NOW);
        assertThat(provider.authorize(request)).isInstanceOfSatisfying(AuthorizationDecision.Refused.class,
                r -> assertThat(r.refusal().reason()).isEqualTo(RefusalReason.SERVICE_UNAVAILABLE));
        Purpose other = APPLY.toBuilder().build();
        AuthorizationRequest otherPurpose = new AuthorizationRequest("m", "FI/GOV/1/c", null,
                DataSubject.person("FI020202-234M"), Purpose.builder("other").legalBasis(LegalBasis.CONSENT)
                .dataCategories("name").build(), "FI010101-123N", NOW);
        assertThat(other).isEqualTo(APPLY);
        assertThat(provider.authorize(otherPurpose)).isInstanceOf(AuthorizationDecision.Abstained.class);
    }
}
