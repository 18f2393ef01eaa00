package io.luotsi.auth.consent;

import java.time.Instant;
import java.util.Objects;

/**
 * A request about a data subject that a {@link ConsentGuard} allowed: the request, the evidence that covers it, and
 * the provider that granted it, which {@link #transmitted(Instant)} tells when the exchange succeeded.
 */
public final class Authorization {

    private final AuthorizationRequest request;
    private final AuthorizationEvidence evidence;
    private final AuthorizationProvider provider;

    Authorization(AuthorizationRequest request, AuthorizationEvidence evidence, AuthorizationProvider provider) {
        this.request = Objects.requireNonNull(request, "request");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    public AuthorizationRequest request() {
        return request;
    }

    public AuthorizationEvidence evidence() {
        return evidence;
    }

    /** Tells the granting provider that the data was transmitted (a consent service may want a report). */
    public void transmitted(Instant time) {
        provider.transmitted(evidence, time);
    }

    @Override
    public String toString() {
        return "Authorization[" + evidence.type() + " " + evidence.id() + " for " + request + "]";
    }
}
