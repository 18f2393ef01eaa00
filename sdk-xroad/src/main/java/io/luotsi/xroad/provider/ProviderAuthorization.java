package io.luotsi.xroad.provider;

import io.luotsi.auth.consent.AuthorizationEvidence;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.Purpose;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A request about a data subject that a {@link ConsentEnforcer} allowed: the purpose, the subject, the verified
 * evidence, and the data categories the answer may contain. Minimise the answer before writing it; call
 * {@link #transmitted(Instant)} once it was sent.
 *
 * <pre>{@code
 * ProviderAuthorization allowed = enforcer.authorize(request, subject);
 * byte[] json = allowed.minimiseToJson(person);      // fields outside the consented categories removed
 * respond(exchange, 200, json);
 * allowed.transmitted(clock.instant());              // reported, when the consent service asks for reports
 * }</pre>
 */
public final class ProviderAuthorization {

    private final ProviderRequest request;
    private final DataSubject subject;
    private final Purpose purpose;
    private final AuthorizationEvidence evidence;
    private final DataMinimiser minimiser;
    private final BiConsumer<AuthorizationEvidence, Instant> onTransmitted;

    ProviderAuthorization(ProviderRequest request, DataSubject subject, Purpose purpose,
                          AuthorizationEvidence evidence, DataMinimiser minimiser,
                          BiConsumer<AuthorizationEvidence, Instant> onTransmitted) {
        this.request = Objects.requireNonNull(request, "request");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.minimiser = minimiser;
        this.onTransmitted = onTransmitted;
    }

    public ProviderRequest request() {
        return request;
    }

    public DataSubject subject() {
        return subject;
    }

    public Purpose purpose() {
        return purpose;
    }

    public AuthorizationEvidence evidence() {
        return evidence;
    }

    /** The data categories the answer may contain: the purpose's, which the service and the evidence both allow. */
    public Set<String> categories() {
        return purpose.dataCategories();
    }

    /**
     * The response reduced to the allowed categories, as a JSON tree.
     *
     * @throws IllegalStateException when the enforcer has no {@link DataMinimiser}
     */
    public Object minimise(Object response) {
        return minimiser().minimise(response, categories());
    }

    /** {@link #minimise(Object)} written as JSON. */
    public byte[] minimiseToJson(Object response) {
        return minimiser().minimiseToJson(response, categories());
    }

    /** The data was sent: report it to the consent service when it asks for reports. Never throws. */
    public void transmitted(Instant time) {
        if (onTransmitted != null) {
            onTransmitted.accept(evidence, time);
        }
    }

    @Override
    public String toString() {
        return "ProviderAuthorization[" + purpose.code() + ", " + evidence.type() + " " + evidence.id() + ", "
                + categories() + "]";
    }

    private DataMinimiser minimiser() {
        if (minimiser == null) {
            throw new IllegalStateException("the ConsentEnforcer has no DataMinimiser; give it one with "
                    + "minimiser(...)");
        }
        return minimiser;
    }
}
