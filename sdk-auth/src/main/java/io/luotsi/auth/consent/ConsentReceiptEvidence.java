package io.luotsi.auth.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A consent receipt that verified ({@link ConsentReceiptVerifier}): the receipt and the token it came in. It covers a
 * request when the request is about the receipt's subject, for a purpose the receipt lists (resting on consent), from
 * the receipt's processor, for no more data categories than that purpose's, while the receipt is valid.
 */
public final class ConsentReceiptEvidence implements AuthorizationEvidence {

    /** {@value} */
    public static final String TYPE = "consent-receipt";

    private final ConsentReceipt receipt;
    private final String token;
    private final Duration clockSkew;

    ConsentReceiptEvidence(ConsentReceipt receipt, String token, Duration clockSkew) {
        this.receipt = Objects.requireNonNull(receipt, "receipt");
        this.token = Objects.requireNonNull(token, "token");
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
    }

    public ConsentReceipt receipt() {
        return receipt;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The {@code consentReceiptID}. */
    @Override
    public String id() {
        return receipt.consentReceiptId();
    }

    @Override
    public LegalBasis legalBasis() {
        return LegalBasis.CONSENT;
    }

    @Override
    public Optional<Instant> expiresAt() {
        return Optional.of(receipt.expiresAt());
    }

    @Override
    public Optional<Refusal> check(AuthorizationRequest request) {
        if (!receipt.subject().equals(request.subject().id())) {
            return refusal(RefusalReason.SUBJECT_MISMATCH, "consent receipt " + id()
                    + " is about another data subject");
        }
        if (!request.time().isBefore(receipt.expiresAt())) {
            return refusal(RefusalReason.EXPIRED, "consent receipt " + id() + " expired at " + receipt.expiresAt());
        }
        if (request.time().isBefore(receipt.issuedAt().minus(clockSkew))) {
            return refusal(RefusalReason.NOT_YET_VALID, "consent receipt " + id() + " is valid from "
                    + receipt.issuedAt());
        }
        Purpose purpose = request.purpose();
        if (purpose.legalBasis() != LegalBasis.CONSENT) {
            return refusal(RefusalReason.PURPOSE_NOT_COVERED, "purpose " + purpose.code() + " rests on "
                    + purpose.legalBasis().code() + ", not on consent, so a consent receipt does not cover it");
        }
        Optional<ConsentReceipt.ServicePurpose> consented = receipt.purpose(purpose.code());
        if (consented.isEmpty()) {
            return refusal(RefusalReason.PURPOSE_NOT_COVERED, "consent receipt " + id() + " does not cover purpose "
                    + purpose.code());
        }
        if (!consented.get().piiCategory().containsAll(purpose.dataCategories())) {
            Set<String> excess = new TreeSet<>(purpose.dataCategories());
            excess.removeAll(consented.get().piiCategory());
            return refusal(RefusalReason.CATEGORIES_NOT_COVERED, "consent receipt " + id() + " does not cover data "
                    + "categories " + excess + " of purpose " + purpose.code());
        }
        if (!receipt.processor().equals(request.client())) {
            return refusal(RefusalReason.CLIENT_NOT_COVERED, "consent receipt " + id() + " allows "
                    + receipt.processor() + " to request the data, not " + request.client());
        }
        return Optional.empty();
    }

    /** The data categories the receipt allows for {@code purposeCode} (empty when it does not cover the purpose). */
    public Set<String> consentedCategories(String purposeCode) {
        return receipt.purpose(purposeCode).map(p -> Set.copyOf(p.piiCategory())).orElse(Set.of());
    }

    /** The compact JWS. */
    @Override
    public String token() {
        return token;
    }

    @Override
    public String tokenType() {
        return JWT_TOKEN_TYPE;
    }

    @Override
    public String toString() {
        return "ConsentReceiptEvidence[" + receipt + "]";
    }

    private static Optional<Refusal> refusal(RefusalReason reason, String detail) {
        return Optional.of(Refusal.of(reason, detail));
    }
}
