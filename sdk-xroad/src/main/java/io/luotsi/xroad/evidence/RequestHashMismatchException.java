package io.luotsi.xroad.evidence;

import io.luotsi.core.VerificationException;
import java.util.Objects;
import java.util.Optional;

/**
 * A SOAP response's {@code requestHash} is not the hash of the request the client sent: the response may answer
 * another request, or the request was changed on the way. {@link #code()} is one of
 * <ul>
 *   <li>{@value #MISMATCH}: the hashes differ;
 *   <li>{@value #MISSING}: the response has no request hash;
 *   <li>{@value #ALGORITHM_UNSUPPORTED}: the response names an algorithm other than SHA-512, which the client did not
 *       compute.
 * </ul>
 * The hash values are available from the accessors; the message names neither.
 */
public final class RequestHashMismatchException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public static final String MISMATCH = "request_hash_mismatch";
    public static final String MISSING = "request_hash_missing";
    public static final String ALGORITHM_UNSUPPORTED = "request_hash_algorithm_unsupported";

    private final Digest sent;
    private final RequestHashReceipt received;

    RequestHashMismatchException(String code, String message, Digest sent, RequestHashReceipt received) {
        super(code, message, null);
        this.sent = Objects.requireNonNull(sent, "sent");
        this.received = received;
    }

    /** The digest of the request as the client sent it. */
    public Digest sent() {
        return sent;
    }

    /** What the response carried, when it carried a request hash. */
    public Optional<RequestHashReceipt> received() {
        return Optional.ofNullable(received);
    }
}
