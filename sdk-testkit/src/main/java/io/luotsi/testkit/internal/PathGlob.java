package io.luotsi.testkit.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The path patterns of X-Road's REST endpoints and access rights ({@code serverconf.PathGlob}): {@code *} matches any
 * characters within one path segment, two or more {@code *} match anything (also {@code /}), {@code \*} and
 * {@code \\} are a literal {@code *} and {@code \}, every other character matches itself. The method {@code *} and the
 * path {@code **} mean "any".
 */
public final class PathGlob {

    private static final String REGEX_META = "<([{\\^-=$!|]})?*+.>";
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private PathGlob() {
    }

    public static boolean matches(String glob, String path) {
        return CACHE.computeIfAbsent(glob, PathGlob::compile).matcher(path).matches();
    }

    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 16).append('^');
        int n = glob.length();
        int i = 0;
        while (i < n) {
            char ch = glob.charAt(i);
            if (ch == '\\') {
                char next = i + 1 < n ? glob.charAt(i + 1) : 0;
                if (next == '*' || next == '\\') {
                    regex.append('\\').append(next);
                    i += 2;
                } else {
                    regex.append("\\\\");
                    i++;
                }
            } else if (ch == '*') {
                int run = i;
                while (run < n && glob.charAt(run) == '*') {
                    run++;
                }
                regex.append(run - i >= 2 ? ".*" : "[^/]*+");
                i = run;
            } else {
                if (REGEX_META.indexOf(ch) >= 0) {
                    regex.append('\\');
                }
                regex.append(ch);
                i++;
            }
        }
        return Pattern.compile(regex.append('$').toString());
    }
}
