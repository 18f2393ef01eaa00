package io.luotsi.core;

import io.luotsi.core.http.HttpRequest;
import io.luotsi.core.http.HttpResponse;

/**
 * Changes traffic: adds or rewrites headers, short-circuits with a response, rewrites a response. Interceptors run in
 * the order they were added, around every attempt of a call (a retried call passes through them again, as OkHttp's
 * network interceptors do; see docs/adr/0003). To observe without changing anything, use {@link EventListener}.
 *
 * <pre>{@code
 * Interceptor tracing = chain -> chain.proceed(
 *     chain.request().toBuilder().setHeader("traceparent", currentTraceParent()).build());
 * }</pre>
 */
@FunctionalInterface
public interface Interceptor {

    /** Returns a response for {@code chain.request()}, usually by calling {@link Chain#proceed(HttpRequest)} once. */
    HttpResponse intercept(Chain chain);

    /** The rest of the call path as seen from one interceptor. */
    interface Chain {
        HttpRequest request();

        RequestContext context();

        CallInfo call();

        /** 1 for the first attempt, 2 for the first retry, and so on. */
        int attempt();

        /** Sends the request through the remaining interceptors and the transport. */
        HttpResponse proceed(HttpRequest request);
    }
}
