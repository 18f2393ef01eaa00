package io.luotsi.auth.consent;

import io.luotsi.core.LuotsiException;
import io.luotsi.core.audit.AuditRecord;
import io.luotsi.core.audit.AuditSink;
import io.luotsi.core.audit.SubjectPseudonymizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's gate for requests about a data subject: asks its {@link AuthorizationProvider}s in order for
 * evidence, checks that the evidence covers the request (subject, purpose and legal basis, client, data categories,
 * time), and writes an audit record of the decision, allowed or refused. It fails closed: no provider, a provider
 * that throws, evidence that does not cover the request, or an audit record that cannot be written all refuse.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * ConsentGuard guard = ConsentGuard.builder()
 *     .addProvider(ConsentReceiptProvider.builder().verifier(verifier).source(receipts).build())
 *     .addProvider(LegalBasisProvider.builder().allow(taxAssessment).build())
 *     .auditSink(auditLog)
 *     .pseudonymizer(SubjectPseudonymizer.hmacSha256("audit-2026", key))
 *     .build();
 *
 * Authorization a = guard.authorize(request);   // or ConsentException, audited either way
 * }</pre>
 *
 * {@code XRoadClient} runs one before every request that names a data subject.
 */
public final class ConsentGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentGuard.class);

    private final List<AuthorizationProvider> providers;
    private final AuditSink audit;
    private final SubjectPseudonymizer pseudonymizer;
    private final AuditRecord.Side side;

    private ConsentGuard(Builder b) {
        this.providers = List.copyOf(b.providers);
        this.audit = b.audit;
        this.pseudonymizer = b.pseudonymizer;
        this.side = b.side;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The providers, in the order they are asked. */
    public List<AuthorizationProvider> providers() {
        return providers;
    }

    /**
     * Decides on the request and audits the decision.
     *
     * @return the authorization, with the evidence to send along
     * @throws ConsentException when it is refused (also when the audit record cannot be written)
     */
    public Authorization authorize(AuthorizationRequest request) {
        Objects.requireNonNull(request, "request");
        Refusal first = null;
        for (AuthorizationProvider provider : providers) {
            AuthorizationDecision decision;
            try {
                decision = Objects.requireNonNull(provider.authorize(request), "decision");
            } catch (RuntimeException e) {
                String what = e instanceof LuotsiException ? e.getMessage() : e.getClass().getSimpleName();
                LOG.debug("authorization provider {} failed: {}", provider.getClass().getName(), what);
                decision = AuthorizationDecision.refused(RefusalReason.SERVICE_UNAVAILABLE,
                        provider.getClass().getSimpleName() + " failed: " + what);
            }
            if (decision instanceof AuthorizationDecision.Granted g) {
                Optional<Refusal> gap = g.evidence().check(request);
                if (gap.isEmpty()) {
                    Authorization authorization = new Authorization(request, g.evidence(), provider);
                    try {
                        audit.write(record(request, AuditRecord.Outcome.ALLOWED, g.evidence(), null));
                    } catch (RuntimeException e) {
                        throw new ConsentException(Refusal.of(RefusalReason.AUDIT_FAILED, "the decision could not be "
                                + "written to the audit log (" + e.getClass().getSimpleName() + "), so the request "
                                + "is not sent"), request.messageId(), e);
                    }
                    return authorization;
                }
                first = first == null ? gap.get() : first;
            } else if (decision instanceof AuthorizationDecision.Refused r) {
                first = first == null ? r.refusal() : first;
            }
        }
        Refusal refusal = first != null ? first : Refusal.of(RefusalReason.NO_EVIDENCE, providers.isEmpty()
                ? "no authorization provider is configured"
                : "no authorization provider has evidence for purpose " + request.purpose().code());
        throw refuse(request, refusal);
    }

    /**
     * Audits a refusal decided outside the providers (a request that names a data subject but no purpose, say) and
     * returns the exception to throw.
     */
    public ConsentException refuse(AuthorizationRequest request, Refusal refusal) {
        ConsentException e = new ConsentException(refusal, request.messageId());
        try {
            audit.write(record(request, AuditRecord.Outcome.REFUSED, null, refusal));
        } catch (RuntimeException auditFailure) {
            e.addSuppressed(auditFailure);
        }
        return e;
    }

    /** The pseudonym of a subject under this guard's key, as its audit records carry it. */
    public String pseudonym(DataSubject subject) {
        return pseudonymizer.pseudonym(subject.id());
    }

    private AuditRecord record(AuthorizationRequest request, AuditRecord.Outcome outcome,
                               AuthorizationEvidence evidence, Refusal refusal) {
        AuditRecord.Builder b = AuditRecord.builder(request.time(), side, outcome)
                .messageId(request.messageId())
                .client(request.client())
                .service(request.service())
                .subject(pseudonymizer.pseudonym(request.subject().id()))
                .purpose(request.purpose().code())
                .legalBasis(evidence != null ? evidence.legalBasis().code() : request.purpose().legalBasis().code());
        if (evidence != null) {
            b.evidence(evidence.type(), evidence.id());
        }
        if (refusal != null) {
            b.reason(refusal.reason().code(), refusal.detail());
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "ConsentGuard[" + providers.size() + " providers, audit " + audit.getClass().getSimpleName() + "]";
    }

    /** Builds a {@link ConsentGuard}. An audit sink and a pseudonymizer are required. */
    public static final class Builder {
        private final List<AuthorizationProvider> providers = new ArrayList<>();
        private AuditSink audit;
        private SubjectPseudonymizer pseudonymizer;
        private AuditRecord.Side side = AuditRecord.Side.CONSUMER;

        private Builder() {
        }

        /** Adds a provider; providers are asked in the order added. */
        public Builder addProvider(AuthorizationProvider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        public Builder providers(List<AuthorizationProvider> providers) {
            Objects.requireNonNull(providers, "providers");
            this.providers.clear();
            providers.forEach(this::addProvider);
            return this;
        }

        /** Where every decision is recorded. */
        public Builder auditSink(AuditSink audit) {
            this.audit = Objects.requireNonNull(audit, "audit");
            return this;
        }

        /** Turns data subjects into the pseudonyms audit records carry. */
        public Builder pseudonymizer(SubjectPseudonymizer pseudonymizer) {
            this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
            return this;
        }

        /** The side written to audit records ({@code CONSUMER} by default). */
        public Builder side(AuditRecord.Side side) {
            this.side = Objects.requireNonNull(side, "side");
            return this;
        }

        /** @throws IllegalStateException without an audit sink or a pseudonymizer */
        public ConsentGuard build() {
            if (audit == null) {
                throw new IllegalStateException("an audit sink is required: every decision about a data subject is "
                        + "audited");
            }
            if (pseudonymizer == null) {
                throw new IllegalStateException("a SubjectPseudonymizer is required: audit records carry a keyed "
                        + "pseudonym of the data subject, never the identifier");
            }
            return new ConsentGuard(this);
        }
    }
}
