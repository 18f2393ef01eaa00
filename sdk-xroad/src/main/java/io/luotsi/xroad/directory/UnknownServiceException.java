package io.luotsi.xroad.directory;

import io.luotsi.core.ConfigurationException;
import io.luotsi.xroad.ServiceId;
import java.util.List;
import java.util.Objects;

/**
 * A call was refused before it was sent: the directory knows that its service does not exist. Nothing left the
 * process. The message and {@link #suggestions()} name the closest known alternatives, so that a typo in a service
 * code or subsystem is found at once.
 *
 * <pre>{@code
 * try {
 *     client.rest(ServiceId.parse("FI/GOV/0245437-2/registry/persns")).get("/").execute(String.class);
 * } catch (UnknownServiceException e) {
 *     e.reason();        // UNKNOWN_SERVICE
 *     e.suggestions();   // [FI/GOV/0245437-2/registry/persons]
 * }
 * }</pre>
 */
public final class UnknownServiceException extends ConfigurationException {

    private static final long serialVersionUID = 1L;

    /** What is unknown. */
    public enum Reason {
        /** The provider's member is not registered in its instance. */
        UNKNOWN_MEMBER("unknown_member"),
        /** The member is registered, its subsystem is not. */
        UNKNOWN_SUBSYSTEM("unknown_subsystem"),
        /** The provider is registered, but its published services do not include this one. */
        UNKNOWN_SERVICE("unknown_service");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The code, in the style of X-Road's ({@code unknown_member}, {@code unknown_service}). */
        public String code() {
            return code;
        }
    }

    private final transient ServiceId service;
    private final Reason reason;
    private final List<String> suggestions;

    public UnknownServiceException(ServiceId service, Reason reason, List<String> suggestions) {
        super(describe(service, reason, suggestions));
        this.service = Objects.requireNonNull(service, "service");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.suggestions = List.copyOf(suggestions);
    }

    private static String describe(ServiceId service, Reason reason, List<String> suggestions) {
        String what = switch (reason) {
            case UNKNOWN_MEMBER -> "member " + service.provider().member().toShortString() + " is not registered";
            case UNKNOWN_SUBSYSTEM -> "subsystem " + service.provider().toShortString() + " is not registered";
            case UNKNOWN_SERVICE -> "provider " + service.provider().toShortString() + " publishes no service "
                    + service.serviceCode() + (service.serviceVersion() == null ? "" : " " + service.serviceVersion());
        };
        String s = reason.code() + ": not sent to " + service.toShortString() + ": " + what;
        return suggestions.isEmpty() ? s : s + "; did you mean " + String.join(", ", suggestions) + "?";
    }

    public ServiceId service() {
        return service;
    }

    public Reason reason() {
        return reason;
    }

    /** {@link Reason#code()}. */
    public String code() {
        return reason.code();
    }

    /** Known identifiers closest to the unknown one (by edit distance), closest first; possibly empty. */
    public List<String> suggestions() {
        return suggestions;
    }
}
