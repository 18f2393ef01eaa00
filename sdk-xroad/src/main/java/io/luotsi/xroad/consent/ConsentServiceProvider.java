package io.luotsi.xroad.consent;

import io.luotsi.auth.consent.AuthorizationDecision;
import io.luotsi.auth.consent.AuthorizationEvidence;
import io.luotsi.auth.consent.AuthorizationProvider;
import io.luotsi.auth.consent.AuthorizationRequest;
import io.luotsi.auth.consent.LegalBasis;
import io.luotsi.auth.consent.RefusalReason;
import io.luotsi.core.LuotsiException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grants {@link ConsentReferenceEvidence} from a consent service ({@link ConsentServiceClient}): for a purpose mapped
 * to a purpose declaration, it asks for the data subject's consent reference (getConsentReferences), validates it
 * (validateConsentForClient: APPROVED, the same person and declaration, not expired) and grants it. References are
 * remembered, so a later request validates the known reference first: when the service says it is no longer
 * approved, the refusal is {@code revoked}. With {@link Builder#reportTransmissions(boolean)}, successful exchanges are
 * reported (reportDataTransmission), for consent services that ask clients to. Thread-safe.
 *
 * <pre>{@code
 * ConsentServiceProvider consents = ConsentServiceProvider.builder()
 *     .client(consentServiceClient)
 *     .purposeDeclaration("benefit-eligibility", "ED_KAKS", "name", "address")
 *     .build();
 * }</pre>
 *
 * The data subject's {@link io.luotsi.auth.consent.DataSubject#nationalId()} is the {@code idCode}
 * ({@code EE37702211234} is asked as {@code 37702211234}).
 */
public final class ConsentServiceProvider implements AuthorizationProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentServiceProvider.class);
    private static final int MAX_REMEMBERED = 10_000;

    /** A purpose declaration and the data categories it covers. */
    private record Declaration(String id, Set<String> categories) {
    }

    private final ConsentServiceClient client;
    private final Map<String, Declaration> declarations;
    private final boolean report;
    private final Map<String, String> references = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    private ConsentServiceProvider(Builder b) {
        this.client = b.client;
        this.declarations = Map.copyOf(b.declarations);
        this.report = b.report;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public AuthorizationDecision authorize(AuthorizationRequest request) {
        Declaration declaration = declarations.get(request.purpose().code());
        if (declaration == null) {
            return AuthorizationDecision.abstain();
        }
        if (request.purpose().legalBasis() != LegalBasis.CONSENT) {
            return AuthorizationDecision.refused(RefusalReason.PURPOSE_NOT_COVERED, "purpose "
                    + request.purpose().code() + " rests on " + request.purpose().legalBasis().code()
                    + ", not on consent");
        }
        if (!declaration.categories().containsAll(request.requestedCategories())) {
            Set<String> excess = new TreeSet<>(request.requestedCategories());
            excess.removeAll(declaration.categories());
            return AuthorizationDecision.refused(RefusalReason.CATEGORIES_NOT_COVERED, "purpose declaration "
                    + declaration.id() + " does not cover data categories " + excess);
        }
        String key = request.subject().id() + "\n" + declaration.id();
        String idCode = request.subject().nationalId();
        boolean lapsed = false;
        try {
            String known = remembered(key);
            if (known != null) {
                AuthorizationDecision d = validate(known, request, declaration);
                if (d instanceof AuthorizationDecision.Granted) {
                    return d;
                }
                forget(key);
                lapsed = true;
            }
            String reference = client.consentReferences(idCode, List.of(declaration.id())).get(declaration.id());
            if (reference == null) {
                return lapsed
                        ? AuthorizationDecision.refused(RefusalReason.REVOKED, "the consent for purpose declaration "
                        + declaration.id() + " is no longer approved")
                        : AuthorizationDecision.refused(RefusalReason.NO_EVIDENCE, "the consent service has no "
                        + "approved consent for purpose declaration " + declaration.id());
            }
            AuthorizationDecision d = validate(reference, request, declaration);
            if (d instanceof AuthorizationDecision.Granted) {
                remember(key, reference);
            }
            return d;
        } catch (ConsentServiceException e) {
            if (e.notApproved() || e.notFound()) {
                return AuthorizationDecision.refused(RefusalReason.REVOKED, "the consent for purpose declaration "
                        + declaration.id() + " is not approved (" + e.errorKey().orElse("HTTP " + e.statusCode())
                        + ")");
            }
            return unavailable(e);
        } catch (LuotsiException e) {
            return unavailable(e);
        }
    }

    /** Reports the transmission when configured to; never throws. */
    @Override
    public void transmitted(AuthorizationEvidence evidence, Instant time) {
        if (!report || !(evidence instanceof ConsentReferenceEvidence)) {
            return;
        }
        try {
            client.reportDataTransmission(evidence.id(), time);
        } catch (LuotsiException e) {
            LOG.warn("reporting a transmission to the consent service failed: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ConsentServiceProvider[" + client + ", " + declarations.keySet() + "]";
    }

    private AuthorizationDecision validate(String reference, AuthorizationRequest request, Declaration declaration) {
        ConsentValidation v;
        try {
            v = client.validateForClient(reference);
        } catch (ConsentServiceException e) {
            if (e.notApproved() || e.notFound()) {
                return AuthorizationDecision.refused(RefusalReason.REVOKED, "consent " + reference
                        + " is not approved");
            }
            throw e;
        }
        if (!v.idCode().equals(request.subject().nationalId()) || !declaration.id().equals(v.purposeDeclarationId())
                || !reference.equals(v.consentReference())) {
            return AuthorizationDecision.refused(RefusalReason.INVALID_EVIDENCE, "the consent service validated "
                    + "consent " + reference + " for another person, declaration or reference");
        }
        ConsentReferenceEvidence evidence = new ConsentReferenceEvidence(reference, request.subject(),
                request.purpose().code(), declaration.categories(), request.client(), v.consentExpiration());
        return evidence.check(request).<AuthorizationDecision>map(AuthorizationDecision::refused)
                .orElseGet(() -> AuthorizationDecision.granted(evidence));
    }

    private static AuthorizationDecision unavailable(LuotsiException e) {
        return AuthorizationDecision.refused(RefusalReason.SERVICE_UNAVAILABLE, "the consent service could not be "
                + "asked: " + e.getMessage());
    }

    private synchronized String remembered(String key) {
        return references.get(key);
    }

    private synchronized void remember(String key, String reference) {
        references.put(key, reference);
    }

    private synchronized void forget(String key) {
        references.remove(key);
    }

    /** Builds a {@link ConsentServiceProvider}: the client and at least one purpose declaration are required. */
    public static final class Builder {
        private ConsentServiceClient client;
        private final Map<String, Declaration> declarations = new LinkedHashMap<>();
        private boolean report;

        private Builder() {
        }

        public Builder client(ConsentServiceClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Requests for {@code purposeCode} need a consent to {@code purposeDeclarationId}, which covers these data
         * categories (as the declaration describes the data).
         */
        public Builder purposeDeclaration(String purposeCode, String purposeDeclarationId, String... categories) {
            Objects.requireNonNull(purposeCode, "purposeCode");
            Objects.requireNonNull(purposeDeclarationId, "purposeDeclarationId");
            if (categories.length == 0) {
                throw new IllegalArgumentException("name the data categories purpose declaration "
                        + purposeDeclarationId + " covers");
            }
            declarations.put(purposeCode, new Declaration(purposeDeclarationId, Set.of(categories)));
            return this;
        }

        /** Whether successful exchanges are reported with reportDataTransmission (default false). */
        public Builder reportTransmissions(boolean report) {
            this.report = report;
            return this;
        }

        public ConsentServiceProvider build() {
            if (client == null || declarations.isEmpty()) {
                throw new IllegalStateException("a ConsentServiceClient and at least one purpose declaration are "
                        + "required");
            }
            return new ConsentServiceProvider(this);
        }
    }
}
