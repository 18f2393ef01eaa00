package io.luotsi.xroad.provider;

import io.luotsi.core.ServiceException;
import io.luotsi.xroad.soap.SoapFault;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown by a {@link SoapHandler} to answer with a SOAP fault of the service's own ({@code SOAP-ENV:Server},
 * {@code SOAP-ENV:Client} or a QName code of the service's namespace). X-Road passes it to the client unchanged. It is
 * written in X-Road's fault format: unqualified {@code faultcode}, {@code faultstring}, {@code faultactor}, and
 * {@code <detail><faultDetail>} when a detail is given.
 *
 * <pre>{@code
 * throw SoapFaultException.of("SOAP-ENV:Client", "unknown person").withDetail("no-such-person");
 * }</pre>
 */
public final class SoapFaultException extends ServiceException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String faultString;
    private final String actor;
    private final String detail;

    private SoapFaultException(String code, String faultString, String actor, String detail) {
        super("SOAP fault " + code + ": " + faultString, null, 500, false, null, null);
        this.code = code;
        this.faultString = faultString;
        this.actor = actor;
        this.detail = detail;
    }

    public static SoapFaultException of(String code, String faultString) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(faultString, "faultString");
        if (code.isBlank()) {
            throw new IllegalArgumentException("code is blank");
        }
        return new SoapFaultException(code, faultString, "", null);
    }

    /** A copy with a {@code faultDetail} text. */
    public SoapFaultException withDetail(String detail) {
        return new SoapFaultException(code, faultString, actor, Objects.requireNonNull(detail, "detail"));
    }

    /** A copy with a {@code faultactor}. */
    public SoapFaultException withActor(String actor) {
        return new SoapFaultException(code, faultString, Objects.requireNonNull(actor, "actor"), detail);
    }

    public String code() {
        return code;
    }

    public String faultString() {
        return faultString;
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /** The fault as it is written. */
    public SoapFault toFault() {
        return SoapFault.of(code, faultString, actor, detail);
    }
}
