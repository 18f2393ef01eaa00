package io.luotsi.auth.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an {@link AuthorizationProvider} decides on: a request about a data subject, for a purpose, by a client, to a
 * service, at a time. Identifiers of the client and service are X-Road identifiers as text
 * ({@code EE/GOV/70000001/app}, {@code EE/GOV/70000002/registry/persons}).
 *
 * @param messageId the message id of the request, or {@code null}
 * @param client    the requesting client (the processor evidence must name)
 * @param service   the requested service, or {@code null} when not known
 * @param subject   whom the request is about
 * @param purpose   why; its data categories are what is requested
 * @param userId    the user on whose behalf the request is made ({@code X-Road-UserId}), or {@code null}
 * @param time      when the request is made: evidence must be valid then
 */
public record AuthorizationRequest(String messageId, String client, String service, DataSubject subject,
                                   Purpose purpose, String userId, Instant time) {

    public AuthorizationRequest {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(time, "time");
    }

    /** The data categories requested: the purpose's. */
    public Set<String> requestedCategories() {
        return purpose.dataCategories();
    }

    public Optional<String> userIdOptional() {
        return Optional.ofNullable(userId);
    }

    @Override
    public String toString() {
        return "AuthorizationRequest[" + messageId + ", " + client + " -> " + service + ", " + subject + ", purpose "
                + purpose.code() + "]";
    }
}
