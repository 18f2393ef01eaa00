package io.luotsi.auth.xades;

import java.util.Optional;

/**
 * Resolves the URIs of a hash chain: other hash chain documents ({@code /sig-hashchain.xml}) and the data its data
 * references name ({@code /message.xml}).
 */
public interface HashChainResolver {

    /** The document or data at {@code uri}, or empty when it cannot be resolved. */
    Optional<byte[]> resolve(String uri);

    /**
     * Whether to resolve and check the data reference to {@code uri}, or take its digest on the chain's word (for data
     * the verifier does not have). Consulted only for data references that no input covers. {@code true} by default.
     *
     * @param uri         the data reference's URI
     * @param digestValue the digest the chain states for it
     */
    default boolean shouldResolve(String uri, byte[] digestValue) {
        return true;
    }
}
