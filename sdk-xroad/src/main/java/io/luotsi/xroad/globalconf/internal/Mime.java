package io.luotsi.xroad.globalconf.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The small part of MIME that signed configuration directories use, on byte arrays with exact offsets (the signature
 * covers the raw bytes of a part's body, so nothing is decoded or re-encoded). Lines end in CRLF or LF; header names
 * are case-insensitive; folded header lines are joined; a part whose header block is not closed by an empty line has
 * headers and an empty body; a multipart that is not closed ends at the end of the data.
 */
public final class Mime {

    private Mime() {
    }

    /** A range of a byte array. */
    public record Range(int start, int end) {
        public byte[] copy(byte[] data) {
            return java.util.Arrays.copyOfRange(data, start, end);
        }

        public String text(byte[] data) {
            return new String(data, start, end - start, StandardCharsets.UTF_8);
        }
    }

    /**
     * A MIME entity: its headers (keys lower-case; a repeated header keeps its last value, as X-Road reads them) and
     * its body range.
     */
    public record Entity(Map<String, String> headers, Range body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Whether the range starts with a header block (rather than directly with a boundary or an empty line). */
    public static boolean startsWithHeaders(byte[] data, int from, int to) {
        if (from >= to) {
            return false;
        }
        if (data[from] == '\n' || data[from] == '\r') {
            return false;
        }
        return !(to - from >= 2 && data[from] == '-' && data[from + 1] == '-');
    }

    /** Reads the header block at the start of the range; the body is what follows the empty line. */
    public static Entity entity(byte[] data, int from, int to) {
        Map<String, String> headers = new LinkedHashMap<>();
        String lastName = null;
        int pos = from;
        while (pos < to) {
            int lf = indexOf(data, (byte) '\n', pos, to);
            int lineEnd = lf < 0 ? to : lf;
            int next = lf < 0 ? to : lf + 1;
            int contentEnd = lineEnd > pos && data[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd == pos) {
                // The empty line: the body starts after it.
                return new Entity(Collections.unmodifiableMap(headers), new Range(next, to));
            }
            String line = new String(data, pos, contentEnd - pos, StandardCharsets.UTF_8);
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastName != null) {
                headers.put(lastName, (headers.get(lastName) + " " + line.trim()).trim());
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    lastName = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    headers.put(lastName, line.substring(colon + 1).trim());
                }
            }
            pos = next;
        }
        // No empty line: all headers, no body.
        return new Entity(Collections.unmodifiableMap(headers), new Range(to, to));
    }

    /**
     * The content ranges of the parts of a multipart body with this boundary. Each range excludes the line break that
     * belongs to the following delimiter. Text before the first delimiter (the preamble) and after the close delimiter
     * (the epilogue) is ignored.
     */
    public static List<Range> split(byte[] data, int from, int to, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Range> parts = new ArrayList<>();
        int cursor = findDelimiter(data, from, to, delimiter);
        while (cursor >= 0) {
            int after = cursor + delimiter.length;
            if (after + 1 < to && data[after] == '-' && data[after + 1] == '-') {
                break;
            }
            int lf = indexOf(data, (byte) '\n', after, to);
            int contentStart = lf < 0 ? to : lf + 1;
            int next = findDelimiter(data, contentStart, to, delimiter);
            if (next < 0) {
                parts.add(new Range(contentStart, to));
                break;
            }
            int contentEnd = next;
            if (contentEnd > contentStart && data[contentEnd - 1] == '\n') {
                contentEnd--;
                if (contentEnd > contentStart && data[contentEnd - 1] == '\r') {
                    contentEnd--;
                }
            }
            parts.add(new Range(contentStart, contentEnd));
            cursor = next;
        }
        return parts;
    }

    /** The first delimiter at a line start in [from, to), or -1. {@code from} itself counts as a line start. */
    private static int findDelimiter(byte[] data, int from, int to, byte[] delimiter) {
        int pos = from;
        while (pos <= to - delimiter.length) {
            if ((pos == from || data[pos - 1] == '\n') && regionMatches(data, pos, delimiter)) {
                int after = pos + delimiter.length;
                if (after >= to) {
                    return pos;
                }
                byte b = data[after];
                if (b == '-' || b == '\r' || b == '\n' || b == ' ' || b == '\t') {
                    return pos;
                }
            }
            int lf = indexOf(data, (byte) '\n', pos, to);
            if (lf < 0) {
                return -1;
            }
            pos = lf + 1;
        }
        return -1;
    }

    private static boolean regionMatches(byte[] data, int pos, byte[] what) {
        for (int i = 0; i < what.length; i++) {
            if (data[pos + i] != what[i]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] data, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** A header value split into its main value and its parameters ({@code value; name="x"; other='y'}). */
    public record HeaderValue(String value, Map<String, String> parameters) {
        public String parameter(String name) {
            return parameters.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Parses {@code value; a=b; c="d;e"; f='g'}: parameter names lower-case, one level of quotes removed. */
    public static HeaderValue parseHeaderValue(String text) {
        List<String> pieces = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                cur.append(c);
            } else if (c == '"') {
                quote = c;
                cur.append(c);
            } else if (c == ';') {
                pieces.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        pieces.add(cur.toString());
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < pieces.size(); i++) {
            String p = pieces.get(i).trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            params.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), unquote(p.substring(eq + 1).trim()));
        }
        return new HeaderValue(pieces.get(0).trim(), Collections.unmodifiableMap(params));
    }

    /** Removes one pair of matching double or single quotes. */
    public static String unquote(String s) {
        if (s.length() >= 2) {
            char first = s.charAt(0);
            if ((first == '"' || first == '\'') && s.charAt(s.length() - 1) == first) {
                return s.substring(1, s.length() - 1);
            }
        }
        return s;
    }
}
