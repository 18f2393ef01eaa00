package io.luotsi.auth.consent;

import io.luotsi.core.AuthorizationException;
import java.util.Objects;

/**
 * A request about a data subject was refused because no valid consent, mandate or legal basis covers it. On the
 * consumer side nothing was sent ({@link #requestMayHaveBeenProcessed()} is {@code false}); on the provider side the
 * request is answered with an error instead of data. The attempt was audited either way.
 *
 * <pre>{@code
 * } catch (ConsentException e) {
 *     if (e.reason() == RefusalReason.EXPIRED) askForConsentAgain();
 * }
 * }</pre>
 *
 * The message names the reason and what was wrong, never the data subject or a token.
 */
public final class ConsentException extends AuthorizationException {

    private static final long serialVersionUID = 1L;

    private final Refusal refusal;

    public ConsentException(Refusal refusal, String messageId) {
        this(refusal, messageId, null);
    }

    public ConsentException(Refusal refusal, String messageId, Throwable cause) {
        super("request about a data subject refused (" + Objects.requireNonNull(refusal, "refusal").reason().code()
                + "): " + refusal.detail(), cause, messageId);
        this.refusal = refusal;
    }

    public ConsentException(RefusalReason reason, String detail) {
        this(Refusal.of(reason, detail), null);
    }

    public ConsentException(RefusalReason reason, String detail, Throwable cause) {
        this(Refusal.of(reason, detail), null, cause);
    }

    public Refusal refusal() {
        return refusal;
    }

    public RefusalReason reason() {
        return refusal.reason();
    }

    /** This refusal for a message: the same, with the message id known. */
    public ConsentException withMessageId(String messageId) {
        ConsentException e = new ConsentException(refusal, messageId, getCause());
        for (Throwable s : getSuppressed()) {
            e.addSuppressed(s);
        }
        return e;
    }
}
