package io.luotsi.core.audit;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One attempt to exchange data about a data subject, allowed or refused, as it is written to an {@link AuditSink}:
 * when, which message, which client asked which service, about whom (pseudonymised), why (purpose and legal basis),
 * under which authorization evidence, with which outcome and for what reason. Every field is plain text: sdk-core
 * knows no X-Road, so the client and service are their identifiers as text ({@code EE/GOV/70000001/app}).
 *
 * <pre>{@code
 * AuditRecord record = AuditRecord.builder(clock.instant(), AuditRecord.Side.CONSUMER, AuditRecord.Outcome.ALLOWED)
 *     .messageId(messageId)
 *     .client("EE/GOV/70000001/app")
 *     .service("EE/GOV/70000002/registry/persons")
 *     .subject(pseudonymizer.pseudonym("EE37702211234"))
 *     .purpose("benefit-eligibility")
 *     .legalBasis("A6-1-a")
 *     .evidence("consent-receipt", "3f2b...")
 *     .build();
 * }</pre>
 *
 * <p>The subject is never the raw identity code: the constructor accepts only a pseudonym made by a
 * {@link SubjectPseudonymizer} ({@code keyId:base64url}), so a personal code cannot end up in an audit log by mistake.
 * Reasons and details must not carry personal data either; Luotsi's own never do.
 *
 * @param time         when the attempt was decided
 * @param side         whether the consumer (before sending) or the provider (on receipt) decided
 * @param messageId    the message id of the request, when known
 * @param client       the requesting client, when known
 * @param service      the requested service, when known
 * @param subject      the data subject's pseudonym, when the request is about one
 * @param purpose      the purpose code, when given
 * @param legalBasis   the legal basis code ({@code A6-1-a} ... {@code A6-1-f}), when known
 * @param evidenceType the kind of authorization evidence ({@code consent-receipt}, {@code consent-reference},
 *                     {@code mandate}, {@code legal-basis}), when there was any
 * @param evidenceId   the identifier of the evidence (receipt id, consent reference, ...), when there was any
 * @param outcome      allowed or refused
 * @param reason       a stable code of why it was refused ({@code expired}, {@code revoked}, ...), or {@code null}
 * @param detail       a human-readable explanation without personal data, or {@code null}
 */
public record AuditRecord(Instant time, Side side, String messageId, String client, String service, String subject,
                          String purpose, String legalBasis, String evidenceType, String evidenceId,
                          Outcome outcome, String reason, String detail) {

    private static final Pattern PSEUDONYM = Pattern.compile("[A-Za-z0-9._-]{1,32}:[A-Za-z0-9_-]{43}");

    /** Which side of an exchange decided. */
    public enum Side {
        /** The consumer, before the request left its process. */
        CONSUMER,
        /** The provider, when the request arrived. */
        PROVIDER;

        /** The lower-case name written to logs. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether the attempt was allowed. */
    public enum Outcome {
        ALLOWED,
        REFUSED;

        /** The lower-case name written to logs. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AuditRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(outcome, "outcome");
        if (subject != null && !PSEUDONYM.matcher(subject).matches()) {
            // The value itself is not printed: it may be the personal code this check keeps out.
            throw new IllegalArgumentException("subject must be a pseudonym made by SubjectPseudonymizer "
                    + "(keyId:base64url), never a raw identifier");
        }
        if (outcome == Outcome.REFUSED && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a refused attempt needs a reason");
        }
    }

    /** A builder for a record of {@code outcome} decided by {@code side} at {@code time}. */
    public static Builder builder(Instant time, Side side, Outcome outcome) {
        return new Builder(time, side, outcome);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }

    /** Builds an {@link AuditRecord}; every optional field may be left out (or set to {@code null}). */
    public static final class Builder {
        private final Instant time;
        private final Side side;
        private final Outcome outcome;
        private String messageId;
        private String client;
        private String service;
        private String subject;
        private String purpose;
        private String legalBasis;
        private String evidenceType;
        private String evidenceId;
        private String reason;
        private String detail;

        private Builder(Instant time, Side side, Outcome outcome) {
            this.time = Objects.requireNonNull(time, "time");
            this.side = Objects.requireNonNull(side, "side");
            this.outcome = Objects.requireNonNull(outcome, "outcome");
        }

        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        public Builder client(String client) {
            this.client = client;
            return this;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /** The subject's pseudonym ({@link SubjectPseudonymizer#pseudonym(String)}), never the raw code. */
        public Builder subject(String pseudonym) {
            this.subject = pseudonym;
            return this;
        }

        public Builder purpose(String purpose) {
            this.purpose = purpose;
            return this;
        }

        public Builder legalBasis(String legalBasis) {
            this.legalBasis = legalBasis;
            return this;
        }

        public Builder evidence(String type, String id) {
            this.evidenceType = type;
            this.evidenceId = id;
            return this;
        }

        public Builder reason(String reason, String detail) {
            this.reason = reason;
            this.detail = detail;
            return this;
        }

        public AuditRecord build() {
            return new AuditRecord(time, side, messageId, client, service, subject, purpose, legalBasis, evidenceType,
                    evidenceId, outcome, reason, detail);
        }
    }
}
