package io.luotsi.auth.testing;

import io.luotsi.auth.CertificateChain;
import io.luotsi.auth.KeyMaterial;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for signature and validation tests: CAs, intermediates, signing and OCSP responder certificates
 * with RSA, EC or Ed25519 keys, at fixed times so that tests never depend on "now". Certificates are valid from
 * {@link #NOW} minus a day to {@code NOW} plus a year unless a validity is given.
 */
public final class Pki {

    /** The time every test validates at unless it says otherwise. */
    public static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");

    private static final AtomicLong SERIALS = new AtomicLong(1000);

    public enum KeyType { RSA_2048, EC_P256, ED25519 }

    /** A key pair with its chain, leaf first (the root included). */
    public record Issued(KeyPair keyPair, List<X509Certificate> chain) {
        public X509Certificate certificate() {
            return chain.get(0);
        }

        public PrivateKey privateKey() {
            return keyPair.getPrivate();
        }

        public CertificateChain certificateChain() {
            return new CertificateChain(chain);
        }

        /** The chain without its last certificate (the root, which trust anchors hold). */
        public CertificateChain chainWithoutRoot() {
            return new CertificateChain(chain.size() == 1 ? chain : chain.subList(0, chain.size() - 1));
        }

        public KeyMaterial keyMaterial() {
            return KeyMaterial.of(privateKey(), certificateChain());
        }
    }

    private Pki() {
    }

    public static Issued root(String cn) {
        return certificate(cn).ca().build();
    }

    public static Issued intermediate(String cn, Issued issuer) {
        return certificate(cn).ca().issuer(issuer).build();
    }

    public static Issued signer(String cn, Issued issuer, KeyType type) {
        return certificate(cn).keyType(type).issuer(issuer).build();
    }

    public static Builder certificate(String cn) {
        return new Builder(cn);
    }

    public static KeyPair keys(KeyType type) {
        try {
            return switch (type) {
                case RSA_2048 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    yield g.generateKeyPair();
                }
                case EC_P256 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
                    yield g.generateKeyPair();
                }
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> "Ed25519";
        };
    }

    /** Issues one certificate. */
    public static final class Builder {
        private final String cn;
        private KeyPair keys;
        private KeyType keyType = KeyType.EC_P256;
        private Issued issuer;
        private boolean ca;
        private Instant notBefore = NOW.minus(Duration.ofDays(1));
        private Instant notAfter = NOW.plus(Duration.ofDays(365));
        private Integer keyUsage;
        private final List<KeyPurposeId> purposes = new ArrayList<>();
        private String ocspUrl;
        private BigInteger serial;
        private boolean criticalPurposes;

        private Builder(String cn) {
            this.cn = cn;
        }

        public Builder keyType(KeyType type) {
            this.keyType = type;
            return this;
        }

        public Builder keys(KeyPair keys) {
            this.keys = keys;
            return this;
        }

        public Builder issuer(Issued issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder ca() {
            this.ca = true;
            return this;
        }

        public Builder validity(Instant notBefore, Instant notAfter) {
            this.notBefore = notBefore;
            this.notAfter = notAfter;
            return this;
        }

        /** Key usage bits ({@link KeyUsage} constants); the default depends on whether this is a CA. */
        public Builder keyUsage(int bits) {
            this.keyUsage = bits;
            return this;
        }

        public Builder extendedKeyUsage(KeyPurposeId purpose) {
            purposes.add(purpose);
            return this;
        }

        public Builder ocspSigning() {
            return extendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning);
        }

        /** A time-stamping authority's certificate: the extended key usage id-kp-timeStamping, critical (RFC 3161). */
        public Builder timeStamping() {
            criticalPurposes = true;
            return extendedKeyUsage(KeyPurposeId.id_kp_timeStamping);
        }

        /** The OCSP responder URL in the certificate's Authority Information Access extension. */
        public Builder ocspUrl(String url) {
            this.ocspUrl = url;
            return this;
        }

        public Builder serial(BigInteger serial) {
            this.serial = serial;
            return this;
        }

        public Issued build() {
            KeyPair subjectKeys = keys != null ? keys : Pki.keys(keyType);
            KeyPair issuerKeys = issuer == null ? subjectKeys : issuer.keyPair();
            X500Name subject = new X500Name("CN=" + cn + ",O=Luotsi Test,C=FI");
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            try {
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                        serial != null ? serial : BigInteger.valueOf(SERIALS.incrementAndGet()),
                        Date.from(notBefore), Date.from(notAfter), subject, subjectKeys.getPublic());
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                b.addExtension(Extension.subjectKeyIdentifier, false,
                        ext.createSubjectKeyIdentifier(subjectKeys.getPublic()));
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                int usage = keyUsage != null ? keyUsage
                        : ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                        : KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
                b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                if (!purposes.isEmpty()) {
                    b.addExtension(Extension.extendedKeyUsage, criticalPurposes,
                            new ExtendedKeyUsage(purposes.toArray(new KeyPurposeId[0])));
                }
                if (ocspUrl != null) {
                    b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                            new AccessDescription(AccessDescription.id_ad_ocsp,
                                    new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl))));
                }
                X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(b.build(
                        new JcaContentSignerBuilder(signatureAlgorithm(issuerKeys.getPrivate()))
                                .build(issuerKeys.getPrivate())));
                List<X509Certificate> chain = new ArrayList<>();
                chain.add(certificate);
                if (issuer != null) {
                    chain.addAll(issuer.chain());
                }
                return new Issued(subjectKeys, List.copyOf(chain));
            } catch (Exception e) {
                throw new IllegalStateException("cannot issue a test certificate", e);
            }
        }
    }
}
