package io.luotsi.xroad.soap.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code Content-Type} value, read the way X-Road reads it (Jetty's {@code HttpField.valueParameters}): the
 * base type is everything before the first {@code ;} outside quotes, trimmed, kept as written; parameters are
 * {@code name=value} pairs separated by {@code ;}, values unquoted. Parameter names match case-insensitively.
 *
 * @param raw        the header value as received
 * @param baseType   the type before the parameters, as written (e.g. {@code Multipart/Related})
 * @param parameters the parameters in order, names lower-cased
 */
public record MediaType(String raw, String baseType, Map<String, String> parameters) {

    public static final String TEXT_XML = "text/xml";
    public static final String XOP_XML = "application/xop+xml";
    public static final String MULTIPART_RELATED = "multipart/related";

    public MediaType {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Parses a header value; never fails (X-Road's reader does not either). */
    public static MediaType parse(String value) {
        String v = value == null ? "" : value;
        Map<String, String> params = new LinkedHashMap<>();
        int i = indexOfUnquoted(v, ';', 0);
        String base = (i < 0 ? v : v.substring(0, i)).trim();
        while (i >= 0) {
            int next = indexOfUnquoted(v, ';', i + 1);
            String token = next < 0 ? v.substring(i + 1) : v.substring(i + 1, next);
            int eq = token.indexOf('=');
            if (eq > 0) {
                String name = token.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String val = unquote(token.substring(eq + 1).trim());
                params.putIfAbsent(name, val);
            } else if (!token.isBlank()) {
                params.putIfAbsent(token.trim().toLowerCase(Locale.ROOT), "");
            }
            i = next;
        }
        return new MediaType(v, base, params);
    }

    private static int indexOfUnquoted(String s, char c, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == '\\' && quoted) {
                i++;
            } else if (ch == c && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            StringBuilder sb = new StringBuilder(s.length());
            for (int i = 1; i < s.length() - 1; i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length() - 1) {
                    c = s.charAt(++i);
                }
                sb.append(c);
            }
            return sb.toString();
        }
        return s;
    }

    /** The base type in lower case, for comparisons. */
    public String baseTypeLower() {
        return baseType.toLowerCase(Locale.ROOT);
    }

    /** A parameter, or {@code null}. */
    public String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    /** The {@code charset} parameter when present and not blank, else {@code null}. */
    public String charset() {
        String c = parameter("charset");
        return c == null || c.isBlank() ? null : c.trim();
    }

    /** Whether the charset is UTF-8 or absent ({@code HeaderValueUtils.hasUtf8Charset}): the BOM is then skipped. */
    public boolean hasUtf8Charset() {
        String c = charset();
        return c == null || c.equalsIgnoreCase("UTF-8");
    }

    public boolean isSoapType() {
        String b = baseTypeLower();
        return b.equals(TEXT_XML) || b.equals(XOP_XML);
    }

    public boolean isMultipart() {
        return baseTypeLower().startsWith("multipart/");
    }
}
