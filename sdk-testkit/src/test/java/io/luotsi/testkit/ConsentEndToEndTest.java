package io.luotsi.testkit;

import static io.luotsi.testkit.ConsentFixtures.BENEFITS;
import static io.luotsi.testkit.ConsentFixtures.CLOCK;
import static io.luotsi.testkit.ConsentFixtures.ELIGIBILITY;
import static io.luotsi.testkit.ConsentFixtures.ELIGIBILITY_WITH_INCOME;
import static io.luotsi.testkit.ConsentFixtures.JAAN;
import static io.luotsi.testkit.ConsentFixtures.MARI;
import static io.luotsi.testkit.ConsentFixtures.MARKETING;
import static io.luotsi.testkit.ConsentFixtures.NOW;
import static io.luotsi.testkit.ConsentFixtures.PERSONS;
import static io.luotsi.testkit.ConsentFixtures.PSEUDONYMS;
import static io.luotsi.testkit.ConsentFixtures.SHOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.luotsi.auth.consent.ConsentException;
import io.luotsi.auth.consent.ConsentReceiptProvider;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.auth.consent.RefusalReason;
import io.luotsi.core.audit.AuditRecord;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.consent.ConsentHeaders;
import io.luotsi.xroad.provider.ConsentEnforcer;
import io.luotsi.xroad.rest.RestResponse;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Consent receipts end to end through the fake Security Server: a consumer whose client asks a receipt provider
 * before sending, and a registry whose handler passes an enforcer before answering. What the fake recorded proves
 * what left the consumer; both audit sinks prove what was decided.
 */
class ConsentEndToEndTest {

    final TestConsentReceipts consents = TestConsentReceipts.generate(CLOCK);
    final RecordingAuditSink consumerAudit = new RecordingAuditSink();
    final RecordingAuditSink providerAudit = new RecordingAuditSink();
    final List<String> wallet = new CopyOnWriteArrayList<>();
    FakeSecurityServer fake;
    XRoadClient client;

    @BeforeEach
    void start() {
        ConsentEnforcer enforcer = ConsentEnforcer.builder().service(PERSONS)
                .allowPurpose("benefit-eligibility", "name", "address", "income")
                .consentReceipts(consents.verifier())
                .minimiser(ConsentFixtures.MINIMISER)
                .auditSink(providerAudit).pseudonymizer(PSEUDONYMS).clock(CLOCK).build();
        fake = FakeSecurityServer.builder().clock(CLOCK)
                .subsystem(BENEFITS, "Benefits").subsystem(SHOP, "Shop")
                .service(ServiceRegistration.rest(PERSONS).allow(BENEFITS).allow(SHOP)
                        .handler(ConsentFixtures.registry(enforcer)))
                .start();
        client = fake.clientBuilder(BENEFITS)
                .addAuthorizationProvider(ConsentReceiptProvider.builder().verifier(consents.verifier())
                        .source(subject -> wallet).build())
                .auditSink(consumerAudit).subjectPseudonymizer(PSEUDONYMS).build();
    }

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    private RestResponse<String> ask(Purpose purpose, String messageId) {
        return client.rest(PERSONS).get("/persons/{id}", MARI.id()).context(ConsentFixtures.now())
                .messageId(messageId).purpose(purpose).dataSubject(MARI).execute(String.class);
    }

    @Test
    void aRequestWithValidConsentIsSentVerifiedMinimisedAndAuditedOnBothSides() throws Exception {
        String receipt = consents.issue(MARI, ELIGIBILITY, BENEFITS.toShortString());
        wallet.add(receipt);

        RestResponse<String> r = ask(ELIGIBILITY, "msg-ok");

        JsonNode body = new ObjectMapper().readTree(r.body());
        assertThat(body.get("name").asText()).isEqualTo("Mari Maasikas");
        assertThat(body.get("address").asText()).isEqualTo("Pikk 1, Tallinn");
        assertThat(body.has("income")).isFalse();
        assertThat(body.has("health")).isFalse();
        RecordedRequest atProvider = fake.recordings().single(PERSONS).providerRequest().orElseThrow();
        assertThat(atProvider.header("Luotsi-Authorization")).hasValue("consent-receipt " + receipt);
        assertThat(atProvider.header("Luotsi-Purpose")).hasValue(ConsentHeaders.purposeValue(ELIGIBILITY));
        assertThat(atProvider.header("X-Road-Issue")).hasValue(ConsentHeaders.purposeValue(ELIGIBILITY));

        AuditRecord consumed = consumerAudit.assertSingleAllowed();
        AuditRecord provided = providerAudit.assertSingleAllowed();
        for (AuditRecord a : List.of(consumed, provided)) {
            assertThat(a.messageId()).isEqualTo("msg-ok");
            assertThat(a.client()).isEqualTo("EE/GOV/70000001/benefits");
            assertThat(a.service()).isEqualTo("EE/GOV/70000002/registry/persons");
            assertThat(a.subject()).isEqualTo(PSEUDONYMS.pseudonym("EE37702211234"));
            assertThat(a.purpose()).isEqualTo("benefit-eligibility");
            assertThat(a.legalBasis()).isEqualTo("A6-1-a");
            assertThat(a.evidenceType()).isEqualTo("consent-receipt");
            assertThat(a.evidenceId()).isEqualTo(consents.verifier().verify(receipt, NOW).id());
        }
        assertThat(consumed.side()).isEqualTo(AuditRecord.Side.CONSUMER);
        assertThat(provided.side()).isEqualTo(AuditRecord.Side.PROVIDER);
    }

    static Stream<Arguments> refusals() {
        Function<ConsentEndToEndTest, List<String>> none = t -> List.of();
        Function<ConsentEndToEndTest, List<String>> expired = t -> List.of(t.consents.sign(t.consents
                .newReceipt(MARI, ELIGIBILITY, BENEFITS.toShortString())
                .issuedAt(NOW.minus(Duration.ofDays(400))).validFor(Duration.ofDays(365)).build()));
        Function<ConsentEndToEndTest, List<String>> revoked = t -> {
            String r = t.consents.issue(MARI, ELIGIBILITY, BENEFITS.toShortString());
            t.consents.revoke(r);
            return List.of(r);
        };
        Function<ConsentEndToEndTest, List<String>> otherPurpose =
                t -> List.of(t.consents.issue(MARI, MARKETING, BENEFITS.toShortString()));
        Function<ConsentEndToEndTest, List<String>> otherSubject =
                t -> List.of(t.consents.issue(JAAN, ELIGIBILITY, BENEFITS.toShortString()));
        Function<ConsentEndToEndTest, List<String>> otherClient =
                t -> List.of(t.consents.issue(MARI, ELIGIBILITY, SHOP.toShortString()));
        Function<ConsentEndToEndTest, List<String>> valid =
                t -> List.of(t.consents.issue(MARI, ELIGIBILITY, BENEFITS.toShortString()));
        return Stream.of(
                Arguments.of("no consent", none, ELIGIBILITY, RefusalReason.NO_EVIDENCE),
                Arguments.of("expired consent", expired, ELIGIBILITY, RefusalReason.EXPIRED),
                Arguments.of("revoked consent", revoked, ELIGIBILITY, RefusalReason.REVOKED),
                Arguments.of("consent to another purpose", otherPurpose, ELIGIBILITY,
                        RefusalReason.PURPOSE_NOT_COVERED),
                Arguments.of("consent of another person", otherSubject, ELIGIBILITY, RefusalReason.SUBJECT_MISMATCH),
                Arguments.of("consent for another client", otherClient, ELIGIBILITY,
                        RefusalReason.CLIENT_NOT_COVERED),
                Arguments.of("more data categories than consented", valid, ELIGIBILITY_WITH_INCOME,
                        RefusalReason.CATEGORIES_NOT_COVERED));
    }

    @ParameterizedTest(name = "{0} is refused before sending")
    @MethodSource("refusals")
    void aRequestWithoutCoveringConsentIsRefusedBeforeSendingAndAudited(String scenario,
            Function<ConsentEndToEndTest, List<String>> receipts, Purpose purpose, RefusalReason reason) {
        wallet.addAll(receipts.apply(this));

        ConsentException e = catchThrowableOfType(ConsentException.class, () -> ask(purpose, "msg-refused"));

        assertThat(e).as(scenario).isNotNull();
        assertThat(e.reason()).as(scenario).isEqualTo(reason);
        assertThat(e.requestMayHaveBeenProcessed()).isFalse();
        assertThat(e.messageId()).hasValue("msg-refused");
        assertThat(fake.recordings().to(PERSONS)).as("nothing reached the Security Server").isEmpty();
        assertThat(fake.recordings().isEmpty()).isTrue();
        AuditRecord refused = consumerAudit.assertSingleRefused(reason.code());
        assertThat(refused.messageId()).isEqualTo("msg-refused");
        assertThat(refused.subject()).isEqualTo(PSEUDONYMS.pseudonym(MARI.id()));
        assertThat(refused.toString() + refused.detail()).doesNotContain("37702211234");
        assertThat(providerAudit.records()).isEmpty();
    }

    private HttpResponse<String> presented(String messageId, String evidence) throws Exception {
        return ConsentFixtures.raw(fake, "/r1/" + PERSONS.provider().toEncodedString() + "/persons/persons/"
                        + MARI.id(),
                "X-Road-Client", BENEFITS.toEncodedString(), "X-Road-Id", messageId,
                "Luotsi-Purpose", ConsentHeaders.purposeValue(ELIGIBILITY),
                "Luotsi-Authorization", evidence);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void theProviderRefusesAForgedReceipt() throws Exception {
        TestConsentReceipts forger = TestConsentReceipts.generate(CLOCK);
        HttpResponse<String> r = presented("msg-forged", "consent-receipt "
                + forger.issue(MARI, ELIGIBILITY, BENEFITS.toShortString()));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("type").asText()).isEqualTo("consent.invalid_evidence");
        assertThat(json(r).get("detail").asText()).isEqualTo("msg-forged");
        assertThat(providerAudit.assertSingleRefused("invalid_evidence").evidenceType()).isEqualTo("consent-receipt");
    }

    @Test
    void theProviderRefusesATamperedReceipt() throws Exception {
        String[] parts = consents.issue(MARI, ELIGIBILITY, SHOP.toShortString()).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(SHOP.toShortString(), BENEFITS.toShortString());
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        HttpResponse<String> r = presented("msg-tampered", "consent-receipt " + tampered);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("type").asText()).isEqualTo("consent.invalid_evidence");
        assertThat(json(r).get("message").asText()).contains("jws_invalid_signature");
    }

    @Test
    void theProviderRefusesAReplayedRequest() throws Exception {
        String evidence = "consent-receipt " + consents.issue(MARI, ELIGIBILITY, BENEFITS.toShortString());

        HttpResponse<String> first = presented("msg-once", evidence);
        HttpResponse<String> again = presented("msg-once", evidence);
        HttpResponse<String> next = presented("msg-twice", evidence);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(json(again).get("type").asText()).isEqualTo("consent.replayed");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(providerAudit.refused()).singleElement().satisfies(a -> assertThat(a.reason())
                .isEqualTo("replayed"));
    }

    @Test
    void theProviderChecksRevocationItselfAndWhoIsAsking() throws Exception {
        String receipt = consents.issue(MARI, ELIGIBILITY, BENEFITS.toShortString());
        HttpResponse<String> shop = ConsentFixtures.raw(fake, "/r1/" + PERSONS.provider().toEncodedString()
                        + "/persons/persons/" + MARI.id(), "X-Road-Client", SHOP.toEncodedString(), "X-Road-Id", "m-1",
                "Luotsi-Purpose", ConsentHeaders.purposeValue(ELIGIBILITY),
                "Luotsi-Authorization", "consent-receipt " + receipt);
        assertThat(json(shop).get("type").asText()).isEqualTo("consent.client_not_covered");

        consents.revoke(receipt);
        HttpResponse<String> r = presented("msg-revoked", "consent-receipt " + receipt);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("type").asText()).isEqualTo("consent.revoked");
    }

    @Test
    void theProviderRefusesARequestWithoutEvidenceOrPurpose() throws Exception {
        HttpResponse<String> noPurpose = ConsentFixtures.raw(fake, "/r1/" + PERSONS.provider().toEncodedString()
                + "/persons/persons/" + MARI.id(), "X-Road-Client", BENEFITS.toEncodedString());
        assertThat(noPurpose.statusCode()).isEqualTo(400);
        assertThat(json(noPurpose).get("type").asText()).isEqualTo("consent.no_purpose");
        HttpResponse<String> noEvidence = ConsentFixtures.raw(fake, "/r1/" + PERSONS.provider().toEncodedString()
                + "/persons/persons/" + MARI.id(), "X-Road-Client", BENEFITS.toEncodedString(),
                "Luotsi-Purpose", ConsentHeaders.purposeValue(ELIGIBILITY));
        assertThat(noEvidence.statusCode()).isEqualTo(403);
        assertThat(json(noEvidence).get("type").asText()).isEqualTo("consent.no_evidence");
        assertThat(providerAudit.refused()).hasSize(2);
    }
}
