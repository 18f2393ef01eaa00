package io.luotsi.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SubjectPseudonymizerTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void samePersonAndKeyGiveTheSamePseudonym() {
        SubjectPseudonymizer p = SubjectPseudonymizer.hmacSha256("k1", KEY);
        assertThat(p.pseudonym("EE37702211234")).isEqualTo(p.pseudonym("EE37702211234"))
                .startsWith("k1:").hasSize(3 + 43).doesNotContain("37702211234");
    }

    @Test
    void otherPersonOrOtherKeyGivesAnotherPseudonym() {
        SubjectPseudonymizer p = SubjectPseudonymizer.hmacSha256("k1", KEY);
        SubjectPseudonymizer q = SubjectPseudonymizer.hmacSha256("k1", "another key of sixteen+".getBytes());
        assertThat(p.pseudonym("EE37702211234")).isNotEqualTo(p.pseudonym("EE37702211235"))
                .isNotEqualTo(q.pseudonym("EE37702211234"));
    }

    @Test
    void refusesShortKeysAndOddKeyIds() {
        assertThatThrownBy(() -> SubjectPseudonymizer.hmacSha256("k1", new byte[15]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> SubjectPseudonymizer.hmacSha256("k 1", KEY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubjectPseudonymizer.hmacSha256("k:1", KEY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverPrintsTheKey() {
        assertThat(SubjectPseudonymizer.hmacSha256("k1", KEY).toString()).doesNotContain("0123456789");
    }

    @Test
    void auditRecordsTakePseudonymsButRefuseRawCodes() {
        SubjectPseudonymizer p = SubjectPseudonymizer.hmacSha256("k1", KEY);
        AuditRecord ok = AuditRecord.builder(Instant.EPOCH, AuditRecord.Side.CONSUMER, AuditRecord.Outcome.ALLOWED)
                .subject(p.pseudonym("EE37702211234")).build();
        assertThat(ok.subject()).startsWith("k1:");
        assertThatThrownBy(() -> AuditRecord.builder(Instant.EPOCH, AuditRecord.Side.CONSUMER,
                AuditRecord.Outcome.ALLOWED).subject("EE37702211234").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("37702211234");
    }

    @Test
    void aRefusalNeedsAReason() {
        assertThatThrownBy(() -> AuditRecord.builder(Instant.EPOCH, AuditRecord.Side.PROVIDER,
                AuditRecord.Outcome.REFUSED).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
