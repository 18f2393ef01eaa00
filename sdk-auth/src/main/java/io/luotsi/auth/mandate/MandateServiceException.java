package io.luotsi.auth.mandate;

import io.luotsi.core.ServiceException;

/**
 * The e-Authorizations service answered with an error status: 401 or 403 when it refused the request signature (a
 * wrong client id or API key, or a clock more than 5 minutes off), others when it failed. The message says which,
 * never the identifiers asked about.
 */
public final class MandateServiceException extends ServiceException {

    private static final long serialVersionUID = 1L;

    public MandateServiceException(String message, int statusCode, String requestId) {
        super(message, null, statusCode, statusCode == 429 || statusCode >= 500, requestId, null);
    }
}
