package io.luotsi.xroad.evidence;

import java.util.Objects;

/**
 * The request hash a response carried: what the Security Servers computed over the request, kept as a receipt.
 *
 * <ul>
 *   <li>SOAP: the response's {@code requestHash} header with its {@code algorithmId}; the client can recompute it
 *       from the bytes it sent ({@link SoapRequestHash#verify(Digest, String, String)}).
 *   <li>REST: the {@code X-Road-Request-Hash} response header. It covers header values the client Security Server
 *       adds, so the client cannot recompute it: it is kept as an opaque receipt, with algorithm {@link Digest#SHA512}
 *       (X-Road computes it with SHA-512).
 * </ul>
 *
 * @param protocol    which message protocol the receipt is from
 * @param algorithmId the digest algorithm's URI
 * @param value       the hash as the response carried it (trimmed)
 */
public record RequestHashReceipt(Protocol protocol, String algorithmId, String value) {

    /** The message protocol a receipt came with. */
    public enum Protocol { SOAP, REST }

    public RequestHashReceipt {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(algorithmId, "algorithmId");
        Objects.requireNonNull(value, "value");
        value = value.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a request hash receipt is not empty");
        }
        if (algorithmId.isBlank()) {
            throw new IllegalArgumentException("algorithmId is blank");
        }
    }

    /** The receipt of a REST response: the {@code X-Road-Request-Hash} header's value, kept as it is. */
    public static RequestHashReceipt rest(String xRoadRequestHash) {
        Objects.requireNonNull(xRoadRequestHash, "xRoadRequestHash");
        return new RequestHashReceipt(Protocol.REST, Digest.SHA512, xRoadRequestHash);
    }

    /** The receipt of a SOAP response: its {@code requestHash} header's {@code algorithmId} and text. */
    public static RequestHashReceipt soap(String algorithmId, String requestHash) {
        return new RequestHashReceipt(Protocol.SOAP, algorithmId, requestHash);
    }
}
