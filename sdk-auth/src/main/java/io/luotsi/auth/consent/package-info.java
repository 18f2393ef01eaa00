/**
 * Consent-aware data requests: why ({@link io.luotsi.auth.consent.Purpose}, with a GDPR Art. 6(1)
 * {@link io.luotsi.auth.consent.LegalBasis}), about whom ({@link io.luotsi.auth.consent.DataSubject}), and on what
 * authority ({@link io.luotsi.auth.consent.AuthorizationEvidence}).
 *
 * <ul>
 *   <li>{@link io.luotsi.auth.consent.AuthorizationProvider}s decide, consulted in order by a
 *       {@link io.luotsi.auth.consent.ConsentGuard}, which also audits every decision (sdk-core's
 *       {@link io.luotsi.core.audit.AuditSink}, subjects pseudonymised);
 *   <li>signed Kantara consent receipts: {@link io.luotsi.auth.consent.ConsentReceipt},
 *       {@link io.luotsi.auth.consent.ConsentReceiptIssuer}, {@link io.luotsi.auth.consent.ConsentReceiptVerifier},
 *       {@link io.luotsi.auth.consent.ConsentReceiptProvider};
 *   <li>a legal basis that needs no consent: {@link io.luotsi.auth.consent.LegalBasisProvider};
 *   <li>mandates: {@code io.luotsi.auth.mandate}; consent references of a consent service: sdk-xroad's
 *       {@code io.luotsi.xroad.consent}.
 * </ul>
 *
 * Refusals are {@link io.luotsi.auth.consent.ConsentException}s with a
 * {@link io.luotsi.auth.consent.RefusalReason}. See {@code docs/explanation/consent.md}.
 */
package io.luotsi.auth.consent;
