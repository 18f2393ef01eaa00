package io.luotsi.xroad.rest;

import io.luotsi.core.CallInfo;
import io.luotsi.core.HttpPipeline;
import io.luotsi.core.LuotsiException;
import io.luotsi.core.RequestContext;
import io.luotsi.core.ResponseClassifier;
import io.luotsi.core.http.Headers;
import io.luotsi.core.http.HttpRequest;
import io.luotsi.core.http.HttpResponse;
import io.luotsi.core.http.RequestBody;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadCall;
import io.luotsi.xroad.XRoadContextKeys;
import io.luotsi.xroad.XRoadHeaders;
import io.luotsi.xroad.consent.CallAuthorization;
import io.luotsi.xroad.internal.ClientRuntime;
import io.luotsi.xroad.internal.EvidenceRecorder;
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
public abstract class AbstractRestCall<S extends AbstractRestCall<S>> extends XRoadCall<S> {

    private static final Set<String> TYPED_HEADERS = Set.of(
            "x-road-client", "x-road-id", "x-road-userid", "x-road-issue", "x-road-security-server",
            "x-road-represented-party", "x-road-request-id", "x-road-request-hash", "x-road-service",
            "luotsi-purpose", "luotsi-authorization");

    final ClientRuntime runtime;
    final ServiceId service;
    final String method;
    private String pathAndQuery;
    private final Headers.Builder headers = Headers.builder();
    private RequestBody body;
    private Object jsonBody;
    /** Set by {@link #prepare(boolean)} when the client records evidence. */
    private EvidenceRecorder evidence;

    AbstractRestCall(ClientRuntime runtime, ServiceId service, String method, String pathAndQuery) {
        super(service);
        this.runtime = runtime;
        this.service = service;
        this.method = method;
        this.pathAndQuery = pathAndQuery;
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

    /**
     * The request exactly as it will be sent, for inspection and tests. For a call about a data subject this asks
     * the authorization providers and writes an audit record, as sending it would.
     */
    public HttpRequest toHttpRequest() {
        return prepare(false).request();
    }

    HttpPipeline.Call prepare(boolean expectJson) {
        Prepared prepared = prepareContext(runtime);
        RequestContext ctx = prepared.context();
        CallAuthorization consent = prepared.consent();
        String messageId = ctx.messageId().orElseThrow();

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
        RequestBody sent = jsonBody != null ? RequestBody.of(runtime.json().writeBytes(jsonBody), "application/json")
                : body;
        if (runtime.evidence() != null) {
            evidence = new EvidenceRecorder(runtime, service, messageId, ctx.clock(), sent);
            sent = evidence.body();
        }
        if (sent != null) {
            rb.body(sent);
        }
        HttpRequest request = rb.build();
        CallInfo info = CallInfo.of(method, service.toShortString(), ctx);
        ResponseClassifier classifier = new RestErrorClassifier(runtime.json(), runtime.maxErrorBodyBytes());
        if (consent != null && consent.evidence().isPresent()) {
            classifier = reportingTransmission(classifier, consent);
        }
        return new HttpPipeline.Call(request, ctx, info, policy(), classifier);
    }

    /**
     * Records the exchange in the client's evidence store, if it has one; on failure closes the response and throws.
     * Called with the response the pipeline returned, before the body is read.
     */
    HttpResponse recordEvidence(HttpResponse response) {
        if (evidence != null) {
            try {
                evidence.record(response.headers().lastValue(XRoadHeaders.REQUEST_ID),
                        response.headers().lastValue(XRoadHeaders.REQUEST_HASH));
            } catch (RuntimeException e) {
                response.close();
                throw e;
            }
        }
        return response;
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
