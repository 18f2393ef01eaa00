package io.luotsi.xroad.consent;

import io.luotsi.auth.consent.Authorization;
import io.luotsi.auth.consent.AuthorizationProvider;
import io.luotsi.auth.consent.AuthorizationRequest;
import io.luotsi.auth.consent.ConsentException;
import io.luotsi.auth.consent.ConsentGuard;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.auth.consent.Refusal;
import io.luotsi.auth.consent.RefusalReason;
import io.luotsi.core.RequestContext;
import io.luotsi.core.audit.AuditSink;
import io.luotsi.core.audit.SubjectPseudonymizer;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Binds consent to X-Road calls: an {@link io.luotsi.xroad.XRoadClient} built with authorization providers and an
 * audit sink holds one, and every call that names a data subject passes it before anything is sent. Protocol clients
 * call {@link #authorize(ConsentBinding, ClientId, ServiceId, RequestContext)} while preparing a call, then send
 * what the returned {@link CallAuthorization} says (REST headers, or the SOAP {@code securityToken}), and call its
 * {@link CallAuthorization#transmitted(java.time.Instant)} after a successful exchange.
 *
 * <pre>{@code
 * // In a protocol client's prepare step (the REST client does exactly this; a SOAP client does the same):
 * CallAuthorization consent = ConsentBinding.authorize(runtime.consent(), runtime.clientId(), service, ctx)
 *     .orElse(null);                                      // empty: the call names no purpose nor subject
 * if (consent != null) {
 *     ctx = consent.applyTo(ctx);                         // issue (the purpose) and represented party defaults
 *     headerBuilder.securityToken(consent.securityToken().orElse(null));   // SOAP: PR-SECTOKEN
 * }
 * }</pre>
 *
 * Rules: a call that names a data subject must name a purpose ({@link IllegalStateException} otherwise: it cannot be
 * built); a call about a data subject on a client without providers is refused ({@link ConsentException},
 * {@code no_evidence}); a call that names only a purpose is sent with the purpose and no evidence.
 */
public final class ConsentBinding {

    private final List<AuthorizationProvider> providers;
    private final AuditSink auditSink;
    private final SubjectPseudonymizer pseudonymizer;
    private final ConsentGuard guard;

    private ConsentBinding(List<AuthorizationProvider> providers, AuditSink auditSink,
                           SubjectPseudonymizer pseudonymizer) {
        this.providers = List.copyOf(providers);
        this.auditSink = Objects.requireNonNull(auditSink, "auditSink");
        this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
        this.guard = ConsentGuard.builder().providers(this.providers).auditSink(auditSink)
                .pseudonymizer(pseudonymizer).build();
    }

    /** A binding that asks {@code providers} in order and audits every decision to {@code auditSink}. */
    public static ConsentBinding of(List<AuthorizationProvider> providers, AuditSink auditSink,
                                    SubjectPseudonymizer pseudonymizer) {
        return new ConsentBinding(providers, auditSink, pseudonymizer);
    }

    public List<AuthorizationProvider> providers() {
        return providers;
    }

    public AuditSink auditSink() {
        return auditSink;
    }

    public SubjectPseudonymizer pseudonymizer() {
        return pseudonymizer;
    }

    /**
     * Decides on a call by {@code client} to {@code service} with {@code context} (its purpose and data subject
     * attributes, user id, message id and clock), and audits the decision.
     *
     * @param binding the client's binding, or {@code null} when it was built without providers
     * @return the authorization to send along, or empty when the call names neither a purpose nor a data subject
     * @throws IllegalStateException when it names a data subject but no purpose
     * @throws ConsentException      when it is refused; nothing may be sent
     */
    public static Optional<CallAuthorization> authorize(ConsentBinding binding, ClientId client, ServiceId service,
                                                        RequestContext context) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(context, "context");
        Purpose purpose = context.attribute(ConsentContextKeys.PURPOSE).orElse(null);
        DataSubject subject = context.attribute(ConsentContextKeys.DATA_SUBJECT).orElse(null);
        if (purpose == null && subject == null) {
            return Optional.empty();
        }
        if (purpose == null) {
            throw new IllegalStateException("a request about a data subject needs a purpose: set .purpose(...)");
        }
        if (subject == null) {
            return Optional.of(new CallAuthorization(purpose, null, null));
        }
        String messageId = context.messageId().orElse(null);
        if (binding == null) {
            throw new ConsentException(Refusal.of(RefusalReason.NO_EVIDENCE, "this client has no authorization "
                    + "providers; build it with addAuthorizationProvider(...), auditSink(...) and "
                    + "subjectPseudonymizer(...)"), messageId);
        }
        AuthorizationRequest request = new AuthorizationRequest(messageId, client.toShortString(),
                service.toShortString(), subject, purpose, context.userId().orElse(null), context.clock().instant());
        Authorization authorization = binding.guard.authorize(request);
        return Optional.of(new CallAuthorization(purpose, subject, authorization));
    }

    @Override
    public String toString() {
        return "ConsentBinding[" + providers.size() + " providers, " + auditSink.getClass().getSimpleName() + ", "
                + pseudonymizer + "]";
    }
}
