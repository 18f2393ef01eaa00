package io.luotsi.xroad.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.auth.consent.LegalBasis;
import io.luotsi.auth.consent.Purpose;
import org.junit.jupiter.api.Test;

class ConsentHeadersTest {

    private static final Purpose TAX = Purpose.builder("tax-assessment").description("not sent")
            .legalBasis(LegalBasis.LEGAL_OBLIGATION).legalReference("Taxation Act § 59 (1)")
            .dataCategories("income", "address").build();

    @Test
    void writesThePurposeAsCodeBasisCategoriesAndEncodedReference() {
        assertThat(ConsentHeaders.purposeValue(TAX)).isEqualTo(
                "tax-assessment; basis=A6-1-c; categories=address,income; ref=Taxation%20Act%20%C2%A7%2059%20%281%29");
        Purpose consent = Purpose.builder("eligibility").legalBasis(LegalBasis.CONSENT).dataCategories("name")
                .build();
        assertThat(ConsentHeaders.purposeValue(consent)).isEqualTo("eligibility; basis=A6-1-a; categories=name");
    }

    @Test
    void readsWhatItWrites() {
        Purpose read = ConsentHeaders.parsePurpose(ConsentHeaders.purposeValue(TAX));
        assertThat(read.code()).isEqualTo("tax-assessment");
        assertThat(read.legalBasis()).isEqualTo(LegalBasis.LEGAL_OBLIGATION);
        assertThat(read.legalReference()).isEqualTo("Taxation Act § 59 (1)");
        assertThat(read.dataCategories()).containsExactly("address", "income");
        assertThat(read.description()).isNull();
    }

    @Test
    void readsLenientlyButRefusesWhatIsMissing() {
        assertThat(ConsentHeaders.parsePurpose("x ;CATEGORIES= a , b ;basis=eu-gdpr:A6-1-a; future=1")
                .dataCategories()).containsExactly("a", "b");
        assertThatThrownBy(() -> ConsentHeaders.parsePurpose("x; basis=A6-1-a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("categories");
        assertThatThrownBy(() -> ConsentHeaders.parsePurpose("x; basis=A6-1-e; categories=a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("legalReference");
        assertThatThrownBy(() -> ConsentHeaders.parsePurpose("x; basis=A6-1-c; categories=a; ref=%E"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsentHeaders.parsePurpose("x; basis"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAuthorizationHeaderIsTypeSpaceToken() {
        ConsentHeaders.PresentedEvidence e = ConsentHeaders.parseAuthorization("consent-receipt aaa.bbb.ccc");
        assertThat(e.type()).isEqualTo("consent-receipt");
        assertThat(e.token()).isEqualTo("aaa.bbb.ccc");
        assertThat(e.toString()).doesNotContain("aaa.bbb.ccc");
        assertThat(ConsentHeaders.authorizationValue("legal-basis", "A6-1-e")).isEqualTo("legal-basis A6-1-e");
        for (String bad : new String[] {"consent-receipt", "consent-receipt ", " x", "a b c"}) {
            assertThatThrownBy(() -> ConsentHeaders.parseAuthorization(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ConsentHeaders.authorizationValue("t", "ä")).isInstanceOf(
                IllegalArgumentException.class);
    }
}
