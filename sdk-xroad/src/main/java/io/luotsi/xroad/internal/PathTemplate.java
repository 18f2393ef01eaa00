package io.luotsi.xroad.internal;

import java.nio.charset.StandardCharsets;

/**
 * Expands {@code /persons/{id}?fields={f}} with arguments: a placeholder in the path becomes one percent-encoded path
 * segment (a {@code /} inside the value becomes {@code %2F}); in the query, an encoded query component. Literal text is
 * kept as written, except that characters that may never appear raw in a URI (space, non-ASCII, {@code "<>\^`{|}})
 * are percent-encoded. Existing {@code %XX} sequences are kept, so an already encoded path passes unchanged; a
 * {@code %} that starts no such sequence is encoded as {@code %25}.
 *
 * <p>Dot segments ({@code .}, {@code ..}, also as {@code %2E}) are refused in the path, whether literal or from a
 * placeholder: OkHttp and X-Road both resolve them, so {@code get("/persons/{id}", "..")} would leave the intended
 * resource, and enough of them would even change the service a call goes to.
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
        String result = out.toString();
        int q = result.indexOf('?');
        for (String segment : (q < 0 ? result : result.substring(0, q)).split("/", -1)) {
            requireNoDotSegment(segment);
        }
        return result;
    }

    /**
     * Refuses {@code .} and {@code ..}, raw or percent-encoded, as a path segment or identifier part.
     *
     * @throws IllegalArgumentException for a dot segment
     */
    public static void requireNoDotSegment(String segment) {
        if (segment.isEmpty() || segment.length() > 6) {
            return;
        }
        String s = segment.replace("%2e", ".").replace("%2E", ".");
        if (s.equals(".") || s.equals("..")) {
            throw new IllegalArgumentException("a path segment is the dot segment '" + segment
                    + "', which HTTP clients and X-Road resolve: it would change which resource is called");
        }
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
        if (c == '%') {
            boolean escape = i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2));
            out.append(escape ? "%" : "%25");
            return;
        }
        if (c > ' ' && c < 0x7f && "\"<>\\^`{|}[]".indexOf(c) < 0) {
            out.append(c);
            return;
        }
        String ch = Character.isHighSurrogate(c) && i + 1 < s.length() ? s.substring(i, i + 2) : String.valueOf(c);
        for (byte b : ch.getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
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
