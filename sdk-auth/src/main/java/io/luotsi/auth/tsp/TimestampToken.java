package io.luotsi.auth.tsp;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * An RFC 3161 time-stamp token: a CMS signature of a trusted time-stamping authority (TSA) over the digest of some
 * data (the message imprint) and the time it saw it. Immutable and thread-safe.
 *
 * <pre>{@code
 * TimestampToken token = TimestampToken.parse(der);
 * X509Certificate tsa = token.verify(signatureValue, approvedTsaCertificates);
 * Instant signedBefore = token.genTime();
 * }</pre>
 *
 * <p>{@link #verify(byte[], Collection)} checks, in this order (X-Road's {@code TimestampVerifier}): that the imprint
 * is the digest of the data, that a trusted TSA certificate is the token's signer (matched by the signer id: issuer
 * and serial number, or subject key identifier), and that the signature and signed attributes verify with that
 * certificate's key. Neither the TSA certificate's validity nor its revocation is checked: which TSAs are trusted is
 * the caller's configuration (for X-Road, the approved TSAs of global configuration).
 *
 * <p>Reading is strict about the fields the signature does not cover: the SignedData version must be 3, the
 * SignedData digest algorithms must include the signer's, and the SignerInfo version must fit its signer id
 * (RFC 5652 §5), so that no byte of a token can change without the token failing to read or to verify.
 */
public final class TimestampToken {

    private static final ASN1ObjectIdentifier ID_CT_TST_INFO = new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.1.4");
    private static final Map<ASN1ObjectIdentifier, String> DIGEST_NAMES = Map.of(
            OIWObjectIdentifiers.idSHA1, "SHA-1",
            NISTObjectIdentifiers.id_sha224, "SHA-224",
            NISTObjectIdentifiers.id_sha256, "SHA-256",
            NISTObjectIdentifiers.id_sha384, "SHA-384",
            NISTObjectIdentifiers.id_sha512, "SHA-512",
            NISTObjectIdentifiers.id_sha3_256, "SHA3-256",
            NISTObjectIdentifiers.id_sha3_384, "SHA3-384",
            NISTObjectIdentifiers.id_sha3_512, "SHA3-512");
    private static final DigestCalculatorProvider DIGESTS;

    static {
        try {
            DIGESTS = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("the JDK's digests are always available", e);
        }
    }

    private final byte[] encoded;
    private final TimeStampToken token;
    private final Instant genTime;
    private final AlgorithmIdentifier imprintAlgorithm;
    private final byte[] imprint;

    private TimestampToken(byte[] encoded, TimeStampToken token) {
        this.encoded = encoded;
        this.token = token;
        this.genTime = token.getTimeStampInfo().getGenTime().toInstant();
        this.imprintAlgorithm = token.getTimeStampInfo().getHashAlgorithm();
        this.imprint = token.getTimeStampInfo().getMessageImprintDigest();
    }

    /**
     * Reads a DER (or BER) encoded time-stamp token: a CMS ContentInfo with SignedData, as the {@code timeStampToken}
     * of a time-stamp response carries it.
     *
     * @throws TimestampVerificationException {@link TimestampFailure#UNREADABLE} when the bytes are not one ASN.1
     *     value, {@link TimestampFailure#MALFORMED} when the value is not a time-stamp token
     */
    public static TimestampToken parse(byte[] der) {
        Objects.requireNonNull(der, "der");
        ASN1Primitive primitive;
        try {
            primitive = ASN1Primitive.fromByteArray(der);
        } catch (IOException | RuntimeException e) {
            throw new TimestampVerificationException(TimestampFailure.UNREADABLE, "the time-stamp token is not an "
                    + "ASN.1 encoding (" + e.getClass().getSimpleName() + ")", e);
        }
        if (primitive == null) {
            throw new TimestampVerificationException(TimestampFailure.UNREADABLE, "the time-stamp token is empty",
                    null);
        }
        TimestampToken result;
        try {
            ContentInfo contentInfo = ContentInfo.getInstance(primitive);
            requireConsistentSignedData(contentInfo);
            TimeStampToken token = new TimeStampToken(contentInfo);
            result = new TimestampToken(der.clone(), token);
            result.serialNumber();
            result.policy();
        } catch (TSPException | IOException | RuntimeException e) {
            if (e instanceof TimestampVerificationException tve) {
                throw tve;
            }
            throw new TimestampVerificationException(TimestampFailure.MALFORMED, "not an RFC 3161 time-stamp token: "
                    + e.getMessage(), e);
        }
        if (result.digestName() == null) {
            throw new TimestampVerificationException(TimestampFailure.MALFORMED, "the time-stamp token's imprint "
                    + "algorithm " + result.imprintAlgorithm.getAlgorithm() + " is not supported", null);
        }
        return result;
    }

    /** RFC 5652 §5.1 and §5.3: the fields outside the signature must agree with the signer. */
    private static void requireConsistentSignedData(ContentInfo contentInfo) {
        if (!CMSObjectIdentifiers.signedData.equals(contentInfo.getContentType())) {
            throw malformed("the token's content type is " + contentInfo.getContentType() + ", not signed data");
        }
        SignedData sd = SignedData.getInstance(contentInfo.getContent());
        if (!ID_CT_TST_INFO.equals(sd.getEncapContentInfo().getContentType())) {
            throw malformed("the signed content is not a TSTInfo");
        }
        if (sd.getVersion().intValueExact() != 3) {
            throw malformed("SignedData version is " + sd.getVersion() + ", RFC 5652 requires 3 for a TSTInfo");
        }
        if (sd.getSignerInfos().size() != 1) {
            throw malformed("a time-stamp token has exactly one signer, this one has " + sd.getSignerInfos().size());
        }
        SignerInfo signer = SignerInfo.getInstance(sd.getSignerInfos().getObjectAt(0));
        int expectedVersion = signer.getSID().isTagged() ? 3 : 1;
        if (signer.getVersion().intValueExact() != expectedVersion) {
            throw malformed("SignerInfo version is " + signer.getVersion() + ", its signer id requires "
                    + expectedVersion);
        }
        AlgorithmIdentifier signerDigest = signer.getDigestAlgorithm();
        boolean listed = false;
        for (ASN1Encodable e : sd.getDigestAlgorithms()) {
            if (sameAlgorithm(AlgorithmIdentifier.getInstance(e), signerDigest)) {
                listed = true;
                break;
            }
        }
        if (!listed) {
            throw malformed("SignedData digest algorithms do not include the signer's " + signerDigest.getAlgorithm());
        }
    }

    /** Equal algorithms, where absent parameters and NULL parameters count as the same. */
    private static boolean sameAlgorithm(AlgorithmIdentifier a, AlgorithmIdentifier b) {
        if (!a.getAlgorithm().equals(b.getAlgorithm())) {
            return false;
        }
        ASN1Encodable pa = a.getParameters() == null ? DERNull.INSTANCE : a.getParameters();
        ASN1Encodable pb = b.getParameters() == null ? DERNull.INSTANCE : b.getParameters();
        return pa.toASN1Primitive().equals(pb.toASN1Primitive());
    }

    private static TimestampVerificationException malformed(String message) {
        return new TimestampVerificationException(TimestampFailure.MALFORMED, message, null);
    }

    static TimestampToken of(TimeStampToken token, byte[] encoded) {
        return new TimestampToken(encoded, token);
    }

    /** The time the authority saw the imprint ({@code genTime}). */
    public Instant genTime() {
        return genTime;
    }

    /** The imprint's digest algorithm as a JCA name ({@code SHA-256}, {@code SHA-512}, ...). */
    public String hashAlgorithm() {
        return digestName();
    }

    /** The message imprint: the digest of the stamped data (a copy). */
    public byte[] messageImprint() {
        return imprint.clone();
    }

    /** The serial number the authority gave the token. */
    public BigInteger serialNumber() {
        return token.getTimeStampInfo().getSerialNumber();
    }

    /** The authority's policy under which the token was issued, as an OID. */
    public String policy() {
        return token.getTimeStampInfo().getPolicy().getId();
    }

    /** The token as it was read or issued (a copy). */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** Whether the message imprint is the digest of {@code data}. */
    public boolean covers(byte[] data) {
        Objects.requireNonNull(data, "data");
        try {
            DigestCalculator calculator = DIGESTS.get(imprintAlgorithm);
            try (OutputStream out = calculator.getOutputStream()) {
                out.write(data);
            }
            return MessageDigest.isEqual(calculator.getDigest(), imprint);
        } catch (OperatorCreationException | IOException e) {
            throw new TimestampVerificationException(TimestampFailure.MALFORMED, "the imprint algorithm "
                    + imprintAlgorithm.getAlgorithm() + " is not available", e);
        }
    }

    /** The certificate among {@code candidates} that the token's signer id names, if any. */
    public Optional<X509Certificate> signerAmong(Collection<X509Certificate> candidates) {
        Objects.requireNonNull(candidates, "candidates");
        SignerId sid = token.getSID();
        for (X509Certificate c : candidates) {
            try {
                if (sid.match(new X509CertificateHolder(c.getEncoded())) && sameIssuerEncoding(sid, c)) {
                    return Optional.of(c);
                }
            } catch (CertificateEncodingException | IOException | RuntimeException e) {
                // A certificate that cannot be encoded, or a signer id that cannot be compared, names no signer.
            }
        }
        return Optional.empty();
    }

    /**
     * Bouncy Castle matches issuer names by their string values; the name in the signer id must also be the
     * certificate's issuer name as encoded, so that a changed string type cannot pass unnoticed.
     */
    private static boolean sameIssuerEncoding(SignerId sid, X509Certificate c) throws IOException {
        return sid.getIssuer() == null || java.util.Arrays.equals(sid.getIssuer().getEncoded(
                org.bouncycastle.asn1.ASN1Encoding.DER), c.getIssuerX500Principal().getEncoded());
    }

    /**
     * Verifies that this token stamps {@code data} and is signed by one of the trusted authorities.
     *
     * @param data                   the data the token is said to stamp
     * @param trustedTsaCertificates the certificates of the trusted time-stamping authorities
     * @return the certificate of the authority that signed the token
     * @throws TimestampVerificationException {@link TimestampFailure#IMPRINT_MISMATCH},
     *     {@link TimestampFailure#NO_TRUSTED_AUTHORITY}, {@link TimestampFailure#SIGNER_NOT_TRUSTED},
     *     {@link TimestampFailure#SIGNER_INFO_NOT_FOUND} or {@link TimestampFailure#SIGNATURE_INVALID}
     */
    public X509Certificate verify(byte[] data, Collection<X509Certificate> trustedTsaCertificates) {
        if (!covers(data)) {
            throw new TimestampVerificationException(TimestampFailure.IMPRINT_MISMATCH, "the time-stamp's message "
                    + "imprint is not the " + digestName() + " digest of the stamped data", null);
        }
        return verifySignature(trustedTsaCertificates);
    }

    /**
     * Verifies that one of the trusted authorities signed this token, without looking at what it stamps.
     *
     * @return the certificate of the authority that signed the token
     */
    public X509Certificate verifySignature(Collection<X509Certificate> trustedTsaCertificates) {
        Objects.requireNonNull(trustedTsaCertificates, "trustedTsaCertificates");
        if (trustedTsaCertificates.isEmpty()) {
            throw new TimestampVerificationException(TimestampFailure.NO_TRUSTED_AUTHORITY, "no time-stamping "
                    + "authority is trusted", null);
        }
        X509Certificate tsa = signerAmong(trustedTsaCertificates).orElseThrow(() ->
                new TimestampVerificationException(TimestampFailure.SIGNER_NOT_TRUSTED, "the time-stamp is signed by "
                        + describeSigner() + ", which is none of the " + trustedTsaCertificates.size()
                        + " trusted time-stamping authorities", null));
        SignerInformation signerInfo = token.toCMSSignedData().getSignerInfos().get(token.getSID());
        if (signerInfo == null) {
            throw new TimestampVerificationException(TimestampFailure.SIGNER_INFO_NOT_FOUND, "the time-stamp has no "
                    + "signer information for " + describeSigner(), null);
        }
        try {
            if (!signerInfo.verify(new JcaSimpleSignerInfoVerifierBuilder().build(tsa))) {
                throw signatureInvalid(null);
            }
        } catch (OperatorCreationException | CMSException | RuntimeException e) {
            if (e instanceof TimestampVerificationException tve) {
                throw tve;
            }
            throw signatureInvalid(e);
        }
        return tsa;
    }

    private TimestampVerificationException signatureInvalid(Exception cause) {
        return new TimestampVerificationException(TimestampFailure.SIGNATURE_INVALID, "the time-stamp's signature "
                + "does not verify with the key of its authority " + describeSigner()
                + (cause == null ? "" : " (" + cause.getMessage() + ")"), cause);
    }

    private String describeSigner() {
        try {
            return describe(token.getSID());
        } catch (RuntimeException e) {
            return "[an unreadable signer id]";
        }
    }

    private static String describe(SignerId sid) {
        List<String> parts = new ArrayList<>();
        if (sid.getIssuer() != null) {
            parts.add("issuer " + sid.getIssuer());
        }
        if (sid.getSerialNumber() != null) {
            parts.add("serial 0x" + sid.getSerialNumber().toString(16));
        }
        if (sid.getSubjectKeyIdentifier() != null) {
            parts.add("key id " + java.util.HexFormat.of().formatHex(sid.getSubjectKeyIdentifier()));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    private String digestName() {
        return DIGEST_NAMES.get(imprintAlgorithm.getAlgorithm());
    }

    @Override
    public String toString() {
        return "TimestampToken[genTime " + genTime + ", " + digestName() + ", serial 0x"
                + serialNumber().toString(16) + "]";
    }
}
