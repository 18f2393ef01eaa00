package io.luotsi.core.log;

import io.luotsi.core.http.Headers;
import java.util.Locale;
import java.util.Set;

/**
 * Makes values safe to log. Personal identity codes, tokens and keys never reach a log: use these to print anything
 * that might contain them.
 *
 * <pre>{@code
 * Redaction.personalCode("EE37702211234");   // "EE*********34"
 * Redaction.secret("eyJhbGciOi...");          // "<redacted 212 chars>"
 * Redaction.headers(response.headers());      // allow-listed names with values, others as <redacted>
 * }</pre>
 */
public final class Redaction {

    /** Headers whose values are safe to print. Everything else prints as {@code <redacted>}. */
    private static final Set<String> SAFE_HEADERS = Set.of(
            "accept", "content-type", "content-length", "content-encoding", "transfer-encoding", "date",
            "x-road-id", "x-road-request-id", "x-road-request-hash", "x-road-client", "x-road-service",
            "x-road-error", "x-road-security-server", "x-road-issue", "server", "connection", "soapaction",
            "location", "retry-after");

    /** Headers whose values are personal data but keep a useful shape when masked. */
    private static final Set<String> PERSONAL_HEADERS = Set.of("x-road-userid", "x-road-represented-party");

    private Redaction() {
    }

    /**
     * Masks a personal identity code, keeping a country prefix (two letters) and the last two characters:
     * {@code EE37702211234} becomes {@code EE*********34}. Short values are masked entirely.
     */
    public static String personalCode(String code) {
        if (code == null) {
            return "null";
        }
        int n = code.length();
        if (n <= 6) {
            return "*".repeat(n);
        }
        int keepStart = Character.isLetter(code.charAt(0)) && Character.isLetter(code.charAt(1)) ? 2 : 0;
        return code.substring(0, keepStart) + "*".repeat(n - keepStart - 2) + code.substring(n - 2);
    }

    /** Replaces a secret (token, key, password) by its length only. */
    public static String secret(String secret) {
        return secret == null ? "null" : "<redacted " + secret.length() + " chars>";
    }

    /** Prints headers for a log line: allow-listed values as they are, personal ones masked, others redacted. */
    public static String headers(Headers headers) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < headers.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            String name = headers.name(i);
            sb.append(name).append('=').append(headerValue(name, headers.value(i)));
        }
        return sb.append('}').toString();
    }

    /** A header value as it may be logged. */
    public static String headerValue(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (SAFE_HEADERS.contains(lower)) {
            return value;
        }
        if (PERSONAL_HEADERS.contains(lower)) {
            return personalCode(value);
        }
        return "<redacted>";
    }
}
