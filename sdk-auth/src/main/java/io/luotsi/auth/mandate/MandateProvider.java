package io.luotsi.auth.mandate;

import io.luotsi.auth.consent.AuthorizationDecision;
import io.luotsi.auth.consent.AuthorizationProvider;
import io.luotsi.auth.consent.AuthorizationRequest;
import io.luotsi.auth.consent.RefusalReason;
import io.luotsi.core.LuotsiException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Grants {@link MandateEvidence} when the e-Authorizations service says the request's user (the delegate,
 * {@code X-Road-UserId}) may act for the data subject (the principal) in the issue the purpose maps to. Purposes
 * without a mapping are left to other providers; a request without a user id is refused (a mandate is always someone's).
 * Country prefixes are taken off both identifiers ({@code FI010101-123N} is asked as {@code 010101-123N}), the X-Road
 * message id is the request id. Immutable and thread-safe.
 *
 * <pre>{@code
 * MandateProvider mandates = MandateProvider.builder()
 *     .client(valtuudet)
 *     .issue("tax-return-on-behalf", "http://valtuusrekisteri.suomi.fi/veroilmoituksen_tekeminen")
 *     .build();
 * }</pre>
 */
public final class MandateProvider implements AuthorizationProvider {

    private static final Pattern PREFIXED = Pattern.compile("[A-Z]{2}[0-9].*");

    private final ValtuudetClient client;
    private final Map<String, String> issues;
    private final Duration validity;

    private MandateProvider(Builder b) {
        this.client = b.client;
        this.issues = Map.copyOf(b.issues);
        this.validity = b.validity;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public AuthorizationDecision authorize(AuthorizationRequest request) {
        String issue = issues.get(request.purpose().code());
        if (issue == null) {
            return AuthorizationDecision.abstain();
        }
        if (request.userId() == null) {
            return AuthorizationDecision.refused(RefusalReason.NO_EVIDENCE, "a mandate check needs the user id of the "
                    + "delegate (X-Road-UserId)");
        }
        String requestId = request.messageId() != null ? request.messageId() : UUID.randomUUID().toString();
        MandateDecision decision;
        try {
            decision = client.authorization(new MandateQuery(request.userId(), nationalId(request.userId()),
                    request.subject().nationalId(), List.of(issue), requestId));
        } catch (LuotsiException e) {
            return AuthorizationDecision.refused(RefusalReason.SERVICE_UNAVAILABLE, "the e-Authorizations service "
                    + "could not be asked: " + e.getMessage());
        }
        if (!decision.allowed()) {
            return AuthorizationDecision.refused(RefusalReason.DISALLOWED, "the e-Authorizations service answered "
                    + "DISALLOWED for issue " + issue + " (rules " + decision.reasons().stream()
                    .map(MandateDecision.Reason::reasonRule).toList() + ")");
        }
        return AuthorizationDecision.granted(new MandateEvidence(requestId, issue, request.subject(),
                request.userId(), request.client(), request.purpose().code(), request.purpose().legalBasis(),
                request.time(), request.time().plus(validity)));
    }

    /** The issue a purpose maps to, if any. */
    public java.util.Optional<String> issueFor(String purposeCode) {
        return java.util.Optional.ofNullable(issues.get(purposeCode));
    }

    @Override
    public String toString() {
        return "MandateProvider[" + client + ", " + issues.keySet() + "]";
    }

    /** {@code FI010101-123N} becomes {@code 010101-123N}; other forms stay as they are. */
    static String nationalId(String id) {
        return PREFIXED.matcher(id).matches() ? id.substring(2) : id;
    }

    /** Builds a {@link MandateProvider}; the client and at least one issue are required. */
    public static final class Builder {
        private ValtuudetClient client;
        private final Map<String, String> issues = new LinkedHashMap<>();
        private Duration validity = Duration.ofMinutes(5);

        private Builder() {
        }

        public Builder client(ValtuudetClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Requests for {@code purposeCode} need a mandate in {@code issueUri}. */
        public Builder issue(String purposeCode, String issueUri) {
            issues.put(Objects.requireNonNull(purposeCode, "purposeCode"), Objects.requireNonNull(issueUri,
                    "issueUri"));
            return this;
        }

        /** How long an ALLOWED decision is used (5 minutes by default: mandates can be revoked any time). */
        public Builder validity(Duration validity) {
            Objects.requireNonNull(validity, "validity");
            if (validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("validity must be positive");
            }
            this.validity = validity;
            return this;
        }

        public MandateProvider build() {
            if (client == null || issues.isEmpty()) {
                throw new IllegalStateException("a ValtuudetClient and at least one issue are required");
            }
            return new MandateProvider(this);
        }
    }
}
