package io.luotsi.core;

import io.luotsi.core.http.HttpResponse;

/**
 * Decides whether a response is a failure, before retries and circuit breakers see it. The X-Road clients install one
 * that turns {@code X-Road-Error} responses and SOAP faults into typed exceptions.
 */
@FunctionalInterface
public interface ResponseClassifier {

    /** Every response is a success; the caller decides what a status means. */
    ResponseClassifier ACCEPT_ALL = (response, context) -> null;

    /**
     * @return {@code null} when the response is to be handed to the caller; otherwise the exception the caller gets,
     *     in which case this method has consumed and closed the response
     */
    LuotsiException classify(HttpResponse response, RequestContext context);
}
