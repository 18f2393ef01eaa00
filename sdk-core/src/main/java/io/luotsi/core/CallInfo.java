package io.luotsi.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What events and interceptors are told about a call: never its payload, never personal data.
 *
 * @param callId        unique within this JVM, increasing
 * @param method        HTTP method
 * @param target        what is called, e.g. the service id {@code FI/GOV/0245437-2/registry/persons}
 * @param messageId     the message id sent, when there is one
 * @param correlationId the caller's correlation id, when given
 */
public record CallInfo(long callId, String method, String target, String messageId, String correlationId) {

    private static final AtomicLong IDS = new AtomicLong();

    public static CallInfo of(String method, String target, RequestContext context) {
        return new CallInfo(IDS.incrementAndGet(), method, target,
                context.messageId().orElse(null), context.correlationId().orElse(null));
    }
}
