package io.luotsi.core;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.luotsi.core.http.HttpRequest;
import io.luotsi.core.http.HttpResponse;
import io.luotsi.core.http.HttpTransport;
import io.luotsi.core.http.OkHttpTransport;
import io.luotsi.core.resilience.CircuitBreakerPolicy;
import io.luotsi.core.resilience.ResiliencePolicy;
import io.luotsi.core.resilience.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The call path below a protocol client: bulkhead, retry, circuit breaker, interceptors, transport, response
 * classification, events. Protocol clients (REST, SOAP, metaservices) build one per client and send every call
 * through it; users configure it through those clients' builders.
 *
 * <p>Per attempt: the circuit breaker of the call's target is asked for permission, the interceptors run in order,
 * the transport sends, and the {@link ResponseClassifier} decides whether the response is a failure. Failed attempts
 * are retried as the {@link RetryPolicy} allows, with jittered exponential backoff. Asynchronous calls run each
 * attempt on the transport's executor (OkHttp's dispatcher) and wait for a retry on a timer, never on a pool thread.
 *
 * <p>A programming error in an interceptor or classifier (an interceptor returning {@code null}, a bug that throws
 * {@link IllegalStateException} or {@link NullPointerException}) is not a failure of the called service: it is thrown
 * (or completes the future) as it is, is never retried, does not count against the circuit breaker, and is not
 * reported to the {@link EventListener} as a failed call.
 */
public final class HttpPipeline implements AutoCloseable {

    private static final ScheduledExecutorService RETRY_TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "luotsi-retry-timer");
        t.setDaemon(true);
        return t;
    });

    private final HttpTransport transport;
    private final List<Interceptor> interceptors;
    private final EventListener listener;
    private final ResiliencePolicy policy;
    /** Slots for calls in flight, or null without a bulkhead. */
    private final Semaphore bulkhead;
    private final Duration bulkheadMaxWait;
    private final CircuitBreakerConfig breakerConfig;
    private final ConcurrentMap<String, CircuitBreaker> breakers;

    private HttpPipeline(Builder b) {
        this.transport = b.transport;
        this.interceptors = List.copyOf(b.interceptors);
        this.listener = EventListener.safe(b.listener);
        this.policy = b.policy;
        // A plain semaphore rather than Resilience4j's Bulkhead, whose tryAcquirePermission() always waits up to the
        // configured maxWait: asynchronous calls must never block the caller's thread.
        this.bulkhead = policy.bulkhead().enabled()
                ? new Semaphore(policy.bulkhead().maxConcurrentCalls(), true)
                : null;
        this.bulkheadMaxWait = policy.bulkhead().maxWait();
        this.breakerConfig = policy.circuitBreaker().enabled() ? toConfig(policy.circuitBreaker()) : null;
        this.breakers = b.sharedBreakers != null ? b.sharedBreakers : new ConcurrentHashMap<>();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder for a sibling pipeline that shares this one's transport and circuit breakers. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.transport = transport;
        b.interceptors.addAll(interceptors);
        b.listener = listener;
        b.policy = policy;
        b.sharedBreakers = breakers;
        return b;
    }

    public HttpTransport transport() {
        return transport;
    }

    public ResiliencePolicy policy() {
        return policy;
    }

    /** The state of the circuit breaker of {@code target} (CLOSED, OPEN, HALF_OPEN, ...), if it has one yet. */
    public Optional<String> circuitBreakerState(String target) {
        CircuitBreaker cb = breakers.get(target);
        return cb == null ? Optional.empty() : Optional.of(cb.getState().name());
    }

    /**
     * Sends a call and returns the response the caller receives.
     *
     * @throws LuotsiException as the classifier, transport or resilience stage decided
     */
    public HttpResponse execute(Call call) {
        long start = System.nanoTime();
        listener.callStart(call.info());
        try {
            HttpResponse response = withBulkhead(call, () -> withRetry(call));
            listener.callEnd(call.info(), response.status(), elapsed(start));
            return response;
        } catch (LuotsiException e) {
            listener.callFailed(call.info(), e, elapsed(start));
            throw e;
        }
    }

    /** Sends a call asynchronously; the future completes with the response or a {@link LuotsiException}. */
    public CompletableFuture<HttpResponse> executeAsync(Call call) {
        long start = System.nanoTime();
        listener.callStart(call.info());
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        if (bulkhead != null && !bulkhead.tryAcquire()) {
            LuotsiException e = reject(call, CallRejectedException.Reason.BULKHEAD_FULL);
            listener.callFailed(call.info(), e, elapsed(start));
            result.completeExceptionally(e);
            return result;
        }
        CompletionStage<HttpResponse> stage;
        RetryPolicy retryPolicy = call.retryPolicy(policy);
        if (retryPolicy.enabled()) {
            AtomicInteger attempt = new AtomicInteger();
            Retry retry = newRetry(call, retryPolicy);
            stage = retry.executeCompletionStage(RETRY_TIMER, () -> attemptAsync(call, attempt.incrementAndGet()));
        } else {
            stage = attemptAsync(call, 1);
        }
        stage.whenComplete((response, error) -> {
            if (bulkhead != null) {
                bulkhead.release();
            }
            Throwable cause = error == null ? null : unwrap(error);
            if (error == null) {
                listener.callEnd(call.info(), response.status(), elapsed(start));
                result.complete(response);
            } else if (isProgrammingError(cause)) {
                result.completeExceptionally(cause);
            } else {
                LuotsiException e = asLuotsi(cause, call);
                listener.callFailed(call.info(), e, elapsed(start));
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public void close() {
        transport.close();
    }

    private CompletableFuture<HttpResponse> attemptAsync(Call call, int attempt) {
        try {
            return CompletableFuture.supplyAsync(() -> attempt(call, attempt), transport.asyncExecutor());
        } catch (RejectedExecutionException e) {
            // The transport was closed: its executor takes no more work, and nothing was sent.
            return CompletableFuture.failedFuture(new TransportException("call to " + call.info().target()
                    + " not sent: the transport is closed", e, TransportException.Phase.NOT_SENT, false,
                    call.info().messageId(), null));
        }
    }

    private interface Body {
        HttpResponse run();
    }

    private HttpResponse withBulkhead(Call call, Body body) {
        if (bulkhead == null) {
            return body.run();
        }
        boolean acquired;
        try {
            acquired = bulkheadMaxWait.isZero()
                    ? bulkhead.tryAcquire()
                    : bulkhead.tryAcquire(bulkheadMaxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("call to " + call.info().target()
                    + " not sent: interrupted while waiting for a bulkhead slot", e, TransportException.Phase.NOT_SENT,
                    false, call.info().messageId(), null);
        }
        if (!acquired) {
            throw reject(call, CallRejectedException.Reason.BULKHEAD_FULL);
        }
        try {
            return body.run();
        } finally {
            bulkhead.release();
        }
    }

    private HttpResponse withRetry(Call call) {
        RetryPolicy retryPolicy = call.retryPolicy(policy);
        if (!retryPolicy.enabled()) {
            return attempt(call, 1);
        }
        AtomicInteger attempt = new AtomicInteger();
        Retry retry = newRetry(call, retryPolicy);
        try {
            return retry.executeCheckedSupplier(() -> attempt(call, attempt.incrementAndGet()));
        } catch (RuntimeException | Error e) {
            // LuotsiExceptions as the attempt threw them; anything else is a programming error, passed on as is.
            throw e;
        } catch (Throwable t) {
            throw asLuotsi(t, call);
        }
    }

    private Retry newRetry(Call call, RetryPolicy p) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
                p.initialBackoff(), p.multiplier(), p.jitter(), p.maxBackoff());
        RetryConfig config = RetryConfig.<HttpResponse>custom()
                .maxAttempts(p.maxAttempts())
                .intervalBiFunction(IntervalBiFunction.ofIntervalFunction(backoff))
                .retryOnException(t -> isSafeToRetry(unwrap(t), call.request()))
                .failAfterMaxAttempts(false)
                .build();
        Retry retry = Retry.of("luotsi-call-" + call.info().callId(), config);
        retry.getEventPublisher().onRetry(ev -> listener.retryScheduled(call.info(),
                ev.getNumberOfRetryAttempts() + 1, ev.getWaitInterval(), asLuotsi(unwrap(ev.getLastThrowable()), call)));
        return retry;
    }

    /** The retry rule of {@link RetryPolicy}: retryable, safe for this method, and the body can be sent again. */
    static boolean isSafeToRetry(Throwable t, HttpRequest request) {
        if (!(t instanceof LuotsiException e) || t instanceof CallRejectedException || !e.retryable()) {
            return false;
        }
        boolean nothingProcessed = !e.requestMayHaveBeenProcessed();
        if (!request.isIdempotent() && !nothingProcessed) {
            return false;
        }
        boolean nothingSent = e instanceof TransportException te && te.phase() != TransportException.Phase.EXCHANGE;
        return request.isRepeatable() || nothingSent;
    }

    private HttpResponse attempt(Call call, int attempt) {
        listener.attemptStart(call.info(), attempt);
        CircuitBreaker breaker = breakerFor(call);
        if (breaker != null && !breaker.tryAcquirePermission()) {
            LuotsiException e = reject(call, CallRejectedException.Reason.CIRCUIT_OPEN);
            listener.attemptFailed(call.info(), attempt, e);
            throw e;
        }
        long start = breaker == null ? 0 : System.nanoTime();
        try {
            HttpResponse response = new RealChain(call, attempt, 0, call.request()).proceed(call.request());
            LuotsiException failure = call.classifier().classify(response, call.context());
            if (failure != null) {
                throw failure;
            }
            if (breaker != null) {
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            return response;
        } catch (RuntimeException t) {
            if (isProgrammingError(t)) {
                if (breaker != null) {
                    breaker.releasePermission();
                }
                throw t;
            }
            LuotsiException e = asLuotsi(t, call);
            if (breaker != null) {
                if (countsAsServiceFailure(e)) {
                    breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                } else {
                    breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                }
            }
            listener.attemptFailed(call.info(), attempt, e);
            throw e;
        }
    }

    /** Neither a Luotsi failure nor an I/O failure: a bug in an interceptor or classifier, not the target's fault. */
    private static boolean isProgrammingError(Throwable t) {
        return !(t instanceof LuotsiException) && !(t instanceof java.io.UncheckedIOException);
    }

    private static boolean countsAsServiceFailure(LuotsiException e) {
        return e instanceof TransportException || (e instanceof ServiceException && e.retryable());
    }

    private CircuitBreaker breakerFor(Call call) {
        // The breakers are the client's: a per-call policy replaces the retry policy only (see ResiliencePolicy).
        if (breakerConfig == null) {
            return null;
        }
        return breakers.computeIfAbsent(call.info().target(), target -> {
            CircuitBreaker cb = CircuitBreaker.of("luotsi:" + target, breakerConfig);
            cb.getEventPublisher().onStateTransition(ev -> listener.circuitBreakerStateChanged(
                    target, ev.getStateTransition().getFromState().name(), ev.getStateTransition().getToState().name()));
            return cb;
        });
    }

    private LuotsiException reject(Call call, CallRejectedException.Reason reason) {
        listener.callRejected(call.info(), reason.label());
        return new CallRejectedException(reason, call.info().target(), call.info().messageId());
    }

    private static CircuitBreakerConfig toConfig(CircuitBreakerPolicy p) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(p.failureRatePercent())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(p.windowSize())
                .minimumNumberOfCalls(p.minimumCalls())
                .waitDurationInOpenState(p.openDuration())
                .permittedNumberOfCallsInHalfOpenState(p.halfOpenTrialCalls())
                .build();
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static LuotsiException asLuotsi(Throwable t, Call call) {
        if (t instanceof LuotsiException e) {
            return e;
        }
        String messageId = call.info().messageId();
        if (t instanceof java.io.UncheckedIOException u) {
            return transportFailure(u.getCause(), call.request(), messageId);
        }
        return new TransportException("call to " + call.info().target() + " failed: " + t, t,
                TransportException.Phase.EXCHANGE, false, messageId, null);
    }

    /** Maps an I/O failure of the transport to the exception tree; public for transports built outside core. */
    public static TransportException transportFailure(IOException e, HttpRequest request, String messageId) {
        String where = request.uri().getScheme() + "://" + request.uri().getRawAuthority();
        IOException cause = e instanceof OkHttpTransport.NothingSentException && e.getCause() instanceof IOException c
                ? c : e;
        boolean nothingSent = e instanceof OkHttpTransport.NothingSentException
                || cause instanceof java.net.ConnectException
                || cause instanceof java.net.UnknownHostException
                || cause instanceof java.net.NoRouteToHostException;
        if (cause instanceof SSLPeerUnverifiedException || cause instanceof SSLHandshakeException) {
            return new TransportException("TLS with " + where + " failed: " + cause.getMessage(), cause,
                    TransportException.Phase.CONNECT, false, messageId, null);
        }
        if (nothingSent) {
            return new TransportException("could not connect to " + where + ": " + describe(cause), cause,
                    TransportException.Phase.CONNECT, true, messageId, null);
        }
        if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException
                && "timeout".equals(cause.getMessage())) {
            return new TransportException("timed out waiting for " + where + ": " + describe(cause), cause,
                    TransportException.Phase.EXCHANGE, true, messageId, null);
        }
        if (cause instanceof InterruptedIOException) {
            return new TransportException("call to " + where + " was cancelled", cause,
                    TransportException.Phase.EXCHANGE, false, messageId, null);
        }
        return new TransportException("exchange with " + where + " failed: " + describe(cause), cause,
                TransportException.Phase.EXCHANGE, true, messageId, null);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * One call through the pipeline.
     *
     * @param request    the request as the protocol client built it
     * @param context    the request context
     * @param info       what events see of the call; {@code info.target()} keys the circuit breaker
     * @param policy     a per-call policy, or {@code null} for the client's
     * @param classifier decides which responses are failures
     */
    public record Call(HttpRequest request, RequestContext context, CallInfo info, ResiliencePolicy policy,
                       ResponseClassifier classifier) {
        public Call {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(classifier, "classifier");
        }

        RetryPolicy retryPolicy(ResiliencePolicy clientPolicy) {
            return (policy != null ? policy : clientPolicy).retry();
        }
    }

    private final class RealChain implements Interceptor.Chain {
        private final Call call;
        private final int attempt;
        private final int index;
        private final HttpRequest request;

        RealChain(Call call, int attempt, int index, HttpRequest request) {
            this.call = call;
            this.attempt = attempt;
            this.index = index;
            this.request = request;
        }

        @Override
        public HttpRequest request() {
            return request;
        }

        @Override
        public RequestContext context() {
            return call.context();
        }

        @Override
        public CallInfo call() {
            return call.info();
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public HttpResponse proceed(HttpRequest next) {
            Objects.requireNonNull(next, "request");
            if (index < interceptors.size()) {
                HttpResponse r = interceptors.get(index).intercept(new RealChain(call, attempt, index + 1, next));
                if (r == null) {
                    throw new IllegalStateException("interceptor " + interceptors.get(index).getClass().getName()
                            + " returned null");
                }
                return r;
            }
            try {
                return transport.execute(next);
            } catch (IOException e) {
                throw transportFailure(e, next, call.info().messageId());
            }
        }
    }

    /** Builds an {@link HttpPipeline}. */
    public static final class Builder {
        private HttpTransport transport;
        private final List<Interceptor> interceptors = new ArrayList<>();
        private EventListener listener = EventListener.NONE;
        private ResiliencePolicy policy = ResiliencePolicy.defaults();
        private ConcurrentMap<String, CircuitBreaker> sharedBreakers;

        private Builder() {
        }

        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public Builder addInterceptor(Interceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        public Builder interceptors(List<Interceptor> interceptors) {
            this.interceptors.clear();
            interceptors.forEach(this::addInterceptor);
            return this;
        }

        public Builder eventListener(EventListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder resilience(ResiliencePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            this.sharedBreakers = null;
            return this;
        }

        public HttpPipeline build() {
            if (transport == null) {
                throw new IllegalStateException("transport is required");
            }
            return new HttpPipeline(this);
        }
    }
}
