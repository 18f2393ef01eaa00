package io.luotsi.xroad;

import io.luotsi.core.ProtocolException;
import java.util.Objects;

/**
 * A message or identifier broke an X-Road protocol rule. {@link #code()} is the X-Road 7.8 code of the rule without
 * prefix, e.g. {@code invalid_xml}, {@code missing_header_field}, {@code invalid_client_identifier}: the code X-Road's
 * own parser would report for the same input.
 */
public class XRoadProtocolException extends ProtocolException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public XRoadProtocolException(String code, String message) {
        this(code, message, null);
    }

    public XRoadProtocolException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The X-Road 7.8 error code, snake_case, without {@code client.}/{@code server.} prefix. */
    public String code() {
        return code;
    }
}
