package io.luotsi.auth.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evidence that needs no consent: a purpose declared with a legal basis other than consent (a public task or legal
 * obligation, with the law it rests on). It covers requests for exactly that purpose (code, legal basis, legal
 * reference) and at most its data categories; it never expires. It is recorded as what it is: the audit record names
 * the legal basis and the purpose, and the provider checks it against its own list of accepted bases.
 *
 * @param purpose the declared purpose
 */
public record LegalBasisEvidence(Purpose purpose) implements AuthorizationEvidence {

    /** {@value} */
    public static final String TYPE = "legal-basis";
    /** {@value} */
    public static final String TOKEN_TYPE = "urn:luotsi:evidence:legal-basis";

    public LegalBasisEvidence {
        Objects.requireNonNull(purpose, "purpose");
        if (purpose.legalBasis() == LegalBasis.CONSENT) {
            throw new IllegalArgumentException("purpose " + purpose.code() + " rests on consent (A6-1-a): it needs "
                    + "consent evidence, not a legal basis");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** {@code A6-1-e:purpose-code}. */
    @Override
    public String id() {
        return purpose.legalBasis().code() + ":" + purpose.code();
    }

    @Override
    public LegalBasis legalBasis() {
        return purpose.legalBasis();
    }

    @Override
    public Optional<Instant> expiresAt() {
        return Optional.empty();
    }

    @Override
    public Optional<Refusal> check(AuthorizationRequest request) {
        return covers(purpose, request.purpose());
    }

    /** Why {@code requested} is not the {@code declared} purpose or asks for more, or empty. */
    static Optional<Refusal> covers(Purpose declared, Purpose requested) {
        if (!declared.code().equals(requested.code())) {
            return Optional.of(Refusal.of(RefusalReason.PURPOSE_NOT_COVERED, "the legal basis is declared for purpose "
                    + declared.code() + ", not " + requested.code()));
        }
        if (declared.legalBasis() != requested.legalBasis()
                || !Objects.equals(declared.legalReference(), requested.legalReference())) {
            return Optional.of(Refusal.of(RefusalReason.PURPOSE_NOT_COVERED, "purpose " + requested.code()
                    + " names another legal basis or legal reference than the one declared ("
                    + declared.legalBasis().code() + ")"));
        }
        if (!declared.dataCategories().containsAll(requested.dataCategories())) {
            Set<String> excess = new TreeSet<>(requested.dataCategories());
            excess.removeAll(declared.dataCategories());
            return Optional.of(Refusal.of(RefusalReason.CATEGORIES_NOT_COVERED, "data categories " + excess
                    + " are not covered by the legal basis declared for purpose " + requested.code()));
        }
        return Optional.empty();
    }

    /** The legal basis code, e.g. {@code A6-1-e} (the legal reference travels with the purpose). */
    @Override
    public String token() {
        return purpose.legalBasis().code();
    }

    @Override
    public String tokenType() {
        return TOKEN_TYPE;
    }
}
