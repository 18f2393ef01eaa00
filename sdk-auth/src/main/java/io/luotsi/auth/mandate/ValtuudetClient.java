package io.luotsi.auth.mandate;

import io.luotsi.core.CallInfo;
import io.luotsi.core.HttpPipeline;
import io.luotsi.core.ProtocolException;
import io.luotsi.core.RequestContext;
import io.luotsi.core.ResponseClassifier;
import io.luotsi.core.http.HttpRequest;
import io.luotsi.core.http.HttpResponse;
import io.luotsi.core.http.HttpTransport;
import io.luotsi.core.http.OkHttpTransport;
import io.luotsi.core.json.JacksonJsonCodec;
import io.luotsi.core.json.JsonCodec;
import io.luotsi.core.resilience.ResiliencePolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A client of the Suomi.fi e-Authorizations (Valtuudet) Authorization REST API: may a delegate act for a principal in
 * an issue? It is not an X-Road service: it is called over HTTPS with sdk-core's transport, every request signed
 * with {@link ValtuudetSignature} (client id and API key issued at deployment; the service needs a separately
 * activated key for this API). Immutable and thread-safe; close it to release its own transport.
 *
 * <pre>{@code
 * try (ValtuudetClient valtuudet = ValtuudetClient.builder()
 *         .baseUrl(URI.create("https://asiointivaltuustarkastus.suomi.fi"))
 *         .clientId("abcd1234").apiKey(apiKey)
 *         .build()) {
 *     MandateDecision d = valtuudet.authorization(new MandateQuery(endUser, "010101-123N", "020202-234M",
 *         List.of("http://valtuusrekisteri.suomi.fi/hakemuksen_jattaminen"), requestId));
 * }
 * }</pre>
 *
 * The request ({@code HpaRestRiClient} of the reference client):
 * <pre>
 * GET /service/rest/hpa/authorization/{clientId}/{delegateId}/{principalId}?issue=..[&amp;issue=..]&amp;requestId=..
 * X-AsiointivaltuudetAuthorization: {clientId} {timestamp} {HMAC}
 * X-userId: {endUserId}
 * </pre>
 * and the answer {@code {"result":"ALLOWED"|"DISALLOWED","reasons":[{"reasonRule":..,"reasonValue":..,
 * "valueType":..}]}}. Path segments and query values are percent-encoded (everything but RFC 3986 unreserved
 * characters); the signature covers them as sent. Plain {@code http} is accepted only for a loopback host (tests).
 */
public final class ValtuudetClient implements AutoCloseable {

    /** The header that names the end user. */
    public static final String END_USER_HEADER = "X-userId";
    /** The path of the Authorization REST API, before {@code /{clientId}/{delegateId}/{principalId}}. */
    public static final String AUTHORIZATION_PATH = "/service/rest/hpa/authorization";

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final String base;
    private final ValtuudetSignature signature;
    private final HttpPipeline pipeline;
    private final boolean ownsTransport;
    private final JsonCodec json;
    private final Clock clock;
    private final long maxResponseBytes;

    private ValtuudetClient(Builder b, HttpTransport transport, boolean ownsTransport) {
        String url = b.baseUrl.toString();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        this.base = url;
        this.signature = ValtuudetSignature.of(b.clientId, b.apiKey);
        this.pipeline = HttpPipeline.builder().transport(transport).resilience(b.resilience).build();
        this.ownsTransport = ownsTransport;
        this.json = b.json;
        this.clock = b.clock;
        this.maxResponseBytes = b.maxResponseBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Asks the service.
     *
     * @throws MandateServiceException  when it answers with an error status (401/403: the signature was refused)
     * @throws io.luotsi.core.TransportException when it cannot be reached
     * @throws ProtocolException        when its answer is not an authorization result
     */
    public MandateDecision authorization(MandateQuery query) {
        Objects.requireNonNull(query, "query");
        StringBuilder target = new StringBuilder(AUTHORIZATION_PATH);
        for (String segment : List.of(signature.clientId(), query.delegateId(), query.principalId())) {
            target.append('/');
            encode(segment, target);
        }
        char sep = '?';
        for (String issue : query.issues()) {
            target.append(sep).append("issue=");
            encode(issue, target);
            sep = '&';
        }
        target.append("&requestId=");
        encode(query.requestId(), target);
        URI uri = URI.create(base + target);
        String pathAndQuery = uri.getRawPath() + "?" + uri.getRawQuery();
        HttpRequest request = HttpRequest.builder().method("GET").uri(uri)
                .header(ValtuudetSignature.HEADER, signature.headerValue(pathAndQuery, clock.instant()))
                .header(END_USER_HEADER, query.endUserId())
                .header("Accept", "application/json")
                .build();
        RequestContext ctx = RequestContext.builder().messageId(query.requestId()).clock(clock).build();
        HttpResponse response = pipeline.execute(new HttpPipeline.Call(request, ctx,
                CallInfo.of("GET", "valtuudet:" + uri.getRawAuthority(), ctx), null, ResponseClassifier.ACCEPT_ALL));
        try (response) {
            if (response.status() == 401 || response.status() == 403) {
                throw new MandateServiceException("the e-Authorizations service refused the request (HTTP "
                        + response.status() + "): check the client id, the API key and the clock (the timestamp "
                        + "must be within 5 minutes of the service's)", response.status(), query.requestId());
            }
            if (!response.isSuccessful()) {
                throw new MandateServiceException("the e-Authorizations service answered HTTP " + response.status(),
                        response.status(), query.requestId());
            }
            return parse(response.body().bytes(maxResponseBytes));
        }
    }

    @Override
    public void close() {
        if (ownsTransport) {
            pipeline.close();
        }
    }

    @Override
    public String toString() {
        return "ValtuudetClient[" + base + ", " + signature.clientId() + "]";
    }

    private MandateDecision parse(byte[] body) {
        Map<?, ?> m = json.read(body, Map.class);
        if (m == null || !(m.get("result") instanceof String result)) {
            throw new ProtocolException("the e-Authorizations answer has no result");
        }
        MandateDecision.Result r;
        try {
            r = MandateDecision.Result.valueOf(result.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("the e-Authorizations result is neither ALLOWED nor DISALLOWED", e);
        }
        List<MandateDecision.Reason> reasons = new ArrayList<>();
        if (m.get("reasons") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> reason) {
                    reasons.add(new MandateDecision.Reason(text(reason.get("reasonRule")),
                            text(reason.get("reasonValue")), text(reason.get("valueType"))));
                }
            }
        }
        return new MandateDecision(r, reasons);
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters. */
    static void encode(String s, StringBuilder out) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
    }

    /** Builds a {@link ValtuudetClient}: base URL, client id and API key are required. */
    public static final class Builder {
        private URI baseUrl;
        private String clientId;
        private String apiKey;
        private HttpTransport transport;
        private Clock clock = Clock.systemUTC();
        private JsonCodec json = JacksonJsonCodec.create();
        private ResiliencePolicy resilience = ResiliencePolicy.defaults();
        private long maxResponseBytes = 1024 * 1024;

        private Builder() {
        }

        /** Where the service is, e.g. {@code https://asiointivaltuustarkastus.suomi.fi}. */
        public Builder baseUrl(URI baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
            boolean loopback = baseUrl.getHost() != null && LOOPBACK.contains(baseUrl.getHost());
            if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
                throw new IllegalArgumentException("the e-Authorizations service is reached over https (http only "
                        + "on loopback, for tests): " + baseUrl);
            }
            if (baseUrl.getRawQuery() != null) {
                throw new IllegalArgumentException("the base URL must not have a query: " + baseUrl);
            }
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** The transport (TLS, timeouts); a default OkHttp one, closed with the client, when not given. */
        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** The clock the signature's timestamp comes from. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder json(JsonCodec json) {
            this.json = Objects.requireNonNull(json, "json");
            return this;
        }

        /** Retries and circuit breaking (the requests are GETs: safe to retry). */
        public Builder resilience(ResiliencePolicy resilience) {
            this.resilience = Objects.requireNonNull(resilience, "resilience");
            return this;
        }

        public Builder maxResponseBytes(long maxResponseBytes) {
            if (maxResponseBytes < 1) {
                throw new IllegalArgumentException("maxResponseBytes must be positive");
            }
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        public ValtuudetClient build() {
            if (baseUrl == null || clientId == null || apiKey == null) {
                throw new IllegalStateException("baseUrl, clientId and apiKey are required");
            }
            boolean owns = transport == null;
            return new ValtuudetClient(this, owns ? OkHttpTransport.builder().build() : transport, owns);
        }
    }
}
