package io.luotsi.xroad.provider;

import static io.luotsi.xroad.provider.ProviderRequestTest.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.luotsi.xroad.provider.jdkhttp.JdkHttpExchanges;
import io.luotsi.auth.consent.ConsentException;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.LegalBasis;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.auth.consent.RefusalReason;
import io.luotsi.core.audit.AuditRecord;
import io.luotsi.core.audit.SubjectPseudonymizer;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.consent.ConsentHeaders;
import io.luotsi.xroad.consent.ConsentServiceClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

class ConsentEnforcerTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    static final ClientId TAX_OFFICE = ClientId.parse("EE/GOV/70000003/tax");
    static final ClientId OTHER = ClientId.parse("EE/COM/12345678/shop");
    static final ServiceId PERSONS = ServiceId.parse("EE/GOV/70000002/registry/persons");
    static final DataSubject MARI = DataSubject.person("EE37702211234");
    static final Purpose TAX = Purpose.builder("tax-assessment").legalBasis(LegalBasis.LEGAL_OBLIGATION)
            .legalReference("Taxation Act § 59").dataCategories("income", "address").build();
    static final SubjectPseudonymizer PSEUDONYMS = SubjectPseudonymizer.hmacSha256("k",
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    final List<AuditRecord> audit = Collections.synchronizedList(new ArrayList<>());

    ConsentEnforcer.Builder enforcer() {
        return ConsentEnforcer.builder().service(PERSONS)
                .allowPurpose("tax-assessment", "income", "address", "name")
                .allowPurpose("benefit-eligibility", "name", "address")
                .legalBasis(TAX, TAX_OFFICE)
                .auditSink(audit::add).pseudonymizer(PSEUDONYMS)
                .minimiser(DataMinimiser.builder().category("income", "$.income").category("address", "$.address")
                        .category("name", "$.name").build())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static ProviderRequest request(ClientId client, String messageId, String purpose, String authorization) {
        List<String> h = new ArrayList<>(List.of("X-Road-Client", client.toEncodedString(), "X-Road-Id", messageId));
        if (purpose != null) {
            h.addAll(List.of("Luotsi-Purpose", purpose));
        }
        if (authorization != null) {
            h.addAll(List.of("Luotsi-Authorization", authorization));
        }
        return ProviderRequest.from("GET", "/persons/EE37702211234", null, headers(h.toArray(new String[0])));
    }

    private ConsentException refused(ConsentEnforcer e, ProviderRequest r) {
        ConsentException x = catchThrowableOfType(ConsentException.class, () -> e.authorize(r, MARI));
        assertThat(x).as("refused").isNotNull();
        return x;
    }

    @Test
    void aDeclaredLegalBasisFromADeclaredClientIsAllowedMinimisedAndAudited() {
        ProviderAuthorization a = enforcer().build().authorize(request(TAX_OFFICE, "m-1",
                ConsentHeaders.purposeValue(TAX), "legal-basis A6-1-c"), MARI);

        assertThat(a.evidence().type()).isEqualTo("legal-basis");
        assertThat(a.categories()).containsExactlyInAnyOrder("income", "address");
        assertThat(new String(a.minimiseToJson(Map.of("name", "Mari", "income", 41000, "address", "Tallinn",
                "health", "x")), StandardCharsets.UTF_8)).contains("income").contains("address")
                .doesNotContain("Mari").doesNotContain("health");
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.side()).isEqualTo(AuditRecord.Side.PROVIDER);
            assertThat(r.outcome()).isEqualTo(AuditRecord.Outcome.ALLOWED);
            assertThat(r.client()).isEqualTo("EE/GOV/70000003/tax");
            assertThat(r.service()).isEqualTo("EE/GOV/70000002/registry/persons");
            assertThat(r.subject()).isEqualTo(PSEUDONYMS.pseudonym("EE37702211234"));
            assertThat(r.legalBasis()).isEqualTo("A6-1-c");
            assertThat(r.evidenceId()).isEqualTo("A6-1-c:tax-assessment");
            assertThat(r.time()).isEqualTo(NOW);
        });
    }

    @Test
    void refusesWhatIsMissingMalformedOrNotServed() {
        ConsentEnforcer e = enforcer().build();
        String tax = ConsentHeaders.purposeValue(TAX);
        assertThat(refused(e, request(TAX_OFFICE, "m", null, "legal-basis A6-1-c")).reason())
                .isEqualTo(RefusalReason.NO_PURPOSE);
        assertThat(refused(e, request(TAX_OFFICE, "m", "tax; basis=nonsense", "legal-basis A6-1-c")).reason())
                .isEqualTo(RefusalReason.NO_PURPOSE);
        assertThat(refused(e, request(TAX_OFFICE, "m", "marketing; basis=A6-1-a; categories=name", "x y")).reason())
                .isEqualTo(RefusalReason.PURPOSE_NOT_COVERED);
        assertThat(refused(e, request(TAX_OFFICE, "m", "tax-assessment; basis=A6-1-c; categories=health; ref=x",
                "legal-basis A6-1-c")).reason()).isEqualTo(RefusalReason.CATEGORIES_NOT_COVERED);
        assertThat(refused(e, request(TAX_OFFICE, "m", tax, null)).reason()).isEqualTo(RefusalReason.NO_EVIDENCE);
        assertThat(refused(e, request(TAX_OFFICE, "m", tax, "nonsense")).reason())
                .isEqualTo(RefusalReason.INVALID_EVIDENCE);
        assertThat(refused(e, request(TAX_OFFICE, "m", tax, "magic-pass xyz")).getMessage())
                .contains("unknown evidence type");
        assertThat(refused(e, request(TAX_OFFICE, "m", tax, "consent-receipt a.b.c")).getMessage())
                .contains("does not accept consent-receipt");
        assertThat(audit).hasSize(8).allMatch(r -> r.outcome() == AuditRecord.Outcome.REFUSED);
    }

    @Test
    void aLegalBasisIsAcceptedOnlyFromItsClientsAndAsDeclared() {
        ConsentEnforcer e = enforcer().build();
        String tax = ConsentHeaders.purposeValue(TAX);
        assertThat(refused(e, request(OTHER, "m", tax, "legal-basis A6-1-c")).reason())
                .isEqualTo(RefusalReason.CLIENT_NOT_COVERED);
        assertThat(refused(e, request(TAX_OFFICE, "m", tax, "legal-basis A6-1-e")).reason())
                .isEqualTo(RefusalReason.PURPOSE_NOT_COVERED);
        String otherLaw = ConsentHeaders.purposeValue(TAX.toBuilder().legalReference("Other Act").build());
        assertThat(refused(e, request(TAX_OFFICE, "m", otherLaw, "legal-basis A6-1-c")).reason())
                .isEqualTo(RefusalReason.PURPOSE_NOT_COVERED);
    }

    @Test
    void theSameEvidenceForTheSameMessageIsAReplay() {
        ConsentEnforcer e = enforcer().build();
        String tax = ConsentHeaders.purposeValue(TAX);
        e.authorize(request(TAX_OFFICE, "m-7", tax, "legal-basis A6-1-c"), MARI);
        ConsentException replay = refused(e, request(TAX_OFFICE, "m-7", tax, "legal-basis A6-1-c"));
        assertThat(replay.reason()).isEqualTo(RefusalReason.REPLAYED);
        assertThat(replay.messageId()).hasValue("m-7");
        e.authorize(request(TAX_OFFICE, "m-8", tax, "legal-basis A6-1-c"), MARI);
    }

    @Test
    void consentReferencesAreValidatedWithTheConsentServiceAndReported() throws Exception {
        try (MockWebServer consentService = new MockWebServer()) {
            consentService.start();
            try (XRoadClient xroad = XRoadClient.builder().securityServer(consentService.url("/").toString())
                    .client(PERSONS.provider()).build()) {
                ConsentServiceClient nt = ConsentServiceClient.builder().xroad(xroad)
                        .consentService(ServiceId.parse("ee-dev/GOV/70006317/consent/consent-stage"))
                        .reportingService(ServiceId.parse("ee-dev/GOV/70006317/consent/reporting-stage")).build();
                ConsentEnforcer e = enforcer().consentService(nt, "TD_KAKS").reportTransmissions(true).build();
                Purpose eligibility = Purpose.builder("benefit-eligibility").legalBasis(LegalBasis.CONSENT)
                        .dataCategories("name").build();
                String purpose = ConsentHeaders.purposeValue(eligibility);
                ClientId benefits = ClientId.parse("EE/GOV/70000562/yphis");

                consentService.enqueue(validation("ref-1", "2027-01-01T00:00:00Z", " EE/GOV/70000562/yphis",
                        "TD_KAKS"));
                ProviderAuthorization ok = e.authorize(request(benefits, "m-1", purpose, "consent-reference ref-1"),
                        MARI);
                assertThat(ok.evidence().id()).isEqualTo("ref-1");
                assertThat(consentService.takeRequest().getTarget()).endsWith(
                        "/api/consent/validation/dataprovider?consentReference=ref-1");
                consentService.enqueue(new MockResponse.Builder().code(200).body("{\"response\":\"success\"}")
                        .build());
                ok.transmitted(NOW);
                assertThat(consentService.takeRequest().getTarget()).endsWith("/reporting-stage/api/reporting/consent");

                consentService.enqueue(validation("ref-1", "2027-01-01T00:00:00Z", "EE/COM/1/other", "TD_KAKS"));
                assertThat(refused(e, request(benefits, "m-2", purpose, "consent-reference ref-1")).reason())
                        .isEqualTo(RefusalReason.CLIENT_NOT_COVERED);
                consentService.enqueue(validation("ref-1", "2027-01-01T00:00:00Z", "EE/GOV/70000562/yphis", "TD_X"));
                assertThat(refused(e, request(benefits, "m-3", purpose, "consent-reference ref-1")).reason())
                        .isEqualTo(RefusalReason.PURPOSE_NOT_COVERED);
                consentService.enqueue(validation("ref-1", "2026-03-01T00:00:00Z", "EE/GOV/70000562/yphis",
                        "TD_KAKS"));
                assertThat(refused(e, request(benefits, "m-4", purpose, "consent-reference ref-1")).reason())
                        .isEqualTo(RefusalReason.EXPIRED);
                consentService.enqueue(new MockResponse.Builder().code(500)
                        .body("{\"message\":\"error.business.consent-validate-invalid-status\"}").build());
                assertThat(refused(e, request(benefits, "m-5", purpose, "consent-reference ref-1")).reason())
                        .isEqualTo(RefusalReason.REVOKED);
                consentService.enqueue(new MockResponse.Builder().code(502).build());
                assertThat(refused(e, request(benefits, "m-6", purpose, "consent-reference ref-1")).reason())
                        .isEqualTo(RefusalReason.SERVICE_UNAVAILABLE);
            }
        }
    }

    private static MockResponse validation(String ref, String expiration, String client, String declaration) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"consentReference\":\"" + ref + "\",\"consentExpiration\":\"" + expiration + "\",\"idCode\":"
                        + "\"37702211234\",\"clientSubsystemIdentifier\":\"" + client + "\",\"serviceDeclarationId\":"
                        + "\"" + declaration + "\"}").build();
    }

    @Test
    void refusalsBecomeXRoadStyleErrorsServedFromTheJdkHttpServer() throws Exception {
        ConsentEnforcer e = enforcer().build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/persons", exchange -> {
            try {
                ProviderRequest request = JdkHttpExchanges.providerRequest(exchange);
                ProviderAuthorization allowed = e.authorize(request, MARI);
                byte[] body = allowed.minimiseToJson(Map.of("income", 1, "name", "Mari"));
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            } catch (ConsentException refused) {
                JdkHttpExchanges.send(exchange, ProviderError.of(refused));
            }
        });
        server.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/persons/x");
            HttpResponse<String> refused = http.send(java.net.http.HttpRequest.newBuilder(uri)
                    .header("X-Road-Client", "EE/COM/12345678/shop").header("X-Road-Id", "m-9")
                    .header("Luotsi-Purpose", ConsentHeaders.purposeValue(TAX))
                    .header("Luotsi-Authorization", "legal-basis A6-1-c").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(refused.headers().firstValue("X-Road-Error")).isEmpty();
            JsonNode body = new ObjectMapper().readTree(refused.body());
            assertThat(body.get("type").asText()).isEqualTo("consent.client_not_covered");
            assertThat(body.get("message").asText()).contains("EE/COM/12345678/shop");
            assertThat(body.get("detail").asText()).isEqualTo("m-9");
            assertThat(refused.body()).doesNotContain("37702211234");

            HttpResponse<String> allowed = http.send(java.net.http.HttpRequest.newBuilder(uri)
                    .header("X-Road-Client", TAX_OFFICE.toEncodedString()).header("X-Road-Id", "m-10")
                    .header("Luotsi-Purpose", ConsentHeaders.purposeValue(TAX))
                    .header("Luotsi-Authorization", "legal-basis A6-1-c").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.body()).isEqualTo("{\"income\":1}");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void statusesFollowTheReason() {
        assertThat(ProviderError.status(RefusalReason.NO_PURPOSE)).isEqualTo(400);
        assertThat(ProviderError.status(RefusalReason.EXPIRED)).isEqualTo(403);
        assertThat(ProviderError.status(RefusalReason.SERVICE_UNAVAILABLE)).isEqualTo(503);
        assertThat(ProviderError.status(RefusalReason.AUDIT_FAILED)).isEqualTo(500);
        assertThat(ProviderError.type(RefusalReason.REPLAYED)).isEqualTo("consent.replayed");
    }
}
