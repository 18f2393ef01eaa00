package io.luotsi.auth.consent;

import java.time.Instant;

/**
 * Decides whether a request about a data subject is allowed, and with which evidence. A {@link ConsentGuard} consults
 * its providers in order: the first that grants evidence covering the request wins; refusals are remembered and the
 * next provider is asked; when none grants, the request is refused with the first refusal (or
 * {@link RefusalReason#NO_EVIDENCE}). A provider that throws counts as a refusal
 * ({@link RefusalReason#SERVICE_UNAVAILABLE}): the chain fails closed.
 *
 * <pre>{@code
 * AuthorizationProvider publicTask = request ->
 *     request.purpose().code().equals("tax-assessment")
 *         ? AuthorizationDecision.granted(new LegalBasisEvidence(taxAssessment))
 *         : AuthorizationDecision.abstain();
 * }</pre>
 *
 * Implementations: {@link ConsentReceiptProvider} (signed receipts), {@link LegalBasisProvider},
 * {@code io.luotsi.auth.mandate.MandateProvider} (Suomi.fi Valtuudet-shaped mandates) and, in sdk-xroad,
 * {@code ConsentServiceProvider} (consent references of an Estonian NT-shaped consent service).
 */
@FunctionalInterface
public interface AuthorizationProvider {

    AuthorizationDecision authorize(AuthorizationRequest request);

    /**
     * Called after the request this provider's evidence allowed was answered successfully, e.g. to report the
     * transmission to a consent service that asks for reports. Must not throw; the default does nothing.
     */
    default void transmitted(AuthorizationEvidence evidence, Instant time) {
    }
}
