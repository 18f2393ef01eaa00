package io.luotsi.core;

import static io.luotsi.core.PipelineFixtures.TARGET;
import static io.luotsi.core.PipelineFixtures.call;
import static io.luotsi.core.PipelineFixtures.fastRetry;
import static io.luotsi.core.PipelineFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.core.http.HttpResponse;
import io.luotsi.core.resilience.BulkheadPolicy;
import io.luotsi.core.resilience.CircuitBreakerPolicy;
import io.luotsi.core.resilience.ResiliencePolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HttpPipelineResilienceTest {

    private static final String OTHER_TARGET = "FI/GOV/0245437-2/registry/vehicles";

    /** Opens when half of the last 4 calls (at least 2) failed; stays open a minute; 1 trial call. */
    private static final CircuitBreakerPolicy BREAKER =
            new CircuitBreakerPolicy(true, 50f, 4, 2, Duration.ofMinutes(1), 1);

    private final FakeTransport transport = new FakeTransport();
    private final RecordingEventListener events = new RecordingEventListener();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
        transport.close();
    }

    private HttpPipeline pipeline(ResiliencePolicy policy) {
        return HttpPipeline.builder().transport(transport).eventListener(events).resilience(policy).build();
    }

    private static ResiliencePolicy breaker(CircuitBreakerPolicy breaker) {
        return ResiliencePolicy.custom().circuitBreaker(breaker).build();
    }

    private static ResiliencePolicy bulkhead(BulkheadPolicy bulkhead) {
        return ResiliencePolicy.custom().bulkhead(bulkhead).build();
    }

    @Nested
    class CircuitBreaker {

        @Test
        void opensAfterFailuresThenRejectsWithoutCallingTheTransport() {
            transport.otherwise(request -> {
                throw new ConnectException("refused");
            });
            HttpPipeline pipeline = pipeline(breaker(BREAKER));

            assertThat(pipeline.circuitBreakerState(TARGET)).isEmpty();
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> pipeline.execute(call(get()))).isExactlyInstanceOf(TransportException.class);
            }
            CallRejectedException rejected = catchThrowableOfType(CallRejectedException.class,
                    () -> pipeline.execute(call(get())));

            assertThat(rejected.reason()).isEqualTo(CallRejectedException.Reason.CIRCUIT_OPEN);
            assertThat(rejected.phase()).isEqualTo(TransportException.Phase.NOT_SENT);
            assertThat(rejected.requestMayHaveBeenProcessed()).isFalse();
            assertThat(rejected.retryable()).isTrue();
            assertThat(rejected.getMessage()).contains(TARGET).contains("messageId=msg-1");
            assertThat(transport.requestCount()).isEqualTo(2);
            assertThat(pipeline.circuitBreakerState(TARGET)).contains("OPEN");
            assertThat(events.names()).contains("circuitBreakerStateChanged " + TARGET + " CLOSED->OPEN",
                    "callRejected circuit-open", "callFailed CallRejectedException");
        }

        @Test
        void isKeptPerTarget() {
            transport.otherwise(request -> {
                throw new ConnectException("refused");
            });
            HttpPipeline pipeline = pipeline(breaker(BREAKER));
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> pipeline.execute(call(get()))).isExactlyInstanceOf(TransportException.class);
            }
            transport.otherwise(request -> FakeTransport.response(request, 200));

            assertThat(pipeline.execute(call(get(), OTHER_TARGET)).status()).isEqualTo(200);
            assertThat(pipeline.circuitBreakerState(OTHER_TARGET)).contains("CLOSED");
            assertThatThrownBy(() -> pipeline.execute(call(get()))).isInstanceOf(CallRejectedException.class);
        }

        @Test
        void retryableServiceErrorsOpenIt() {
            ResponseClassifier unavailable = (r, c) -> {
                r.close();
                return new ServiceException("unavailable", null, 503, true, null, null);
            };
            HttpPipeline pipeline = pipeline(breaker(BREAKER));

            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> pipeline.execute(call(get(), TARGET, null, unavailable)))
                        .isExactlyInstanceOf(ServiceException.class);
            }

            assertThat(pipeline.circuitBreakerState(TARGET)).contains("OPEN");
        }

        @Test
        void clientErrorsDoNotOpenIt() {
            ResponseClassifier badRequest = (r, c) -> {
                r.close();
                return new ServiceException("bad request", null, 400, false, null, null);
            };
            HttpPipeline pipeline = pipeline(breaker(BREAKER));

            for (int i = 0; i < 10; i++) {
                assertThatThrownBy(() -> pipeline.execute(call(get(), TARGET, null, badRequest)))
                        .isExactlyInstanceOf(ServiceException.class);
            }

            assertThat(pipeline.circuitBreakerState(TARGET)).contains("CLOSED");
            assertThat(transport.requestCount()).isEqualTo(10);
            assertThat(events.names()).noneMatch(n -> n.startsWith("circuitBreakerStateChanged"));
        }

        @Test
        void letsATrialCallThroughAfterTheOpenDurationAndClosesOnSuccess() throws InterruptedException {
            transport.otherwise(request -> {
                throw new ConnectException("refused");
            });
            HttpPipeline pipeline = pipeline(breaker(new CircuitBreakerPolicy(true, 50f, 4, 2,
                    Duration.ofMillis(20), 1)));
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> pipeline.execute(call(get()))).isExactlyInstanceOf(TransportException.class);
            }
            transport.otherwise(request -> FakeTransport.response(request, 200));

            HttpResponse response = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (response == null && System.nanoTime() < deadline) {
                try {
                    response = pipeline.execute(call(get()));
                } catch (CallRejectedException stillOpen) {
                    Thread.sleep(5);
                }
            }

            assertThat(response).isNotNull();
            assertThat(pipeline.circuitBreakerState(TARGET)).contains("CLOSED");
            assertThat(events.names()).containsSubsequence(
                    "circuitBreakerStateChanged " + TARGET + " CLOSED->OPEN",
                    "circuitBreakerStateChanged " + TARGET + " OPEN->HALF_OPEN",
                    "circuitBreakerStateChanged " + TARGET + " HALF_OPEN->CLOSED");
        }

        @Test
        void aRejectedCallIsNotRetried() {
            transport.otherwise(request -> {
                throw new ConnectException("refused");
            });
            HttpPipeline pipeline = pipeline(ResiliencePolicy.custom().circuitBreaker(BREAKER).retry(fastRetry(5))
                    .build());

            // the first call's attempts open the breaker; its third attempt is rejected, and not retried
            assertThatThrownBy(() -> pipeline.execute(call(get()))).isInstanceOf(CallRejectedException.class);

            assertThat(transport.requestCount()).isEqualTo(2);
            assertThat(events.named("attemptStart")).hasSize(3);
        }

        @Test
        void aPerCallPolicyDoesNotBypassTheClientsBreaker() {
            transport.otherwise(request -> {
                throw new ConnectException("refused");
            });
            HttpPipeline pipeline = pipeline(breaker(BREAKER));
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> pipeline.execute(call(get()))).isExactlyInstanceOf(TransportException.class);
            }
            transport.otherwise(request -> FakeTransport.response(request, 200));

            int sent = transport.requestCount();

            // ResiliencePolicy.defaults() has the breaker "disabled", but a per-call policy replaces only the retry
            // policy: the client's open breaker still protects the service.
            assertThatThrownBy(() -> pipeline.execute(call(get(), TARGET, ResiliencePolicy.defaults(),
                    ResponseClassifier.ACCEPT_ALL))).isInstanceOf(CallRejectedException.class);

            assertThat(transport.requestCount()).isEqualTo(sent);
            assertThat(pipeline.circuitBreakerState(TARGET)).contains("OPEN");
        }

        @Test
        void aSiblingPipelineSharesTheBreakers() {
            transport.otherwise(request -> {
                throw new ConnectException("refused");
            });
            HttpPipeline pipeline = pipeline(breaker(BREAKER));
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> pipeline.execute(call(get()))).isExactlyInstanceOf(TransportException.class);
            }

            HttpPipeline sibling = pipeline.toBuilder().build();

            assertThat(sibling.circuitBreakerState(TARGET)).contains("OPEN");
            assertThatThrownBy(() -> sibling.execute(call(get()))).isInstanceOf(CallRejectedException.class);
            assertThat(sibling.transport()).isSameAs(transport);
        }
    }

    @Nested
    class Bulkhead {

        /** Makes every call block in the transport until released, and counts the calls that got there. */
        private CountDownLatch blockTransport(CountDownLatch arrived) {
            CountDownLatch release = new CountDownLatch(1);
            transport.otherwise(request -> {
                arrived.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return FakeTransport.response(request, 200);
            });
            return release;
        }

        @Test
        void rejectsTheCallOverTheCapWithoutSendingIt() throws Exception {
            HttpPipeline pipeline = pipeline(bulkhead(BulkheadPolicy.of(2)));
            CountDownLatch arrived = new CountDownLatch(2);
            CountDownLatch release = blockTransport(arrived);
            Future<HttpResponse> first = callers.submit(() -> pipeline.execute(call(get())));
            Future<HttpResponse> second = callers.submit(() -> pipeline.execute(call(get())));
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

            CallRejectedException rejected = catchThrowableOfType(CallRejectedException.class,
                    () -> pipeline.execute(call(get())));

            assertThat(rejected.reason()).isEqualTo(CallRejectedException.Reason.BULKHEAD_FULL);
            assertThat(rejected.requestMayHaveBeenProcessed()).isFalse();
            assertThat(transport.requestCount()).isEqualTo(2);
            assertThat(events.names()).contains("callRejected bulkhead-full", "callFailed CallRejectedException");

            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(second.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(pipeline.execute(call(get())).status()).as("slots are given back").isEqualTo(200);
        }

        @Test
        void givesTheSlotBackWhenACallFails() {
            HttpPipeline pipeline = pipeline(bulkhead(BulkheadPolicy.of(1)));
            transport.thenFail(new IOException("reset")).thenFail(new IOException("reset"));

            assertThatThrownBy(() -> pipeline.execute(call(get()))).isExactlyInstanceOf(TransportException.class);
            assertThatThrownBy(() -> pipeline.execute(call(get()))).isExactlyInstanceOf(TransportException.class);

            assertThat(pipeline.execute(call(get())).status()).isEqualTo(200);
        }

        @Test
        void aSynchronousCallWaitsUpToMaxWaitForASlot() throws Exception {
            HttpPipeline pipeline = pipeline(bulkhead(new BulkheadPolicy(true, 1, Duration.ofSeconds(20))));
            CountDownLatch arrived = new CountDownLatch(1);
            CountDownLatch release = blockTransport(arrived);
            Future<HttpResponse> first = callers.submit(() -> pipeline.execute(call(get())));
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

            Future<HttpResponse> waiting = callers.submit(() -> pipeline.execute(call(get())));
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(events.names()).doesNotContain("callRejected bulkhead-full");
        }

        @Test
        void anAsynchronousCallNeverWaitsForASlot() throws Exception {
            HttpPipeline pipeline = pipeline(bulkhead(new BulkheadPolicy(true, 1, Duration.ofMinutes(5))));
            CountDownLatch arrived = new CountDownLatch(1);
            CountDownLatch release = blockTransport(arrived);
            Future<HttpResponse> first = callers.submit(() -> pipeline.execute(call(get())));
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<HttpResponse> rejected = pipeline.executeAsync(call(get()));

            assertThat(rejected).isCompletedExceptionally();
            assertThat(catchThrowableOfType(java.util.concurrent.ExecutionException.class, rejected::get).getCause())
                    .isInstanceOfSatisfying(CallRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(CallRejectedException.Reason.BULKHEAD_FULL));
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
    }
}
