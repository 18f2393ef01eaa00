package io.luotsi.testkit.internal;

/** The X-Road logic behind the HTTP front end. Called on the server's request threads; must not throw. */
@FunctionalInterface
public interface RawHandler {

    RawResponse handle(RawRequest request);
}
