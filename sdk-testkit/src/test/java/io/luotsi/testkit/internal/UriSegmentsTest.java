package io.luotsi.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** X-Road's {@code UriUtilsTest} cases, and Guava's path segment escaping. */
class UriSegmentsTest {

    @Test
    void safeCharactersDecodeToThemselves() {
        String safe = "ABCXYZabcxyz0189!$&'()*+,;=:@-._~";

        assertThat(UriSegments.decodeSegment(safe)).isSameAs(safe);
    }

    @Test
    void percentEncodedUtf8IsDecoded() {
        assertThat(UriSegments.decodeSegment("%C3%B6%C3%A4%C3%A5")).isEqualTo("öäå");
        assertThat(UriSegments.decodeSegment("s%2Fub")).isEqualTo("s/ub");
        assertThat(UriSegments.decodeSegment("a%20b%25")).isEqualTo("a b%");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a/b", "quote\"d", "<tag>", "ö", "tab\t", "a%b"})
    void rawCharactersOutsidePcharAreRejected(String segment) {
        assertThatThrownBy(() -> UriSegments.decodeSegment(segment))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(segment.equals("a%b") ? "Incomplete percent encoding" : "Invalid character in path segment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%XY", "%G0", "ab%0z"})
    void invalidPercentEncodingIsRejected(String segment) {
        assertThatThrownBy(() -> UriSegments.decodeSegment(segment)).hasMessage("Invalid percent encoding");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "abc%", "abc%4"})
    void incompletePercentEncodingIsRejected(String segment) {
        assertThatThrownBy(() -> UriSegments.decodeSegment(segment)).hasMessage("Incomplete percent encoding");
    }

    @Test
    void everyCodePointRoundTripsThroughEncoding() {
        IntStream.concat(IntStream.rangeClosed(1, 0x2FF), IntStream.of(0x4E00, 0x200B, 0xFEFF, 0x1F600, 0x10FFFF))
                .filter(cp -> !Character.isSurrogate((char) cp) || cp > 0xFFFF)
                .forEach(cp -> {
                    String s = "x" + new String(Character.toChars(cp)) + "y";
                    String encoded = UriSegments.encodeSegment(s);
                    assertThat(encoded).matches("[A-Za-z0-9\\-._~!$&'()*+,;=:@%]*");
                    assertThat(UriSegments.decodeSegment(encoded)).isEqualTo(s);
                });
    }

    @Test
    void encodingKeepsPcharAndEncodesEverythingElseWithUpperCaseHex() {
        assertThat(UriSegments.encodeSegment("sub/system")).isEqualTo("sub%2Fsystem");
        assertThat(UriSegments.encodeSegment("öäå")).isEqualTo("%C3%B6%C3%A4%C3%A5");
        assertThat(UriSegments.encodeSegment("a b")).isEqualTo("a%20b");
        assertThat(UriSegments.encodeSegment("-._~!$&'()*+,;=:@")).isEqualTo("-._~!$&'()*+,;=:@");
        assertThat(UriSegments.encodeSegment("100%")).isEqualTo("100%25");
    }

    @Test
    void pathDecodingKeepsSlashesAndReproducesXRoadsPercent2dQuirk() {
        assertThat(UriSegments.decode("/pets/a%2Fb/%31", true)).isEqualTo("/pets/a/b/1");
        assertThat(UriSegments.decode("/pets/a%2Db", true)).isEqualTo("/pets/a%2Db");
        assertThat(UriSegments.decodeSegment("a%2Db")).isEqualTo("a-b");
    }
}
