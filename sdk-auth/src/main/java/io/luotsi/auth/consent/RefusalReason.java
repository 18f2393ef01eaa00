package io.luotsi.auth.consent;

/**
 * Why a request about a data subject was refused. Each reason has a stable code, used in {@link ConsentException},
 * audit records and the provider side's error type ({@code consent.<code>}).
 */
public enum RefusalReason {
    /** The request carries no purpose. */
    NO_PURPOSE("no_purpose"),
    /** No authorization provider had evidence, or the request carries none. */
    NO_EVIDENCE("no_evidence"),
    /** The evidence is malformed, its signature does not verify, or its issuer is not trusted (forged or tampered). */
    INVALID_EVIDENCE("invalid_evidence"),
    /** The evidence expired. */
    EXPIRED("expired"),
    /** The evidence is not valid yet. */
    NOT_YET_VALID("not_yet_valid"),
    /** The consent was withdrawn or the evidence revoked. */
    REVOKED("revoked"),
    /** The same evidence was presented again for the same message. */
    REPLAYED("replayed"),
    /** The evidence is about another data subject. */
    SUBJECT_MISMATCH("subject_mismatch"),
    /** The evidence does not cover the purpose (or its legal basis). */
    PURPOSE_NOT_COVERED("purpose_not_covered"),
    /** The evidence names another client (processor) than the one asking. */
    CLIENT_NOT_COVERED("client_not_covered"),
    /** The purpose asks for data categories the evidence does not cover. */
    CATEGORIES_NOT_COVERED("categories_not_covered"),
    /** The e-Authorizations (mandate) service answered DISALLOWED. */
    DISALLOWED("disallowed"),
    /** A consent or mandate service needed for the decision could not be asked. */
    SERVICE_UNAVAILABLE("service_unavailable"),
    /** The decision could not be written to the audit log, so the request is not sent. */
    AUDIT_FAILED("audit_failed");

    private final String code;

    RefusalReason(String code) {
        this.code = code;
    }

    /** The stable code, e.g. {@code expired}. */
    public String code() {
        return code;
    }
}
