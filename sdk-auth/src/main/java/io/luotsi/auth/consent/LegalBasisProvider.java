package io.luotsi.auth.consent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Grants {@link LegalBasisEvidence} for the purposes declared to it: processing that rests on a legal obligation or a
 * public task (or another basis than consent) and needs no consent. Only declared purposes are covered, and only
 * when the request names the same legal basis and reference and no more data categories; every other request is
 * left to the next provider. Immutable and thread-safe.
 *
 * <pre>{@code
 * LegalBasisProvider legalBases = LegalBasisProvider.builder()
 *     .allow(Purpose.builder("tax-assessment")
 *         .legalBasis(LegalBasis.LEGAL_OBLIGATION)
 *         .legalReference("Taxation Act § 59")
 *         .dataCategories("income", "address")
 *         .build())
 *     .build();
 * }</pre>
 */
public final class LegalBasisProvider implements AuthorizationProvider {

    private final Map<String, Purpose> purposes;

    private LegalBasisProvider(Map<String, Purpose> purposes) {
        this.purposes = Map.copyOf(purposes);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public AuthorizationDecision authorize(AuthorizationRequest request) {
        Purpose declared = purposes.get(request.purpose().code());
        if (declared == null) {
            return AuthorizationDecision.abstain();
        }
        return LegalBasisEvidence.covers(declared, request.purpose())
                .<AuthorizationDecision>map(AuthorizationDecision::refused)
                .orElseGet(() -> AuthorizationDecision.granted(new LegalBasisEvidence(declared)));
    }

    /** The declared purposes. */
    public List<Purpose> purposes() {
        return List.copyOf(purposes.values());
    }

    @Override
    public String toString() {
        return "LegalBasisProvider" + purposes.keySet();
    }

    /** Builds a {@link LegalBasisProvider}. */
    public static final class Builder {
        private final Map<String, Purpose> purposes = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Declares a purpose that rests on a legal basis other than consent.
         *
         * @throws IllegalArgumentException when the purpose rests on consent
         */
        public Builder allow(Purpose purpose) {
            Objects.requireNonNull(purpose, "purpose");
            new LegalBasisEvidence(purpose); // checks the basis
            purposes.put(purpose.code(), purpose);
            return this;
        }

        public LegalBasisProvider build() {
            return new LegalBasisProvider(purposes);
        }
    }
}
