package io.luotsi.xroad.metaservice;

import java.util.Locale;
import java.util.Objects;

/**
 * An endpoint of a REST service as {@code listMethods}/{@code allowedMethods} list it: a method ({@code *} for any)
 * and a path that may contain {@code *} wildcards ({@code /pets/*}, {@code /pets/{id}} as published, or {@code **}).
 *
 * @param method {@code GET}, {@code POST}, ... or {@code *}
 * @param path   the path pattern
 */
public record Endpoint(String method, String path) {

    public Endpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
    }

    /**
     * Whether a request with this method and path falls under the endpoint: {@code *} as the method matches any
     * method; in the path, {@code **} matches anything and {@code *} anything within one segment.
     */
    public boolean matches(String requestMethod, String requestPath) {
        Objects.requireNonNull(requestMethod, "requestMethod");
        Objects.requireNonNull(requestPath, "requestPath");
        if (!method.equals("*") && !method.equalsIgnoreCase(requestMethod.toUpperCase(Locale.ROOT))) {
            return false;
        }
        String p = requestPath;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        return glob(path, 0, p, 0);
    }

    private static boolean glob(String pattern, int pi, String text, int ti) {
        while (pi < pattern.length()) {
            char c = pattern.charAt(pi);
            if (c == '*') {
                boolean deep = pi + 1 < pattern.length() && pattern.charAt(pi + 1) == '*';
                int next = deep ? pi + 2 : pi + 1;
                for (int k = ti; k <= text.length(); k++) {
                    if (glob(pattern, next, text, k)) {
                        return true;
                    }
                    if (k < text.length() && !deep && text.charAt(k) == '/') {
                        return false;
                    }
                }
                return false;
            }
            if (ti >= text.length() || text.charAt(ti) != c) {
                return false;
            }
            pi++;
            ti++;
        }
        return ti == text.length();
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
