package io.luotsi.testkit;

import static io.luotsi.testkit.ConsentFixtures.BENEFITS;
import static io.luotsi.testkit.ConsentFixtures.CLOCK;
import static io.luotsi.testkit.ConsentFixtures.ELIGIBILITY;
import static io.luotsi.testkit.ConsentFixtures.MARI;
import static io.luotsi.testkit.ConsentFixtures.NOW;
import static io.luotsi.testkit.ConsentFixtures.PERSONS;
import static io.luotsi.testkit.ConsentFixtures.PSEUDONYMS;
import static io.luotsi.testkit.ConsentFixtures.REGISTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.luotsi.auth.consent.ConsentException;
import io.luotsi.auth.consent.RefusalReason;
import io.luotsi.core.audit.AuditRecord;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.consent.ConsentServiceClient;
import io.luotsi.xroad.consent.ConsentServiceProvider;
import io.luotsi.xroad.provider.ConsentEnforcer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consent references of the fake Estonian consent service, end to end: the consumer asks the service (through the
 * fake Security Server, as an X-Road client) before it sends; the registry validates the reference with the service
 * as the provider and reports the transmission.
 */
class ConsentServiceEndToEndTest {

    final ConsentFixtures.MutableClock serviceClock = new ConsentFixtures.MutableClock(NOW);
    final FakeConsentService nt = FakeConsentService.builder().clock(serviceClock).build();
    final RecordingAuditSink consumerAudit = new RecordingAuditSink();
    final RecordingAuditSink providerAudit = new RecordingAuditSink();
    FakeSecurityServer fake;
    XRoadClient plain;
    XRoadClient registryClient;
    XRoadClient client;

    @BeforeEach
    void start() {
        fake = FakeSecurityServer.builder().clock(CLOCK).subsystem(BENEFITS, "Benefits")
                .subsystem(REGISTRY, "Registry").start();
        nt.declareService("TD_PERSONS", REGISTRY).declarePurpose("ED_ELIGIBILITY", BENEFITS, "TD_PERSONS");
        nt.register(fake.registry(), BENEFITS, REGISTRY);

        registryClient = fake.clientBuilder(REGISTRY).build();
        ConsentEnforcer enforcer = ConsentEnforcer.builder().service(PERSONS)
                .allowPurpose("benefit-eligibility", "name", "address")
                .consentService(consentService(registryClient), "TD_PERSONS").reportTransmissions(true)
                .minimiser(ConsentFixtures.MINIMISER)
                .auditSink(providerAudit).pseudonymizer(PSEUDONYMS).clock(CLOCK).build();
        fake.registry().service(ServiceRegistration.rest(PERSONS).allow(BENEFITS)
                .handler(ConsentFixtures.registry(enforcer)));

        plain = fake.clientBuilder(BENEFITS).build();
        client = plain.toBuilder()
                .addAuthorizationProvider(ConsentServiceProvider.builder().client(consentService(plain))
                        .purposeDeclaration("benefit-eligibility", "ED_ELIGIBILITY", "name", "address").build())
                .auditSink(consumerAudit).subjectPseudonymizer(PSEUDONYMS).build();
    }

    private ConsentServiceClient consentService(XRoadClient xroad) {
        return ConsentServiceClient.builder().xroad(xroad).consentService(nt.consentService())
                .reportingService(nt.reportingService()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        plain.close();
        registryClient.close();
        fake.close();
    }

    private String ask(String messageId) {
        return client.rest(PERSONS).get("/persons/{id}", MARI.id()).context(ConsentFixtures.now())
                .messageId(messageId).purpose(ELIGIBILITY).dataSubject(MARI).execute(String.class).body();
    }

    @Test
    void aGrantedConsentIsValidatedByBothSidesAndTheTransmissionReported() throws Exception {
        String reference = nt.grant(MARI, "ED_ELIGIBILITY", NOW.plus(Duration.ofDays(30)));

        JsonNode body = new ObjectMapper().readTree(ask("msg-1"));

        assertThat(body.get("name").asText()).isEqualTo("Mari Maasikas");
        assertThat(body.has("income")).isFalse();
        assertThat(fake.recordings().single(PERSONS).providerRequest().orElseThrow()
                .header("Luotsi-Authorization")).hasValue("consent-reference " + reference);
        assertThat(fake.recordings().to(nt.consentService())).hasSize(3); // references, client and provider checks
        assertThat(nt.reports()).singleElement().satisfies(r -> {
            assertThat(r.consentReference()).isEqualTo(reference);
            assertThat(r.reporter()).isEqualTo(REGISTRY);
            assertThat(r.transmissionTimestamp()).isEqualTo(NOW);
        });
        assertThat(consumerAudit.assertSingleAllowed().evidenceId()).isEqualTo(reference);
        assertThat(providerAudit.assertSingleAllowed().evidenceType()).isEqualTo("consent-reference");
    }

    @Test
    void aRevokedConsentIsRefusedBeforeSending() {
        String reference = nt.grant(MARI, "ED_ELIGIBILITY", NOW.plus(Duration.ofDays(30)));
        ask("msg-1");
        nt.revoke(reference);

        ConsentException e = catchThrowableOfType(ConsentException.class, () -> ask("msg-2"));

        assertThat(e.reason()).isEqualTo(RefusalReason.REVOKED);
        assertThat(fake.recordings().to(PERSONS)).hasSize(1);
        assertThat(consumerAudit.forMessage("msg-2")).singleElement()
                .satisfies(a -> assertThat(a.reason()).isEqualTo("revoked"));
    }

    @Test
    void withoutAConsentNothingIsSent() {
        ConsentException e = catchThrowableOfType(ConsentException.class, () -> ask("msg-1"));
        assertThat(e.reason()).isEqualTo(RefusalReason.NO_EVIDENCE);
        assertThat(fake.recordings().to(PERSONS)).isEmpty();
        consumerAudit.assertSingleRefused("no_evidence");
    }

    @Test
    void theConsumerChecksTheExpiryItself() {
        serviceClock.set(NOW.minus(Duration.ofHours(2)));
        nt.grant(MARI, "ED_ELIGIBILITY", NOW.minus(Duration.ofHours(1)));

        ConsentException e = catchThrowableOfType(ConsentException.class, () -> ask("msg-1"));

        assertThat(e.reason()).isEqualTo(RefusalReason.EXPIRED);
        assertThat(fake.recordings().to(PERSONS)).isEmpty();
    }

    @Test
    void theProviderRefusesAReferenceRevokedAfterTheConsumerChecked() throws Exception {
        String reference = nt.grant(MARI, "ED_ELIGIBILITY", NOW.plus(Duration.ofDays(30)));
        nt.revoke(reference);
        HttpResponse<String> r = ConsentFixtures.raw(fake, "/r1/" + PERSONS.provider().toEncodedString()
                        + "/persons/persons/" + MARI.id(), "X-Road-Client", BENEFITS.toEncodedString(),
                "X-Road-Id", "m-raw", "Luotsi-Purpose", io.luotsi.xroad.consent.ConsentHeaders.purposeValue(
                        ELIGIBILITY), "Luotsi-Authorization", "consent-reference " + reference);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(new ObjectMapper().readTree(r.body()).get("type").asText()).isEqualTo("consent.revoked");
        assertThat(providerAudit.assertSingleRefused("revoked").side()).isEqualTo(AuditRecord.Side.PROVIDER);
        assertThat(nt.reports()).isEmpty();
    }

    @Test
    void theFakeAnswersWithTheDocumentedShapesAndErrorKeys() throws Exception {
        String base = "/r1/" + nt.consentService().provider().toEncodedString() + "/consent-stage";
        HttpResponse<String> badId = ConsentFixtures.send(fake, "POST", base + "/api/consent/reference",
                "{\"idCode\":\"EE377\",\"purposeDeclarationBusinessIdentifiers\":[\"ED_ELIGIBILITY\"]}",
                "X-Road-Client", BENEFITS.toEncodedString(), "Content-Type", "application/json");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("\"message\":\"error.validation\"");

        HttpResponse<String> unknown = ConsentFixtures.raw(fake, base
                + "/api/consent/validation/client?consentReference=nope", "X-Road-Client", BENEFITS.toEncodedString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"message\":\"error.http.404\"");

        String reference = nt.grant(MARI, "ED_ELIGIBILITY", NOW.plus(Duration.ofDays(1)));
        HttpResponse<String> client = ConsentFixtures.raw(fake, base
                + "/api/consent/validation/client?consentReference=" + reference, "X-Road-Client",
                BENEFITS.toEncodedString());
        JsonNode v = new ObjectMapper().readTree(client.body());
        assertThat(v.get("consentReference").asText()).isEqualTo(reference);
        assertThat(v.get("idCode").asText()).isEqualTo("37702211234");
        assertThat(v.get("purposeDeclarationId").asText()).isEqualTo("ED_ELIGIBILITY");
        assertThat(v.get("consentExpiration").asText()).isEqualTo(NOW.plus(Duration.ofDays(1)).toString());

        HttpResponse<String> providerAsksAsClient = ConsentFixtures.raw(fake, base
                + "/api/consent/validation/dataprovider?consentReference=" + reference, "X-Road-Client",
                BENEFITS.toEncodedString());
        assertThat(providerAsksAsClient.statusCode()).isEqualTo(404);
        HttpResponse<String> provider = ConsentFixtures.raw(fake, base
                + "/api/consent/validation/dataprovider?consentReference=" + reference, "X-Road-Client",
                REGISTRY.toEncodedString());
        JsonNode p = new ObjectMapper().readTree(provider.body());
        assertThat(p.get("clientSubsystemIdentifier").asText()).isEqualTo("EE/GOV/70000001/benefits");
        assertThat(p.get("serviceDeclarationId").asText()).isEqualTo("TD_PERSONS");

        nt.revoke(reference);
        HttpResponse<String> revoked = ConsentFixtures.raw(fake, base
                + "/api/consent/validation/client?consentReference=" + reference, "X-Road-Client",
                BENEFITS.toEncodedString());
        assertThat(revoked.statusCode()).isEqualTo(500);
        assertThat(revoked.body()).contains("error.business.consent-validate-invalid-status");
    }
}
