package io.luotsi.xroad.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.luotsi.auth.consent.AuthorizationDecision;
import io.luotsi.auth.consent.AuthorizationRequest;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.LegalBasis;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.auth.consent.RefusalReason;
import io.luotsi.core.ProtocolException;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Estonian consent service's queries as they go over X-Road REST, and how their answers are read. */
class ConsentServiceClientTest {

    static final ClientId CONSUMER = ClientId.parse("ee-dev/GOV/70000001/benefits");
    static final ServiceId CONSENT = ServiceId.parse("ee-dev/GOV/70006317/consent/consent-stage");
    static final ServiceId REPORTING = ServiceId.parse("ee-dev/GOV/70006317/consent/reporting-stage");
    static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    static final Purpose ELIGIBILITY = Purpose.builder("benefit-eligibility").legalBasis(LegalBasis.CONSENT)
            .dataCategories("name", "address").build();
    static final DataSubject MARI = DataSubject.person("EE37702211234");

    final MockWebServer server = new MockWebServer();
    final ObjectMapper json = new ObjectMapper();
    XRoadClient xroad;
    ConsentServiceClient consents;

    @BeforeEach
    void start() throws Exception {
        server.start();
        xroad = XRoadClient.builder().securityServer(server.url("/").toString()).client(CONSUMER).build();
        consents = ConsentServiceClient.builder().xroad(xroad).consentService(CONSENT).reportingService(REPORTING)
                .build();
    }

    @AfterEach
    void stop() {
        xroad.close();
        server.close();
    }

    private void answer(int status, String body) {
        server.enqueue(new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                .body(body).build());
    }

    private static String validation(String reference, String expiration) {
        return "{\"consentReference\":\"" + reference + "\",\"consentExpiration\":\"" + expiration
                + "\",\"idCode\":\"37702211234\",\"purposeDeclarationId\":\"ED_KAKS\"}";
    }

    @Test
    void getConsentReferencesPostsTheIdCodeAndDeclarations() throws Exception {
        answer(200, "{\"ED_KAKS\":\"91e9844d-3b5e-4df8-9254-42316b1607b6\"}");
        Map<String, String> refs = consents.consentReferences("37702211234", List.of("ED_KAKS", "ED_KOLM"));
        assertThat(refs).containsExactly(Map.entry("ED_KAKS", "91e9844d-3b5e-4df8-9254-42316b1607b6"));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getTarget()).isEqualTo("/r1/ee-dev/GOV/70006317/consent/consent-stage/api/consent/reference");
        assertThat(r.getHeaders().get("X-Road-Client")).isEqualTo("ee-dev/GOV/70000001/benefits");
        JsonNode body = json.readTree(r.getBody().utf8());
        assertThat(body.get("idCode").asText()).isEqualTo("37702211234");
        assertThat(body.get("purposeDeclarationBusinessIdentifiers").toString()).isEqualTo("[\"ED_KAKS\",\"ED_KOLM\"]");
    }

    @Test
    void noApprovedConsentIsAnEmptyAnswer() {
        answer(404, "{\"message\":\"error.http.404\",\"status\":404}");
        assertThat(consents.consentReferences("37702211234", List.of("ED_KAKS"))).isEmpty();
    }

    @Test
    void validatesForClientAndForDataProvider() throws Exception {
        answer(200, validation("ref-1", "2027-01-22T23:59:59.999999Z"));
        ConsentValidation v = consents.validateForClient("ref-1");
        assertThat(v.consentExpiration()).isEqualTo(Instant.parse("2027-01-22T23:59:59.999999Z"));
        assertThat(v.purposeDeclarationId()).isEqualTo("ED_KAKS");
        assertThat(v.toString()).doesNotContain("37702211234");
        assertThat(server.takeRequest().getTarget()).isEqualTo(
                "/r1/ee-dev/GOV/70006317/consent/consent-stage/api/consent/validation/client?consentReference=ref-1");

        answer(200, "{\"consentReference\":\"ref-1\",\"consentExpiration\":\"2027-01-22T23:59:59Z\","
                + "\"idCode\":\"37702211234\",\"clientSubsystemIdentifier\":\" EE/GOV/70000562/yphis\","
                + "\"serviceDeclarationId\":\"TD_KAKS\"}");
        ProviderConsentValidation p = consents.validateForDataProvider("ref-1");
        assertThat(p.serviceDeclarationId()).isEqualTo("TD_KAKS");
        assertThat(p.clientSubsystemIdentifier()).isEqualTo(" EE/GOV/70000562/yphis");
        assertThat(server.takeRequest().getTarget()).endsWith("/api/consent/validation/dataprovider"
                + "?consentReference=ref-1");
    }

    @Test
    void errorsCarryTheServicesErrorKey() {
        answer(500, "{\"message\":\"error.business.consent-validate-invalid-status\"}");
        ConsentServiceException e = catchThrowableOfType(ConsentServiceException.class,
                () -> consents.validateForClient("ref-1"));
        assertThat(e.notApproved()).isTrue();
        assertThat(e.errorKey()).hasValue("error.business.consent-validate-invalid-status");
        assertThat(e.statusCode()).isEqualTo(500);
        answer(400, "not json");
        assertThat(catchThrowableOfType(ConsentServiceException.class, () -> consents.validateForClient("x"))
                .errorKey()).isEmpty();
    }

    @Test
    void reportsATransmission() throws Exception {
        answer(200, "{\"response\":\"success\"}");
        consents.reportDataTransmission("ref-1", Instant.parse("2021-06-18T13:11:50.085Z"));
        RecordedRequest r = server.takeRequest();
        assertThat(r.getTarget()).isEqualTo("/r1/ee-dev/GOV/70006317/consent/reporting-stage/api/reporting/consent");
        assertThat(json.readTree(r.getBody().utf8())).isEqualTo(json.readTree(
                "{\"transmissionTimestamp\":\"2021-06-18T13:11:50.085Z\",\"consentReference\":\"ref-1\"}"));
        answer(200, "{\"response\":\"failure\"}");
        catchThrowableOfType(ProtocolException.class, () -> consents.reportDataTransmission("ref-1", NOW));
    }

    private AuthorizationRequest request() {
        return new AuthorizationRequest("m", CONSUMER.toShortString(), "x", MARI, ELIGIBILITY, null, NOW);
    }

    @Test
    void theProviderGrantsAValidatedReferenceAndRemembersIt() throws Exception {
        ConsentServiceProvider provider = ConsentServiceProvider.builder().client(consents)
                .purposeDeclaration("benefit-eligibility", "ED_KAKS", "name", "address").build();
        answer(200, "{\"ED_KAKS\":\"ref-1\"}");
        answer(200, validation("ref-1", "2027-01-22T23:59:59Z"));

        assertThat(provider.authorize(request())).isInstanceOfSatisfying(AuthorizationDecision.Granted.class, g -> {
            assertThat(g.evidence().type()).isEqualTo("consent-reference");
            assertThat(g.evidence().token()).isEqualTo("ref-1");
            assertThat(g.evidence().expiresAt()).contains(Instant.parse("2027-01-22T23:59:59Z"));
        });
        assertThat(server.takeRequest().getTarget()).endsWith("/api/consent/reference");
        assertThat(server.takeRequest().getTarget()).contains("validation/client");

        answer(200, validation("ref-1", "2027-01-22T23:59:59Z"));
        assertThat(provider.authorize(request())).isInstanceOf(AuthorizationDecision.Granted.class);
        assertThat(server.takeRequest().getTarget()).contains("validation/client?consentReference=ref-1");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aRememberedReferenceThatIsNoLongerApprovedIsRevoked() {
        ConsentServiceProvider provider = ConsentServiceProvider.builder().client(consents)
                .purposeDeclaration("benefit-eligibility", "ED_KAKS", "name", "address").build();
        answer(200, "{\"ED_KAKS\":\"ref-1\"}");
        answer(200, validation("ref-1", "2027-01-22T23:59:59Z"));
        provider.authorize(request());

        answer(500, "{\"message\":\"error.business.consent-validate-invalid-status\"}");
        answer(404, "{\"message\":\"error.http.404\"}");
        assertThat(provider.authorize(request())).isInstanceOfSatisfying(AuthorizationDecision.Refused.class,
                r -> assertThat(r.refusal().reason()).isEqualTo(RefusalReason.REVOKED));
    }

    @Test
    void theProviderRefusesWithoutConsentExpiredConsentOrExcessCategories() {
        ConsentServiceProvider provider = ConsentServiceProvider.builder().client(consents)
                .purposeDeclaration("benefit-eligibility", "ED_KAKS", "name").build();
        assertThat(provider.authorize(request())).isInstanceOfSatisfying(AuthorizationDecision.Refused.class,
                r -> assertThat(r.refusal().reason()).isEqualTo(RefusalReason.CATEGORIES_NOT_COVERED));
        assertThat(server.getRequestCount()).isZero();

        ConsentServiceProvider wide = ConsentServiceProvider.builder().client(consents)
                .purposeDeclaration("benefit-eligibility", "ED_KAKS", "name", "address").build();
        answer(404, "{\"message\":\"error.http.404\"}");
        assertThat(wide.authorize(request())).isInstanceOfSatisfying(AuthorizationDecision.Refused.class,
                r -> assertThat(r.refusal().reason()).isEqualTo(RefusalReason.NO_EVIDENCE));
        answer(200, "{\"ED_KAKS\":\"ref-2\"}");
        answer(200, validation("ref-2", "2026-03-01T00:00:00Z"));
        assertThat(wide.authorize(request())).isInstanceOfSatisfying(AuthorizationDecision.Refused.class,
                r -> assertThat(r.refusal().reason()).isEqualTo(RefusalReason.EXPIRED));
    }

    @Test
    void theProviderReportsTransmissionsWhenAsked() throws Exception {
        ConsentServiceProvider provider = ConsentServiceProvider.builder().client(consents).reportTransmissions(true)
                .purposeDeclaration("benefit-eligibility", "ED_KAKS", "name", "address").build();
        answer(200, "{\"ED_KAKS\":\"ref-1\"}");
        answer(200, validation("ref-1", "2027-01-22T23:59:59Z"));
        AuthorizationDecision.Granted g = (AuthorizationDecision.Granted) provider.authorize(request());
        answer(200, "{\"response\":\"success\"}");
        provider.transmitted(g.evidence(), NOW);
        server.takeRequest();
        server.takeRequest();
        assertThat(server.takeRequest().getTarget()).endsWith("/reporting-stage/api/reporting/consent");
        answer(503, "");
        provider.transmitted(g.evidence(), NOW); // a failed report is logged, not thrown
    }
}
