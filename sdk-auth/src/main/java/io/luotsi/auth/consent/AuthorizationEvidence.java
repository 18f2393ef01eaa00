package io.luotsi.auth.consent;

import java.time.Instant;
import java.util.Optional;

/**
 * Proof that a request about a data subject is allowed: a signed consent receipt ({@link ConsentReceiptEvidence}), a
 * consent reference validated with a consent service, a mandate decision of an e-Authorizations service, or a legal
 * basis that needs no consent ({@link LegalBasisEvidence}). {@link AuthorizationProvider}s produce it; the consumer
 * sends its {@link #token()} with the request and the provider verifies it again.
 */
public interface AuthorizationEvidence {

    /** {@code tokenType} of tokens that are JSON Web Tokens (a SOAP {@code securityToken} attribute). */
    String JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";

    /** The kind, as it is named in headers and audit records: {@code consent-receipt}, {@code legal-basis}, ... */
    String type();

    /** The identifier of this evidence for audit records (receipt id, consent reference, ...); no personal data. */
    String id();

    /** The legal basis the evidence establishes. */
    LegalBasis legalBasis();

    /** When the evidence stops being valid, if it ever does. */
    Optional<Instant> expiresAt();

    /**
     * Why the evidence does not cover the request (another subject, purpose, client, more data categories, expired
     * at the request's time, ...), or empty when it does.
     */
    Optional<Refusal> check(AuthorizationRequest request);

    /** What travels with the request for the provider to verify: a JWS, a reference, a legal basis code. */
    String token();

    /** The kind of {@link #token()} as an URI: {@link #JWT_TOKEN_TYPE} for JWTs, a {@code urn:luotsi:...} otherwise. */
    String tokenType();

    /**
     * The party the client acts for, when the evidence makes it one ({@code X-Road-Represented-Party} code): an
     * organisation a delegate acts for under a mandate. Empty by default.
     */
    default Optional<String> representedParty() {
        return Optional.empty();
    }
}
