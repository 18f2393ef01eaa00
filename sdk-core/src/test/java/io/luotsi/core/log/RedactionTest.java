package io.luotsi.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.core.http.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

    @ParameterizedTest
    @CsvSource({
            "EE37702211234,EE*********34",
            "FI010190-123A,FI*********3A",
            "010190-123A,*********3A",
            "1234567,*****67",
            "123456,******",
            "AB,**",
            "'',''"})
    void masksPersonalCodesKeepingCountryPrefixAndLastTwo(String code, String masked) {
        assertThat(Redaction.personalCode(code)).isEqualTo(masked);
    }

    @Test
    void masksNullWithoutFailing() {
        assertThat(Redaction.personalCode(null)).isEqualTo("null");
        assertThat(Redaction.secret(null)).isEqualTo("null");
    }

    @Test
    void replacesASecretByItsLength() {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJFRTM3NzAyMjExMjM0In0.sig";

        assertThat(Redaction.secret(token)).isEqualTo("<redacted " + token.length() + " chars>")
                .doesNotContain("eyJ");
    }

    @Test
    void printsAllowListedHeadersMasksPersonalOnesAndRedactsTheRest() {
        Headers headers = Headers.of(
                "Content-Type", "application/json",
                "X-Road-Client", "FI/GOV/0245437-2/ss",
                "X-Road-UserId", "EE37702211234",
                "X-Road-Represented-Party", "COM/0245437-2",
                "Authorization", "Bearer secret-token",
                "Cookie", "session=abc123",
                "X-Custom", "unknown value");

        String printed = Redaction.headers(headers);

        assertThat(printed).startsWith("{").endsWith("}")
                .contains("Content-Type=application/json")
                .contains("X-Road-Client=FI/GOV/0245437-2/ss")
                .contains("X-Road-UserId=EE*********34")
                .contains("Authorization=<redacted>")
                .contains("Cookie=<redacted>")
                .contains("X-Custom=<redacted>")
                .doesNotContain("EE37702211234", "secret-token", "abc123", "unknown value", "COM/0245437-2");
        assertThat(printed.indexOf("Content-Type")).isLessThan(printed.indexOf("X-Custom"));
    }

    @Test
    void matchesHeaderNamesCaseInsensitively() {
        assertThat(Redaction.headerValue("x-road-userid", "EE37702211234")).isEqualTo("EE*********34");
        assertThat(Redaction.headerValue("AUTHORIZATION", "Basic dXNlcjpwYXNz")).isEqualTo("<redacted>");
        assertThat(Redaction.headerValue("x-road-id", "msg-1")).isEqualTo("msg-1");
    }

    @Test
    void emptyHeadersPrintAsEmptyBraces() {
        assertThat(Redaction.headers(Headers.empty())).isEqualTo("{}");
    }
}
