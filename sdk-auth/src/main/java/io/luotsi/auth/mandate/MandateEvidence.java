package io.luotsi.auth.mandate;

import io.luotsi.auth.consent.AuthorizationEvidence;
import io.luotsi.auth.consent.AuthorizationRequest;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.LegalBasis;
import io.luotsi.auth.consent.Refusal;
import io.luotsi.auth.consent.RefusalReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An ALLOWED decision of the e-Authorizations service: the delegate (the request's user) may act for the principal
 * (the data subject) in the issue the purpose maps to. It covers requests by the same user about the same subject for
 * the same purpose from the same client, until it expires (decisions are short-lived: the mandate can be revoked at
 * any time). It does not change the purpose's legal basis. The token that travels is the issue; the provider can ask
 * the service itself.
 */
public final class MandateEvidence implements AuthorizationEvidence {

    /** {@value} */
    public static final String TYPE = "mandate";
    /** {@value} */
    public static final String TOKEN_TYPE = "urn:luotsi:evidence:mandate";

    private final String requestId;
    private final String issue;
    private final DataSubject principal;
    private final String userId;
    private final String client;
    private final String purposeCode;
    private final LegalBasis legalBasis;
    private final Instant decidedAt;
    private final Instant expiresAt;

    MandateEvidence(String requestId, String issue, DataSubject principal, String userId, String client,
                    String purposeCode, LegalBasis legalBasis, Instant decidedAt, Instant expiresAt) {
        this.requestId = Objects.requireNonNull(requestId, "requestId");
        this.issue = Objects.requireNonNull(issue, "issue");
        this.principal = Objects.requireNonNull(principal, "principal");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.client = Objects.requireNonNull(client, "client");
        this.purposeCode = Objects.requireNonNull(purposeCode, "purposeCode");
        this.legalBasis = Objects.requireNonNull(legalBasis, "legalBasis");
        this.decidedAt = Objects.requireNonNull(decidedAt, "decidedAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The request id the service was asked with. */
    @Override
    public String id() {
        return requestId;
    }

    @Override
    public LegalBasis legalBasis() {
        return legalBasis;
    }

    @Override
    public Optional<Instant> expiresAt() {
        return Optional.of(expiresAt);
    }

    /** The issue (mandate theme URI) the decision is for. */
    public String issue() {
        return issue;
    }

    @Override
    public Optional<Refusal> check(AuthorizationRequest request) {
        if (!principal.id().equals(request.subject().id())) {
            return refusal(RefusalReason.SUBJECT_MISMATCH, "the mandate is for another principal");
        }
        if (!userId.equals(request.userId())) {
            return refusal(RefusalReason.NO_EVIDENCE, "the mandate was checked for another user");
        }
        if (!purposeCode.equals(request.purpose().code())) {
            return refusal(RefusalReason.PURPOSE_NOT_COVERED, "the mandate was checked for purpose " + purposeCode
                    + ", not " + request.purpose().code());
        }
        if (!client.equals(request.client())) {
            return refusal(RefusalReason.CLIENT_NOT_COVERED, "the mandate was checked for client " + client
                    + ", not " + request.client());
        }
        if (!request.time().isBefore(expiresAt) || request.time().isBefore(decidedAt.minusSeconds(60))) {
            return refusal(RefusalReason.EXPIRED, "the mandate decision " + requestId + " is valid "
                    + decidedAt + ".." + expiresAt);
        }
        return Optional.empty();
    }

    /** The issue URI. */
    @Override
    public String token() {
        return issue;
    }

    @Override
    public String tokenType() {
        return TOKEN_TYPE;
    }

    /** An organisation principal is the party the client acts for; a person is not named (it would reach opmon). */
    @Override
    public Optional<String> representedParty() {
        return principal.kind() == DataSubject.Kind.ORGANISATION ? Optional.of(principal.nationalId())
                : Optional.empty();
    }

    @Override
    public String toString() {
        return "MandateEvidence[" + requestId + ", " + issue + ", until " + expiresAt + "]";
    }

    private static Optional<Refusal> refusal(RefusalReason reason, String detail) {
        return Optional.of(Refusal.of(reason, detail));
    }
}
