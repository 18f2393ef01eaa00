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

    /**
     * Reasons after which a later retry may succeed: the failure was in transit or temporary. All are reasons of
     * X-Road's {@code ErrorCode}/{@code ErrorCodes} (7.8; the 7.7 names normalise to them); X-Road itself has no
     * notion of retryability, so this is Luotsi's judgement of each.
     */
    private static final Set<String> RETRYABLE = Set.of(
            "network_error", "io_error", "unknown_host", "http_error", "maintenance_mode", "global_conf_outdated",
            "internal_error", "database_error", "cannot_create_signature");

    /**
     * Reasons with which the consumer Security Server ({@code server.clientproxy.*}) refuses a request before it
     * sends anything to the provider: checks of global configuration, of the client and of the request itself,
     * resolving and authenticating to the provider's server, signing the request. Anything else it reports
     * (network and I/O errors, an HTTP error or a missing or bad signature on the provider's answer, internal
     * errors) can happen after the provider received the request.
     */
    private static final Set<String> CLIENTPROXY_BEFORE_SENDING = Set.of(
            "global_conf_outdated", "maintenance_mode", "unknown_member", "unknown_host", "invalid_client_identifier",
            "invalid_security_server", "ssl_authentication_failed", "cannot_create_signature", "bad_request",
            "invalid_request", "invalid_http_method", "invalid_protocol_version", "invalid_content_type",
            "invalid_soap_action", "missing_header", "missing_header_field", "duplicate_header_field",
            "inconsistent_headers", "missing_soap", "invalid_soap", "missing_rest", "invalid_rest", "missing_body",
            "invalid_body", "invalid_xml", "mime_parsing_failed");

    /**
     * Reasons with which the provider Security Server ({@code server.serverproxy.*}) refuses a request before it
     * forwards it to the service: access rights, the service's registration, the client's signature and
     * certificate, the client Security Server's version, the message's form. Anything else it reports (signing its
     * response, logging, database, network and internal errors) can happen after the service acted.
     */
    private static final Set<String> SERVERPROXY_BEFORE_FORWARDING = Set.of(
            "access_denied", "unknown_service", "service_disabled", "service_type", "unknown_member",
            "missing_signature", "invalid_signature_value", "malformed_signature", "cert_validation",
            "incorrect_certificate", "ssl_authentication_failed", "client_proxy_version_not_supported",
            "invalid_http_method", "invalid_content_type", "missing_soap", "invalid_soap", "missing_rest",
            "invalid_rest", "missing_header", "missing_header_field", "duplicate_header_field",
            "inconsistent_headers", "invalid_protocol_version", "invalid_client_identifier",
            "invalid_security_server", "maintenance_mode", "global_conf_outdated", "service_missing_url",
            "service_malformed_url", "adapter_wsdl_not_found");

    /**
     * Reasons of {@code server.serverproxy.service_failed.*} that mean the provider Security Server could not open a
     * connection to the service at all. ({@code network_error} is not among them: X-Road reports every
     * {@code SocketException} so, a connection reset after the request was sent included.)
     */
    private static final Set<String> SERVICE_NOT_REACHED = Set.of(
            "unknown_host", "ssl_authentication_failed", "service_missing_url", "service_malformed_url");

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
        if (segments.length < 2 || !first.equals("client") && !first.equals("server")) {
            // A service's own fault code (a QName such as soap:Server or foo:FOOCODE, or a bare Server or Client)
            // passes through unchanged.
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
     * Whether the provider's service may have acted on the request. {@code false} only when the code proves it did
     * not: a {@code client.*} rejection by the consumer Security Server; a {@code server.clientproxy.*} reason the
     * consumer Security Server raises before sending; a {@code server.serverproxy.*} reason the provider Security
     * Server raises before forwarding (access denied, unknown service, ...); a
     * {@code server.serverproxy.service_failed.*} reason that means the service could not be reached at all (unknown
     * host, TLS to it failed). Everything else, {@code server.clientproxy.service_failed.*} and service fault codes
     * included, may have been processed.
     */
    public boolean requestMayHaveBeenProcessed() {
        if (!isXRoadCode()) {
            return true;
        }
        if (code.startsWith("client.")) {
            return false;
        }
        String r = reason();
        if (code.startsWith("server.serverproxy.service_failed.")) {
            return !SERVICE_NOT_REACHED.contains(r);
        }
        if (code.startsWith("server.clientproxy.service_failed.")) {
            return true;
        }
        if (code.equals("server.clientproxy." + r)) {
            return !CLIENTPROXY_BEFORE_SENDING.contains(r);
        }
        if (code.equals("server.serverproxy." + r)) {
            return !SERVERPROXY_BEFORE_FORWARDING.contains(r);
        }
        return true;
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
