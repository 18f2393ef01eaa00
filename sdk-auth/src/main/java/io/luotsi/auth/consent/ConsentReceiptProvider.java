package io.luotsi.auth.consent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Grants {@link ConsentReceiptEvidence}: asks its {@link ConsentReceiptSource} for the data subject's receipts,
 * verifies each, and grants the first that covers the request. When receipts exist but none covers it, it refuses with
 * the most telling reason (an expired or revoked receipt of the subject rather than a receipt of someone else); when
 * there are none it abstains. Immutable and thread-safe.
 *
 * <pre>{@code
 * AuthorizationProvider receipts = ConsentReceiptProvider.builder()
 *     .verifier(verifier)
 *     .source(subject -> receiptStore.findBySubject(subject.id()))
 *     .build();
 * }</pre>
 */
public final class ConsentReceiptProvider implements AuthorizationProvider {

    private final ConsentReceiptVerifier verifier;
    private final ConsentReceiptSource source;

    private ConsentReceiptProvider(ConsentReceiptVerifier verifier, ConsentReceiptSource source) {
        this.verifier = verifier;
        this.source = source;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public AuthorizationDecision authorize(AuthorizationRequest request) {
        List<String> receipts = source.receiptsFor(request.subject());
        if (receipts == null || receipts.isEmpty()) {
            return AuthorizationDecision.abstain();
        }
        Refusal best = null;
        for (String token : receipts) {
            Refusal refusal;
            try {
                ConsentReceiptEvidence evidence = verifier.verify(token, request.time());
                Optional<Refusal> gap = evidence.check(request);
                if (gap.isEmpty()) {
                    return AuthorizationDecision.granted(evidence);
                }
                refusal = gap.get();
            } catch (ConsentException e) {
                refusal = e.refusal();
            }
            if (best == null || best.reason() == RefusalReason.SUBJECT_MISMATCH
                    && refusal.reason() != RefusalReason.SUBJECT_MISMATCH) {
                best = refusal;
            }
        }
        return AuthorizationDecision.refused(best);
    }

    @Override
    public String toString() {
        return "ConsentReceiptProvider[" + verifier + "]";
    }

    /** Builds a {@link ConsentReceiptProvider}; the verifier and the source are required. */
    public static final class Builder {
        private ConsentReceiptVerifier verifier;
        private ConsentReceiptSource source;

        private Builder() {
        }

        public Builder verifier(ConsentReceiptVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        public Builder source(ConsentReceiptSource source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        public ConsentReceiptProvider build() {
            if (verifier == null || source == null) {
                throw new IllegalStateException("a verifier and a receipt source are required");
            }
            return new ConsentReceiptProvider(verifier, source);
        }
    }
}
