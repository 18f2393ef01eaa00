package io.luotsi.xroad;

/** Where an X-Road error arose, as its code tells (X-Road's {@code ErrorOrigin} and code prefixes). */
public enum ErrorOrigin {
    /** {@code client.*}: the consumer Security Server rejected the request as malformed or not allowed. */
    CLIENT_REQUEST,
    /** {@code server.clientproxy.*}: the consumer's own Security Server failed. */
    CONSUMER_SECURITY_SERVER,
    /**
     * {@code server.serverproxy.*} and {@code server.clientproxy.service_failed.*}: the provider's Security Server
     * failed or refused (access denied, unknown service), or the consumer's saw its peer fail.
     */
    PROVIDER_SECURITY_SERVER,
    /**
     * {@code server.serverproxy.service_failed.*}, a SOAP fault with the service's own code, or a REST error without
     * {@code X-Road-Error}: the provider's service failed.
     */
    PROVIDER_SERVICE
}
