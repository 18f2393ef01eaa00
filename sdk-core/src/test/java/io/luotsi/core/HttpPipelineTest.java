package io.luotsi.core;

import static io.luotsi.core.PipelineFixtures.TARGET;
import static io.luotsi.core.PipelineFixtures.call;
import static io.luotsi.core.PipelineFixtures.fastRetry;
import static io.luotsi.core.PipelineFixtures.get;
import static io.luotsi.core.PipelineFixtures.post;
import static io.luotsi.core.PipelineFixtures.retrying;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.core.http.Headers;
import io.luotsi.core.http.HttpRequest;
import io.luotsi.core.http.HttpResponse;
import io.luotsi.core.http.RequestBody;
import io.luotsi.core.resilience.CircuitBreakerPolicy;
import io.luotsi.core.resilience.ResiliencePolicy;
import io.luotsi.core.resilience.RetryPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HttpPipelineTest {

    private final FakeTransport transport = new FakeTransport();
    private final RecordingEventListener events = new RecordingEventListener();

    private HttpPipeline pipeline(ResiliencePolicy policy, Interceptor... interceptors) {
        HttpPipeline.Builder b = HttpPipeline.builder().transport(transport).eventListener(events).resilience(policy);
        for (Interceptor i : interceptors) {
            b.addInterceptor(i);
        }
        return b.build();
    }

    private HttpPipeline pipeline(Interceptor... interceptors) {
        return pipeline(ResiliencePolicy.defaults(), interceptors);
    }

    /** A retryable service error that proves the provider never saw the request (refused before forwarding). */
    private static ServiceException refusedBeforeForwarding() {
        return new ServiceException("refused before forwarding", null, 503, true, null, null) {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean requestMayHaveBeenProcessed() {
                return false;
            }
        };
    }

    @Test
    void builderRequiresATransport() {
        assertThatThrownBy(() -> HttpPipeline.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> HttpPipeline.builder().transport(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("transport");
    }

    @Nested
    class Interceptors {

        @Test
        void runInTheOrderAddedAroundTheTransport() {
            List<String> trace = new CopyOnWriteArrayList<>();
            Interceptor a = chain -> {
                trace.add("a-in");
                HttpResponse r = chain.proceed(chain.request().toBuilder().header("X-Trace", "a").build());
                trace.add("a-out");
                return r;
            };
            Interceptor b = chain -> {
                trace.add("b-in sees " + chain.request().headers().values("X-Trace"));
                HttpResponse r = chain.proceed(chain.request().toBuilder().header("X-Trace", "b").build());
                trace.add("b-out");
                return r;
            };

            HttpResponse response = pipeline(a, b).execute(call(get()));

            assertThat(trace).containsExactly("a-in", "b-in sees [a]", "b-out", "a-out");
            assertThat(transport.requests()).singleElement()
                    .satisfies(r -> assertThat(r.headers().values("x-trace")).containsExactly("a", "b"));
            assertThat(response.request().headers().values("X-Trace")).containsExactly("a", "b");
        }

        @Test
        void mayRewriteTheResponse() {
            Interceptor stamp = chain -> {
                HttpResponse r = chain.proceed(chain.request());
                return r.with(r.headers().toBuilder().set("X-Stamped", "yes").build(), r.body());
            };

            HttpResponse response = pipeline(stamp).execute(call(get()));

            assertThat(response.headers().value("x-stamped")).contains("yes");
        }

        @Test
        void mayAnswerWithoutCallingTheTransport() {
            Interceptor cache = chain -> FakeTransport.response(chain.request(), 203);

            HttpResponse response = pipeline(cache).execute(call(get()));

            assertThat(response.status()).isEqualTo(203);
            assertThat(transport.requestCount()).isZero();
        }

        @Test
        void seeTheContextTheCallAndTheAttemptNumber() {
            List<String> seen = new CopyOnWriteArrayList<>();
            HttpPipeline.Call call = call(get());
            transport.thenFail(new ConnectException("refused"));
            Interceptor spy = chain -> {
                seen.add(chain.attempt() + " " + (chain.call() == call.info()) + " "
                        + chain.context().messageId().orElseThrow());
                return chain.proceed(chain.request());
            };

            pipeline(retrying(3), spy).execute(call);

            assertThat(seen).containsExactly("1 true msg-1", "2 true msg-1");
        }

        @Test
        void returningNullIsAnIllegalStateExceptionNotATransportFailure() {
            Interceptor broken = chain -> null;
            ResiliencePolicy policy = ResiliencePolicy.custom().retry(fastRetry(3))
                    .circuitBreaker(new CircuitBreakerPolicy(true, 50f, 2, 1, Duration.ofMinutes(1), 1)).build();
            HttpPipeline pipeline = pipeline(policy, broken);

            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> pipeline.execute(call(get())))
                        .isExactlyInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("returned null");
            }
            // not retried, not counted against the target, not reported as a failed call
            assertThat(events.named("attemptStart")).hasSize(3);
            assertThat(pipeline.circuitBreakerState(TARGET)).contains("CLOSED");
            assertThat(events.named("callFailed")).isEmpty();
        }

        @Test
        void aNullRequestToProceedIsRefused() {
            Interceptor broken = chain -> chain.proceed(null);

            assertThatThrownBy(() -> pipeline(broken).execute(call(get())))
                    .isExactlyInstanceOf(NullPointerException.class);
            assertThat(transport.requestCount()).isZero();
        }
    }

    @Nested
    class Classification {

        @Test
        void theClassifiersFailureIsWhatTheCallerGets() {
            ServiceException failure = new ServiceException("provider says no", null, 418, false, "msg-1", "req-9");
            List<Integer> classified = new ArrayList<>();
            ResponseClassifier classifier = (response, context) -> {
                classified.add(response.status());
                response.close();
                return response.headers().contains("X-Stamped") ? failure : null;
            };
            Interceptor stamp = chain -> {
                HttpResponse r = chain.proceed(chain.request());
                return r.with(Headers.of("X-Stamped", "1"), r.body());
            };
            transport.thenRespond(418);

            Throwable thrown = catchThrowableOfType(LuotsiException.class,
                    () -> pipeline(stamp).execute(call(get(), TARGET, null, classifier)));

            assertThat(thrown).isSameAs(failure);
            assertThat(classified).containsExactly(418);
            assertThat(events.named("callFailed")).singleElement()
                    .satisfies(e -> assertThat(e.failure()).isSameAs(failure));
        }

        @Test
        void acceptAllHandsErrorStatusesToTheCaller() {
            transport.thenRespond(500);

            HttpResponse response = pipeline().execute(call(get()));

            assertThat(response.status()).isEqualTo(500);
            assertThat(events.names()).containsExactly("callStart", "attemptStart 1", "callEnd 500");
        }

        @Test
        void aThrowingClassifierIsAProgrammingErrorPassedOnAsIs() {
            ResponseClassifier broken = (response, context) -> {
                throw new IllegalStateException("classifier bug");
            };

            assertThatThrownBy(() -> pipeline().execute(call(get(), TARGET, null, broken)))
                    .isExactlyInstanceOf(IllegalStateException.class).hasMessage("classifier bug");
        }
    }

    @Nested
    class Retry {

        @Test
        void retriesASafeFailureUntilItSucceedsAndCountsAttempts() {
            transport.thenFail(new ConnectException("refused")).thenFail(new ConnectException("refused"));

            HttpResponse response = pipeline(retrying(3)).execute(call(post()));

            assertThat(response.status()).isEqualTo(200);
            assertThat(transport.requestCount()).isEqualTo(3);
            assertThat(events.named("attemptStart")).extracting(RecordingEventListener.Event::attempt)
                    .containsExactly(1, 2, 3);
        }

        @Test
        void givesUpAfterMaxAttemptsWithTheLastFailure() {
            transport.thenFail(new ConnectException("first")).thenFail(new ConnectException("second"))
                    .thenFail(new ConnectException("third"));

            TransportException thrown = catchThrowableOfType(TransportException.class,
                    () -> pipeline(retrying(3)).execute(call(get())));

            assertThat(thrown.getMessage()).contains("third");
            assertThat(thrown.phase()).isEqualTo(TransportException.Phase.CONNECT);
            assertThat(transport.requestCount()).isEqualTo(3);
        }

        @Test
        void retriesAnIdempotentRequestAfterAFailureOnceSent() {
            transport.thenFail(new SocketTimeoutException("timeout"));

            assertThat(pipeline(retrying(2)).execute(call(get())).status()).isEqualTo(200);
            assertThat(transport.requestCount()).isEqualTo(2);
        }

        @Test
        void doesNotRetryANonIdempotentRequestThatMayHaveBeenProcessed() {
            transport.thenFail(new SocketTimeoutException("timeout"));

            TransportException thrown = catchThrowableOfType(TransportException.class,
                    () -> pipeline(retrying(3)).execute(call(post())));

            assertThat(thrown.retryable()).isTrue();
            assertThat(thrown.requestMayHaveBeenProcessed()).isTrue();
            assertThat(transport.requestCount()).isEqualTo(1);
        }

        @Test
        void retriesANonIdempotentRequestWhenTheFailureProvesNothingWasProcessed() {
            ServiceException refused = refusedBeforeForwarding();
            ResponseClassifier classifier = (r, c) -> r.status() == 503 ? refused : null;
            transport.thenRespond(503);

            HttpResponse response = pipeline(retrying(3)).execute(call(post(), TARGET, null, classifier));

            assertThat(response.status()).isEqualTo(200);
            assertThat(transport.requestCount()).isEqualTo(2);
        }

        @Test
        void doesNotRetryAFailureThatIsNotRetryable() {
            transport.thenFail(new SSLHandshakeException("untrusted"));

            assertThatThrownBy(() -> pipeline(retrying(3)).execute(call(get())))
                    .isInstanceOf(TransportException.class);
            assertThat(transport.requestCount()).isEqualTo(1);

            ServiceException clientError = new ServiceException("bad request", null, 400, false, null, null);
            FakeTransport.Answer answer = request -> FakeTransport.response(request, 400);
            transport.then(answer);
            assertThatThrownBy(() -> pipeline(retrying(3))
                    .execute(call(get(), TARGET, null, (r, c) -> r.status() == 400 ? clientError : null)))
                    .isSameAs(clientError);
            assertThat(transport.requestCount()).isEqualTo(2);
        }

        @Test
        void doesNotRetryAOneShotBodyOnceItWasSent() {
            RequestBody oneShot = RequestBody.ofStream(new ByteArrayInputStream(new byte[10]), 10, "text/plain");
            HttpRequest put = HttpRequest.builder().uri("http://ss.test/x").method("PUT", oneShot).build();
            transport.thenFail(new IOException("connection reset"));

            assertThatThrownBy(() -> pipeline(retrying(3)).execute(call(put)))
                    .isInstanceOf(TransportException.class).hasMessageContaining("connection reset");
            assertThat(transport.requestCount()).isEqualTo(1);
        }

        @Test
        void retriesAOneShotBodyWhenNothingWasSent() {
            RequestBody oneShot = RequestBody.ofStream(new ByteArrayInputStream(new byte[10]), 10, "text/plain");
            transport.thenFail(new ConnectException("refused"));

            assertThat(pipeline(retrying(3)).execute(call(post(oneShot))).status()).isEqualTo(200);
            assertThat(transport.requestCount()).isEqualTo(2);
        }

        @Test
        void perCallPolicyReplacesTheClientsRetryPolicy() {
            transport.otherwise(request -> {
                throw new ConnectException("refused");
            });
            HttpPipeline noRetries = pipeline(ResiliencePolicy.defaults());
            HttpPipeline threeAttempts = pipeline(retrying(3));

            assertThatThrownBy(() -> noRetries.execute(call(get(), TARGET, retrying(4), ResponseClassifier.ACCEPT_ALL)))
                    .isInstanceOf(TransportException.class);
            assertThat(transport.requestCount()).isEqualTo(4);

            assertThatThrownBy(() -> threeAttempts.execute(
                    call(get(), TARGET, ResiliencePolicy.defaults(), ResponseClassifier.ACCEPT_ALL)))
                    .isInstanceOf(TransportException.class);
            assertThat(transport.requestCount()).isEqualTo(5);
        }

        @Test
        void backoffGrowsByTheMultiplierUpToTheCap() {
            transport.otherwise(request -> {
                throw new ConnectException("refused");
            });
            RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(1), 2.0, Duration.ofMillis(4), 0.0);

            assertThatThrownBy(() -> pipeline(ResiliencePolicy.custom().retry(policy).build()).execute(call(get())))
                    .isInstanceOf(TransportException.class);

            assertThat(events.named("retryScheduled")).extracting(RecordingEventListener.Event::duration)
                    .containsExactly(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(4),
                            Duration.ofMillis(4));
        }

        @Test
        void jitterRandomisesEachDelayWithinItsBounds() {
            transport.otherwise(request -> {
                throw new ConnectException("refused");
            });
            RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(4), 1.0, Duration.ofMillis(4), 0.5);
            HttpPipeline pipeline = pipeline(ResiliencePolicy.custom().retry(policy).build());

            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> pipeline.execute(call(get()))).isInstanceOf(TransportException.class);
            }

            List<Long> delays = events.named("retryScheduled").stream().map(e -> e.duration().toMillis()).toList();
            assertThat(delays).hasSize(20).allSatisfy(d -> assertThat(d).isBetween(2L, 6L));
            assertThat(delays.stream().distinct().count()).as("delays differ: %s", delays).isGreaterThan(1);
        }

        @Test
        void safeToRetryRuleCoversEveryCondition() {
            HttpRequest get = get();
            HttpRequest post = post();
            HttpRequest oneShotPut = HttpRequest.builder().uri("http://ss.test/x")
                    .method("PUT", RequestBody.ofWriter(out -> out.write(1), "text/plain")).build();
            TransportException connect = new TransportException("c", null, TransportException.Phase.CONNECT, true,
                    null, null);
            TransportException exchange = new TransportException("e", null, TransportException.Phase.EXCHANGE, true,
                    null, null);
            TransportException notRetryable = new TransportException("n", null, TransportException.Phase.CONNECT,
                    false, null, null);
            CallRejectedException rejected = new CallRejectedException(CallRejectedException.Reason.CIRCUIT_OPEN,
                    TARGET, null);

            assertThat(HttpPipeline.isSafeToRetry(connect, post)).isTrue();
            assertThat(HttpPipeline.isSafeToRetry(exchange, get)).isTrue();
            assertThat(HttpPipeline.isSafeToRetry(exchange, post)).isFalse();
            assertThat(HttpPipeline.isSafeToRetry(exchange, oneShotPut)).isFalse();
            assertThat(HttpPipeline.isSafeToRetry(connect, oneShotPut)).isTrue();
            assertThat(HttpPipeline.isSafeToRetry(notRetryable, get)).isFalse();
            assertThat(HttpPipeline.isSafeToRetry(rejected, get)).as("rejections are retryable later, not now")
                    .isFalse();
            assertThat(HttpPipeline.isSafeToRetry(refusedBeforeForwarding(), post)).isTrue();
            assertThat(HttpPipeline.isSafeToRetry(refusedBeforeForwarding(), oneShotPut))
                    .as("the body was consumed").isFalse();
            assertThat(HttpPipeline.isSafeToRetry(new IllegalStateException(), get)).isFalse();
        }
    }

    @Nested
    class Events {

        @Test
        void aRetriedCallReportsEachStageWithItsArguments() {
            transport.thenFail(new ConnectException("refused"));
            HttpPipeline.Call call = call(get());

            pipeline(retrying(2)).execute(call);

            assertThat(events.names()).containsExactly(
                    "callStart",
                    "attemptStart 1",
                    "attemptFailed 1 TransportException",
                    "retryScheduled 2 TransportException",
                    "attemptStart 2",
                    "callEnd 200");
            assertThat(events.events()).allSatisfy(e -> assertThat(e.call()).isSameAs(call.info()));
            LuotsiException failure = events.named("attemptFailed").get(0).failure();
            assertThat(events.named("retryScheduled").get(0).failure()).isSameAs(failure);
            assertThat(events.named("callEnd").get(0).duration().isNegative()).isFalse();
            assertThat(call.info().target()).isEqualTo(TARGET);
            assertThat(call.info().messageId()).isEqualTo("msg-1");
            assertThat(call.info().correlationId()).isEqualTo("corr-1");
        }

        @Test
        void aFailedCallReportsTheExceptionTheCallerGets() {
            transport.thenFail(new IOException("reset"));

            TransportException thrown = catchThrowableOfType(TransportException.class,
                    () -> pipeline().execute(call(post())));

            assertThat(events.names()).containsExactly("callStart", "attemptStart 1",
                    "attemptFailed 1 TransportException", "callFailed TransportException");
            assertThat(events.named("callFailed").get(0).failure()).isSameAs(thrown);
            assertThat(events.named("attemptFailed").get(0).failure()).isSameAs(thrown);
        }

        @Test
        void aListenerThatThrowsDoesNotBreakCalls() {
            EventListener hostile = new EventListener() {
                @Override
                public void callStart(CallInfo call) {
                    throw new IllegalStateException("boom");
                }

                @Override
                public void attemptStart(CallInfo call, int attempt) {
                    throw new IllegalStateException("boom");
                }

                @Override
                public void attemptFailed(CallInfo call, int attempt, LuotsiException failure) {
                    throw new IllegalStateException("boom");
                }

                @Override
                public void retryScheduled(CallInfo call, int next, Duration delay, LuotsiException cause) {
                    throw new IllegalStateException("boom");
                }

                @Override
                public void callEnd(CallInfo call, int status, Duration duration) {
                    throw new IllegalStateException("boom");
                }

                @Override
                public void callFailed(CallInfo call, LuotsiException failure, Duration duration) {
                    throw new IllegalStateException("boom");
                }
            };
            HttpPipeline pipeline = HttpPipeline.builder().transport(transport).eventListener(hostile)
                    .resilience(retrying(2)).build();
            transport.thenFail(new ConnectException("refused"));

            assertThat(pipeline.execute(call(get())).status()).isEqualTo(200);

            transport.thenFail(new IOException("reset"));
            assertThatThrownBy(() -> pipeline.execute(call(post()))).isInstanceOf(TransportException.class)
                    .hasMessageContaining("reset");
            assertThat(transport.requestCount()).isEqualTo(3);
        }
    }

    @Test
    void closingThePipelineClosesItsTransport() {
        pipeline().close();

        assertThat(transport.isClosed()).isTrue();
    }
}
