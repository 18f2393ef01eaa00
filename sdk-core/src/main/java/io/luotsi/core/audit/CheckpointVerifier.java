package io.luotsi.core.audit;

/**
 * Verifies the signature of a checkpoint written by a {@link CheckpointSigner} and returns the payload it signs, so
 * that {@link AuditLogVerifier} can compare it with the chain. sdk-auth's {@code JwsVerifier} makes one:
 * {@code jws -> jwsVerifier.verify(jws).payload().orElseThrow()}.
 */
@FunctionalInterface
public interface CheckpointVerifier {

    /**
     * The signed payload.
     *
     * @throws RuntimeException when the signature does not verify (its message becomes the reason reported)
     */
    byte[] verify(String signature);
}
