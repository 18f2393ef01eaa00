package io.luotsi.auth.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PurposeTest {

    @Test
    void legalBasesParseFromCodesPrefixedCodesAndIris() {
        assertThat(LegalBasis.parse("A6-1-e")).isEqualTo(LegalBasis.PUBLIC_TASK);
        assertThat(LegalBasis.parse("eu-gdpr:A6-1-c")).isEqualTo(LegalBasis.LEGAL_OBLIGATION);
        assertThat(LegalBasis.parse("https://w3id.org/dpv/legal/eu/gdpr#A6-1-a")).isEqualTo(LegalBasis.CONSENT);
        assertThat(LegalBasis.PUBLIC_TASK.iri()).isEqualTo("https://w3id.org/dpv/legal/eu/gdpr#A6-1-e");
        assertThatThrownBy(() -> LegalBasis.parse("A6-1-g")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPublicTaskOrLegalObligationMustNameItsLaw() {
        assertThatThrownBy(() -> Purpose.builder("tax").legalBasis(LegalBasis.LEGAL_OBLIGATION)
                .dataCategories("income").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("legalReference");
        assertThat(Purpose.builder("tax").legalBasis(LegalBasis.PUBLIC_TASK).legalReference("Act § 1")
                .dataCategories("income").build().legalReference()).isEqualTo("Act § 1");
    }

    @Test
    void aPurposeNamesItsDataCategoriesSorted() {
        Purpose p = Purpose.builder("x").legalBasis(LegalBasis.CONSENT).dataCategories("name", "address").build();
        assertThat(p.dataCategories()).containsExactly("address", "name");
        assertThatThrownBy(() -> Purpose.builder("x").legalBasis(LegalBasis.CONSENT).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Purpose.builder("x").legalBasis(LegalBasis.CONSENT).dataCategories("a b").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Purpose.builder("bad code").legalBasis(LegalBasis.CONSENT).dataCategories("a")
                .build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Purpose.builder("x").dataCategories("a").build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void dataSubjectsAreCountryPrefixedAndMaskedWhenPrinted() {
        DataSubject mari = DataSubject.person("EE37702211234");
        assertThat(mari.country()).isEqualTo("EE");
        assertThat(mari.nationalId()).isEqualTo("37702211234");
        assertThat(mari.toString()).doesNotContain("377022112").contains("EE*********34");
        assertThat(DataSubject.person("FI010101-123N").nationalId()).isEqualTo("010101-123N");
        assertThat(DataSubject.organisation("FI0245437-2").kind()).isEqualTo(DataSubject.Kind.ORGANISATION);
        assertThatThrownBy(() -> DataSubject.person("37702211234"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("37702211234");
        assertThatThrownBy(() -> DataSubject.person("ee37702211234")).isInstanceOf(IllegalArgumentException.class);
    }
}
