package io.luotsi.testkit.internal;

import java.nio.charset.StandardCharsets;

/**
 * Percent-coding of URI path segments exactly as X-Road 7.8 does it.
 *
 * <ul>
 *   <li>Decoding follows {@code UriUtils.uriPathPercentDecode}: only RFC 3986 {@code pchar} may appear raw
 *       ({@code A-Z a-z 0-9 - . _ ~ ! $ & ' ( ) * + , ; = : @}); anything else (space, {@code "}, raw non-ASCII, a raw
 *       {@code /} when decoding a single segment) and a malformed or incomplete {@code %XY} is an error. Decoded bytes
 *       are read as UTF-8.
 *   <li>Encoding follows Guava's {@code UrlEscapers.urlPathSegmentEscaper()}, which X-Road uses for the
 *       {@code X-Road-Client} and {@code X-Road-Service} response headers.
 * </ul>
 */
public final class UriSegments {

    private static final String SAFE_PUNCTUATION = "-._~!$&'()*+,;=:@";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriSegments() {
    }

    /** Decodes one path segment strictly; {@link IllegalArgumentException} with X-Road's message on bad input. */
    public static String decodeSegment(String src) {
        return decode(src, false);
    }

    /**
     * Decodes a path. With {@code allowSeparator} a raw {@code /} is kept, and - as X-Road does, whose code means to
     * keep {@code %2F} but compares against 0x2D - the sequence {@code %2D} is kept encoded (as {@code %2D}) while
     * {@code %2F} is decoded. The quirk matters only for access-right matching, where X-Road uses this form.
     */
    public static String decode(String src, boolean allowSeparator) {
        int length = src.length();
        if (length == 0) {
            return src;
        }
        byte[] buf = new byte[length];
        boolean changed = false;
        int pos = 0;
        int i = 0;
        while (i < length) {
            char ch = src.charAt(i);
            if (ch == '/' && allowSeparator) {
                buf[pos++] = (byte) ch;
                i++;
            } else if (ch == '%') {
                if (i + 2 >= length) {
                    throw new IllegalArgumentException("Incomplete percent encoding");
                }
                int d1 = hex(src.charAt(i + 1));
                int d2 = hex(src.charAt(i + 2));
                if (d1 < 0 || d2 < 0) {
                    throw new IllegalArgumentException("Invalid percent encoding");
                }
                if (allowSeparator && d1 == 0x2 && d2 == 0xD) {
                    buf[pos++] = '%';
                    buf[pos++] = '2';
                    buf[pos++] = 'D';
                } else {
                    buf[pos++] = (byte) ((d1 << 4) + d2);
                }
                i += 3;
                changed = true;
            } else if (isSafe(ch)) {
                buf[pos++] = (byte) ch;
                i++;
            } else {
                throw new IllegalArgumentException("Invalid character in path segment");
            }
        }
        return changed ? new String(buf, 0, pos, StandardCharsets.UTF_8) : src;
    }

    /** Whether {@code ch} may appear unencoded in a path segment (RFC 3986 {@code pchar} without {@code %}). */
    public static boolean isSafe(char ch) {
        if (ch < 0x21 || ch > 0x7E) {
            return false;
        }
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
            return true;
        }
        return SAFE_PUNCTUATION.indexOf(ch) >= 0;
    }

    /** Percent-encodes one path segment (UTF-8, upper-case hex), keeping {@code pchar} characters. */
    public static String encodeSegment(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && isSafe(c)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    private static int hex(char ch) {
        if (ch >= '0' && ch <= '9') {
            return ch - '0';
        }
        if (ch >= 'A' && ch <= 'F') {
            return ch - 'A' + 10;
        }
        if (ch >= 'a' && ch <= 'f') {
            return ch - 'a' + 10;
        }
        return -1;
    }
}
