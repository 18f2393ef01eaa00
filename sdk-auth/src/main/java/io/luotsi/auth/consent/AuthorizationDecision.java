package io.luotsi.auth.consent;

import java.util.Objects;

/**
 * What an {@link AuthorizationProvider} answers: evidence that the request is allowed, a refusal with its reason,
 * or nothing to say (the request is not the provider's kind, e.g. a purpose it has no mapping for).
 */
public sealed interface AuthorizationDecision permits AuthorizationDecision.Granted, AuthorizationDecision.Refused,
        AuthorizationDecision.Abstained {

    static Granted granted(AuthorizationEvidence evidence) {
        return new Granted(evidence);
    }

    static Refused refused(RefusalReason reason, String detail) {
        return new Refused(Refusal.of(reason, detail));
    }

    static Refused refused(Refusal refusal) {
        return new Refused(refusal);
    }

    static Abstained abstain() {
        return Abstained.INSTANCE;
    }

    /** The request is allowed; the evidence says why. */
    record Granted(AuthorizationEvidence evidence) implements AuthorizationDecision {
        public Granted {
            Objects.requireNonNull(evidence, "evidence");
        }
    }

    /** The provider knows the request is not allowed. */
    record Refused(Refusal refusal) implements AuthorizationDecision {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    /** The provider has nothing to say about the request. */
    record Abstained() implements AuthorizationDecision {
        static final Abstained INSTANCE = new Abstained();
    }
}
