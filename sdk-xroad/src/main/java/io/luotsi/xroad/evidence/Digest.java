package io.luotsi.xroad.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * A message digest as X-Road writes one: an XML Security algorithm URI and the base64 value.
 *
 * <pre>{@code
 * Digest d = Digest.sha512(requestBytes);
 * d.value();   // "Nohx+C0AdGJK3D7v..."
 * }</pre>
 *
 * @param algorithmId the digest algorithm's URI, e.g. {@value #SHA512}
 * @param value       the digest, base64 (RFC 4648 section 4, with padding)
 */
public record Digest(String algorithmId, String value) {

    /** SHA-512, as X-Road names it ({@code Digests.DEFAULT_DIGEST_ALGORITHM}). */
    public static final String SHA512 = "http://www.w3.org/2001/04/xmlenc#sha512";
    /** SHA-256. */
    public static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";

    /** @throws IllegalArgumentException when the algorithm is blank or the value is not base64 */
    public Digest {
        Objects.requireNonNull(algorithmId, "algorithmId");
        Objects.requireNonNull(value, "value");
        if (algorithmId.isBlank()) {
            throw new IllegalArgumentException("algorithmId is blank");
        }
        decode(value);
    }

    /** The SHA-512 digest of the bytes. */
    public static Digest sha512(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return of(SHA512, newSha512().digest(bytes));
    }

    /**
     * The SHA-512 digest of the stream's bytes, read to the end in chunks (not closed).
     *
     * @throws UncheckedIOException when the stream fails
     */
    public static Digest sha512(InputStream in) {
        Objects.requireNonNull(in, "in");
        MessageDigest d = newSha512();
        byte[] buffer = new byte[16 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                d.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the bytes to digest failed", e);
        }
        return of(SHA512, d.digest());
    }

    static Digest of(String algorithmId, byte[] digest) {
        return new Digest(algorithmId, Base64.getEncoder().encodeToString(digest));
    }

    /** The digest bytes. */
    public byte[] bytes() {
        return decode(value);
    }

    /**
     * Whether {@code other} is the same digest: the same algorithm and the same bytes (compared in constant time;
     * base64 line breaks and spaces, which XML text may carry, do not matter).
     */
    public boolean matches(Digest other) {
        Objects.requireNonNull(other, "other");
        return algorithmId.equals(other.algorithmId) && MessageDigest.isEqual(bytes(), other.bytes());
    }

    static MessageDigest newSha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-512", e);
        }
    }

    private static byte[] decode(String value) {
        try {
            return Base64.getMimeDecoder().decode(strictBase64(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a digest value is base64", e);
        }
    }

    /** Refuses characters the MIME decoder would silently skip, other than whitespace. */
    private static String strictBase64(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=')) {
                throw new IllegalArgumentException("not a base64 character at index " + i);
            }
            b.append(c);
        }
        if (b.length() == 0) {
            throw new IllegalArgumentException("empty");
        }
        return b.toString();
    }
}
