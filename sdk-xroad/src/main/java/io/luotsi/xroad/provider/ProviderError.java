package io.luotsi.xroad.provider;

import io.luotsi.auth.consent.ConsentException;
import io.luotsi.auth.consent.RefusalReason;
import io.luotsi.core.json.JacksonJsonCodec;
import io.luotsi.core.json.JsonCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer a provider gives instead of data when it refuses a request about a data subject: an HTTP status and an
 * X-Road-style JSON body {@code {"type":..., "message":..., "detail":...}}. It is the provider's own error, so it is
 * sent without {@code X-Road-Error} and the Security Servers pass it through; the consumer receives it as a
 * {@link io.luotsi.xroad.ProviderErrorException} with this status and body.
 *
 * <table>
 *   <caption>Types and statuses</caption>
 *   <tr><th>type</th><th>status</th><th>when</th></tr>
 *   <tr><td>{@code consent.no_purpose}</td><td>400</td><td>no (or a malformed) {@code Luotsi-Purpose}</td></tr>
 *   <tr><td>{@code consent.no_evidence}</td><td>403</td><td>no {@code Luotsi-Authorization}</td></tr>
 *   <tr><td>{@code consent.invalid_evidence}</td><td>403</td><td>malformed, forged, tampered, untrusted or of a
 *       type the service does not accept</td></tr>
 *   <tr><td>{@code consent.expired}, {@code consent.not_yet_valid}, {@code consent.revoked},
 *       {@code consent.replayed}</td><td>403</td><td>valid evidence, but not now or not again</td></tr>
 *   <tr><td>{@code consent.subject_mismatch}, {@code consent.purpose_not_covered},
 *       {@code consent.client_not_covered}, {@code consent.categories_not_covered}, {@code consent.disallowed}</td>
 *       <td>403</td><td>valid evidence that does not cover this request</td></tr>
 *   <tr><td>{@code consent.service_unavailable}</td><td>503</td><td>a consent or mandate service could not be
 *       asked</td></tr>
 *   <tr><td>{@code consent.audit_failed}</td><td>500</td><td>the decision could not be audited</td></tr>
 * </table>
 * {@code message} explains the refusal without personal data; {@code detail} is the request's {@code X-Road-Id}, so
 * both sides can find the exchange in their logs.
 *
 * @param status  the HTTP status
 * @param type    {@code consent.<reason code>}
 * @param message what was wrong
 * @param detail  the message id, or {@code null}
 */
public record ProviderError(int status, String type, String message, String detail) {

    private static final JsonCodec JSON = JacksonJsonCodec.create();

    public ProviderError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
    }

    /** The error for a refusal. */
    public static ProviderError of(ConsentException refusal) {
        Objects.requireNonNull(refusal, "refusal");
        return new ProviderError(status(refusal.reason()), type(refusal.reason()), refusal.refusal().detail(),
                refusal.messageId().orElse(null));
    }

    /** {@code consent.<code>}. */
    public static String type(RefusalReason reason) {
        return "consent." + reason.code();
    }

    /** The status of a refusal reason: 400, 403, 500 or 503. */
    public static int status(RefusalReason reason) {
        return switch (reason) {
            case NO_PURPOSE -> 400;
            case SERVICE_UNAVAILABLE -> 503;
            case AUDIT_FAILED -> 500;
            default -> 403;
        };
    }

    /** The JSON body. */
    public byte[] body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("message", message);
        m.put("detail", detail);
        return JSON.writeBytes(m);
    }

    public String contentType() {
        return "application/json; charset=utf-8";
    }

}
