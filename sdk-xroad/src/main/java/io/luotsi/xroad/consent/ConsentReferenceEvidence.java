package io.luotsi.xroad.consent;

import io.luotsi.auth.consent.AuthorizationEvidence;
import io.luotsi.auth.consent.AuthorizationRequest;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.LegalBasis;
import io.luotsi.auth.consent.Refusal;
import io.luotsi.auth.consent.RefusalReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A consent reference that the consent service validated: the data subject consented to the purpose declaration,
 * for the client subsystem named in it, until the expiry. It covers requests about that subject, for the purpose
 * mapped to the declaration and at most its data categories, from that client, before the expiry. The reference is
 * the token; the provider validates it again with the consent service.
 */
public final class ConsentReferenceEvidence implements AuthorizationEvidence {

    /** {@value} */
    public static final String TYPE = "consent-reference";
    /** {@value} */
    public static final String TOKEN_TYPE = "urn:luotsi:evidence:consent-reference";

    private final String reference;
    private final DataSubject subject;
    private final String purposeCode;
    private final Set<String> categories;
    private final String client;
    private final Instant expiresAt;

    /**
     * Evidence from a validation: made by {@link ConsentServiceProvider} and the provider side's
     * {@code ConsentEnforcer}.
     *
     * @param reference   the consent reference
     * @param subject     the subject the consent service named ({@code idCode})
     * @param purposeCode the Luotsi purpose the purpose declaration stands for
     * @param categories  the data categories the declaration covers
     * @param client      the client the consent service named, {@code EE/GOV/70000562/yphis}
     * @param expiresAt   {@code consentExpiration}
     */
    public ConsentReferenceEvidence(String reference, DataSubject subject, String purposeCode, Set<String> categories,
                                    String client, Instant expiresAt) {
        this.reference = Objects.requireNonNull(reference, "reference");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.purposeCode = Objects.requireNonNull(purposeCode, "purposeCode");
        this.categories = Set.copyOf(categories);
        this.client = Objects.requireNonNull(client, "client");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The consent reference. */
    @Override
    public String id() {
        return reference;
    }

    @Override
    public LegalBasis legalBasis() {
        return LegalBasis.CONSENT;
    }

    @Override
    public Optional<Instant> expiresAt() {
        return Optional.of(expiresAt);
    }

    public Set<String> categories() {
        return categories;
    }

    @Override
    public Optional<Refusal> check(AuthorizationRequest request) {
        if (!subject.id().equals(request.subject().id())) {
            return refusal(RefusalReason.SUBJECT_MISMATCH, "consent " + reference + " is about another data subject");
        }
        if (!request.time().isBefore(expiresAt)) {
            return refusal(RefusalReason.EXPIRED, "consent " + reference + " expired at " + expiresAt);
        }
        if (request.purpose().legalBasis() != LegalBasis.CONSENT || !purposeCode.equals(request.purpose().code())) {
            return refusal(RefusalReason.PURPOSE_NOT_COVERED, "consent " + reference + " is for purpose "
                    + purposeCode + " (consent), not " + request.purpose().code() + " ("
                    + request.purpose().legalBasis().code() + ")");
        }
        if (!categories.containsAll(request.requestedCategories())) {
            Set<String> excess = new TreeSet<>(request.requestedCategories());
            excess.removeAll(categories);
            return refusal(RefusalReason.CATEGORIES_NOT_COVERED, "consent " + reference + " does not cover data "
                    + "categories " + excess);
        }
        if (!client.equals(request.client())) {
            return refusal(RefusalReason.CLIENT_NOT_COVERED, "consent " + reference + " is for client " + client
                    + ", not " + request.client());
        }
        return Optional.empty();
    }

    /** The consent reference. */
    @Override
    public String token() {
        return reference;
    }

    @Override
    public String tokenType() {
        return TOKEN_TYPE;
    }

    @Override
    public String toString() {
        return "ConsentReferenceEvidence[" + reference + ", " + purposeCode + ", until " + expiresAt + "]";
    }

    private static Optional<Refusal> refusal(RefusalReason reason, String detail) {
        return Optional.of(Refusal.of(reason, detail));
    }
}
