package io.luotsi.core;

import static io.luotsi.core.PipelineFixtures.TARGET;
import static io.luotsi.core.PipelineFixtures.call;
import static io.luotsi.core.PipelineFixtures.get;
import static io.luotsi.core.PipelineFixtures.post;
import static io.luotsi.core.PipelineFixtures.retrying;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.core.http.HttpResponse;
import io.luotsi.core.resilience.BulkheadPolicy;
import io.luotsi.core.resilience.ResiliencePolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HttpPipelineAsyncTest {

    private final FakeTransport transport = new FakeTransport();
    private final RecordingEventListener events = new RecordingEventListener();

    @AfterEach
    void closeTransport() {
        transport.close();
    }

    private HttpPipeline pipeline(ResiliencePolicy policy, Interceptor... interceptors) {
        HttpPipeline.Builder b = HttpPipeline.builder().transport(transport).eventListener(events).resilience(policy);
        for (Interceptor i : interceptors) {
            b.addInterceptor(i);
        }
        return b.build();
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        return catchThrowableOfType(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS)).getCause();
    }

    @Test
    void completesWithTheResponseOnTheTransportsExecutor() throws Exception {
        HttpResponse response = pipeline(ResiliencePolicy.defaults()).executeAsync(call(get()))
                .get(10, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(200);
        assertThat(transport.threads()).singleElement().asString().startsWith("fake-transport-");
        assertThat(events.names()).containsExactly("callStart", "attemptStart 1", "callEnd 200");
    }

    @Test
    void doesNotBlockTheCallerWhileTheTransportWorks() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        transport.then(request -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            return FakeTransport.response(request, 200);
        });

        CompletableFuture<HttpResponse> future = pipeline(ResiliencePolicy.defaults()).executeAsync(call(get()));

        assertThat(future).isNotDone();
        release.countDown();
        assertThat(future.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void completesWithTheLuotsiExceptionOfAFailure() {
        transport.thenFail(new IOException("connection reset"));

        Throwable failure = failureOf(pipeline(ResiliencePolicy.defaults()).executeAsync(call(post())));

        assertThat(failure).isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.phase()).isEqualTo(TransportException.Phase.EXCHANGE);
            assertThat(e.getMessage()).contains("connection reset");
        });
        assertThat(events.named("callFailed")).singleElement()
                .satisfies(e -> assertThat(e.failure()).isSameAs(failure));
    }

    @Test
    void completesWithTheClassifiersFailure() {
        ServiceException notFound = new ServiceException("no such person", null, 404, false, null, null);
        ResponseClassifier classifier = (r, c) -> {
            r.close();
            return r.status() == 404 ? notFound : null;
        };
        transport.thenRespond(404);

        assertThat(failureOf(pipeline(ResiliencePolicy.defaults())
                .executeAsync(call(get(), TARGET, null, classifier)))).isSameAs(notFound);
    }

    @Test
    void retriesOnATimerAndRunsEveryAttemptOnTheTransportsExecutor() throws Exception {
        transport.thenFail(new ConnectException("refused")).thenFail(new ConnectException("refused"));

        HttpResponse response = pipeline(retrying(3)).executeAsync(call(post())).get(10, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(200);
        assertThat(transport.requestCount()).isEqualTo(3);
        assertThat(transport.threads()).allSatisfy(t -> assertThat(t).startsWith("fake-transport-"));
        assertThat(events.names()).containsExactly("callStart",
                "attemptStart 1", "attemptFailed 1 TransportException", "retryScheduled 2 TransportException",
                "attemptStart 2", "attemptFailed 2 TransportException", "retryScheduled 3 TransportException",
                "attemptStart 3", "callEnd 200");
    }

    @Test
    void retriesOnlyWhatIsSafeToRetry() {
        transport.thenFail(new IOException("reset after sending"));

        assertThat(failureOf(pipeline(retrying(3)).executeAsync(call(post()))))
                .isInstanceOf(TransportException.class);
        assertThat(transport.requestCount()).isEqualTo(1);
    }

    @Test
    void honoursTheBulkheadAndGivesTheSlotBack() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        transport.then(request -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            return FakeTransport.response(request, 200);
        });
        HttpPipeline pipeline = pipeline(ResiliencePolicy.custom().bulkhead(BulkheadPolicy.of(1)).build());
        CompletableFuture<HttpResponse> first = pipeline.executeAsync(call(get()));

        CompletableFuture<HttpResponse> second = pipeline.executeAsync(call(get()));

        assertThat(second).isCompletedExceptionally();
        assertThat(failureOf(second)).isInstanceOfSatisfying(CallRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(CallRejectedException.Reason.BULKHEAD_FULL));
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(pipeline.executeAsync(call(get())).get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(transport.requestCount()).isEqualTo(2);
    }

    @Test
    void failsWithNotSentWhenTheTransportIsClosedAndGivesTheSlotBack() {
        HttpPipeline pipeline = pipeline(ResiliencePolicy.custom().bulkhead(BulkheadPolicy.of(1)).build());
        pipeline.close();

        for (int i = 0; i < 2; i++) {
            CompletableFuture<HttpResponse> future = pipeline.executeAsync(call(get()));
            assertThat(failureOf(future)).isInstanceOfSatisfying(TransportException.class, e -> {
                assertThat(e).isNotInstanceOf(CallRejectedException.class);
                assertThat(e.phase()).isEqualTo(TransportException.Phase.NOT_SENT);
                assertThat(e.retryable()).isFalse();
            });
        }
        assertThat(transport.requestCount()).isZero();
    }

    @Test
    void anInterceptorReturningNullFailsTheFutureWithIllegalStateException() {
        assertThat(failureOf(pipeline(retrying(3), chain -> null).executeAsync(call(get()))))
                .isExactlyInstanceOf(IllegalStateException.class);
        assertThat(events.named("attemptStart")).hasSize(1);
    }
}
