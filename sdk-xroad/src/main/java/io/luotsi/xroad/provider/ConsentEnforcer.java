package io.luotsi.xroad.provider;

import io.luotsi.auth.consent.AuthorizationDecision;
import io.luotsi.auth.consent.AuthorizationEvidence;
import io.luotsi.auth.consent.AuthorizationRequest;
import io.luotsi.auth.consent.ConsentException;
import io.luotsi.auth.consent.ConsentReceiptEvidence;
import io.luotsi.auth.consent.ConsentReceiptVerifier;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.LegalBasisEvidence;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.auth.consent.Refusal;
import io.luotsi.auth.consent.RefusalReason;
import io.luotsi.auth.consent.ReplayCache;
import io.luotsi.auth.mandate.MandateEvidence;
import io.luotsi.auth.mandate.MandateProvider;
import io.luotsi.core.LuotsiException;
import io.luotsi.core.audit.AuditRecord;
import io.luotsi.core.audit.AuditSink;
import io.luotsi.core.audit.SubjectPseudonymizer;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.consent.ConsentHeaders;
import io.luotsi.xroad.consent.ConsentReferenceEvidence;
import io.luotsi.xroad.consent.ConsentServiceClient;
import io.luotsi.xroad.consent.ConsentServiceException;
import io.luotsi.xroad.consent.ProviderConsentValidation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's gate: before a handler answers a request about a data subject, the enforcer verifies the evidence
 * the consumer sent and decides, fail closed, whether and with which data categories the handler may answer. Every
 * decision is audited. Immutable and thread-safe.
 *
 * <pre>{@code
 * ConsentEnforcer enforcer = ConsentEnforcer.builder()
 *     .service(ServiceId.parse("EE/GOV/70000002/registry/persons"))
 *     .allowPurpose("benefit-eligibility", "name", "address", "income")
 *     .consentReceipts(ConsentReceiptVerifier.builder().trustAnchors(anchors).build())
 *     .minimiser(minimiser)
 *     .auditSink(auditLog)
 *     .pseudonymizer(pseudonymizer)
 *     .build();
 *
 * try {
 *     ProviderAuthorization allowed = enforcer.authorize(JdkHttpExchanges.providerRequest(exchange), subject);
 *     ... answer with allowed.minimiseToJson(person) ...
 * } catch (ConsentException refused) {
 *     JdkHttpExchanges.send(exchange, ProviderError.of(refused));
 * }
 * }</pre>
 *
 * Checked, in order (the refusal reason in brackets; {@link ProviderError} maps it to a status and type):
 * <ol>
 *   <li>the request names a purpose ({@value ConsentHeaders#PURPOSE}) this service serves, and no data categories
 *       beyond those the service allows for it [{@code no_purpose}, {@code purpose_not_covered},
 *       {@code categories_not_covered}];
 *   <li>it carries evidence ({@value ConsentHeaders#AUTHORIZATION}) of a type the service accepts [{@code no_evidence},
 *       {@code invalid_evidence}];
 *   <li>the evidence verifies: a consent receipt's signature, trusted issuer, validity and revocation
 *       ({@link ConsentReceiptVerifier}); a consent reference with the consent service
 *       (validateConsentForDataProvider: the same person, this client, this service declaration, not expired); a
 *       mandate with the e-Authorizations service; a legal basis against the purposes and clients declared for it
 *       [{@code invalid_evidence}, {@code expired}, {@code revoked}, {@code disallowed}, ...];
 *   <li>it covers the request: the subject the handler names, the purpose, the calling client
 *       ({@code X-Road-Client}, as the Security Servers authenticated it) as the processor, the data categories, now
 *       [{@code subject_mismatch}, {@code purpose_not_covered}, {@code client_not_covered},
 *       {@code categories_not_covered}, {@code expired}];
 *   <li>it was not presented before for the same message ({@code X-Road-Id}): a replay cache bounded in size and
 *       time [{@code replayed}].
 * </ol>
 */
public final class ConsentEnforcer {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentEnforcer.class);

    /** A legal basis the service accepts for a purpose, and from which clients. */
    private record DeclaredBasis(Purpose purpose, Set<ClientId> clients) {
    }

    private final ServiceId service;
    private final Map<String, Set<String>> purposes;
    private final ConsentReceiptVerifier receipts;
    private final ConsentServiceClient consentService;
    private final String serviceDeclarationId;
    private final boolean reportTransmissions;
    private final MandateProvider mandates;
    private final Map<String, DeclaredBasis> legalBases;
    private final ReplayCache replays;
    private final AuditSink audit;
    private final SubjectPseudonymizer pseudonymizer;
    private final DataMinimiser minimiser;
    private final Clock clock;

    private ConsentEnforcer(Builder b) {
        this.service = b.service;
        this.purposes = Map.copyOf(b.purposes);
        this.receipts = b.receipts;
        this.consentService = b.consentService;
        this.serviceDeclarationId = b.serviceDeclarationId;
        this.reportTransmissions = b.reportTransmissions;
        this.mandates = b.mandates;
        this.legalBases = Map.copyOf(b.legalBases);
        this.replays = b.replays != null ? b.replays : ReplayCache.create(100_000, Duration.ofHours(24));
        this.audit = b.audit;
        this.pseudonymizer = b.pseudonymizer;
        this.minimiser = b.minimiser;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decides on a request about {@code subject} (whom the handler found the request to be about, e.g. from its path)
     * and audits the decision.
     *
     * @throws ConsentException when it is refused; answer with {@link ProviderError#of(ConsentException)}
     */
    public ProviderAuthorization authorize(ProviderRequest request, DataSubject subject) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(subject, "subject");
        Instant now = clock.instant();
        Purpose purpose = null;
        ConsentHeaders.PresentedEvidence presented = null;
        try {
            purpose = purposeOf(request);
            presented = evidenceOf(request);
            AuthorizationRequest asked = new AuthorizationRequest(request.messageId(),
                    request.client().toShortString(), service.toShortString(), subject, purpose,
                    request.userId().orElse(null), now);
            AuthorizationEvidence evidence = verify(presented, asked);
            evidence.check(asked).ifPresent(r -> {
                throw new ConsentException(r, request.messageId());
            });
            if (!replays.firstSeen(evidence.type() + "|" + evidence.id() + "|" + request.client().toShortString()
                    + "|" + request.messageId(), now)) {
                throw new ConsentException(RefusalReason.REPLAYED, evidence.type() + " " + evidence.id()
                        + " was already presented for message " + request.messageId());
            }
            try {
                audit.write(record(now, request, subject, purpose, AuditRecord.Outcome.ALLOWED, evidence.type(),
                        evidence.id(), evidence.legalBasis().code(), null));
            } catch (RuntimeException e) {
                throw new ConsentException(RefusalReason.AUDIT_FAILED, "the decision could not be written to the "
                        + "audit log (" + e.getClass().getSimpleName() + ")", e);
            }
            return new ProviderAuthorization(request, subject, purpose, evidence, minimiser,
                    this::reportTransmission);
        } catch (ConsentException e) {
            ConsentException refused = e.messageId().isPresent() ? e : e.withMessageId(request.messageId());
            if (e.reason() != RefusalReason.AUDIT_FAILED) {
                try {
                    audit.write(record(now, request, subject, purpose, AuditRecord.Outcome.REFUSED,
                            presented == null ? null : presented.type(), null,
                            purpose == null ? null : purpose.legalBasis().code(), e.refusal()));
                } catch (RuntimeException auditFailure) {
                    refused.addSuppressed(auditFailure);
                }
            }
            throw refused;
        }
    }

    public ServiceId service() {
        return service;
    }

    @Override
    public String toString() {
        return "ConsentEnforcer[" + service.toShortString() + ", purposes " + purposes.keySet() + "]";
    }

    private Purpose purposeOf(ProviderRequest request) {
        Purpose purpose;
        try {
            purpose = request.purpose().orElseThrow(() -> new ConsentException(RefusalReason.NO_PURPOSE,
                    "the request names no purpose (" + ConsentHeaders.PURPOSE + ")"));
        } catch (IllegalArgumentException e) {
            throw new ConsentException(RefusalReason.NO_PURPOSE, "the " + ConsentHeaders.PURPOSE
                    + " header is malformed: " + e.getMessage(), e);
        }
        Set<String> allowed = purposes.get(purpose.code());
        if (allowed == null) {
            throw new ConsentException(RefusalReason.PURPOSE_NOT_COVERED, "this service does not serve purpose "
                    + purpose.code());
        }
        if (!allowed.containsAll(purpose.dataCategories())) {
            Set<String> excess = new TreeSet<>(purpose.dataCategories());
            excess.removeAll(allowed);
            throw new ConsentException(RefusalReason.CATEGORIES_NOT_COVERED, "this service gives no data categories "
                    + excess + " for purpose " + purpose.code());
        }
        return purpose;
    }

    private static ConsentHeaders.PresentedEvidence evidenceOf(ProviderRequest request) {
        try {
            return request.authorization().orElseThrow(() -> new ConsentException(RefusalReason.NO_EVIDENCE,
                    "the request carries no evidence (" + ConsentHeaders.AUTHORIZATION + ")"));
        } catch (IllegalArgumentException e) {
            throw new ConsentException(RefusalReason.INVALID_EVIDENCE, "the " + ConsentHeaders.AUTHORIZATION
                    + " header is malformed: " + e.getMessage(), e);
        }
    }

    private AuthorizationEvidence verify(ConsentHeaders.PresentedEvidence presented, AuthorizationRequest asked) {
        switch (presented.type()) {
            case ConsentReceiptEvidence.TYPE -> {
                if (receipts != null) {
                    return receipts.verify(presented.token(), asked.time());
                }
            }
            case ConsentReferenceEvidence.TYPE -> {
                if (consentService != null) {
                    return verifyReference(presented.token(), asked);
                }
            }
            case MandateEvidence.TYPE -> {
                if (mandates != null) {
                    return verifyMandate(presented.token(), asked);
                }
            }
            case LegalBasisEvidence.TYPE -> {
                if (!legalBases.isEmpty()) {
                    return verifyLegalBasis(presented.token(), asked);
                }
            }
            default -> throw new ConsentException(RefusalReason.INVALID_EVIDENCE, "unknown evidence type "
                    + printable(presented.type()));
        }
        throw new ConsentException(RefusalReason.INVALID_EVIDENCE, "this service does not accept "
                + presented.type() + " evidence");
    }

    private AuthorizationEvidence verifyReference(String reference, AuthorizationRequest asked) {
        ProviderConsentValidation v;
        try {
            v = consentService.validateForDataProvider(reference);
        } catch (ConsentServiceException e) {
            if (e.notApproved()) {
                throw new ConsentException(RefusalReason.REVOKED, "consent " + reference + " is not approved", e);
            }
            if (e.notFound()) {
                throw new ConsentException(RefusalReason.INVALID_EVIDENCE, "the consent service knows no consent "
                        + reference + " for this provider", e);
            }
            throw new ConsentException(RefusalReason.SERVICE_UNAVAILABLE, "the consent service could not validate "
                    + "consent " + reference + ": " + e.getMessage(), e);
        } catch (LuotsiException e) {
            throw new ConsentException(RefusalReason.SERVICE_UNAVAILABLE, "the consent service could not be asked: "
                    + e.getMessage(), e);
        }
        if (!v.idCode().equals(asked.subject().nationalId())) {
            throw new ConsentException(RefusalReason.SUBJECT_MISMATCH, "consent " + reference
                    + " is about another data subject");
        }
        ClientId named;
        try {
            named = ClientId.parse(v.clientSubsystemIdentifier().trim());
        } catch (IllegalArgumentException e) {
            throw new ConsentException(RefusalReason.INVALID_EVIDENCE, "the consent service named no valid client "
                    + "subsystem for consent " + reference, e);
        }
        if (!named.toShortString().equals(asked.client())) {
            throw new ConsentException(RefusalReason.CLIENT_NOT_COVERED, "consent " + reference + " is for client "
                    + named.toShortString() + ", not " + asked.client());
        }
        if (!serviceDeclarationId.equals(v.serviceDeclarationId())) {
            throw new ConsentException(RefusalReason.PURPOSE_NOT_COVERED, "consent " + reference + " is for service "
                    + "declaration " + v.serviceDeclarationId() + ", this service's is " + serviceDeclarationId);
        }
        return new ConsentReferenceEvidence(reference, asked.subject(), asked.purpose().code(),
                purposes.get(asked.purpose().code()), asked.client(), v.consentExpiration());
    }

    private AuthorizationEvidence verifyMandate(String issue, AuthorizationRequest asked) {
        if (!mandates.issueFor(asked.purpose().code()).map(issue::equals).orElse(false)) {
            throw new ConsentException(RefusalReason.PURPOSE_NOT_COVERED, "this service accepts no mandate in issue "
                    + printable(issue) + " for purpose " + asked.purpose().code());
        }
        AuthorizationDecision d = mandates.authorize(asked);
        if (d instanceof AuthorizationDecision.Granted g) {
            return g.evidence();
        }
        if (d instanceof AuthorizationDecision.Refused r) {
            throw new ConsentException(r.refusal(), asked.messageId());
        }
        throw new ConsentException(RefusalReason.PURPOSE_NOT_COVERED, "no mandate issue is configured for purpose "
                + asked.purpose().code());
    }

    private AuthorizationEvidence verifyLegalBasis(String basis, AuthorizationRequest asked) {
        DeclaredBasis declared = legalBases.get(asked.purpose().code());
        if (declared == null) {
            throw new ConsentException(RefusalReason.PURPOSE_NOT_COVERED, "this service accepts no legal basis "
                    + "without consent for purpose " + asked.purpose().code());
        }
        if (!declared.purpose().legalBasis().code().equals(basis)) {
            throw new ConsentException(RefusalReason.PURPOSE_NOT_COVERED, "purpose " + asked.purpose().code()
                    + " is accepted on legal basis " + declared.purpose().legalBasis().code() + ", not "
                    + printable(basis));
        }
        boolean known = declared.clients().stream().anyMatch(c -> c.toShortString().equals(asked.client()));
        if (!known) {
            throw new ConsentException(RefusalReason.CLIENT_NOT_COVERED, "client " + asked.client() + " may not "
                    + "request data for purpose " + asked.purpose().code() + " on its legal basis");
        }
        return new LegalBasisEvidence(declared.purpose());
    }

    private void reportTransmission(AuthorizationEvidence evidence, Instant time) {
        if (!reportTransmissions || consentService == null || !(evidence instanceof ConsentReferenceEvidence)) {
            return;
        }
        try {
            consentService.reportDataTransmission(evidence.id(), time);
        } catch (LuotsiException e) {
            LOG.warn("reporting a transmission to the consent service failed: {}", e.getMessage());
        }
    }

    private AuditRecord record(Instant now, ProviderRequest request, DataSubject subject, Purpose purpose,
                               AuditRecord.Outcome outcome, String evidenceType, String evidenceId,
                               String legalBasis, Refusal refusal) {
        AuditRecord.Builder b = AuditRecord.builder(now, AuditRecord.Side.PROVIDER, outcome)
                .messageId(request.messageId())
                .client(request.client().toShortString())
                .service(service.toShortString())
                .subject(pseudonymizer.pseudonym(subject.id()))
                .purpose(purpose == null ? null : purpose.code())
                .legalBasis(legalBasis)
                .evidence(evidenceType, evidenceId);
        if (refusal != null) {
            b.reason(refusal.reason().code(), refusal.detail());
        }
        return b.build();
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 60; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 60 ? b + "..." : b.toString();
    }

    /**
     * Builds a {@link ConsentEnforcer}: the service, at least one purpose, an audit sink and a pseudonymizer are
     * required, and at least one kind of evidence should be accepted (otherwise every request is refused).
     */
    public static final class Builder {
        private ServiceId service;
        private final Map<String, Set<String>> purposes = new LinkedHashMap<>();
        private ConsentReceiptVerifier receipts;
        private ConsentServiceClient consentService;
        private String serviceDeclarationId;
        private boolean reportTransmissions;
        private MandateProvider mandates;
        private final Map<String, DeclaredBasis> legalBases = new LinkedHashMap<>();
        private ReplayCache replays;
        private AuditSink audit;
        private SubjectPseudonymizer pseudonymizer;
        private DataMinimiser minimiser;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The service this enforcer guards (named in audit records). */
        public Builder service(ServiceId service) {
            this.service = Objects.requireNonNull(service, "service");
            return this;
        }

        /** A purpose this service serves, and the data categories it may give for it. */
        public Builder allowPurpose(String purposeCode, String... categories) {
            Objects.requireNonNull(purposeCode, "purposeCode");
            if (categories.length == 0) {
                throw new IllegalArgumentException("name the data categories purpose " + purposeCode + " may get");
            }
            purposes.put(purposeCode, Set.of(categories));
            return this;
        }

        /** Accept signed consent receipts verified by this verifier (trust anchors, issuers, revocation). */
        public Builder consentReceipts(ConsentReceiptVerifier verifier) {
            this.receipts = Objects.requireNonNull(verifier, "verifier");
            return this;
        }

        /**
         * Accept consent references, validated with this consent service; consents must be for this service's
         * service declaration.
         */
        public Builder consentService(ConsentServiceClient client, String serviceDeclarationId) {
            this.consentService = Objects.requireNonNull(client, "client");
            this.serviceDeclarationId = Objects.requireNonNull(serviceDeclarationId, "serviceDeclarationId");
            return this;
        }

        /** Report every transmission based on a consent reference to the consent service (the NT asks providers). */
        public Builder reportTransmissions(boolean report) {
            this.reportTransmissions = report;
            return this;
        }

        /** Accept mandates, checked again with the e-Authorizations service. */
        public Builder mandates(MandateProvider mandates) {
            this.mandates = Objects.requireNonNull(mandates, "mandates");
            return this;
        }

        /**
         * Accept a legal basis without consent for this purpose (as declared: code, basis, legal reference,
         * categories) from these clients only.
         */
        public Builder legalBasis(Purpose purpose, ClientId... clients) {
            Objects.requireNonNull(purpose, "purpose");
            if (clients.length == 0) {
                throw new IllegalArgumentException("name the clients that may request purpose " + purpose.code()
                        + " on its legal basis");
            }
            new LegalBasisEvidence(purpose); // refuses a consent purpose
            legalBases.put(purpose.code(), new DeclaredBasis(purpose, Set.copyOf(List.of(clients))));
            return this;
        }

        /** The replay cache; 100 000 entries for 24 hours by default. */
        public Builder replayCache(ReplayCache replays) {
            this.replays = Objects.requireNonNull(replays, "replays");
            return this;
        }

        public Builder auditSink(AuditSink audit) {
            this.audit = Objects.requireNonNull(audit, "audit");
            return this;
        }

        public Builder pseudonymizer(SubjectPseudonymizer pseudonymizer) {
            this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
            return this;
        }

        /** Maps data categories to JSON paths, for {@link ProviderAuthorization#minimise(Object)}. */
        public Builder minimiser(DataMinimiser minimiser) {
            this.minimiser = Objects.requireNonNull(minimiser, "minimiser");
            return this;
        }

        /** The clock evidence is checked against. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws IllegalStateException when the service, purposes, audit sink or pseudonymizer is missing */
        public ConsentEnforcer build() {
            if (service == null || purposes.isEmpty() || audit == null || pseudonymizer == null) {
                throw new IllegalStateException("a ConsentEnforcer needs the service, at least one purpose, an audit "
                        + "sink and a pseudonymizer");
            }
            return new ConsentEnforcer(this);
        }
    }
}
