package io.luotsi.testkit.internal;

import java.util.Objects;
import java.util.UUID;

/**
 * An X-Road error the fake Security Server answers with: the 7.8 code, the message X-Road puts in {@code message} /
 * {@code faultstring}, and a fresh UUID as {@code detail} (X-Road's error identifier).
 */
public final class XRoadFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the fake answered with this error, for strict mode. */
    public enum Kind {
        /** The request could not be routed or was refused (malformed, unknown client/service, access denied...). */
        UNROUTABLE,
        /** The request was routed, and the provider failed (connection refused, unknown host, I/O). */
        PROVIDER_FAILURE
    }

    private final String code;
    private final String detail;
    private final Kind kind;

    public XRoadFault(String code, String message, Kind kind) {
        this(code, message, kind, null);
    }

    public XRoadFault(String code, String message, Kind kind, Throwable cause) {
        super(message, cause, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.detail = UUID.randomUUID().toString();
    }

    /** A refusal by the fake's routing (not found, denied, malformed). */
    public static XRoadFault unroutable(String code, String message) {
        return new XRoadFault(code, message, Kind.UNROUTABLE);
    }

    public String code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    public Kind kind() {
        return kind;
    }

    /** X-Road's REST status rule ({@code ClientRestMessageHandler.sendErrorResponse}). */
    public int restStatus() {
        return code.startsWith("server.") ? 500 : 400;
    }
}
