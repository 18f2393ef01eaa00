package io.luotsi.xroad.directory;

import io.luotsi.xroad.ServiceId;

/**
 * Answers, before anything is sent, whether a service can exist. {@link Directory} implements it; give it to a client
 * with {@code XRoadClient.builder().directory(directory).failFastOnUnknownService(true)} and a call to a service the
 * directory knows does not exist fails at once with {@link UnknownServiceException}, naming close matches, instead of
 * a round trip that ends in {@code server.clientproxy.unknown_member} or {@code server.serverproxy.unknown_service}.
 *
 * <p>Implementations must be fast (they run before every call) and thread-safe, and must not do network I/O. When
 * they cannot tell, they let the call through.
 */
@FunctionalInterface
public interface ServiceLookup {

    /**
     * Returns normally when the service is known or cannot be judged.
     *
     * @throws UnknownServiceException when the provider or the service is known not to exist
     */
    void requireKnown(ServiceId service);
}
