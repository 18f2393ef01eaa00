package io.luotsi.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestTest {

    private static HttpRequest.Builder base() {
        return HttpRequest.builder().uri("https://ss.test:8443/r1/FI/GOV/0245437-2/registry/persons");
    }

    @ParameterizedTest
    @CsvSource({"GET,true", "HEAD,true", "OPTIONS,true", "TRACE,true", "PUT,true", "DELETE,true",
            "POST,false", "PATCH,false", "CONNECT,false"})
    void knowsWhichMethodsAreIdempotent(String method, boolean idempotent) {
        RequestBody body = method.equals("GET") || method.equals("HEAD") ? null : RequestBody.of("x", "text/plain");

        assertThat(base().method(method, body).build().isIdempotent()).isEqualTo(idempotent);
    }

    @Test
    void normalisesTheMethodToUpperCase() {
        HttpRequest r = base().method("delete").build();

        assertThat(r.method()).isEqualTo("DELETE");
        assertThat(r.isIdempotent()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GE T", "GET\r\n", "G1"})
    void rejectsInvalidMethods(String method) {
        assertThatThrownBy(() -> base().method(method)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isRepeatableUnlessTheBodyIsOneShot() {
        assertThat(base().build().isRepeatable()).isTrue();
        assertThat(base().method("POST", RequestBody.of(new byte[3], null)).build().isRepeatable()).isTrue();
        assertThat(base().method("POST", RequestBody.ofStream(() -> new ByteArrayInputStream(new byte[3]), 3, null))
                .build().isRepeatable()).isTrue();
        assertThat(base().method("POST", RequestBody.ofStream(new ByteArrayInputStream(new byte[3]), 3, null))
                .build().isRepeatable()).isFalse();
        assertThat(base().method("POST", RequestBody.ofWriter(out -> out.write(1), null)).build().isRepeatable())
                .isFalse();
    }

    @Test
    void refusesABodyOnGetAndHead() {
        assertThatThrownBy(() -> base().method("GET", RequestBody.of("x", null)).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> base().method("HEAD", RequestBody.of("x", null)).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void needsAnAbsoluteHttpUri() {
        assertThatThrownBy(() -> HttpRequest.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> HttpRequest.builder().uri("/relative")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRequest.builder().uri("ftp://ss.test/x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRequest.builder().uri("mailto:a@b.test"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRequest.builder().uri((URI) null)).isInstanceOf(NullPointerException.class);
        assertThat(HttpRequest.builder().uri("HTTPS://ss.test/x").build().uri().getScheme()).isEqualTo("HTTPS");
    }

    @Test
    void keepsTheUriRaw() {
        HttpRequest r = HttpRequest.builder().uri("http://ss.test/r1/FI/GOV/1/svc/a%2Fb?q=%C3%A4%20x").build();

        assertThat(r.uri().getRawPath()).isEqualTo("/r1/FI/GOV/1/svc/a%2Fb");
        assertThat(r.uri().getRawQuery()).isEqualTo("q=%C3%A4%20x");
    }

    @Test
    void toBuilderDerivesAnIndependentSibling() {
        HttpRequest original = base().header("X-A", "1").build();

        HttpRequest derived = original.toBuilder().setHeader("X-A", "2").header("X-B", "3").method("PUT").build();

        assertThat(original.headers().values("X-A")).containsExactly("1");
        assertThat(original.method()).isEqualTo("GET");
        assertThat(derived.headers().values("X-A")).containsExactly("2");
        assertThat(derived.headers().value("X-B")).contains("3");
        assertThat(derived.toBuilder().removeHeader("x-a").build().headers().contains("X-A")).isFalse();
        assertThat(original.toBuilder().headers(Headers.of("Y", "1")).build().headers().names()).containsExactly("Y");
    }

    @Test
    void toStringShowsWhereNotWhat() {
        HttpRequest r = HttpRequest.builder().uri("https://ss.test:8443/r1/FI/GOV/1/svc/persons/EE37702211234?q=1")
                .build();

        assertThat(r.toString()).contains("GET", "https://ss.test:8443").doesNotContain("EE37702211234");
    }
}
