package io.luotsi.samples.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.auth.consent.ConsentException;
import io.luotsi.auth.consent.ConsentReceiptProvider;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.LegalBasis;
import io.luotsi.auth.consent.LegalBasisProvider;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.core.audit.SubjectPseudonymizer;
import io.luotsi.testkit.FakeRestResponse;
import io.luotsi.testkit.FakeSecurityServer;
import io.luotsi.testkit.RecordingAuditSink;
import io.luotsi.testkit.ServiceRegistration;
import io.luotsi.testkit.TestConsentReceipts;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test-kit examples of docs/how-to/make-a-consent-aware-request.md, compiled and run. */
class TestingConsentTest {

    static final ClientId BENEFITS = ClientId.parse("EE/GOV/70000001/benefits");
    static final ServiceId PERSONS = ServiceId.parse("EE/GOV/70000002/registry/persons");
    static final SubjectPseudonymizer PSEUDONYMS = SubjectPseudonymizer.hmacSha256("test",
            "a test key of enough bytes".getBytes(StandardCharsets.UTF_8));

    @Test
    void anExpiredReceiptIsRefusedBeforeSending() {
        Clock clock = Clock.systemUTC();
        DataSubject subject = DataSubject.person("EE37702211234");
        Purpose p = Purpose.builder("benefit-eligibility").legalBasis(LegalBasis.CONSENT)
                .dataCategories("name").build();
        TestConsentReceipts consents = TestConsentReceipts.generate(clock);
        String expired = consents.sign(consents.newReceipt(subject, p, BENEFITS.toShortString())
                .issuedAt(Instant.now().minus(Duration.ofDays(400))).validFor(Duration.ofDays(365)).build());
        try (FakeSecurityServer fake = FakeSecurityServer.builder().subsystem(BENEFITS, "Benefits")
                .service(ServiceRegistration.rest(PERSONS).allow(BENEFITS).respond(FakeRestResponse.json("{}")))
                .start()) {
            // snippet:test-refusal
            RecordingAuditSink audit = new RecordingAuditSink();
            XRoadClient client = fake.clientBuilder(BENEFITS)
                    .addAuthorizationProvider(ConsentReceiptProvider.builder()
                            .verifier(consents.verifier()).source(s -> List.of(expired)).build())
                    .auditSink(audit).subjectPseudonymizer(PSEUDONYMS)
                    .build();

            assertThatThrownBy(() -> client.rest(PERSONS).get("/persons/{id}", subject.id())
                    .purpose(p).dataSubject(subject).execute())
                    .isInstanceOf(ConsentException.class);
            assertThat(fake.recordings().to(PERSONS)).isEmpty();      // nothing was sent
            audit.assertSingleRefused("expired");
            // end:test-refusal
            client.close();
        }
    }

    @Test
    void aLegalBasisPurposeNeedsNoConsent() {
        // snippet:legal-basis
        Purpose taxAssessment = Purpose.builder("tax-assessment")
                .legalBasis(LegalBasis.LEGAL_OBLIGATION)        // A6-1-c
                .legalReference("Taxation Act § 59")            // the law the basis rests on
                .dataCategories("income", "address")
                .build();
        LegalBasisProvider legalBases = LegalBasisProvider.builder().allow(taxAssessment).build();
        // end:legal-basis
        RecordingAuditSink audit = new RecordingAuditSink();
        try (FakeSecurityServer fake = FakeSecurityServer.builder().subsystem(BENEFITS, "Benefits")
                .service(ServiceRegistration.rest(PERSONS).allow(BENEFITS).respond(FakeRestResponse.json("{}")))
                .start();
             XRoadClient client = fake.clientBuilder(BENEFITS).addAuthorizationProvider(legalBases)
                     .auditSink(audit).subjectPseudonymizer(PSEUDONYMS).build()) {
            client.rest(PERSONS).get("/persons/1").purpose(taxAssessment)
                    .dataSubject(DataSubject.person("EE37702211234")).execute();
            assertThat(fake.recordings().single(PERSONS).providerRequest().orElseThrow()
                    .header("Luotsi-Authorization")).hasValue("legal-basis A6-1-c");
            assertThat(audit.assertSingleAllowed().evidenceId()).isEqualTo("A6-1-c:tax-assessment");
        }
    }
}
