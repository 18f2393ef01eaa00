package io.luotsi.xroad.soap;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code xrd:requestHash} header of a response: {@code base64(SHA-512(bytes of the request's SOAP part as the
 * consumer Security Server received them))}, with {@code algorithmId="http://www.w3.org/2001/04/xmlenc#sha512"}. The
 * provider's Security Server sets it; a BOM that was sent counts, and for multipart requests only the SOAP part is
 * hashed.
 *
 * <pre>{@code
 * RequestHash expected = RequestHash.sha512(requestSoapPartBytes);
 * boolean ok = response.header().requestHash().map(h -> h.matches(requestSoapPartBytes)).orElse(false);
 * }</pre>
 *
 * @param value       the base64 digest as written
 * @param algorithmId the {@code algorithmId} attribute, or {@code null} when absent
 */
public record RequestHash(String value, String algorithmId) {

    /** X-Road's default digest algorithm ({@code Digests.DEFAULT_DIGEST_ALGORITHM}). */
    public static final String SHA512 = "http://www.w3.org/2001/04/xmlenc#sha512";

    private static final Map<String, String> ALGORITHMS = Map.of(
            SHA512, "SHA-512",
            "http://www.w3.org/2001/04/xmldsig-more#sha384", "SHA-384",
            "http://www.w3.org/2001/04/xmlenc#sha256", "SHA-256");

    public RequestHash {
        Objects.requireNonNull(value, "value");
    }

    /** The hash X-Road computes over the given SOAP part bytes. */
    public static RequestHash sha512(byte[] soapPart) {
        return sha512(soapPart, 0, soapPart.length);
    }

    public static RequestHash sha512(byte[] soapPart, int offset, int length) {
        MessageDigest md = digest("SHA-512");
        md.update(soapPart, offset, length);
        return new RequestHash(Base64.getEncoder().encodeToString(md.digest()), SHA512);
    }

    /**
     * Whether this hash is the digest of {@code soapPart} under its algorithm (SHA-512 when the attribute is
     * absent). An unknown algorithm never matches.
     */
    public boolean matches(byte[] soapPart) {
        String jca = ALGORITHMS.get(algorithmId == null ? SHA512 : algorithmId);
        if (jca == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = Base64.getMimeDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, digest(jca).digest(soapPart));
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is not available", e);
        }
    }
}
