package io.luotsi.auth.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * A successful basic OCSP response (RFC 6960), read but not judged: its single responses, who signed it and whether
 * the signature verifies. For callers that apply their own acceptance rules, as X-Road's evidence verifier does;
 * {@link CertificateValidator} applies the usual ones.
 *
 * <pre>{@code
 * OcspResponse ocsp = OcspResponse.parse(der);
 * OcspResponse.SingleResponse first = ocsp.responses().get(0);
 * boolean about = first.isFor(signingCertificate, issuer);
 * X509Certificate responder = ocsp.responderAmong(knownResponders).orElseThrow();
 * boolean signed = ocsp.isSignedBy(responder);
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class OcspResponse {

    /** The revocation status a single response gives. */
    public enum Status { GOOD, REVOKED, UNKNOWN }

    private static final Map<ASN1ObjectIdentifier, String> DIGEST_NAMES = Map.of(
            OIWObjectIdentifiers.idSHA1, "SHA-1",
            NISTObjectIdentifiers.id_sha224, "SHA-224",
            NISTObjectIdentifiers.id_sha256, "SHA-256",
            NISTObjectIdentifiers.id_sha384, "SHA-384",
            NISTObjectIdentifiers.id_sha512, "SHA-512");

    /**
     * One certificate's status in the response.
     *
     * @param hashAlgorithm   the digest of the certificate id as a JCA name ({@code SHA-1}, ...), or its OID when
     *                        unknown
     * @param issuerNameHash  the digest of the issuer's distinguished name
     * @param issuerKeyHash   the digest of the issuer's public key
     * @param serialNumber    the certificate's serial number
     * @param status          good, revoked or unknown
     * @param thisUpdate      when the status was known to be correct
     * @param nextUpdate      when newer information will be available, or {@code null}
     * @param revocationTime  when the certificate was revoked, for {@link Status#REVOKED}; else {@code null}
     */
    public record SingleResponse(String hashAlgorithm, byte[] issuerNameHash, byte[] issuerKeyHash,
                                 BigInteger serialNumber, Status status, Instant thisUpdate, Instant nextUpdate,
                                 Instant revocationTime) {

        public SingleResponse {
            Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
            issuerNameHash = issuerNameHash.clone();
            issuerKeyHash = issuerKeyHash.clone();
            Objects.requireNonNull(serialNumber, "serialNumber");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(thisUpdate, "thisUpdate");
        }

        @Override
        public byte[] issuerNameHash() {
            return issuerNameHash.clone();
        }

        @Override
        public byte[] issuerKeyHash() {
            return issuerKeyHash.clone();
        }

        /**
         * Whether this response is about {@code certificate} as issued by {@code issuer}: the serial number, and the
         * digests (with this response's algorithm) of the issuer's name and public key.
         */
        public boolean isFor(X509Certificate certificate, X509Certificate issuer) {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(issuer, "issuer");
            if (!serialNumber.equals(certificate.getSerialNumber())) {
                return false;
            }
            try {
                MessageDigest md = MessageDigest.getInstance(hashAlgorithm);
                byte[] nameHash = md.digest(issuer.getSubjectX500Principal().getEncoded());
                X509CertificateHolder holder = new X509CertificateHolder(issuer.getEncoded());
                byte[] keyHash = md.digest(holder.getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
                return MessageDigest.isEqual(nameHash, issuerNameHash) && MessageDigest.isEqual(keyHash,
                        issuerKeyHash);
            } catch (NoSuchAlgorithmException | IOException | java.security.cert.CertificateEncodingException e) {
                return false;
            }
        }

        /** When newer information will be available, if the response says. */
        public Optional<Instant> nextUpdateTime() {
            return Optional.ofNullable(nextUpdate);
        }
    }

    private final byte[] encoded;
    private final BasicOCSPResp basic;
    private final Instant producedAt;
    private final List<SingleResponse> responses;
    private final List<X509Certificate> certificates;

    private OcspResponse(byte[] encoded, BasicOCSPResp basic, List<SingleResponse> responses,
                         List<X509Certificate> certificates) {
        this.encoded = encoded;
        this.basic = basic;
        this.producedAt = basic.getProducedAt().toInstant();
        this.responses = responses;
        this.certificates = certificates;
    }

    /**
     * Reads a DER-encoded OCSPResponse.
     *
     * @throws CertificateValidationException {@link CertificateFailure#OCSP_MALFORMED} when it cannot be read or is
     *     not a basic response, {@link CertificateFailure#OCSP_UNAVAILABLE} when its status is an error
     */
    public static OcspResponse parse(byte[] der) {
        Objects.requireNonNull(der, "der");
        try {
            OCSPResp response = new OCSPResp(der);
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new CertificateValidationException(CertificateFailure.OCSP_UNAVAILABLE, "the OCSP response is "
                        + "not a status but the error " + response.getStatus(), null, null, null);
            }
            if (!(response.getResponseObject() instanceof BasicOCSPResp basic)) {
                throw new CertificateValidationException(CertificateFailure.OCSP_MALFORMED, "the OCSP response is not "
                        + "a basic response", null, null, null);
            }
            List<SingleResponse> singles = new ArrayList<>();
            for (SingleResp s : basic.getResponses()) {
                singles.add(single(s));
            }
            if (singles.isEmpty()) {
                throw new CertificateValidationException(CertificateFailure.OCSP_MALFORMED, "the OCSP response has "
                        + "no single response", null, null, null);
            }
            List<X509Certificate> certs = new ArrayList<>();
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (X509CertificateHolder h : basic.getCerts()) {
                certs.add(converter.getCertificate(h));
            }
            return new OcspResponse(der.clone(), basic, List.copyOf(singles), List.copyOf(certs));
        } catch (IOException | OCSPException | CertificateException | RuntimeException e) {
            if (e instanceof CertificateValidationException cve) {
                throw cve;
            }
            throw new CertificateValidationException(CertificateFailure.OCSP_MALFORMED, "the OCSP response cannot be "
                    + "read (" + e.getClass().getSimpleName() + ")", null, null, e);
        }
    }

    private static SingleResponse single(SingleResp s) {
        CertificateID id = s.getCertID();
        ASN1ObjectIdentifier alg = id.getHashAlgOID();
        String name = DIGEST_NAMES.getOrDefault(alg, alg.getId());
        CertificateStatus cs = s.getCertStatus();
        Status status;
        Instant revoked = null;
        if (cs == CertificateStatus.GOOD) {
            status = Status.GOOD;
        } else if (cs instanceof RevokedStatus r) {
            status = Status.REVOKED;
            revoked = r.getRevocationTime().toInstant();
        } else {
            status = Status.UNKNOWN;
        }
        return new SingleResponse(name, id.getIssuerNameHash(), id.getIssuerKeyHash(), id.getSerialNumber(), status,
                s.getThisUpdate().toInstant(), s.getNextUpdate() == null ? null : s.getNextUpdate().toInstant(),
                revoked);
    }

    /** When the responder signed the response. */
    public Instant producedAt() {
        return producedAt;
    }

    /** The single responses, in the order of the response (at least one). */
    public List<SingleResponse> responses() {
        return responses;
    }

    /** The certificates the response carries (often the responder's). */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** The response, DER-encoded (a copy). */
    public byte[] encoded() {
        return encoded.clone();
    }

    /**
     * The certificate the response's responder id names (by subject name, or by the SHA-1 digest of its public key),
     * looked for among {@code candidates} and then the certificates the response carries.
     */
    public Optional<X509Certificate> responderAmong(Collection<X509Certificate> candidates) {
        Objects.requireNonNull(candidates, "candidates");
        List<X509Certificate> all = new ArrayList<>(candidates);
        all.addAll(certificates);
        ResponderID id = basic.getResponderId().toASN1Primitive();
        for (X509Certificate c : all) {
            try {
                X509CertificateHolder holder = new X509CertificateHolder(c.getEncoded());
                if (id.getName() != null) {
                    if (holder.getSubject().equals(X500Name.getInstance(id.getName()))) {
                        return Optional.of(c);
                    }
                } else if (id.getKeyHash() != null) {
                    byte[] keyHash = MessageDigest.getInstance("SHA-1")
                            .digest(holder.getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
                    if (MessageDigest.isEqual(keyHash, id.getKeyHash())) {
                        return Optional.of(c);
                    }
                }
            } catch (IOException | GeneralSecurityException e) {
                // A certificate that cannot be encoded names no responder.
            }
        }
        return Optional.empty();
    }

    /** Whether the response's signature verifies with {@code responder}'s public key. */
    public boolean isSignedBy(X509Certificate responder) {
        Objects.requireNonNull(responder, "responder");
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder.getPublicKey()));
        } catch (OperatorCreationException | OCSPException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "OcspResponse[producedAt " + producedAt + ", " + responses.size() + " responses]";
    }
}
