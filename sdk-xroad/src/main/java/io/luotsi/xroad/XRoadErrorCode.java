package io.luotsi.xroad;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An X-Road error code, normalised to the X-Road 7.8 form. X-Road up to 7.7 sends CamelCase codes
 * ({@code Server.ServerProxy.ServiceFailed.NetworkError}); 7.8 sends dotted snake_case
 * ({@code server.serverproxy.service_failed.network_error}). Both arrive in {@code X-Road-Error}, the JSON
 * {@code type} and the SOAP {@code faultcode}; {@link #parse(String)} accepts either and {@link #code()} is always the
 * 7.8 form.
 *
 * <pre>{@code
 * XRoadErrorCode c = XRoadErrorCode.parse("Server.ClientProxy.OutdatedGlobalConf");
 * c.code();        // "server.clientproxy.global_conf_outdated"
 * c.reason();      // "global_conf_outdated"
 * c.origin();      // CONSUMER_SECURITY_SERVER
 * c.retryable();   // true
 * }</pre>
 *
 * @param code     the 7.8 form
 * @param original the code as received
 */
public record XRoadErrorCode(String code, String original) {

    /** Prefix segments and codes whose 7.8 form is not the plain snake_case of the old one. */
    private static final Map<String, String> SPECIAL = Map.of(
            "clientproxy", "clientproxy",
            "serverproxy", "serverproxy",
            "outdatedglobalconf", "global_conf_outdated",
            "servicetype", "service_type",
            "ioerror", "io_error",
            "sslauthenticationfailed", "ssl_authentication_failed");

    /** Reasons after which a later retry may succeed: the failure was in transit or temporary. */
    private static final Set<String> RETRYABLE = Set.of(
            "network_error", "io_error", "unknown_host", "maintenance_mode", "global_conf_outdated", "internal_error",
            "database_error", "timeout", "cannot_create_signature", "http_error", "service_unavailable");

    public XRoadErrorCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(original, "original");
    }

    /** Normalises a code in either casing. */
    public static XRoadErrorCode parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        String trimmed = raw.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("error code is empty");
        }
        String[] segments = trimmed.split("\\.", -1);
        String first = squash(segments[0]);
        if (!first.equals("client") && !first.equals("server")) {
            // A service's own fault code (a QName such as soap:Server or foo:FOOCODE) passes through unchanged.
            return new XRoadErrorCode(trimmed, raw);
        }
        StringBuilder sb = new StringBuilder(trimmed.length() + 8);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(normaliseSegment(segments[i]));
        }
        return new XRoadErrorCode(sb.toString(), raw);
    }

    /** Whether a code string is in the old CamelCase form. */
    public static boolean isLegacyForm(String raw) {
        return !raw.equals(raw.toLowerCase(Locale.ROOT));
    }

    /** Compares two codes as X-Road's casings demand: case-insensitively, ignoring {@code _}. */
    public static boolean sameCode(String a, String b) {
        return squash(a).equals(squash(b));
    }

    private static String squash(String s) {
        return s.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static String normaliseSegment(String s) {
        String special = SPECIAL.get(squash(s));
        if (special != null) {
            return special;
        }
        if (s.equals(s.toLowerCase(Locale.ROOT))) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char prev = s.charAt(i - 1);
                boolean nextLower = i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1));
                if (Character.isLowerCase(prev) || Character.isDigit(prev)
                        || (Character.isUpperCase(prev) && nextLower)) {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    /** The last segment: what went wrong, e.g. {@code access_denied}. */
    public String reason() {
        int dot = code.lastIndexOf('.');
        return dot < 0 ? code : code.substring(dot + 1);
    }

    /** Whether this is an X-Road code ({@code client.*} or {@code server.*}) rather than a service's own fault code. */
    public boolean isXRoadCode() {
        return code.startsWith("client.") || code.startsWith("server.");
    }

    /** Where the error arose. Codes that are not X-Road's are the provider service's own. */
    public ErrorOrigin origin() {
        if (code.startsWith("client.")) {
            return ErrorOrigin.CLIENT_REQUEST;
        }
        if (code.startsWith("server.serverproxy.service_failed.")) {
            return ErrorOrigin.PROVIDER_SERVICE;
        }
        if (code.startsWith("server.serverproxy.") || code.startsWith("server.clientproxy.service_failed.")) {
            return ErrorOrigin.PROVIDER_SECURITY_SERVER;
        }
        if (code.startsWith("server.clientproxy.") || code.startsWith("server.")) {
            return ErrorOrigin.CONSUMER_SECURITY_SERVER;
        }
        return ErrorOrigin.PROVIDER_SERVICE;
    }

    /** Whether a later retry may succeed: transit and temporary failures, not rejections. */
    public boolean retryable() {
        return isXRoadCode() && !code.startsWith("client.") && RETRYABLE.contains(reason());
    }

    /**
     * Whether the provider's service may have acted on the request. False for rejections by either Security Server
     * before forwarding ({@code client.*}, {@code server.clientproxy.*} and {@code server.serverproxy.*} outside
     * {@code service_failed}), and when the provider Security Server could not reach the service at all.
     */
    public boolean requestMayHaveBeenProcessed() {
        if (!isXRoadCode()) {
            return true;
        }
        if (code.startsWith("client.")) {
            return false;
        }
        if (code.startsWith("server.serverproxy.service_failed.")) {
            String r = reason();
            return !(r.equals("unknown_host") || r.equals("network_error"));
        }
        return code.contains(".service_failed.");
    }

    /** The HTTP status X-Road's REST proxy uses for this code: 500 for {@code server.*}, else 400. */
    public int restStatus() {
        return code.startsWith("server.") ? 500 : 400;
    }

    @Override
    public String toString() {
        return code;
    }
}
