package io.luotsi.auth.consent;

/**
 * Asks whether evidence was revoked (a consent withdrawn) since it was issued, e.g. against the issuer's revocation
 * list or status service. {@link ConsentReceiptVerifier} asks it for every receipt it verifies; an exception from it
 * refuses the receipt (fail closed).
 *
 * <pre>{@code
 * RevocationCheck check = receiptId -> withdrawnConsents.contains(receiptId);
 * }</pre>
 */
@FunctionalInterface
public interface RevocationCheck {

    /** Nothing is ever revoked: for issuers without revocation (receipts then rely on their expiry). */
    RevocationCheck NONE = id -> false;

    /** Whether the evidence with this id ({@code consentReceiptID} for receipts) was revoked. */
    boolean isRevoked(String evidenceId);
}
