package io.luotsi.auth.jws;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** The hash of a batch's hash tree. */
public enum HashAlgorithm {
    SHA_256("SHA-256", 32),
    SHA_512("SHA-512", 64);

    private final String jcaName;
    private final int length;

    HashAlgorithm(String jcaName, int length) {
        this.jcaName = jcaName;
        this.length = length;
    }

    /** The name in proofs and roots, and the JCA name: {@code SHA-256} or {@code SHA-512}. */
    public String jcaName() {
        return jcaName;
    }

    /** The length of a hash in bytes. */
    public int length() {
        return length;
    }

    MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + jcaName, e);
        }
    }

    static Optional<HashAlgorithm> fromName(String name) {
        for (HashAlgorithm a : values()) {
            if (a.jcaName.equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
