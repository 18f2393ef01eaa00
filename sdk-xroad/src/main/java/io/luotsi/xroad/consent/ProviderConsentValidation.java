package io.luotsi.xroad.consent;

import io.luotsi.core.log.Redaction;
import java.time.Instant;

/**
 * The answer to {@code validateConsentForDataProvider}: the consent is APPROVED until {@code consentExpiration}, for
 * the person {@code idCode}, the client subsystem {@code clientSubsystemIdentifier} and the service declaration
 * {@code serviceDeclarationId}. The provider must check all three against the request.
 *
 * @param consentReference          the reference asked about
 * @param consentExpiration         when the consent expires
 * @param idCode                    the data subject's personal identification code (without a country prefix)
 * @param clientSubsystemIdentifier the client subsystem named in the purpose declaration, {@code EE/GOV/7000/app}
 * @param serviceDeclarationId      the service declaration of the consent
 */
public record ProviderConsentValidation(String consentReference, Instant consentExpiration, String idCode,
                                        String clientSubsystemIdentifier, String serviceDeclarationId) {

    /** The personal code is masked. */
    @Override
    public String toString() {
        return "ProviderConsentValidation[" + consentReference + ", until " + consentExpiration + ", "
                + Redaction.personalCode(idCode) + ", " + clientSubsystemIdentifier + ", " + serviceDeclarationId
                + "]";
    }
}
