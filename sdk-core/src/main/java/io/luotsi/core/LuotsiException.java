package io.luotsi.core;

import java.util.Optional;

/**
 * Root of every exception Luotsi throws. Unchecked, and sealed: modules extend only its non-sealed branches.
 *
 * <ul>
 *   <li>{@link TransportException}: the bytes did not get there or back (connect, TLS, timeout, I/O, local rejection);
 *   <li>{@link ProtocolException}: a message broke the protocol (malformed, inconsistent, over a limit);
 *   <li>{@link ServiceException}: the other side answered with an error (a Security Server or the provider);
 *   <li>{@link ConfigurationException}: the SDK or its material is mis-configured (files, keys, certificates);
 *   <li>{@link AuthorizationException}: a local policy refused the call before anything was sent (consent, mandate);
 *   <li>{@link VerificationException}: evidence did not verify (signature, certificate, hash chain, timestamp).
 * </ul>
 *
 * <p>Every exception answers {@link #retryable()} (whether trying again may help) and
 * {@link #requestMayHaveBeenProcessed()} (whether the provider may have acted on the request; when it cannot have,
 * even a non-idempotent request can safely be retried). The message id and request id, when known, are available
 * through accessors and appear at the end of {@link #getMessage()}.
 */
public abstract sealed class LuotsiException extends RuntimeException
        permits TransportException, ProtocolException, ServiceException, ConfigurationException,
                AuthorizationException, VerificationException {

    private static final long serialVersionUID = 1L;

    private final String messageId;
    private final String requestId;

    protected LuotsiException(String message, Throwable cause, String messageId, String requestId) {
        super(message, cause);
        this.messageId = blankToNull(messageId);
        this.requestId = blankToNull(requestId);
    }

    /** Whether repeating the same request later may succeed. */
    public abstract boolean retryable();

    /**
     * Whether the provider may have received and acted on the request. {@code false} only when the failure proves
     * that nothing reached the provider (connection refused, rejected locally, refused by a Security Server before
     * forwarding). Conservative by default.
     */
    public boolean requestMayHaveBeenProcessed() {
        return true;
    }

    /** The message id of the call ({@code X-Road-Id} / SOAP {@code id}), when known. */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** The request id the consumer Security Server assigned ({@code X-Road-Request-Id}), when known. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    @Override
    public String getMessage() {
        String base = super.getMessage();
        if (messageId == null && requestId == null) {
            return base;
        }
        StringBuilder sb = new StringBuilder(base == null ? "" : base).append(" [");
        if (messageId != null) {
            sb.append("messageId=").append(messageId);
        }
        if (requestId != null) {
            if (messageId != null) {
                sb.append(", ");
            }
            sb.append("requestId=").append(requestId);
        }
        return sb.append(']').toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
