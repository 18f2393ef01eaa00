package io.luotsi.auth.jws;

import static io.luotsi.auth.jws.Fixtures.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.core.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class StreamingBatchSignerTest {

    private final FakeScheduler scheduler = new FakeScheduler();
    private final BatchSigner batches = BatchSigner.builder().signer(Fixtures.signer(JwsAlgorithm.ES256)).clock(CLOCK)
            .build();
    private final BatchProofVerifier verifier = BatchProofVerifier.builder().jwsVerifier(Fixtures.verifier())
            .build();

    private StreamingBatchSigner.Builder streaming() {
        return StreamingBatchSigner.builder().batchSigner(batches).scheduler(scheduler).maxBatchSize(3)
                .maxDelay(Duration.ofMillis(20));
    }

    private static byte[] message(int i) {
        return ("message " + i).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFullBatchIsSignedOnTheSchedulerAndEveryCallerGetsItsProof() {
        StreamingBatchSigner batcher = streaming().build();
        List<CompletableFuture<BatchProof>> proofs = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            proofs.add(batcher.submit(message(i)));
        }

        assertThat(proofs).noneMatch(CompletableFuture::isDone);
        assertThat(scheduler.immediate).hasSize(1);
        assertThat(batcher.pendingCount()).isZero();
        scheduler.runImmediate();
        for (int i = 0; i < 3; i++) {
            BatchProof proof = proofs.get(i).join();
            assertThat(proof.index()).isEqualTo(i);
            assertThat(proof.size()).isEqualTo(3);
            assertThat(verifier.verify(proof, message(i)).index()).isEqualTo(i);
        }
    }

    @Test
    void aBatchThatDoesNotFillUpIsSignedWhenItsTimerFires() {
        StreamingBatchSigner batcher = streaming().build();

        CompletableFuture<BatchProof> first = batcher.submit(message(0));
        CompletableFuture<BatchProof> second = batcher.submit(new ByteArrayInputStream(message(1)));

        assertThat(scheduler.delayed).hasSize(1);
        assertThat(scheduler.delayed.get(0).delayNanos).isEqualTo(Duration.ofMillis(20).toNanos());
        assertThat(first).isNotDone();
        scheduler.fireTimers();
        assertThat(first.join().size()).isEqualTo(2);
        assertThat(verifier.verify(second.join(), message(1)).index()).isEqualTo(1);
    }

    @Test
    void aTimerLeftFromAFlushedBatchDoesNotCutTheNextOneShort() {
        StreamingBatchSigner batcher = streaming().build();
        for (int i = 0; i < 3; i++) {
            batcher.submit(message(i));
        }
        scheduler.runImmediate();
        assertThat(scheduler.delayed.get(0).cancelled).isTrue();

        CompletableFuture<BatchProof> next = batcher.submit(message(3));
        scheduler.delayed.get(0).task.run();

        assertThat(next).isNotDone();
        assertThat(batcher.pendingCount()).isEqualTo(1);
        scheduler.delayed.get(1).task.run();
        assertThat(next.join().size()).isEqualTo(1);
    }

    @Test
    void closeSignsWhatIsPendingAndRefusesMore() {
        StreamingBatchSigner batcher = streaming().build();
        CompletableFuture<BatchProof> pending = batcher.submit(message(0));

        batcher.close();

        assertThat(pending).isCompleted();
        assertThat(pending.join().size()).isEqualTo(1);
        assertThatThrownBy(() -> batcher.submit(message(1))).isInstanceOf(IllegalStateException.class);
        batcher.close();
    }

    @Test
    void flushSignsNowOnTheCallersThread() {
        StreamingBatchSigner batcher = streaming().build();
        CompletableFuture<BatchProof> pending = batcher.submit(message(0));

        batcher.flush();

        assertThat(pending).isCompleted();
        assertThat(scheduler.immediate).isEmpty();
    }

    @Test
    void whenSigningFailsEveryFutureOfTheBatchFailsWithTheCause() {
        Clock afterExpiry = Clock.fixed(Fixtures.EC.certificate().getNotAfter().toInstant().plusSeconds(1),
                ZoneOffset.UTC);
        BatchSigner expired = BatchSigner.builder().signer(JwsSigner.builder()
                .keyMaterial(Fixtures.EC.keyMaterial()).clock(afterExpiry).build()).build();
        StreamingBatchSigner batcher = streaming().batchSigner(expired).build();
        List<CompletableFuture<BatchProof>> proofs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            proofs.add(batcher.submit(message(i)));
        }

        scheduler.runImmediate();

        for (CompletableFuture<BatchProof> p : proofs) {
            assertThatThrownBy(p::get).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ConfigurationException.class);
        }
    }

    @Test
    void aSchedulerThatRefusesWorkLeavesTheSigningToTheSubmitter() {
        scheduler.refuse = true;
        StreamingBatchSigner batcher = streaming().build();
        List<CompletableFuture<BatchProof>> proofs = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            proofs.add(batcher.submit(message(i)));
        }

        assertThat(proofs).allMatch(CompletableFuture::isDone);
        assertThat(proofs.get(2).join().size()).isEqualTo(3);
    }

    @Test
    void manyThreadsSubmittingConcurrentlyAllGetValidProofs() throws Exception {
        ScheduledThreadPoolExecutor real = new ScheduledThreadPoolExecutor(2);
        ExecutorService submitters = Executors.newFixedThreadPool(4);
        try (StreamingBatchSigner batcher = StreamingBatchSigner.builder().batchSigner(batches).scheduler(real)
                .maxBatchSize(64).maxDelay(Duration.ofMillis(5)).build()) {
            int n = 1000;
            List<CompletableFuture<BatchProof>> proofs = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            List<java.util.concurrent.Future<CompletableFuture<BatchProof>>> submitted = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                submitted.add(submitters.submit(() -> {
                    start.await();
                    return batcher.submit(message(k));
                }));
            }
            start.countDown();
            for (var f : submitted) {
                proofs.add(f.get(30, TimeUnit.SECONDS));
            }
            batcher.flush();
            long total = 0;
            java.util.Set<String> roots = new java.util.HashSet<>();
            for (int i = 0; i < n; i++) {
                BatchProof proof = proofs.get(i).get(30, TimeUnit.SECONDS);
                assertThat(verifier.verify(proof, message(i)).size()).isEqualTo(proof.size());
                if (roots.add(proof.rootJws())) {
                    total += proof.size();
                }
            }
            // Every message is in exactly one batch, and no batch exceeds the limit.
            assertThat(total).isEqualTo(n);
            assertThat(proofs).allSatisfy(p -> assertThat(p.join().size()).isBetween(1L, 64L));
        } finally {
            submitters.shutdownNow();
            real.shutdownNow();
        }
    }

    @Test
    void theBuilderChecksItsSettings() {
        assertThatThrownBy(() -> StreamingBatchSigner.builder().scheduler(scheduler).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StreamingBatchSigner.builder().batchSigner(batches).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StreamingBatchSigner.builder().maxBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamingBatchSigner.builder().maxDelay(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A scheduler that runs nothing by itself: tests run its tasks when they choose. */
    static final class FakeScheduler extends AbstractExecutorService implements ScheduledExecutorService {
        final List<Runnable> immediate = new ArrayList<>();
        final List<Timer> delayed = new ArrayList<>();
        boolean refuse;

        static final class Timer implements ScheduledFuture<Object> {
            final Runnable task;
            final long delayNanos;
            boolean cancelled;

            Timer(Runnable task, long delayNanos) {
                this.task = task;
                this.delayNanos = delayNanos;
            }

            @Override
            public long getDelay(TimeUnit unit) {
                return unit.convert(delayNanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public int compareTo(Delayed o) {
                return Long.compare(delayNanos, o.getDelay(TimeUnit.NANOSECONDS));
            }

            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                cancelled = true;
                return true;
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }

            @Override
            public boolean isDone() {
                return cancelled;
            }

            @Override
            public Object get() {
                return null;
            }

            @Override
            public Object get(long timeout, TimeUnit unit) {
                return null;
            }
        }

        void runImmediate() {
            List<Runnable> tasks = new ArrayList<>(immediate);
            immediate.clear();
            tasks.forEach(Runnable::run);
        }

        void fireTimers() {
            for (Timer t : new ArrayList<>(delayed)) {
                if (!t.cancelled) {
                    t.task.run();
                }
            }
        }

        @Override
        public void execute(Runnable command) {
            if (refuse) {
                throw new RejectedExecutionException("refused");
            }
            immediate.add(command);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            if (refuse) {
                throw new RejectedExecutionException("refused");
            }
            Timer t = new Timer(command, unit.toNanos(delay));
            delayed.add(t);
            return t;
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
                                                      TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                         TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
