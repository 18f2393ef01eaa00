package io.luotsi.xroad.metaservice.internal;

import io.luotsi.core.ProtocolException;
import io.luotsi.core.json.JacksonJsonCodec;
import io.luotsi.core.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the two top-level facts of an OpenAPI document a client needs, {@code openapi} and {@code servers[].url},
 * without a YAML library: JSON through the JSON codec, YAML by its block structure (top-level keys at column 0, a
 * {@code servers} sequence of mappings), with flow-style {@code servers: [{url: ...}]} read by pattern. Anything else
 * in the document is left to the caller's OpenAPI parser.
 */
public final class OpenApiScanner {

    private static final JsonCodec JSON = JacksonJsonCodec.create();
    private static final Pattern TOP_KEY = Pattern.compile("^([^\\s#\\-][^:]*?)\\s*:(?:\\s+(.*)|\\s*)$");
    private static final Pattern URL_KEY = Pattern.compile("^url\\s*:(?:\\s+(.*)|\\s*)$");
    private static final Pattern FLOW_URL = Pattern.compile("url\\s*:\\s*(\"[^\"]*\"|'[^']*'|[^,}\\]]+)");

    private OpenApiScanner() {
    }

    /** What was found; {@code version} may be null. */
    public record Info(boolean json, String version, List<String> servers) {
    }

    public static Info scan(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (t.stripLeading().startsWith("{")) {
            return json(t);
        }
        return yaml(t);
    }

    private static Info json(String text) {
        Map<?, ?> doc;
        try {
            doc = JSON.read(text.getBytes(StandardCharsets.UTF_8), Map.class);
        } catch (ProtocolException e) {
            return new Info(true, null, List.of());
        }
        Object v = doc.get("openapi");
        List<String> urls = new ArrayList<>();
        if (doc.get("servers") instanceof List<?> servers) {
            for (Object s : servers) {
                if (s instanceof Map<?, ?> m && m.get("url") instanceof String url) {
                    urls.add(url);
                }
            }
        }
        return new Info(true, v == null ? null : v.toString(), List.copyOf(urls));
    }

    private static Info yaml(String text) {
        String version = null;
        List<String> urls = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher top = TOP_KEY.matcher(line);
            if (!top.matches()) {
                continue;
            }
            String key = unquote(top.group(1).trim());
            String value = top.group(2) == null ? "" : top.group(2);
            if (key.equals("openapi")) {
                version = scalar(value);
            } else if (key.equals("servers")) {
                String v = stripComment(value).trim();
                if (v.startsWith("[")) {
                    Matcher m = FLOW_URL.matcher(v);
                    while (m.find()) {
                        String s = scalar(m.group(1));
                        if (s != null) {
                            urls.add(s);
                        }
                    }
                } else {
                    i = servers(lines, i + 1, urls) - 1;
                }
            }
        }
        return new Info(false, version, List.copyOf(urls));
    }

    /** Reads the block sequence after {@code servers:}; returns the index of the first line after it. */
    private static int servers(String[] lines, int from, List<String> urls) {
        int keyIndent = -1;
        int i = from;
        for (; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int indent = indent(line);
            if (indent == 0 && !trimmed.startsWith("-")) {
                break;
            }
            if (trimmed.startsWith("- ") || trimmed.equals("-")) {
                keyIndent = indent + 2;
                String rest = trimmed.length() > 2 ? trimmed.substring(2).trim() : "";
                Matcher m = URL_KEY.matcher(rest);
                if (m.matches()) {
                    addUrl(urls, m.group(1));
                }
            } else if (indent == keyIndent) {
                Matcher m = URL_KEY.matcher(trimmed);
                if (m.matches()) {
                    addUrl(urls, m.group(1));
                }
            }
        }
        return i;
    }

    private static void addUrl(List<String> urls, String value) {
        String s = scalar(value == null ? "" : value);
        if (s != null) {
            urls.add(s);
        }
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    /** A YAML scalar, or null for null, an empty value, or a flow collection. */
    static String scalar(String raw) {
        String v = stripComment(raw).trim();
        if (v.isEmpty() || v.equals("null") || v.equals("~") || v.equals("Null") || v.equals("NULL")) {
            return null;
        }
        if (v.startsWith("[") || v.startsWith("{") || v.startsWith("|") || v.startsWith(">")) {
            return null;
        }
        return unquote(v);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (v.length() >= 2 && v.charAt(0) == '\'' && v.charAt(v.length() - 1) == '\'') {
            return v.substring(1, v.length() - 1).replace("''", "'");
        }
        return v;
    }

    private static String stripComment(String v) {
        char quote = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(v.charAt(i - 1)))) {
                return v.substring(0, i);
            }
        }
        return v;
    }
}
