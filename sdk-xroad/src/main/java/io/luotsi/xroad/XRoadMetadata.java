package io.luotsi.xroad;

import io.luotsi.core.http.Headers;
import java.util.Optional;

/**
 * What X-Road says about an exchange: the message id, the request id the consumer Security Server assigned, the
 * request hash (an opaque receipt the provider side computed over the request it received), and the client and
 * service as the Security Server saw them.
 */
public final class XRoadMetadata {

    private final String messageId;
    private final String requestId;
    private final String requestHash;
    private ServiceId service;
    private ClientId client;
    /** The encoded X-Road-Service and X-Road-Client values, parsed on first use (most callers never look). */
    private String rawService;
    private String rawClient;

    public XRoadMetadata(String messageId, String requestId, String requestHash, ServiceId service, ClientId client) {
        this.messageId = messageId;
        this.requestId = requestId;
        this.requestHash = requestHash;
        this.service = service;
        this.client = client;
    }

    /** Reads the X-Road response headers of a REST exchange; malformed identifier headers are left out. */
    public static XRoadMetadata fromRestHeaders(Headers h) {
        XRoadMetadata m = new XRoadMetadata(h.lastValue(XRoadHeaders.ID), h.lastValue(XRoadHeaders.REQUEST_ID),
                h.lastValue(XRoadHeaders.REQUEST_HASH), null, null);
        m.rawService = h.lastValue(XRoadHeaders.SERVICE);
        m.rawClient = h.lastValue(XRoadHeaders.CLIENT);
        return m;
    }

    /** {@code X-Road-Id} / SOAP {@code id}. */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** {@code X-Road-Request-Id}: the consumer Security Server's id for this exchange. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** {@code X-Road-Request-Hash} / SOAP {@code requestHash}: base64 SHA-512 receipt of the request. */
    public Optional<String> requestHash() {
        return Optional.ofNullable(requestHash);
    }

    /** {@code X-Road-Service}: the service as the Security Server resolved it (empty when absent or malformed). */
    public synchronized Optional<ServiceId> service() {
        if (service == null && rawService != null) {
            try {
                service = ServiceId.parseEncoded(rawService);
            } catch (IllegalArgumentException ignored) {
                // A malformed header is not worth failing a successful call for; it is simply not exposed.
            }
            rawService = null;
        }
        return Optional.ofNullable(service);
    }

    /** {@code X-Road-Client}: the client as the Security Server saw it (empty when absent or malformed). */
    public synchronized Optional<ClientId> client() {
        if (client == null && rawClient != null) {
            try {
                client = ClientId.parseEncoded(rawClient);
            } catch (IllegalArgumentException ignored) {
                // As above.
            }
            rawClient = null;
        }
        return Optional.ofNullable(client);
    }

    @Override
    public String toString() {
        return "XRoadMetadata[messageId=" + messageId + ", requestId=" + requestId + ", requestHash="
                + (requestHash == null ? null : requestHash.substring(0, Math.min(12, requestHash.length())) + "…")
                + ", service=" + service().orElse(null) + ", client=" + client().orElse(null) + "]";
    }
}
