package io.luotsi.auth.jws;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A batch proof that verified for its message.
 *
 * @param root               the verified root JWS: the signer, algorithm and validated chain
 * @param hashAlgorithm      the hash of the tree
 * @param index              the message's position in the batch, from 0
 * @param size               the number of messages in the batch
 * @param claimedSigningTime the signer's clock when it signed the root ({@code iat}), as the signer claims it; not a
 *                           trusted timestamp; null when the root has none
 */
public record VerifiedBatchProof(VerifiedJws root, HashAlgorithm hashAlgorithm, long index, long size,
                                 Instant claimedSigningTime) {

    public VerifiedBatchProof {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
    }

    /** {@link #claimedSigningTime()}, when the root has one. */
    public Optional<Instant> signingTimeClaim() {
        return Optional.ofNullable(claimedSigningTime);
    }
}
