package io.luotsi.auth.xades;

import java.util.Objects;

/**
 * What a signature reference or a hash chain data reference resolves to: the bytes themselves, or a digest computed
 * beforehand (for large attachments, or data the verifier holds only as a digest). A digest is compared with the
 * reference's digest value as it is; it must have been computed with the reference's digest algorithm.
 */
public sealed interface ReferencedData {

    /** The referenced bytes. */
    static ReferencedData bytes(byte[] bytes) {
        return new Bytes(bytes);
    }

    /** A digest of the referenced bytes, computed with the reference's digest algorithm. */
    static ReferencedData digest(byte[] digest) {
        return new Digest(digest);
    }

    /** The referenced bytes; the array is used as it is (do not change it afterwards). */
    record Bytes(byte[] value) implements ReferencedData {
        public Bytes {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A precomputed digest; the array is used as it is (do not change it afterwards). */
    record Digest(byte[] value) implements ReferencedData {
        public Digest {
            Objects.requireNonNull(value, "value");
        }
    }
}
