package io.luotsi.auth.tsp;

import io.luotsi.auth.KeyMaterial;
import io.luotsi.core.ConfigurationException;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A time-stamping authority that signs RFC 3161 tokens with a local key: for tests, test kits and the fake Security
 * Server, where a real TSA is not at hand. Immutable and thread-safe.
 *
 * <pre>{@code
 * LocalTimestampAuthority tsa = LocalTimestampAuthority.builder()
 *     .keyMaterial(tsaKey)              // certificate with the critical extended key usage id-kp-timeStamping
 *     .clock(clock)                     // genTime
 *     .build();
 * TimestampToken token = tsa.timestamp(signatureValue);
 * }</pre>
 *
 * <p>Tokens are DER-encoded, carry the ESS signing-certificate-v2 attribute (SHA-256) and no certificates unless
 * {@link Builder#includeCertificate(boolean)}: verifiers are expected to know the authority's certificate (X-Road's
 * global configuration lists it). Serial numbers start at a random value and count up.
 */
public final class LocalTimestampAuthority implements TimestampAuthority {

    /** The default policy: an OID under the arc reserved for examples (2.999), so it is never mistaken for a real one. */
    public static final String DEFAULT_POLICY = "2.999.3161";

    private static final String ID_KP_TIME_STAMPING = "1.3.6.1.5.5.7.3.8";
    private static final Map<String, ASN1ObjectIdentifier> DIGESTS = Map.of(
            "SHA-256", NISTObjectIdentifiers.id_sha256,
            "SHA-384", NISTObjectIdentifiers.id_sha384,
            "SHA-512", NISTObjectIdentifiers.id_sha512);

    private final KeyMaterial keyMaterial;
    private final Clock clock;
    private final ASN1ObjectIdentifier policy;
    private final String digestAlgorithm;
    private final boolean includeCertificate;
    private final AtomicLong serial;

    private LocalTimestampAuthority(Builder b) {
        this.keyMaterial = b.keyMaterial;
        this.clock = b.clock;
        this.policy = new ASN1ObjectIdentifier(b.policy);
        this.digestAlgorithm = b.digestAlgorithm;
        this.includeCertificate = b.includeCertificate;
        this.serial = new AtomicLong(new SecureRandom().nextInt(Integer.MAX_VALUE) * 1024L);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The authority's certificate: what a verifier must trust. */
    public X509Certificate certificate() {
        return keyMaterial.certificate();
    }

    /**
     * Time-stamps {@code data} at the clock's time.
     *
     * @throws ConfigurationException when the authority's certificate is not valid at the clock's time, or its key
     *     cannot sign
     */
    @Override
    public TimestampToken timestamp(byte[] data) {
        Objects.requireNonNull(data, "data");
        keyMaterial.requireValidAt(clock);
        try {
            byte[] digest = MessageDigest.getInstance(digestAlgorithm).digest(data);
            TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
            requests.setCertReq(includeCertificate);
            TimeStampRequest request = requests.generate(DIGESTS.get(digestAlgorithm), digest);
            TimeStampToken token = generator().generate(request, BigInteger.valueOf(serial.incrementAndGet()),
                    Date.from(clock.instant()));
            byte[] der = token.toCMSSignedData().getEncoded(ASN1Encoding.DER);
            return TimestampToken.parse(der);
        } catch (GeneralSecurityException | OperatorCreationException | TSPException | IOException e) {
            throw new ConfigurationException("the local time-stamping authority (" + certificate()
                    .getSubjectX500Principal().getName() + ") cannot sign: " + e.getMessage(), e);
        }
    }

    private TimeStampTokenGenerator generator() throws OperatorCreationException, TSPException,
            CertificateEncodingException {
        String keyAlgorithm = keyMaterial.privateKey().getAlgorithm();
        String hash = digestAlgorithm.replace("-", "");
        String signatureAlgorithm = switch (keyAlgorithm) {
            case "RSA" -> hash + "withRSA";
            case "EC" -> hash + "withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new ConfigurationException("the local time-stamping authority cannot sign with a "
                    + keyAlgorithm + " key");
        };
        JcaSimpleSignerInfoGeneratorBuilder signerInfos = new JcaSimpleSignerInfoGeneratorBuilder();
        if (keyMaterial.provider().isPresent()) {
            signerInfos.setProvider(keyMaterial.provider().get());
        }
        SignerInfoGenerator signerInfo = signerInfos.build(signatureAlgorithm, keyMaterial.privateKey(),
                keyMaterial.certificate());
        DigestCalculator essCertId = new JcaDigestCalculatorProviderBuilder().build()
                .get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
        TimeStampTokenGenerator generator = new TimeStampTokenGenerator(signerInfo, essCertId, policy);
        if (includeCertificate) {
            generator.addCertificates(new JcaCertStore(List.of(keyMaterial.certificate())));
        }
        return generator;
    }

    @Override
    public String toString() {
        return "LocalTimestampAuthority[" + certificate().getSubjectX500Principal().getName() + ", policy "
                + policy.getId() + ", " + digestAlgorithm + "]";
    }

    /** Builds a {@link LocalTimestampAuthority}; the key material is required. */
    public static final class Builder {
        private KeyMaterial keyMaterial;
        private Clock clock = Clock.systemUTC();
        private String policy = DEFAULT_POLICY;
        private String digestAlgorithm = "SHA-256";
        private boolean includeCertificate;

        private Builder() {
        }

        /**
         * The authority's key and certificate. The certificate must have the extended key usage id-kp-timeStamping,
         * marked critical (RFC 3161 §2.3).
         *
         * @throws IllegalArgumentException when it does not
         */
        public Builder keyMaterial(KeyMaterial keyMaterial) {
            Objects.requireNonNull(keyMaterial, "keyMaterial");
            X509Certificate c = keyMaterial.certificate();
            try {
                List<String> eku = c.getExtendedKeyUsage();
                if (eku == null || !eku.contains(ID_KP_TIME_STAMPING)
                        || !c.getCriticalExtensionOIDs().contains("2.5.29.37")) {
                    throw new IllegalArgumentException("a time-stamping authority's certificate has the critical "
                            + "extended key usage id-kp-timeStamping; " + c.getSubjectX500Principal().getName()
                            + " has not");
                }
            } catch (CertificateParsingException e) {
                throw new IllegalArgumentException("the extended key usage of " + c.getSubjectX500Principal()
                        .getName() + " cannot be read", e);
            }
            this.keyMaterial = keyMaterial;
            return this;
        }

        /** The clock that gives each token's {@code genTime}; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The policy OID the tokens name; {@link #DEFAULT_POLICY} by default. */
        public Builder policy(String oid) {
            Objects.requireNonNull(oid, "oid");
            if (!oid.matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
                throw new IllegalArgumentException("not an OID: " + oid);
            }
            this.policy = oid;
            return this;
        }

        /** The imprint and signature digest: {@code SHA-256} (default), {@code SHA-384} or {@code SHA-512}. */
        public Builder digestAlgorithm(String algorithm) {
            Objects.requireNonNull(algorithm, "algorithm");
            if (!DIGESTS.containsKey(algorithm)) {
                throw new IllegalArgumentException("digest algorithm must be one of " + DIGESTS.keySet() + ", was "
                        + algorithm);
            }
            this.digestAlgorithm = algorithm;
            return this;
        }

        /** Whether tokens carry the authority's certificate; {@code false} by default. */
        public Builder includeCertificate(boolean include) {
            this.includeCertificate = include;
            return this;
        }

        /** @throws IllegalStateException without key material */
        public LocalTimestampAuthority build() {
            if (keyMaterial == null) {
                throw new IllegalStateException("keyMaterial is required");
            }
            return new LocalTimestampAuthority(this);
        }
    }
}
