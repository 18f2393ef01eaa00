package io.luotsi.auth.consent;

import static io.luotsi.auth.consent.Fixtures.CLIENT;
import static io.luotsi.auth.consent.Fixtures.ELIGIBILITY;
import static io.luotsi.auth.consent.Fixtures.MARI;
import static io.luotsi.auth.consent.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.core.audit.AuditRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentGuardTest {

    private final Fixtures.Recording audit = new Fixtures.Recording();
    private final ConsentReceiptEvidence receiptEvidence = Fixtures.verifier().verify(Fixtures.validReceipt(), NOW);

    private ConsentGuard guard(AuthorizationProvider... providers) {
        return ConsentGuard.builder().providers(List.of(providers)).auditSink(audit)
                .pseudonymizer(Fixtures.PSEUDONYMS).build();
    }

    @Test
    void theFirstProviderWithCoveringEvidenceWinsAndTheDecisionIsAudited() {
        List<String> asked = new ArrayList<>();
        AuthorizationProvider abstains = r -> {
            asked.add("abstains");
            return AuthorizationDecision.abstain();
        };
        AuthorizationProvider grants = r -> {
            asked.add("grants");
            return AuthorizationDecision.granted(receiptEvidence);
        };
        AuthorizationProvider never = r -> {
            asked.add("never");
            return AuthorizationDecision.abstain();
        };

        Authorization a = guard(abstains, grants, never).authorize(Fixtures.request());

        assertThat(a.evidence()).isSameAs(receiptEvidence);
        assertThat(asked).containsExactly("abstains", "grants");
        AuditRecord record = audit.records.get(0);
        assertThat(record.outcome()).isEqualTo(AuditRecord.Outcome.ALLOWED);
        assertThat(record.side()).isEqualTo(AuditRecord.Side.CONSUMER);
        assertThat(record.messageId()).isEqualTo("msg-1");
        assertThat(record.client()).isEqualTo(CLIENT);
        assertThat(record.service()).isEqualTo(Fixtures.SERVICE);
        assertThat(record.subject()).isEqualTo(Fixtures.PSEUDONYMS.pseudonym("EE37702211234"));
        assertThat(record.purpose()).isEqualTo("benefit-eligibility");
        assertThat(record.legalBasis()).isEqualTo("A6-1-a");
        assertThat(record.evidenceType()).isEqualTo("consent-receipt");
        assertThat(record.evidenceId()).isEqualTo(receiptEvidence.id());
        assertThat(record.time()).isEqualTo(NOW);
        assertThat(record.toString()).doesNotContain("37702211234");
    }

    @Test
    void evidenceThatDoesNotCoverTheRequestIsNotEnough() {
        AuthorizationRequest otherClient = Fixtures.request(MARI, ELIGIBILITY, Fixtures.OTHER_CLIENT);
        ConsentException e = catchThrowableOfType(ConsentException.class,
                () -> guard(r -> AuthorizationDecision.granted(receiptEvidence)).authorize(otherClient));
        assertThat(e.reason()).isEqualTo(RefusalReason.CLIENT_NOT_COVERED);
        assertThat(e.messageId()).contains("msg-1");
        assertThat(audit.records).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(AuditRecord.Outcome.REFUSED);
            assertThat(r.reason()).isEqualTo("client_not_covered");
            assertThat(r.evidenceType()).isNull();
        });
    }

    @Test
    void theFirstRefusalIsReportedWhenNoProviderGrants() {
        ConsentException e = catchThrowableOfType(ConsentException.class, () -> guard(
                r -> AuthorizationDecision.abstain(),
                r -> AuthorizationDecision.refused(RefusalReason.REVOKED, "consent withdrawn"),
                r -> AuthorizationDecision.refused(RefusalReason.EXPIRED, "old")).authorize(Fixtures.request()));
        assertThat(e.reason()).isEqualTo(RefusalReason.REVOKED);
        assertThat(e.getMessage()).contains("revoked").contains("consent withdrawn");
    }

    @Test
    void noEvidenceAtAllIsARefusal() {
        assertThat(catchThrowableOfType(ConsentException.class, () -> guard(r -> AuthorizationDecision.abstain())
                .authorize(Fixtures.request())).reason()).isEqualTo(RefusalReason.NO_EVIDENCE);
        assertThat(catchThrowableOfType(ConsentException.class, () -> guard().authorize(Fixtures.request()))
                .getMessage()).contains("no authorization provider is configured");
        assertThat(audit.records).hasSize(2).allMatch(r -> r.outcome() == AuditRecord.Outcome.REFUSED);
    }

    @Test
    void aProviderThatThrowsRefusesButTheNextIsAsked() {
        AuthorizationProvider broken = r -> {
            throw new IllegalStateException("EE37702211234 not found");
        };
        ConsentException e = catchThrowableOfType(ConsentException.class, () -> guard(broken)
                .authorize(Fixtures.request()));
        assertThat(e.reason()).isEqualTo(RefusalReason.SERVICE_UNAVAILABLE);
        assertThat(e.getMessage()).contains("IllegalStateException").doesNotContain("37702211234");
        assertThat(guard(broken, r -> AuthorizationDecision.granted(receiptEvidence)).authorize(Fixtures.request())
                .evidence()).isSameAs(receiptEvidence);
    }

    @Test
    void anAllowedRequestWhoseAuditRecordCannotBeWrittenIsRefused() {
        ConsentGuard g = ConsentGuard.builder().auditSink(r -> {
            throw new IllegalStateException("disk full");
        }).pseudonymizer(Fixtures.PSEUDONYMS).addProvider(r -> AuthorizationDecision.granted(receiptEvidence))
                .build();
        ConsentException e = catchThrowableOfType(ConsentException.class, () -> g.authorize(Fixtures.request()));
        assertThat(e.reason()).isEqualTo(RefusalReason.AUDIT_FAILED);
    }

    @Test
    void transmissionsAreReportedToTheGrantingProvider() {
        List<String> reports = new ArrayList<>();
        AuthorizationProvider reporting = new AuthorizationProvider() {
            @Override
            public AuthorizationDecision authorize(AuthorizationRequest request) {
                return AuthorizationDecision.granted(receiptEvidence);
            }

            @Override
            public void transmitted(AuthorizationEvidence evidence, Instant time) {
                reports.add(evidence.id() + "@" + time);
            }
        };
        guard(reporting).authorize(Fixtures.request()).transmitted(NOW);
        assertThat(reports).containsExactly(receiptEvidence.id() + "@" + NOW);
    }

    @Test
    void aGuardNeedsAnAuditSinkAndAPseudonymizer() {
        assertThatThrownBy(() -> ConsentGuard.builder().pseudonymizer(Fixtures.PSEUDONYMS).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("audit");
        assertThatThrownBy(() -> ConsentGuard.builder().auditSink(audit).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Pseudonymizer");
    }

    @Test
    void receiptProviderGrantsTheCoveringReceiptAndExplainsRefusals() {
        ConsentReceiptIssuer issuer = Fixtures.issuer();
        String forJaan = issuer.issue(Fixtures.receipt(issuer, Fixtures.JAAN, ELIGIBILITY, CLIENT).build());
        String expired = issuer.issue(Fixtures.receipt(issuer, MARI, ELIGIBILITY, CLIENT)
                .expiresAt(NOW.minusSeconds(1).plusSeconds(0)).issuedAt(NOW.minusSeconds(3600)).build());
        String valid = Fixtures.validReceipt();
        ConsentReceiptProvider provider = ConsentReceiptProvider.builder().verifier(Fixtures.verifier())
                .source(ConsentReceiptSource.of(List.of(forJaan, expired, valid))).build();

        assertThat(provider.authorize(Fixtures.request())).isInstanceOfSatisfying(
                AuthorizationDecision.Granted.class, g -> assertThat(g.evidence().token()).isEqualTo(valid));

        ConsentReceiptProvider withoutValid = ConsentReceiptProvider.builder().verifier(Fixtures.verifier())
                .source(ConsentReceiptSource.of(List.of(forJaan, expired))).build();
        assertThat(withoutValid.authorize(Fixtures.request())).isInstanceOfSatisfying(
                AuthorizationDecision.Refused.class,
                r -> assertThat(r.refusal().reason()).isEqualTo(RefusalReason.EXPIRED));

        ConsentReceiptProvider none = ConsentReceiptProvider.builder().verifier(Fixtures.verifier())
                .source(subject -> List.of()).build();
        assertThat(none.authorize(Fixtures.request())).isInstanceOf(AuthorizationDecision.Abstained.class);
    }
}
