package io.luotsi.auth.pki;

/** Which certificates of a validated path must have a good, fresh OCSP status. */
public enum RevocationChecking {
    /** No revocation checking: the path alone decides. */
    NONE,
    /** The end-entity certificate only, as X-Road checks signers. */
    LEAF,
    /** Every certificate of the path except the trust anchor. */
    CHAIN
}
