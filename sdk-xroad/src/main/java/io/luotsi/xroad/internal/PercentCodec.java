package io.luotsi.xroad.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of one RFC 3986 path segment, as X-Road encodes identifier parts (Guava's
 * {@code urlPathSegmentEscaper}: unreserved characters, sub-delims, {@code :} and {@code @} stay; everything else,
 * including {@code /}, space and non-ASCII, becomes UTF-8 {@code %XX}).
 */
public final class PercentCodec {

    private static final boolean[] SAFE = new boolean[128];
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            SAFE[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            SAFE[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            SAFE[c] = true;
        }
        for (char c : "-._~!$&'()*+,;=:@".toCharArray()) {
            SAFE[c] = true;
        }
    }

    private PercentCodec() {
    }

    public static boolean isSafe(char c) {
        return c < 128 && SAFE[c];
    }

    public static String encodeSegment(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        encodeSegment(value, sb);
        return sb.toString();
    }

    public static void encodeSegment(String value, StringBuilder out) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 128 && SAFE[c]) {
                out.append(c);
                continue;
            }
            int cp = value.codePointAt(i);
            if (Character.charCount(cp) == 2) {
                i++;
            }
            byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
    }

    /**
     * Decodes a segment strictly, as X-Road's {@code UriUtils.uriSegmentPercentDecode}: a raw character outside
     * RFC 3986 {@code pchar} (space, {@code "}, {@code <}, non-ASCII, a raw {@code /}), a malformed {@code %XY} or
     * escapes that are not valid UTF-8 are an error.
     *
     * @throws IllegalArgumentException on such input
     */
    public static String decodeSegmentStrict(String segment) {
        return decode(segment, true);
    }

    /**
     * Decodes a segment, accepting raw characters that strict decoding refuses (legacy ids with spaces); a malformed
     * {@code %XY} is still an error, and invalid UTF-8 becomes U+FFFD.
     *
     * @throws IllegalArgumentException on a malformed escape
     */
    public static String decodeSegmentLenient(String segment) {
        return decode(segment, false);
    }

    private static String decode(String s, boolean strict) {
        if (s.indexOf('%') < 0) {
            if (strict) {
                for (int i = 0; i < s.length(); i++) {
                    if (!isSafe(s.charAt(i))) {
                        throw new IllegalArgumentException("character at index " + i + " must be percent-encoded");
                    }
                }
            }
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("incomplete percent-encoding at index " + i);
                }
                int hi = hexValue(s.charAt(i + 1));
                int lo = hexValue(s.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("invalid percent-encoding at index " + i);
                }
                out.write((hi << 4) | lo);
                i += 2;
            } else if (isSafe(c)) {
                out.write(c);
            } else if (strict) {
                throw new IllegalArgumentException("character at index " + i + " must be percent-encoded");
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    bytes = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.write(bytes, 0, bytes.length);
            }
        }
        if (!strict) {
            return out.toString(StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-encoded bytes are not valid UTF-8", e);
        }
    }

    /** The value of an ASCII hex digit, or -1. ({@link Character#digit} would also take other scripts' digits.) */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
