package io.luotsi.xroad;

/**
 * Where an X-Road error arose, as the family of its code tells. X-Road's own {@code ErrorOrigin} only knows the
 * prefix ({@code client.}, {@code server.}); the families below refine it by the proxy that reported the error.
 */
public enum ErrorOrigin {
    /** {@code client.*}: the consumer Security Server rejected the request as malformed or not allowed. */
    CLIENT_REQUEST,
    /**
     * {@code server.clientproxy.*} outside {@code service_failed}: reported by the consumer's own Security Server,
     * for its own failures and for failing to reach or trust the provider's (network error, maintenance mode).
     */
    CONSUMER_SECURITY_SERVER,
    /**
     * {@code server.serverproxy.*} outside {@code service_failed}, and {@code server.clientproxy.service_failed.*}:
     * the provider's Security Server failed or refused (access denied, unknown service), or the consumer's saw its
     * answer fail (aborted, inconsistent, malformed).
     */
    PROVIDER_SECURITY_SERVER,
    /**
     * {@code server.serverproxy.service_failed.*}, a SOAP fault with the service's own code, or a REST error without
     * {@code X-Road-Error}: the provider's service failed.
     */
    PROVIDER_SERVICE
}
