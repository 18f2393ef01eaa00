package io.luotsi.auth.jws;

import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.EdECKey;
import java.util.Optional;

/**
 * The JWS algorithms Luotsi signs and verifies with (RFC 7518, RFC 8037). There is deliberately no {@code none} and
 * no HMAC: a signature over evidence must be made with a private key whose certificate says who made it.
 */
public enum JwsAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256; RSA keys of at least 2048 bits. */
    RS256("RS256", "SHA256withRSA"),
    /** RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt; RSA keys of at least 2048 bits. */
    PS256("PS256", "RSASSA-PSS"),
    /** ECDSA on P-256 with SHA-256; the signature is R || S, 64 bytes. */
    ES256("ES256", "SHA256withECDSA"),
    /** EdDSA with Ed25519 (RFC 8037). */
    EDDSA("EdDSA", "Ed25519");

    /** The smallest RSA modulus accepted, in bits. */
    static final int MIN_RSA_BITS = 2048;

    /** The order of the P-256 group, which identifies the curve. */
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private final String jwsName;
    private final String jcaName;

    JwsAlgorithm(String jwsName, String jcaName) {
        this.jwsName = jwsName;
        this.jcaName = jcaName;
    }

    /** The name in the JWS {@code alg} header, e.g. {@code ES256}. */
    public String jwsName() {
        return jwsName;
    }

    /** The JCA signature algorithm. */
    String jcaName() {
        return jcaName;
    }

    /** The algorithm named {@code alg} in a header, matched exactly (JWS names are case-sensitive). */
    static Optional<JwsAlgorithm> fromJwsName(String alg) {
        for (JwsAlgorithm a : values()) {
            if (a.jwsName.equals(alg)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The algorithm a signer uses for a key when none is chosen: RS256 for RSA, ES256 for P-256, EdDSA for Ed25519. */
    static Optional<JwsAlgorithm> defaultFor(Key key) {
        for (JwsAlgorithm a : new JwsAlgorithm[] {RS256, ES256, EDDSA}) {
            if (a.fits(key) == null) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * Why the key cannot be used with this algorithm, or {@code null} when it can. Keys of a PKCS#11 token may hide
     * their parameters; then the key's algorithm name decides.
     */
    String fits(Key key) {
        String algorithm = key.getAlgorithm();
        return switch (this) {
            case RS256, PS256 -> {
                // A key certified for RSASSA-PSS only (RFC 4055) must not make PKCS#1 v1.5 signatures.
                if (!algorithm.equals("RSA") && !(this == PS256 && algorithm.equals("RSASSA-PSS"))) {
                    yield "needs an RSA key, not " + algorithm;
                }
                if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                    yield "needs an RSA key of at least " + MIN_RSA_BITS + " bits, not "
                            + rsa.getModulus().bitLength();
                }
                yield null;
            }
            case ES256 -> {
                if (!algorithm.equals("EC")) {
                    yield "needs an EC key on P-256, not " + algorithm;
                }
                if (key instanceof ECKey ec && !ec.getParams().getOrder().equals(P256_ORDER)) {
                    yield "needs an EC key on P-256, not on a " + ec.getParams().getCurve().getField().getFieldSize()
                            + "-bit curve";
                }
                yield null;
            }
            case EDDSA -> {
                if (key instanceof EdECKey ed) {
                    yield ed.getParams().getName().equalsIgnoreCase("Ed25519") ? null
                            : "needs an Ed25519 key, not " + ed.getParams().getName();
                }
                yield algorithm.equals("Ed25519") ? null : "needs an Ed25519 key, not " + algorithm;
            }
        };
    }
}
