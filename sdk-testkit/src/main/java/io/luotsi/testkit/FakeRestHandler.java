package io.luotsi.testkit;

/**
 * A provider service written in Java: receives the request as the provider would (after the Security Server's
 * checks and header rules) and answers it. Called on the fake's request threads, possibly concurrently. An exception
 * it throws is answered with a 500 from the "provider", recorded with the exchange and, in strict mode, fails the
 * test.
 *
 * <pre>{@code
 * FakeRestHandler echo = request -> FakeRestResponse.json(request.bodyAsString());
 * }</pre>
 */
@FunctionalInterface
public interface FakeRestHandler {

    FakeRestResponse handle(FakeRestRequest request);
}
