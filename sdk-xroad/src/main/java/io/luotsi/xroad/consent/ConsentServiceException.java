package io.luotsi.xroad.consent;

import io.luotsi.core.ServiceException;
import java.util.Optional;

/**
 * The consent service answered a query with an error: its error key ({@code error.validation},
 * {@code error.http.404}, {@code error.business.consent-validate-invalid-status}, ...) says which. The message names
 * the query and the key, never the person asked about.
 */
public final class ConsentServiceException extends ServiceException {

    private static final long serialVersionUID = 1L;

    /** No valid consent for the combination asked about ({@code HTTP_NOT_FOUND}, 404). */
    public static final String NOT_FOUND = "error.http.404";
    /** The consent is not (or no longer) APPROVED ({@code CONSENT_VALIDATE_INVALID_STATUS}, 500). */
    public static final String INVALID_STATUS = "error.business.consent-validate-invalid-status";
    /** A malformed query ({@code VALIDATION}, 400). */
    public static final String VALIDATION = "error.validation";

    private final String errorKey;

    public ConsentServiceException(String query, int statusCode, String errorKey, Throwable cause, String messageId,
                                   String requestId) {
        super("consent service " + query + " failed: HTTP " + statusCode + (errorKey == null ? "" : " " + errorKey),
                cause, statusCode, statusCode == 429 || statusCode == 502 || statusCode == 503 || statusCode == 504,
                messageId, requestId);
        this.errorKey = errorKey;
    }

    /** The service's error key, when its body had one. */
    public Optional<String> errorKey() {
        return Optional.ofNullable(errorKey);
    }

    /** Whether the service said there is no such (valid) consent. */
    public boolean notFound() {
        return NOT_FOUND.equals(errorKey) || errorKey == null && statusCode() == 404;
    }

    /** Whether the service said the consent is not APPROVED (withdrawn, expired, declined). */
    public boolean notApproved() {
        return INVALID_STATUS.equals(errorKey);
    }
}
