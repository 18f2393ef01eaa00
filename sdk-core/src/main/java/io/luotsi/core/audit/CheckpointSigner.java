package io.luotsi.core.audit;

/**
 * Signs the checkpoints of a {@link JsonLinesAuditLog}: the payload names the log, the sequence number, the time and
 * the hash of the line before (the chain head), and the signature is kept in the checkpoint line. sdk-auth's
 * {@code JwsSigner::sign} is one (compact JWS with the signer's certificate chain in {@code x5c}).
 *
 * <pre>{@code
 * JsonLinesAuditLog log = JsonLinesAuditLog.builder(file).checkpointSigner(jwsSigner::sign).build();
 * }</pre>
 */
@FunctionalInterface
public interface CheckpointSigner {

    /** A compact signature over {@code payload} that carries the payload ({@code header.payload.signature}). */
    String sign(byte[] payload);
}
