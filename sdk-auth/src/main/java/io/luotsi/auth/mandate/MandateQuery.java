package io.luotsi.auth.mandate;

import java.util.List;
import java.util.Objects;

/**
 * One question to the e-Authorizations Authorization REST API: may the delegate act for the principal in these
 * issues?
 *
 * @param endUserId   who is asking, sent as {@code X-userId} (the service's terms require the user to know)
 * @param delegateId  the person acting (a Finnish personal identity code, without the {@code FI} prefix)
 * @param principalId the person acted for (the same form)
 * @param issues      the issues (mandate theme URIs), at least one
 * @param requestId   the caller's id of the request, for the service's logs
 */
public record MandateQuery(String endUserId, String delegateId, String principalId, List<String> issues,
                           String requestId) {

    public MandateQuery {
        Objects.requireNonNull(endUserId, "endUserId");
        Objects.requireNonNull(delegateId, "delegateId");
        Objects.requireNonNull(principalId, "principalId");
        Objects.requireNonNull(requestId, "requestId");
        issues = List.copyOf(Objects.requireNonNull(issues, "issues"));
        if (issues.isEmpty()) {
            throw new IllegalArgumentException("a mandate query names at least one issue");
        }
    }

    /** Identifiers masked: it holds personal identity codes. */
    @Override
    public String toString() {
        return "MandateQuery[" + issues + ", requestId " + requestId + "]";
    }
}
