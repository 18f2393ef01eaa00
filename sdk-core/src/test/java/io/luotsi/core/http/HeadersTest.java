package io.luotsi.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void looksUpNamesCaseInsensitively() {
        Headers h = Headers.of("X-Road-Client", "FI/GOV/0245437-2/ss");

        assertThat(h.value("x-road-client")).contains("FI/GOV/0245437-2/ss");
        assertThat(h.value("X-ROAD-CLIENT")).contains("FI/GOV/0245437-2/ss");
        assertThat(h.contains("x-RoAd-ClIeNt")).isTrue();
        assertThat(h.value("X-Road-Service")).isEmpty();
        assertThat(h.lastValue("X-Road-Service")).isNull();
        assertThat(h.contains("X-Road-Service")).isFalse();
    }

    @Test
    void theLastOfRepeatedValuesWinsAndAllAreKeptInOrder() {
        Headers h = Headers.builder().add("X-Road-Issue", "first").add("Accept", "*/*")
                .add("x-road-issue", "second").build();

        assertThat(h.value("X-Road-Issue")).contains("second");
        assertThat(h.values("X-ROAD-ISSUE")).containsExactly("first", "second");
        assertThat(h.values("Missing")).isEmpty();
    }

    @Test
    void keepsTheOrderAndSpellingOfEveryPair() {
        Headers h = Headers.of("B", "1", "a", "2", "b", "3");
        List<String> pairs = new ArrayList<>();
        h.forEach((n, v) -> pairs.add(n + "=" + v));

        assertThat(h.size()).isEqualTo(3);
        assertThat(pairs).containsExactly("B=1", "a=2", "b=3");
        assertThat(h.name(2)).isEqualTo("b");
        assertThat(h.value(1)).isEqualTo("2");
        assertThat(h.names()).containsExactly("B", "a");
    }

    @Test
    void setReplacesEveryValueOfTheNameWhateverItsCase() {
        Headers h = Headers.of("Accept", "a", "X-A", "1", "accept", "b").toBuilder().set("ACCEPT", "c").build();

        assertThat(h.values("accept")).containsExactly("c");
        assertThat(h.names()).containsExactly("X-A", "ACCEPT");
    }

    @Test
    void removeAllRemovesEveryValueOfTheName() {
        Headers h = Headers.of("Accept", "a", "X-A", "1", "ACCEPT", "b").toBuilder().removeAll("accept").build();

        assertThat(h.size()).isEqualTo(1);
        assertThat(h.contains("Accept")).isFalse();
        assertThat(h.value("X-A")).contains("1");
    }

    @Test
    void aRejectedSetLeavesTheBuilderUnchanged() {
        Headers.Builder b = Headers.builder().add("X-Road-UserId", "EE37702211234");

        assertThatThrownBy(() -> b.set("X-Road-UserId", "bad\r\nvalue")).isInstanceOf(IllegalArgumentException.class);

        assertThat(b.build().value("X-Road-UserId")).contains("EE37702211234");
    }

    @Test
    void isImmutable() {
        Headers.Builder b = Headers.builder().add("A", "1");
        Headers built = b.build();
        b.add("B", "2");

        assertThat(built.size()).isEqualTo(1);
        assertThatThrownBy(() -> built.values("A").add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> built.names().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\r\nX-Injected: 1", "caf\u00e9", "\u0000", "a\u007fb", "\u20ac"})
    void rejectsValuesWithControlOrNonAsciiCharacters(String value) {
        assertThatThrownBy(() -> Headers.builder().add("X-Road-UserId", value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("X-Road-UserId")
                .hasMessageNotContaining(value);
    }

    @Test
    void acceptsTabsSpacesAndPrintableAsciiInValues() {
        Headers h = Headers.of("X-A", "a\tb c ~!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}");

        assertThat(h.value("X-A")).contains("a\tb c ~!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}");
        assertThat(Headers.of("X-Empty", "").value("X-Empty")).contains("");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X A", "X:A", "X\r", "(x)", "X/Y", "a=b", "\u00e4", "X\u007f", "X\"", "x\ty"})
    void rejectsBadNames(String name) {
        assertThatThrownBy(() -> Headers.builder().add(name, "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNullNamesAndValuesNamingTheHeader() {
        assertThatThrownBy(() -> Headers.builder().add(null, "v")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Headers.builder().add("X-A", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("X-A");
    }

    @Test
    void ofNeedsPairs() {
        assertThatThrownBy(() -> Headers.of("A", "1", "B")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Headers.of()).isSameAs(Headers.empty());
        assertThat(Headers.empty().isEmpty()).isTrue();
    }

    @Test
    void toStringPrintsNamesOnly() {
        Headers h = Headers.of("X-Road-UserId", "EE37702211234", "Authorization", "Bearer secret-token");

        assertThat(h.toString()).contains("X-Road-UserId", "Authorization")
                .doesNotContain("EE37702211234").doesNotContain("secret-token");
    }

    @Test
    void equalHeadersHaveEqualHashCodes() {
        assertThat(Headers.of("A", "1", "B", "2")).isEqualTo(Headers.of("A", "1", "B", "2"))
                .hasSameHashCodeAs(Headers.of("A", "1", "B", "2"))
                .isNotEqualTo(Headers.of("B", "2", "A", "1"));
    }

    @Test
    void addAllAppendsInOrder() {
        Headers h = Headers.of("A", "1").toBuilder().addAll(Headers.of("B", "2", "a", "3")).build();

        assertThat(h.values("a")).containsExactly("1", "3");
        assertThat(h.names()).containsExactly("A", "B");
    }
}
