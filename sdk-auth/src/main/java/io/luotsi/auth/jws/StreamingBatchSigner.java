package io.luotsi.auth.jws;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects messages as they arrive into batches and signs each batch with one private-key operation
 * ({@link BatchSigner}). A batch is signed when it reaches {@link Builder#maxBatchSize(int)} messages, or
 * {@link Builder#maxDelay(Duration)} after its first message arrived, whichever comes first. Each caller gets a
 * future of its message's {@link BatchProof}. Thread-safe.
 *
 * <pre>{@code
 * ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
 * try (StreamingBatchSigner batcher = StreamingBatchSigner.builder()
 *         .batchSigner(batchSigner)
 *         .maxBatchSize(500)
 *         .maxDelay(Duration.ofMillis(20))
 *         .scheduler(scheduler)                  // runs the signing; owned by the caller
 *         .build()) {
 *     CompletableFuture<BatchProof> proof = batcher.submit(body);
 *     proof.thenAccept(p -> store(body, p.toJson()));
 * }                                              // close() signs what is pending
 * }</pre>
 *
 * <p>{@code submit} hashes the message on the caller's thread and returns at once; the signature is made on the
 * scheduler's thread (or, if the scheduler refuses the task, on the submitting thread). If signing fails, every
 * future of the batch fails with the cause. The scheduler is the caller's: closing this signer does not shut it down.
 */
public final class StreamingBatchSigner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingBatchSigner.class);

    private record Pending(byte[] leaf, CompletableFuture<BatchProof> proof) {
    }

    private final BatchSigner signer;
    private final int maxBatchSize;
    private final Duration maxDelay;
    private final ScheduledExecutorService scheduler;

    private final Object lock = new Object();
    private List<Pending> pending = new ArrayList<>();
    private ScheduledFuture<?> timer;
    /** Which batch a timer was set for: a timer that fires after its batch was flushed by size does nothing. */
    private long generation;
    private boolean closed;

    private StreamingBatchSigner(Builder b) {
        this.signer = b.signer;
        this.maxBatchSize = b.maxBatchSize;
        this.maxDelay = b.maxDelay;
        this.scheduler = b.scheduler;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds a message to the current batch.
     *
     * @return the message's proof, once its batch is signed
     * @throws IllegalStateException when this signer is closed
     */
    public CompletableFuture<BatchProof> submit(byte[] message) {
        Objects.requireNonNull(message, "message");
        return enqueue(signer.leafHash(message));
    }

    /**
     * Adds a message read from the stream (to its end, on this thread; not closed) to the current batch.
     *
     * @throws UncheckedIOException  when the stream fails
     * @throws IllegalStateException when this signer is closed
     */
    public CompletableFuture<BatchProof> submit(InputStream message) {
        Objects.requireNonNull(message, "message");
        return enqueue(signer.leafHash(message));
    }

    /** Signs the messages pending now, on this thread, and returns when their futures are complete. */
    public void flush() {
        List<Pending> batch;
        synchronized (lock) {
            batch = takePending();
        }
        sign(batch);
    }

    /** The number of messages waiting for their batch to be signed. */
    public int pendingCount() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** Refuses further messages and signs those pending, on this thread. Idempotent. */
    @Override
    public void close() {
        List<Pending> batch;
        synchronized (lock) {
            closed = true;
            batch = takePending();
        }
        sign(batch);
    }

    @Override
    public String toString() {
        return "StreamingBatchSigner[max " + maxBatchSize + " messages or " + maxDelay + ", " + signer + "]";
    }

    private CompletableFuture<BatchProof> enqueue(byte[] leaf) {
        CompletableFuture<BatchProof> proof = new CompletableFuture<>();
        List<Pending> full = null;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("this StreamingBatchSigner is closed");
            }
            pending.add(new Pending(leaf, proof));
            if (pending.size() >= maxBatchSize) {
                full = takePending();
            } else if (pending.size() == 1) {
                long scheduledFor = generation;
                try {
                    timer = scheduler.schedule(() -> flushByTime(scheduledFor), maxDelay.toNanos(),
                            TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    // No timer: the batch waits for size, flush() or close(). Worth knowing when it happens.
                    LOG.warn("the scheduler refused the batch timer; this batch is signed when full, flushed or "
                            + "closed");
                }
            }
        }
        if (full != null) {
            List<Pending> batch = full;
            try {
                scheduler.execute(() -> sign(batch));
            } catch (RejectedExecutionException e) {
                sign(batch);
            }
        }
        return proof;
    }

    private void flushByTime(long scheduledFor) {
        List<Pending> batch;
        synchronized (lock) {
            if (scheduledFor != generation) {
                return;
            }
            batch = takePending();
        }
        sign(batch);
    }

    /** Takes the current batch and starts a new one; call with the lock held. */
    private List<Pending> takePending() {
        List<Pending> batch = pending;
        pending = new ArrayList<>();
        generation++;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        return batch;
    }

    private void sign(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<byte[]> leaves = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            leaves.add(p.leaf());
        }
        List<BatchProof> proofs;
        try {
            proofs = signer.signLeaves(leaves);
        } catch (RuntimeException | Error e) {
            for (Pending p : batch) {
                p.proof().completeExceptionally(e);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).proof().complete(proofs.get(i));
        }
    }

    /** Builds a {@link StreamingBatchSigner}; the batch signer and the scheduler are required. */
    public static final class Builder {
        private BatchSigner signer;
        private int maxBatchSize = 1000;
        private Duration maxDelay = Duration.ofMillis(50);
        private ScheduledExecutorService scheduler;

        private Builder() {
        }

        public Builder batchSigner(BatchSigner signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /** A batch is signed when it has this many messages; 1000 by default. */
        public Builder maxBatchSize(int messages) {
            if (messages < 1 || messages > BatchSigner.MAX_BATCH) {
                throw new IllegalArgumentException("maxBatchSize must be 1 to " + BatchSigner.MAX_BATCH + ", was "
                        + messages);
            }
            this.maxBatchSize = messages;
            return this;
        }

        /** A batch is signed at most this long after its first message arrived; 50 ms by default. */
        public Builder maxDelay(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("maxDelay must be positive, was " + delay);
            }
            this.maxDelay = delay;
            return this;
        }

        /** Runs the timers and the signing. The caller owns it and shuts it down. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** @throws IllegalStateException when the batch signer or the scheduler is missing */
        public StreamingBatchSigner build() {
            if (signer == null) {
                throw new IllegalStateException("batchSigner is required");
            }
            if (scheduler == null) {
                throw new IllegalStateException("scheduler is required");
            }
            return new StreamingBatchSigner(this);
        }
    }
}
