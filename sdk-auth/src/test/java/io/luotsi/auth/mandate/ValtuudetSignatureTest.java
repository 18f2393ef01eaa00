package io.luotsi.auth.mandate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ValtuudetSignatureTest {

    private static final Instant T = Instant.parse("2026-03-02T10:15:30.123Z");
    private static final String PATH = "/service/rest/hpa/authorization/abcd1234/010101-123N/020202-234M"
            + "?issue=http%3A%2F%2Fvaltuusrekisteri.suomi.fi%2Fhakemus&requestId=r-1";
    private final ValtuudetSignature signature = ValtuudetSignature.of("abcd1234", "api-key-secret");

    @Test
    void theHeaderIsClientIdTimestampAndHmacOverPathAndTimestamp() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("api-key-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "abcd1234 2026-03-02T10:15:30.123Z " + Base64.getEncoder().encodeToString(
                mac.doFinal((PATH + " 2026-03-02T10:15:30.123Z").getBytes(StandardCharsets.UTF_8)));

        assertThat(signature.headerValue(PATH, T)).isEqualTo(expected);
        assertThat(ValtuudetSignature.timestamp(Instant.parse("2026-03-02T10:15:30Z")))
                .isEqualTo("2026-03-02T10:15:30.000Z");
    }

    @Test
    void verifiesWithinFiveMinutesEitherWay() {
        String header = signature.headerValue(PATH, T);
        assertThat(signature.verify(header, PATH, T)).isEmpty();
        assertThat(signature.verify(header, PATH, T.plus(Duration.ofMinutes(5)))).isEmpty();
        assertThat(signature.verify(header, PATH, T.minus(Duration.ofMinutes(5)))).isEmpty();
        assertThat(signature.verify(header, PATH, T.plus(Duration.ofMinutes(5)).plusMillis(1)))
                .hasValueSatisfying(r -> assertThat(r).contains("5 minutes"));
        assertThat(signature.verify(header, PATH, T.minus(Duration.ofMinutes(5)).minusMillis(1))).isPresent();
    }

    @Test
    void refusesAnotherPathClientKeyOrAMangledHeader() {
        String header = signature.headerValue(PATH, T);
        assertThat(signature.verify(header, PATH.replace("r-1", "r-2"), T)).hasValue(
                "the signature does not match the path, query and timestamp");
        assertThat(ValtuudetSignature.of("other123", "api-key-secret").verify(header, PATH, T))
                .hasValue("unknown client id");
        assertThat(ValtuudetSignature.of("abcd1234", "another-key").verify(header, PATH, T)).isPresent();
        assertThat(signature.verify(header.replace(" ", "  "), PATH, T)).isPresent();
        assertThat(signature.verify(null, PATH, T)).isPresent();
        assertThat(signature.verify("abcd1234 yesterday abc=", PATH, T)).isPresent();
    }

    @Test
    void acceptsTimestampsAsTheReferenceClientsWriteThem() throws Exception {
        for (String ts : new String[] {"2026-03-02T10:15:30.123456789Z", "2026-03-02T12:15:30+02:00"}) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("api-key-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String header = "abcd1234 " + ts + " " + Base64.getEncoder().encodeToString(
                    mac.doFinal((PATH + " " + ts).getBytes(StandardCharsets.UTF_8)));
            assertThat(signature.verify(header, PATH, T)).as(ts).isEmpty();
        }
    }

    @Test
    void neverShowsTheKey() {
        assertThat(signature.toString()).doesNotContain("api-key-secret");
        assertThatThrownBy(() -> ValtuudetSignature.of("a b", "k")).isInstanceOf(IllegalArgumentException.class);
    }
}
