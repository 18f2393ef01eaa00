package io.luotsi.xroad.evidence;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an exchange with X-Road leaves as evidence: which call (message id, and the request id the client Security
 * Server assigned), who asked whom, digests of the request and response as the client saw them, and the request hash
 * receipt the response carried. Digests and the receipt stand in for the messages: the record holds no message content
 * and no person's identifier.
 *
 * <pre>{@code
 * store.append(EvidenceRecord.builder()
 *     .time(clock.instant())
 *     .messageId(messageId).requestId(requestId)
 *     .client(client).service(service)
 *     .requestDigest(SoapRequestHash.of(sentSoapPart))
 *     .responseDigest(Digest.sha512(receivedBody))
 *     .requestHash(receipt)
 *     .build());
 * }</pre>
 *
 * @param time           when the exchange completed
 * @param messageId      the X-Road message id ({@code X-Road-Id} / SOAP {@code id})
 * @param requestId      the request id the client Security Server assigned, or null when the response had none
 * @param client         the client (who asked)
 * @param service        the service (whom)
 * @param requestDigest  the digest of the request as sent, or null
 * @param responseDigest the digest of the response as received, or null
 * @param requestHash    the request hash the response carried, or null
 */
public record EvidenceRecord(Instant time, String messageId, String requestId, ClientId client, ServiceId service,
                             Digest requestDigest, Digest responseDigest, RequestHashReceipt requestHash) {

    /** @throws NullPointerException when the time, message id, client or service is missing */
    public EvidenceRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(service, "service");
        if (messageId.isBlank()) {
            throw new IllegalArgumentException("messageId is blank");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@link #requestId()} when the response had one. */
    public Optional<String> requestIdIfPresent() {
        return Optional.ofNullable(requestId);
    }

    /** {@link #requestHash()} when the response carried one. */
    public Optional<RequestHashReceipt> requestHashIfPresent() {
        return Optional.ofNullable(requestHash);
    }

    /** Builds an {@link EvidenceRecord}; time, message id, client and service are required. */
    public static final class Builder {
        private Instant time;
        private String messageId;
        private String requestId;
        private ClientId client;
        private ServiceId service;
        private Digest requestDigest;
        private Digest responseDigest;
        private RequestHashReceipt requestHash;

        private Builder() {
        }

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder client(ClientId client) {
            this.client = client;
            return this;
        }

        public Builder service(ServiceId service) {
            this.service = service;
            return this;
        }

        public Builder requestDigest(Digest requestDigest) {
            this.requestDigest = requestDigest;
            return this;
        }

        public Builder responseDigest(Digest responseDigest) {
            this.responseDigest = responseDigest;
            return this;
        }

        public Builder requestHash(RequestHashReceipt requestHash) {
            this.requestHash = requestHash;
            return this;
        }

        /** @throws IllegalStateException when the time, message id, client or service is missing */
        public EvidenceRecord build() {
            if (time == null || messageId == null || client == null || service == null) {
                throw new IllegalStateException("an evidence record needs its time, messageId, client and service");
            }
            return new EvidenceRecord(time, messageId, requestId, client, service, requestDigest, responseDigest,
                    requestHash);
        }
    }
}
