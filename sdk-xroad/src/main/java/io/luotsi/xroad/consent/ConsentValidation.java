package io.luotsi.xroad.consent;

import io.luotsi.core.log.Redaction;
import java.time.Instant;

/**
 * The answer to {@code validateConsentForClient}: the consent is APPROVED until {@code consentExpiration}, for the
 * person {@code idCode} and the purpose declaration {@code purposeDeclarationId}.
 *
 * @param consentReference     the reference asked about
 * @param consentExpiration    when the consent expires
 * @param idCode               the data subject's personal identification code (without a country prefix)
 * @param purposeDeclarationId the purpose declaration of the consent
 */
public record ConsentValidation(String consentReference, Instant consentExpiration, String idCode,
                                String purposeDeclarationId) {

    /** The personal code is masked. */
    @Override
    public String toString() {
        return "ConsentValidation[" + consentReference + ", until " + consentExpiration + ", "
                + Redaction.personalCode(idCode) + ", " + purposeDeclarationId + "]";
    }
}
