package io.luotsi.auth.consent;

import static io.luotsi.auth.consent.Fixtures.CLIENT;
import static io.luotsi.auth.consent.Fixtures.MARI;
import static io.luotsi.auth.consent.Fixtures.TAX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LegalBasisProviderTest {

    private final LegalBasisProvider provider = LegalBasisProvider.builder().allow(TAX).build();

    @Test
    void grantsADeclaredLegalBasisAndRecordsItAsSuch() {
        AuthorizationDecision d = provider.authorize(Fixtures.request(MARI, TAX, CLIENT));
        assertThat(d).isInstanceOfSatisfying(AuthorizationDecision.Granted.class, g -> {
            AuthorizationEvidence e = g.evidence();
            assertThat(e.type()).isEqualTo("legal-basis");
            assertThat(e.id()).isEqualTo("A6-1-c:tax-assessment");
            assertThat(e.legalBasis()).isEqualTo(LegalBasis.LEGAL_OBLIGATION);
            assertThat(e.token()).isEqualTo("A6-1-c");
            assertThat(e.tokenType()).isEqualTo("urn:luotsi:evidence:legal-basis");
            assertThat(e.expiresAt()).isEmpty();
            assertThat(e.check(Fixtures.request(MARI, TAX, CLIENT))).isEmpty();
        });
    }

    @Test
    void refusesMoreCategoriesOrAnotherLawThanDeclared() {
        Purpose more = TAX.toBuilder().dataCategories("income", "address", "health").build();
        assertThat(provider.authorize(Fixtures.request(MARI, more, CLIENT))).isInstanceOfSatisfying(
                AuthorizationDecision.Refused.class,
                r -> assertThat(r.refusal().reason()).isEqualTo(RefusalReason.CATEGORIES_NOT_COVERED));
        Purpose otherLaw = TAX.toBuilder().legalReference("Some other act").build();
        assertThat(provider.authorize(Fixtures.request(MARI, otherLaw, CLIENT))).isInstanceOfSatisfying(
                AuthorizationDecision.Refused.class,
                r -> assertThat(r.refusal().reason()).isEqualTo(RefusalReason.PURPOSE_NOT_COVERED));
    }

    @Test
    void leavesUndeclaredPurposesToOthers() {
        assertThat(provider.authorize(Fixtures.request())).isInstanceOf(AuthorizationDecision.Abstained.class);
    }

    @Test
    void aConsentPurposeCannotBeDeclaredAsALegalBasis() {
        assertThatThrownBy(() -> LegalBasisProvider.builder().allow(Fixtures.ELIGIBILITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consent");
    }
}
