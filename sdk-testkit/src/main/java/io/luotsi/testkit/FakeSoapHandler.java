package io.luotsi.testkit;

/**
 * A SOAP provider service written in Java for the fake Security Server: receives the request as the provider would
 * (after the Security Server's checks) and answers it. Called on the fake's request threads, possibly concurrently.
 * An exception it throws is answered with a {@code SOAP-ENV:Server} fault from the "provider", recorded with the
 * exchange and, in strict mode, fails the test.
 *
 * <pre>{@code
 * FakeSoapHandler echo = request -> FakeSoapResponse.body("<said>" + request.header().issue().orElse("") + "</said>");
 * }</pre>
 */
@FunctionalInterface
public interface FakeSoapHandler {

    FakeSoapResponse handle(FakeSoapRequest request);
}
