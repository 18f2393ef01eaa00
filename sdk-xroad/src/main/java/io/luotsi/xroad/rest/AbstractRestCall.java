package io.luotsi.xroad.rest;

import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.core.CallInfo;
import io.luotsi.core.HttpPipeline;
import io.luotsi.core.LuotsiException;
import io.luotsi.core.RequestContext;
import io.luotsi.core.ResponseClassifier;
import io.luotsi.core.http.Headers;
import io.luotsi.core.http.HttpRequest;
import io.luotsi.core.http.RequestBody;
import io.luotsi.core.resilience.ResiliencePolicy;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadContextKeys;
import io.luotsi.xroad.XRoadHeaders;
import io.luotsi.xroad.consent.CallAuthorization;
import io.luotsi.xroad.consent.ConsentBinding;
import io.luotsi.xroad.consent.ConsentContextKeys;
import io.luotsi.xroad.internal.ClientRuntime;
import io.luotsi.xroad.internal.PathTemplate;
import io.luotsi.xroad.internal.RestErrorClassifier;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of one REST call, shared by {@link RestCall} and {@link AsyncRestCall}. A call object is used by one
 * thread and executed once.
 *
 * @param <S> the concrete call type, for fluent chaining
 */
public abstract class AbstractRestCall<S extends AbstractRestCall<S>> {

    private static final Set<String> TYPED_HEADERS = Set.of(
            "x-road-client", "x-road-id", "x-road-userid", "x-road-issue", "x-road-security-server",
            "x-road-represented-party", "x-road-request-id", "x-road-request-hash", "x-road-service",
            "luotsi-purpose", "luotsi-authorization");

    final ClientRuntime runtime;
    final ServiceId service;
    final String method;
    private String pathAndQuery;
    private final Headers.Builder headers = Headers.builder();
    private RequestContext.Builder context = RequestContext.builder();
    private RequestBody body;
    private Object jsonBody;
    private ResiliencePolicy policy;
    private boolean built;

    AbstractRestCall(ClientRuntime runtime, ServiceId service, String method, String pathAndQuery) {
        this.runtime = runtime;
        this.service = service;
        this.method = method;
        this.pathAndQuery = pathAndQuery;
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /**
     * Starts from a whole request context (user id, issue, message id, represented party, clock, ...); setters called
     * afterwards override its values.
     */
    public S context(RequestContext context) {
        this.context = Objects.requireNonNull(context, "context").toBuilder();
        return self();
    }

    /** {@code X-Road-UserId}: the user on whose behalf the call is made, e.g. {@code EE37702211234}. */
    public S userId(String userId) {
        context.userId(userId);
        return self();
    }

    /** {@code X-Road-Issue}: the case or matter the call is about. */
    public S issue(String issue) {
        context.issue(issue);
        return self();
    }

    /** {@code X-Road-Represented-Party}: the party the client acts for. */
    public S representedParty(RepresentedParty party) {
        context.attribute(XRoadContextKeys.REPRESENTED_PARTY, party);
        return self();
    }

    /**
     * Why the call is made: sent as {@code Luotsi-Purpose}, and as {@code X-Road-Issue} when no issue is set.
     * Required with {@link #dataSubject(DataSubject)}.
     */
    public S purpose(Purpose purpose) {
        context.attribute(ConsentContextKeys.PURPOSE, purpose);
        return self();
    }

    /**
     * Whom the call is about. Before anything is sent, the client's authorization providers must yield evidence that
     * covers the subject, the purpose, this client and the purpose's data categories now; otherwise the call fails
     * with {@link io.luotsi.auth.consent.ConsentException}. The decision is audited; the evidence is sent as
     * {@code Luotsi-Authorization}. See {@link ConsentBinding}.
     */
    public S dataSubject(DataSubject subject) {
        context.attribute(ConsentContextKeys.DATA_SUBJECT, subject);
        return self();
    }

    /** {@code X-Road-Security-Server}: route to this Security Server of the provider. */
    public S securityServer(SecurityServerId server) {
        context.attribute(XRoadContextKeys.SECURITY_SERVER, server);
        return self();
    }

    /** {@code X-Road-Id}; a random UUID when not given (or {@code null}). */
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

    /** Adds a header. The X-Road headers have typed setters and cannot be set here. */
    public S header(String name, String value) {
        if (TYPED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(name + " is set by the client or its typed setter, not by header()");
        }
        headers.add(name, value);
        return self();
    }

    /** Appends a query parameter, name and value percent-encoded. */
    public S query(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, () -> "value of query parameter " + name);
        pathAndQuery = PathTemplate.appendQuery(pathAndQuery, name, value.toString());
        return self();
    }

    /** {@code Accept}; {@code application/json} when a typed body is expected and none is set. */
    public S accept(String mediaType) {
        headers.set("Accept", mediaType);
        return self();
    }

    /** A body written as JSON by the client's codec ({@code Content-Type: application/json}). */
    public S jsonBody(Object value) {
        this.jsonBody = Objects.requireNonNull(value, "value");
        this.body = null;
        return self();
    }

    /** A body of any type, streamed: {@code RequestBody.ofFile(path, "application/pdf")}. */
    public S body(RequestBody body) {
        this.body = Objects.requireNonNull(body, "body");
        this.jsonBody = null;
        return self();
    }

    /** Retry and circuit breaker settings for this call only. */
    public S policy(ResiliencePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        return self();
    }

    /**
     * The request exactly as it will be sent, for inspection and tests. For a call about a data subject this asks
     * the authorization providers and writes an audit record, as sending it would.
     */
    public HttpRequest toHttpRequest() {
        return prepare(false).request();
    }

    HttpPipeline.Call prepare(boolean expectJson) {
        if (built) {
            throw new IllegalStateException("a call can be executed once; start a new one from the service");
        }
        built = true;
        if (runtime.serviceLookup() != null) {
            runtime.serviceLookup().requireKnown(service);
        }
        RequestContext given = context.build();
        if (given.messageId().filter(String::isBlank).isPresent()) {
            // A blank id from a request context would go out as an empty X-Road-Id: generate one instead.
            given = given.toBuilder().messageId(null).build();
        }
        RequestContext ctx = given.withMessageIdIfAbsent();
        String messageId = ctx.messageId().orElseThrow();
        CallAuthorization consent = ConsentBinding.authorize(runtime.consent(), runtime.clientId(), service, ctx)
                .orElse(null);
        if (consent != null) {
            ctx = consent.applyTo(ctx);
        }

        StringBuilder url = new StringBuilder(runtime.securityServerBase().length() + 96)
                .append(runtime.securityServerBase()).append("/r1/").append(service.provider().toEncodedString())
                .append('/');
        io.luotsi.xroad.internal.PercentCodec.encodeSegment(service.serviceCode(), url);
        if (pathAndQuery.startsWith("/?")) {
            url.append(pathAndQuery, 1, pathAndQuery.length());
        } else if (!pathAndQuery.equals("/")) {
            url.append(pathAndQuery);
        }

        HttpRequest.Builder rb = HttpRequest.builder().method(method).uri(url.toString());
        Headers user = headers.build();
        rb.headers(user);
        rb.setHeader(XRoadHeaders.CLIENT, runtime.clientId().toEncodedString());
        rb.setHeader(XRoadHeaders.ID, messageId);
        ctx.userId().ifPresent(v -> rb.setHeader(XRoadHeaders.USER_ID, v));
        ctx.issue().ifPresent(v -> rb.setHeader(XRoadHeaders.ISSUE, v));
        ctx.attribute(XRoadContextKeys.REPRESENTED_PARTY)
                .ifPresent(p -> rb.setHeader(XRoadHeaders.REPRESENTED_PARTY, p.toEncodedString()));
        ctx.attribute(XRoadContextKeys.SECURITY_SERVER)
                .ifPresent(s -> rb.setHeader(XRoadHeaders.SECURITY_SERVER, s.toEncodedString()));
        if (consent != null) {
            consent.restHeaders().forEach(rb::setHeader);
        }
        if (expectJson && !user.contains("Accept")) {
            rb.setHeader("Accept", "application/json");
        }
        if (jsonBody != null) {
            rb.body(RequestBody.of(runtime.json().writeBytes(jsonBody), "application/json"));
        } else if (body != null) {
            rb.body(body);
        }
        HttpRequest request = rb.build();
        CallInfo info = CallInfo.of(method, service.toShortString(), ctx);
        ResponseClassifier classifier = new RestErrorClassifier(runtime.json(), runtime.maxErrorBodyBytes());
        if (consent != null && consent.evidence().isPresent()) {
            classifier = reportingTransmission(classifier, consent);
        }
        return new HttpPipeline.Call(request, ctx, info, policy, classifier);
    }

    /** Tells the evidence's provider about a successful answer (a consent service may want a report). */
    private static ResponseClassifier reportingTransmission(ResponseClassifier classifier, CallAuthorization consent) {
        return (response, context) -> {
            LuotsiException failure = classifier.classify(response, context);
            if (failure == null && response.isSuccessful()) {
                consent.transmitted(context.clock().instant());
            }
            return failure;
        };
    }

}
