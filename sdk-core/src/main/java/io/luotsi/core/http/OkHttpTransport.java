package io.luotsi.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * The default {@link HttpTransport}, on OkHttp: one connection pool and dispatcher per client, HTTP/1.1 (X-Road
 * speaks nothing else), TLS from {@link TlsConfig} with hostname verification on, redirects never followed (X-Road
 * returns them to the caller), bodies streamed in both directions.
 *
 * <pre>{@code
 * OkHttpTransport transport = OkHttpTransport.builder()
 *     .timeouts(Timeouts.DEFAULT.withRead(Duration.ofSeconds(30)))
 *     .tls(TlsConfig.of(keyManager, trustManager))
 *     .build();
 * }</pre>
 *
 * To share an existing OkHttp client (its pools, proxies, interceptors), use {@link #of(OkHttpClient)}: Luotsi then
 * neither reconfigures nor closes it.
 */
public final class OkHttpTransport implements HttpTransport {

    private final OkHttpClient client;
    private final boolean owned;

    private OkHttpTransport(OkHttpClient client, boolean owned) {
        this.client = client;
        this.owned = owned;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Adapter over a caller-owned OkHttp client; closing the transport leaves the client running. */
    public static OkHttpTransport of(OkHttpClient client) {
        Objects.requireNonNull(client, "client");
        return new OkHttpTransport(client.newBuilder().followRedirects(false).followSslRedirects(false)
                .addNetworkInterceptor(SendTracker.INTERCEPTOR).build(), false);
    }

    /** A sibling transport with other timeouts that shares this one's connection pool and dispatcher. */
    public OkHttpTransport withTimeouts(Timeouts timeouts) {
        return new OkHttpTransport(applyTimeouts(client.newBuilder(), timeouts).build(), false);
    }

    /** The underlying OkHttp client, for adapters and tests. */
    public OkHttpClient okHttpClient() {
        return client;
    }

    @Override
    public HttpResponse execute(HttpRequest request) throws IOException {
        SendTracker tracker = new SendTracker();
        Request okRequest = toOkHttp(request, tracker);
        Call call = client.newCall(okRequest);
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            throw tracker.sent ? e : new NothingSentException(e);
        }
        return toLuotsi(request, response);
    }

    @Override
    public Executor asyncExecutor() {
        return client.dispatcher().executorService();
    }

    @Override
    public void close() {
        if (owned) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private static Request toOkHttp(HttpRequest request, SendTracker tracker) {
        Request.Builder b = new Request.Builder().url(HttpUrl.get(request.uri().toString()));
        Headers headers = request.headers();
        okhttp3.Headers.Builder hb = new okhttp3.Headers.Builder();
        for (int i = 0, n = headers.size(); i < n; i++) {
            hb.add(headers.name(i), headers.value(i));
        }
        okhttp3.RequestBody body = null;
        if (request.body().isPresent()) {
            RequestBody luotsiBody = request.body().get();
            String contentType = luotsiBody.contentType();
            MediaType mediaType = contentType == null ? null : MediaType.parse(contentType);
            if (contentType != null && mediaType == null) {
                // OkHttp cannot model this media type (e.g. a parameter without a value) and would drop it: send
                // the header exactly as given instead.
                hb.set("Content-Type", contentType);
            }
            body = toOkHttp(luotsiBody, mediaType, luotsiBody.isOneShot() || !request.isIdempotent());
        }
        b.headers(hb.build());
        if (body == null && requiresBody(request.method())) {
            body = toOkHttp(RequestBody.of(new byte[0], null), null, !request.isIdempotent());
        }
        b.method(request.method(), body);
        b.tag(SendTracker.class, tracker);
        return b.build();
    }

    private static boolean requiresBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    /**
     * Adapts a body for OkHttp. A body of a non-idempotent request is reported to OkHttp as one-shot even when it could
     * be written again: OkHttp's own connection-failure recovery would otherwise resend a POST that was already sent,
     * behind the pipeline's "retry only when safe" rule. OkHttp still recovers when nothing was sent (a stale pooled
     * connection refusing the write), and the pipeline's retry stage decides everything else.
     */
    private static okhttp3.RequestBody toOkHttp(RequestBody body, MediaType mediaType, boolean oneShotForOkHttp) {
        return new okhttp3.RequestBody() {
            @Override
            public MediaType contentType() {
                return mediaType;
            }

            @Override
            public long contentLength() {
                return body.contentLength();
            }

            @Override
            public boolean isOneShot() {
                return oneShotForOkHttp;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                OutputStream out = sink.outputStream();
                body.writeTo(new NonClosingOutputStream(out));
            }
        };
    }

    private static HttpResponse toLuotsi(HttpRequest request, Response response) {
        okhttp3.Headers okHeaders = response.headers();
        String[] namesAndValues = new String[okHeaders.size() * 2];
        for (int i = 0, n = okHeaders.size(); i < n; i++) {
            namesAndValues[2 * i] = okHeaders.name(i);
            namesAndValues[2 * i + 1] = okHeaders.value(i);
        }
        okhttp3.ResponseBody okBody = response.body();
        String contentType = response.header("Content-Type");
        long length = okBody.contentLength();
        ResponseBody body = new ResponseBody() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public InputStream stream() {
                return okBody.byteStream();
            }

            @Override
            public void close() {
                response.close();
            }
        };
        return new HttpResponse(request, response.code(), response.message(), Headers.received(namesAndValues), body);
    }

    private static OkHttpClient.Builder applyTimeouts(OkHttpClient.Builder b, Timeouts t) {
        return b.connectTimeout(t.connect().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(t.read().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(t.write().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(t.call().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * An I/O failure before any byte of the request was written: the connection, TLS handshake or name lookup
     * failed, so the request cannot have reached the server. The cause is the original exception.
     */
    public static final class NothingSentException extends IOException {
        private static final long serialVersionUID = 1L;

        NothingSentException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Records whether OkHttp started writing the request, so a failure can be told apart from one before sending. A
     * network interceptor runs once the connection (and TLS session) is up, right before the request is written. It
     * is an interceptor rather than an OkHttp {@code EventListener} so that a caller's own listener, on a client given
     * to {@link #of(OkHttpClient)}, stays in place.
     */
    private static final class SendTracker {
        static final Interceptor INTERCEPTOR = chain -> {
            SendTracker tracker = chain.request().tag(SendTracker.class);
            if (tracker != null) {
                tracker.sent = true;
            }
            return chain.proceed(chain.request());
        };

        volatile boolean sent;
    }

    /** Keeps a body writer from closing OkHttp's sink; OkHttp closes it itself. */
    private static final class NonClosingOutputStream extends OutputStream {
        private final OutputStream out;

        NonClosingOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** Builds an {@link OkHttpTransport} that owns its OkHttp client. */
    public static final class Builder {
        private Timeouts timeouts = Timeouts.DEFAULT;
        private TlsConfig tls;
        private int maxIdleConnections = 16;
        private java.time.Duration keepAlive = java.time.Duration.ofSeconds(20);
        private int maxRequests = 256;
        private int maxRequestsPerHost = 64;

        private Builder() {
        }

        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        public Builder tls(TlsConfig tls) {
            this.tls = tls;
            return this;
        }

        /** Idle keep-alive connections kept in the pool (default 16). */
        /**
         * How long an idle pooled connection is kept (default 20 s). Keep it below the Security Server's idle timeout:
         * a POST sent on a connection the server has just closed fails instead of being silently resent (see
         * {@code toOkHttp}), so stale connections should be retired first.
         */
        public Builder keepAlive(java.time.Duration keepAlive) {
            Objects.requireNonNull(keepAlive, "keepAlive");
            if (keepAlive.isNegative() || keepAlive.isZero()) {
                throw new IllegalArgumentException("keepAlive must be positive: " + keepAlive);
            }
            this.keepAlive = keepAlive;
            return this;
        }

        public Builder maxIdleConnections(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxIdleConnections < 0: " + n);
            }
            this.maxIdleConnections = n;
            return this;
        }

        /** Concurrent asynchronous calls (default 256 overall, 64 per host: every call goes to one Security Server). */
        public Builder maxRequests(int overall, int perHost) {
            if (overall < 1 || perHost < 1) {
                throw new IllegalArgumentException("maxRequests must be positive");
            }
            this.maxRequests = overall;
            this.maxRequestsPerHost = perHost;
            return this;
        }

        public OkHttpTransport build() {
            Dispatcher dispatcher = new Dispatcher();
            dispatcher.setMaxRequests(maxRequests);
            dispatcher.setMaxRequestsPerHost(maxRequestsPerHost);
            OkHttpClient.Builder b = new OkHttpClient.Builder()
                    .dispatcher(dispatcher)
                    .connectionPool(new ConnectionPool(maxIdleConnections, keepAlive.toMillis(), TimeUnit.MILLISECONDS))
                    .protocols(java.util.List.of(okhttp3.Protocol.HTTP_1_1))
                    .followRedirects(false)
                    .followSslRedirects(false)
                    .retryOnConnectionFailure(true)
                    .addNetworkInterceptor(SendTracker.INTERCEPTOR);
            applyTimeouts(b, timeouts);
            if (tls != null) {
                b.sslSocketFactory(tls.sslContext().getSocketFactory(), tls.trustManager());
                b.connectionSpecs(java.util.List.of(
                        new okhttp3.ConnectionSpec.Builder(okhttp3.ConnectionSpec.MODERN_TLS)
                                .tlsVersions(tls.protocols().toArray(new String[0])).build()));
            }
            return new OkHttpTransport(b.build(), true);
        }
    }
}
