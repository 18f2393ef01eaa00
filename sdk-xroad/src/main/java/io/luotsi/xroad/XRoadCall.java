package io.luotsi.xroad;

import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.core.RequestContext;
import io.luotsi.core.resilience.ResiliencePolicy;
import io.luotsi.xroad.consent.CallAuthorization;
import io.luotsi.xroad.consent.ConsentBinding;
import io.luotsi.xroad.consent.ConsentContextKeys;
import io.luotsi.xroad.internal.ClientRuntime;
import java.util.Objects;

/**
 * What every X-Road call carries, REST or SOAP: who acts and why (user id, issue, represented party, purpose, data
 * subject), where it goes (a target Security Server), its message id, and its resilience settings. The protocol
 * calls ({@code RestCall}, {@code SoapCall} and their async twins) add their own body and headers. A call object is
 * used by one thread and executed once.
 *
 * @param <S> the concrete call type, for fluent chaining
 */
public abstract class XRoadCall<S extends XRoadCall<S>> {

    private final ServiceId service;
    private RequestContext.Builder context = RequestContext.builder();
    private ResiliencePolicy policy;
    private boolean prepared;

    protected XRoadCall(ServiceId service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @SuppressWarnings("unchecked")
    protected final S self() {
        return (S) this;
    }

    /** The service called. */
    public ServiceId service() {
        return service;
    }

    /**
     * Starts from a whole request context (user id, issue, message id, represented party, clock, ...); setters called
     * afterwards override its values.
     */
    public S context(RequestContext context) {
        this.context = Objects.requireNonNull(context, "context").toBuilder();
        return self();
    }

    /** The user on whose behalf the call is made (REST {@code X-Road-UserId}, SOAP {@code userId}). */
    public S userId(String userId) {
        context.userId(userId);
        return self();
    }

    /** The case or matter the call is about (REST {@code X-Road-Issue}, SOAP {@code issue}). */
    public S issue(String issue) {
        context.issue(issue);
        return self();
    }

    /** The party the client acts for (PR-THIRDPARTY: REST {@code X-Road-Represented-Party}, SOAP header). */
    public S representedParty(RepresentedParty party) {
        context.attribute(XRoadContextKeys.REPRESENTED_PARTY, party);
        return self();
    }

    /**
     * Why the call is made: sent as the {@code Luotsi-Purpose} header (REST) or the {@code <luotsi:purpose>} header
     * element (SOAP), and as the issue when no issue is set. Required with {@link #dataSubject(DataSubject)}.
     */
    public S purpose(Purpose purpose) {
        context.attribute(ConsentContextKeys.PURPOSE, purpose);
        return self();
    }

    /**
     * Whom the call is about. Before anything is sent, the client's authorization providers must yield evidence that
     * covers the subject, the purpose, this client and the purpose's data categories now; otherwise the call fails
     * with {@link io.luotsi.auth.consent.ConsentException} and nothing leaves the process. The decision is audited;
     * the evidence travels as {@code Luotsi-Authorization} (REST) or the {@code securityToken} (SOAP). See
     * {@link ConsentBinding}.
     */
    public S dataSubject(DataSubject subject) {
        context.attribute(ConsentContextKeys.DATA_SUBJECT, subject);
        return self();
    }

    /** Route to this Security Server of the provider (PR-TARGETSS). */
    public S securityServer(SecurityServerId server) {
        context.attribute(XRoadContextKeys.SECURITY_SERVER, server);
        return self();
    }

    /** The message id (REST {@code X-Road-Id}, SOAP {@code id}); a random UUID when not given (or {@code null}). */
    public S messageId(String messageId) {
        if (messageId != null && messageId.isBlank()) {
            throw new IllegalArgumentException("messageId is blank (use null for a generated one)");
        }
        context.messageId(messageId);
        return self();
    }

    /** A correlation id for logs and events; not sent. */
    public S correlationId(String correlationId) {
        context.correlationId(correlationId);
        return self();
    }

    /** Retry settings for this call only (the client's circuit breakers and bulkhead still apply). */
    public S policy(ResiliencePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        return self();
    }

    /** The per-call policy, or {@code null} for the client's. */
    protected final ResiliencePolicy policy() {
        return policy;
    }

    /** Sets a context attribute the protocol call owns (e.g. the SOAP security token). */
    protected final <T> void attribute(io.luotsi.core.ContextKey<T> key, T value) {
        context.attribute(key, value);
    }

    /**
     * The first step of sending, shared by every protocol: once only; fail fast on a service the client's directory
     * does not know; the context with a message id (a blank one replaced); and the consent decision, audited, with
     * the issue and represented party it implies. Nothing has been sent when this throws.
     */
    protected final Prepared prepareContext(ClientRuntime runtime) {
        if (prepared) {
            throw new IllegalStateException("a call can be executed once; start a new one from the service");
        }
        prepared = true;
        if (runtime.serviceLookup() != null) {
            runtime.serviceLookup().requireKnown(service);
        }
        RequestContext given = context.build();
        if (given.messageId().filter(String::isBlank).isPresent()) {
            // A blank id from a request context would go out as an empty id: generate one instead.
            given = given.toBuilder().messageId(null).build();
        }
        RequestContext ctx = given.withMessageIdIfAbsent();
        CallAuthorization consent = ConsentBinding.authorize(runtime.consent(), runtime.clientId(), service, ctx)
                .orElse(null);
        if (consent != null) {
            ctx = consent.applyTo(ctx);
        }
        return new Prepared(ctx, consent);
    }

    /**
     * The context a call is sent with, and its consent decision.
     *
     * @param context the request context, with a message id
     * @param consent the consent decision, or {@code null} when the call names neither purpose nor data subject
     */
    protected record Prepared(RequestContext context, CallAuthorization consent) {
    }
}
