package io.luotsi.core;

import io.luotsi.core.http.HttpRequest;
import io.luotsi.core.http.RequestBody;
import io.luotsi.core.resilience.ResiliencePolicy;
import io.luotsi.core.resilience.RetryPolicy;
import java.time.Duration;

/** Requests and calls for pipeline tests. */
final class PipelineFixtures {

    static final String TARGET = "FI/GOV/0245437-2/registry/persons";

    private PipelineFixtures() {
    }

    static HttpRequest get() {
        return HttpRequest.builder().uri("http://ss.test/r1/" + TARGET + "/x").build();
    }

    static HttpRequest post(RequestBody body) {
        return HttpRequest.builder().uri("http://ss.test/r1/" + TARGET + "/x").method("POST", body).build();
    }

    static HttpRequest post() {
        return post(RequestBody.of("{}", "application/json"));
    }

    static HttpPipeline.Call call(HttpRequest request) {
        return call(request, TARGET, null, ResponseClassifier.ACCEPT_ALL);
    }

    static HttpPipeline.Call call(HttpRequest request, String target) {
        return call(request, target, null, ResponseClassifier.ACCEPT_ALL);
    }

    static HttpPipeline.Call call(HttpRequest request, String target, ResiliencePolicy policy,
                                  ResponseClassifier classifier) {
        RequestContext context = RequestContext.builder().messageId("msg-1").correlationId("corr-1").build();
        return new HttpPipeline.Call(request, context, CallInfo.of(request.method(), target, context), policy,
                classifier);
    }

    /** {@code attempts} attempts with the smallest backoff allowed and no jitter, so tests do not wait. */
    static RetryPolicy fastRetry(int attempts) {
        return new RetryPolicy(attempts, Duration.ofMillis(1), 1.0, Duration.ofMillis(1), 0.0);
    }

    static ResiliencePolicy retrying(int attempts) {
        return ResiliencePolicy.custom().retry(fastRetry(attempts)).build();
    }
}
