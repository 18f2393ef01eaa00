package io.luotsi.xroad;

import io.luotsi.core.ServiceException;
import java.util.Objects;
import java.util.Optional;

/**
 * A Security Server reported an X-Road error: a REST response with {@code X-Road-Error}, or a SOAP fault. The code is
 * normalised to the 7.8 form whatever the server's version ({@link XRoadErrorCode}).
 *
 * <pre>{@code
 * try {
 *     client.rest(service).get("/persons/{id}", id).execute(Person.class);
 * } catch (XRoadException e) {
 *     if (e.code().equals("server.serverproxy.access_denied")) { ... }
 *     log.warn("X-Road error {} from {}, retryable={}", e.code(), e.origin(), e.retryable());
 * }
 * }</pre>
 */
public class XRoadException extends ServiceException {

    private static final long serialVersionUID = 1L;

    private final XRoadErrorCode errorCode;
    private final String faultString;
    private final String detail;

    public XRoadException(XRoadErrorCode code, String faultString, String detail, int statusCode, String messageId,
                          String requestId) {
        super(describe(code, faultString, detail), null, statusCode, Objects.requireNonNull(code, "code").retryable(),
                messageId, requestId);
        this.errorCode = code;
        this.faultString = faultString;
        this.detail = detail;
    }

    private static String describe(XRoadErrorCode code, String faultString, String detail) {
        StringBuilder sb = new StringBuilder("X-Road error ").append(code.code());
        if (faultString != null && !faultString.isBlank()) {
            sb.append(": ").append(faultString);
        }
        if (detail != null && !detail.isBlank()) {
            sb.append(" (detail ").append(detail).append(')');
        }
        return sb.toString();
    }

    /** The code in X-Road 7.8 form, e.g. {@code server.serverproxy.access_denied}. */
    public String code() {
        return errorCode.code();
    }

    public XRoadErrorCode errorCode() {
        return errorCode;
    }

    public ErrorOrigin origin() {
        return errorCode.origin();
    }

    /** The human-readable message (REST {@code message}, SOAP {@code faultstring}). */
    public Optional<String> faultString() {
        return Optional.ofNullable(faultString);
    }

    /** The error detail; for errors of the Security Server a UUID to find the event in its log. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    @Override
    public boolean requestMayHaveBeenProcessed() {
        return errorCode.requestMayHaveBeenProcessed();
    }
}
