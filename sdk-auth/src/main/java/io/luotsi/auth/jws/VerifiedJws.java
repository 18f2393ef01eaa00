package io.luotsi.auth.jws;

import io.luotsi.auth.pki.ValidatedPath;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * A JWS that verified: who signed (the certificate from {@code x5c}, validated to a trust anchor), with which
 * algorithm and key id, and for an embedded payload, the payload.
 */
public final class VerifiedJws {

    private final JwsAlgorithm algorithm;
    private final String keyId;
    private final ValidatedPath path;
    private final byte[] payload;

    VerifiedJws(JwsAlgorithm algorithm, String keyId, ValidatedPath path, byte[] payload) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.keyId = keyId;
        this.path = Objects.requireNonNull(path, "path");
        this.payload = payload;
    }

    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    /** The {@code kid} header, when the token has one. It is informational: the key came from {@code x5c}. */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    /** The signer's certificate: the first of {@code x5c}. */
    public X509Certificate signerCertificate() {
        return path.leaf();
    }

    /** The subject of the signer's certificate. */
    public X500Principal subject() {
        return path.leaf().getSubjectX500Principal();
    }

    /** The validated certification path of the signer, with the OCSP statuses revocation checking required. */
    public ValidatedPath certificationPath() {
        return path;
    }

    /** The payload of a token with an embedded payload (a copy); empty for a detached one. */
    public Optional<byte[]> payload() {
        return Optional.ofNullable(payload).map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "VerifiedJws[" + algorithm.jwsName() + ", signer serial 0x"
                + path.leaf().getSerialNumber().toString(16) + " issued by "
                + path.leaf().getIssuerX500Principal().getName() + (keyId == null ? "" : ", kid " + keyId) + "]";
    }
}
