package io.luotsi.core;

import java.time.Clock;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is asking, about what, why, and when: the per-call facts that travel through the call path and end up in
 * headers, audit records and events. Immutable; derive a sibling with {@link #toBuilder()}.
 *
 * <ul>
 *   <li>{@code messageId}: the X-Road message id ({@code X-Road-Id} / SOAP {@code id}); generated when not given;
 *   <li>{@code correlationId}: ties several calls of one business operation together (logs and events only);
 *   <li>{@code userId}: the person or system user on whose behalf the call is made (personal data: never logged);
 *   <li>{@code issue}: the case or matter the call is about;
 *   <li>typed attributes ({@link ContextKey}) for what other modules add: the represented party, the purpose of the
 *       processing and the data subject;
 *   <li>the {@link Clock} every time-dependent check of the call uses.
 * </ul>
 *
 * <pre>{@code
 * RequestContext ctx = RequestContext.builder()
 *     .userId("EE37702211234")
 *     .issue("case-2026-118")
 *     .build();
 * }</pre>
 */
public final class RequestContext {

    private static final RequestContext EMPTY = new Builder().build();

    private final String messageId;
    private final String correlationId;
    private final String userId;
    private final String issue;
    private final Clock clock;
    private final Map<ContextKey<?>, Object> attributes;

    private RequestContext(Builder b) {
        this.messageId = b.messageId;
        this.correlationId = b.correlationId;
        this.userId = b.userId;
        this.issue = b.issue;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.attributes = b.attributes.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new IdentityHashMap<>(b.attributes));
    }

    /** A context with nothing set and the system UTC clock. */
    public static RequestContext empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.messageId = messageId;
        b.correlationId = correlationId;
        b.userId = userId;
        b.issue = issue;
        b.clock = clock;
        b.attributes.putAll(attributes);
        return b;
    }

    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    public Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    public Optional<String> issue() {
        return Optional.ofNullable(issue);
    }

    public Clock clock() {
        return clock;
    }

    public <T> Optional<T> attribute(ContextKey<T> key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(key.type().cast(attributes.get(key)));
    }

    /** Returns this context with a message id, generating a random UUID when none was set. */
    public RequestContext withMessageIdIfAbsent() {
        return messageId != null ? this : toBuilder().messageId(UUID.randomUUID().toString()).build();
    }

    @Override
    public String toString() {
        // userId and attribute values can be personal data: never print them.
        return "RequestContext[messageId=" + messageId + ", correlationId=" + correlationId
                + ", userId=" + (userId == null ? "-" : "<redacted>")
                + ", issue=" + (issue == null ? "-" : "<set>")
                + ", attributes=" + attributes.keySet().stream().map(ContextKey::name).toList() + "]";
    }

    /** Builds a {@link RequestContext}. Every setter accepts {@code null} to clear the value. */
    public static final class Builder {
        private String messageId;
        private String correlationId;
        private String userId;
        private String issue;
        private Clock clock;
        private final Map<ContextKey<?>, Object> attributes = new IdentityHashMap<>();

        private Builder() {
        }

        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        public Builder correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public Builder userId(String userId) {
            this.userId = userId;
            return this;
        }

        public Builder issue(String issue) {
            this.issue = issue;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public <T> Builder attribute(ContextKey<T> key, T value) {
            Objects.requireNonNull(key, "key");
            if (value == null) {
                attributes.remove(key);
            } else {
                attributes.put(key, key.type().cast(value));
            }
            return this;
        }

        public RequestContext build() {
            return new RequestContext(this);
        }
    }
}
