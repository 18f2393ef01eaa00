package io.luotsi.xroad.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.auth.consent.LegalBasis;
import io.luotsi.core.ProtocolException;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.RepresentedParty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderRequestTest {

    static Map<String, List<String>> headers(String... namesAndValues) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.computeIfAbsent(namesAndValues[i], k -> new java.util.ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void readsEveryXRoadHeaderAsATypedValue() {
        ProviderRequest r = ProviderRequest.from("GET", "/persons/EE37702211234", "fields=name", headers(
                "x-road-client", "EE/BUSINESS/consumer/sub%2Fsystem",
                "X-Road-Id", "msg-1",
                "X-Road-Request-Id", "req-1",
                "X-Road-UserId", "EE38001010000",
                "X-Road-Issue", "case-118",
                "X-Road-Represented-Party", "COM/MEMBER%2F3",
                "Luotsi-Purpose", "eligibility; basis=A6-1-a; categories=name",
                "Luotsi-Authorization", "consent-receipt a.b.c"));
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).isEqualTo("/persons/EE37702211234");
        assertThat(r.query()).hasValue("fields=name");
        assertThat(r.client()).isEqualTo(new ClientId("EE", "BUSINESS", "consumer", "sub/system"));
        assertThat(r.messageId()).isEqualTo("msg-1");
        assertThat(r.requestId()).hasValue("req-1");
        assertThat(r.userId()).hasValue("EE38001010000");
        assertThat(r.issue()).hasValue("case-118");
        assertThat(r.representedParty()).hasValue(RepresentedParty.of("COM", "MEMBER/3"));
        assertThat(r.purpose().orElseThrow().legalBasis()).isEqualTo(LegalBasis.CONSENT);
        assertThat(r.authorization().orElseThrow().type()).isEqualTo("consent-receipt");
        assertThat(r.toString()).doesNotContain("37702211234").doesNotContain("38001010000");
    }

    @Test
    void theLastRepeatedClientHeaderWins() {
        ProviderRequest r = ProviderRequest.from("GET", "/", null, headers("X-Road-Client", "EE/GOV/1/a",
                "X-Road-Client", "EE/GOV/2/b", "X-Road-Id", "m"));
        assertThat(r.client().toShortString()).isEqualTo("EE/GOV/2/b");
        assertThat(r.purpose()).isEmpty();
        assertThat(r.authorization()).isEmpty();
    }

    @Test
    void aRequestThatDidNotComeThroughASecurityServerIsRefused() {
        assertThatThrownBy(() -> ProviderRequest.from("GET", "/", null, headers("X-Road-Id", "m")))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("X-Road-Client");
        assertThatThrownBy(() -> ProviderRequest.from("GET", "/", null, headers("X-Road-Client", "EE/GOV/1/a")))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("X-Road-Id");
        assertThatThrownBy(() -> ProviderRequest.from("GET", "/", null, headers("X-Road-Client", "EE/GOV",
                "X-Road-Id", "m"))).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> ProviderRequest.from("GET", "/", null, headers("X-Road-Client", "EE/GOV/1/a",
                "X-Road-Id", "m", "X-Road-Represented-Party", "a/b/c"))).isInstanceOf(ProtocolException.class);
    }
}
