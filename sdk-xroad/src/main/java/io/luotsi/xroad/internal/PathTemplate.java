package io.luotsi.xroad.internal;

import java.nio.charset.StandardCharsets;

/**
 * Expands {@code /persons/{id}?fields={f}} with arguments: a placeholder in the path becomes one percent-encoded path
 * segment (a {@code /} inside the value becomes {@code %2F}); in the query, an encoded query component. Literal text is
 * kept as written, except that characters that may never appear raw in a URI (space, non-ASCII, {@code "<>\^`{|}})
 * are percent-encoded. Existing {@code %XX} sequences are kept, so an already encoded path passes unchanged.
 */
public final class PathTemplate {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathTemplate() {
    }

    public static String expand(String template, Object... args) {
        if (template.isEmpty()) {
            template = "/";
        }
        if (template.charAt(0) != '/') {
            throw new IllegalArgumentException("path must start with '/': " + template);
        }
        StringBuilder out = new StringBuilder(template.length() + 32);
        int argIndex = 0;
        boolean inQuery = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed '{' at index " + i + " in path template");
                }
                if (args == null || argIndex >= args.length) {
                    throw new IllegalArgumentException("path template has more placeholders than the "
                            + (args == null ? 0 : args.length) + " arguments given");
                }
                Object arg = args[argIndex++];
                if (arg == null) {
                    throw new IllegalArgumentException("argument " + argIndex + " of the path template is null");
                }
                String value = arg.toString();
                if (inQuery) {
                    encodeQueryComponent(value, out);
                } else {
                    if (value.isEmpty()) {
                        throw new IllegalArgumentException("argument " + argIndex + " would make an empty path segment");
                    }
                    PercentCodec.encodeSegment(value, out);
                }
                i = end;
            } else {
                if (c == '?') {
                    inQuery = true;
                } else if (c == '#') {
                    throw new IllegalArgumentException("a fragment (#) cannot be sent: " + template);
                }
                appendLiteral(c, template, i, out);
                if (Character.isHighSurrogate(c) && i + 1 < template.length()) {
                    i++;
                }
            }
        }
        if (args != null && argIndex < args.length) {
            throw new IllegalArgumentException("path template has " + argIndex + " placeholders but "
                    + args.length + " arguments were given");
        }
        return out.toString();
    }

    /** Appends {@code &name=value} (or {@code ?name=value}) with both parts encoded as query components. */
    public static String appendQuery(String pathAndQuery, String name, String value) {
        StringBuilder sb = new StringBuilder(pathAndQuery);
        sb.append(pathAndQuery.indexOf('?') < 0 ? '?' : '&');
        encodeQueryComponent(name, sb);
        sb.append('=');
        encodeQueryComponent(value, sb);
        return sb.toString();
    }

    private static void appendLiteral(char c, String s, int i, StringBuilder out) {
        if (c > ' ' && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0) {
            out.append(c);
            return;
        }
        String ch = Character.isHighSurrogate(c) && i + 1 < s.length() ? s.substring(i, i + 2) : String.valueOf(c);
        for (byte b : ch.getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }

    /** RFC 3986 query component: unreserved and {@code !$'()*,;:@/?} stay; {@code & = + #}, space and others encoded. */
    static void encodeQueryComponent(String value, StringBuilder out) {
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$'()*,;:@/?".indexOf(c) >= 0;
            if (safe) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
    }
}
