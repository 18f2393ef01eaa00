package io.luotsi.xroad.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Percent-encoding of identifier parts and path segments, against the rules of X-Road's
 * {@code UriUtils.uriSegmentPercentDecode} ({@code UriUtilsTest}) and Guava's {@code urlPathSegmentEscaper}, which
 * X-Road uses to encode.
 */
class PercentCodecTest {

    private static final String SAFE = "!$&'()*+,;=:@-._~";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "=>", value = {
            "sub/system  => sub%2Fsystem",
            "öäå         => %C3%B6%C3%A4%C3%A5",
            "'a b'       => a%20b",
            "100%        => 100%25",
            "a?b#c       => a%3Fb%23c",
            "a\"b<c>     => a%22b%3Cc%3E",
            "列          => %E5%88%97",
            "😀          => %F0%9F%98%80",
            "a\\b^`{|}[] => a%5Cb%5E%60%7B%7C%7D%5B%5D",
    })
    void encodesAsAPathSegment(String raw, String encoded) {
        assertThat(PercentCodec.encodeSegment(raw)).isEqualTo(encoded);
        assertThat(PercentCodec.decodeSegmentStrict(encoded)).isEqualTo(raw);
        assertThat(PercentCodec.decodeSegmentLenient(encoded)).isEqualTo(raw);
    }

    @Test
    void keepsTheSafeSetRaw() {
        assertThat(PercentCodec.encodeSegment(SAFE + ALNUM)).isEqualTo(SAFE + ALNUM);
        assertThat(PercentCodec.decodeSegmentStrict(SAFE + ALNUM)).isEqualTo(SAFE + ALNUM);
        for (char c = 0; c < 128; c++) {
            boolean safe = SAFE.indexOf(c) >= 0 || ALNUM.indexOf(c) >= 0;
            assertThat(PercentCodec.isSafe(c)).as("char %d", (int) c).isEqualTo(safe);
            assertThat(PercentCodec.encodeSegment(String.valueOf(c)))
                    .isEqualTo(safe ? String.valueOf(c) : String.format("%%%02X", (int) c));
        }
        assertThat(PercentCodec.isSafe('ä')).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a/b", "ä", "列", "a\"b", "a<b", "%", "a%", "a%4", "%XY", "%G0", "%0G", "a%%41",
            "%\u0661\u0661", "%\uff11\uff11", "\t", "a\nb"})
    void strictDecodingRejectsWhatXRoadRejects(String segment) {
        assertThatThrownBy(() -> PercentCodec.decodeSegmentStrict(segment))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "a%", "a%4", "%XY", "%\uff11\uff11"})
    void lenientDecodingStillRejectsMalformedEscapes(String segment) {
        assertThatThrownBy(() -> PercentCodec.decodeSegmentLenient(segment))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void strictDecodingRejectsInvalidUtf8() {
        assertThatThrownBy(() -> PercentCodec.decodeSegmentStrict("%C3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PercentCodec.decodeSegmentStrict("%FF%FE"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lenientDecodingAcceptsRawCharactersOfLegacyIdentifiers() {
        assertThat(PercentCodec.decodeSegmentLenient("mgmt service provider")).isEqualTo("mgmt service provider");
        assertThat(PercentCodec.decodeSegmentLenient("öä%C3%A5 😀")).isEqualTo("öäå 😀");
        assertThat(PercentCodec.decodeSegmentLenient("%c3%b6")).isEqualTo("ö");
    }

    @Test
    void everyCodePointRoundTrips() {
        StringBuilder chunk = new StringBuilder();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            String s = new String(Character.toChars(cp));
            String encoded = PercentCodec.encodeSegment(s);
            if (!encoded.equals(s)) {
                assertThat(encoded).as("U+%04X", cp)
                        .isEqualTo(percentEncodeAll(s));
            }
            assertThat(PercentCodec.decodeSegmentStrict(encoded)).as("U+%04X", cp).isEqualTo(s);
            chunk.appendCodePoint(cp);
            if (chunk.length() > 4096) {
                assertThat(PercentCodec.decodeSegmentStrict(PercentCodec.encodeSegment(chunk.toString())))
                        .isEqualTo(chunk.toString());
                chunk.setLength(0);
            }
        }
    }

    private static String percentEncodeAll(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            sb.append(String.format("%%%02X", b & 0xFF));
        }
        return sb.toString();
    }
}
