package io.luotsi.xroad.evidence.asic;

import io.luotsi.auth.CertificateChain;
import io.luotsi.auth.KeyMaterial;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A test PKI shaped like X-Road's test PKI: a CA, its OCSP responder, a time-stamping authority and member signing
 * certificates with FiVRK subjects ({@code C=FI, O=..., CN=memberCode, serialNumber=INSTANCE/serverCode/CLASS}), with RSA
 * keys, at fixed times. Made with Bouncy Castle, in tests only.
 */
final class TestPki {

    /** The time containers are written and time-stamped at. */
    static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");

    private static final AtomicLong SERIALS = new AtomicLong(100);

    record Issued(KeyPair keys, X509Certificate certificate) {
        KeyMaterial keyMaterial() {
            return KeyMaterial.of(keys.getPrivate(), CertificateChain.of(certificate));
        }
    }

    private TestPki() {
    }

    /**
     * RSA-2048 keys: slower to make than EC keys, but their signatures verify many times faster in the JDK, which
     * matters to tests that verify thousands of containers.
     */
    static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Issued ca(String dn) {
        return issue(null, dn, keys(), NOW.minus(Duration.ofDays(365)), NOW.plus(Duration.ofDays(3650)),
                KeyUsage.keyCertSign | KeyUsage.cRLSign, null, true);
    }

    static Issued ocspResponder(Issued ca) {
        return issue(ca, "O=Test,CN=Test OCSP", keys(), NOW.minus(Duration.ofDays(30)),
                NOW.plus(Duration.ofDays(365)), KeyUsage.digitalSignature, KeyPurposeId.id_kp_OCSPSigning, false);
    }

    static Issued tsa(Issued ca) {
        return issue(ca, "O=Test,CN=Test TSA", keys(), NOW.minus(Duration.ofDays(30)),
                NOW.plus(Duration.ofDays(365)), KeyUsage.digitalSignature, KeyPurposeId.id_kp_timeStamping, false);
    }

    /** A member's signing certificate: non-repudiation, FiVRK subject. */
    static Issued signing(Issued ca, String instance, String memberClass, String memberCode) {
        return signing(ca, "C=FI,O=Test member " + memberCode + ",CN=" + memberCode + ",serialNumber=" + instance
                + "/ss1/" + memberClass, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)),
                KeyUsage.nonRepudiation);
    }

    static Issued signing(Issued ca, String dn, Instant notBefore, Instant notAfter, int keyUsage) {
        return issue(ca, dn, keys(), notBefore, notAfter, keyUsage, null, false);
    }

    private static Issued issue(Issued issuer, String dn, KeyPair keys, Instant notBefore, Instant notAfter,
                                int keyUsage, KeyPurposeId purpose, boolean ca) {
        try {
            X500Name subject = new X500Name(dn);
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            KeyPair signing = issuer == null ? keys : issuer.keys();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
                    keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(signing.getPublic()));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            if (purpose != null) {
                b.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(purpose));
            }
            X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withRSA")
                    .build(signing.getPrivate()));
            return new Issued(keys, new JcaX509CertificateConverter().getCertificate(holder));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    /** A DER OCSP response about {@code subject} (issued by {@code ca}), signed by {@code responder}, no certificates. */
    static byte[] ocsp(X509Certificate subject, Issued ca, Issued responder, CertificateStatus status,
                       Instant thisUpdate, Instant nextUpdate) {
        try {
            var digests = new JcaDigestCalculatorProviderBuilder().build();
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(ca.certificate()), subject.getSerialNumber());
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(
                    new JcaX509CertificateHolder(responder.certificate()).getSubject()));
            b.addResponse(id, status, Date.from(thisUpdate), nextUpdate == null ? null : Date.from(nextUpdate), null);
            var basic = b.build(new JcaContentSignerBuilder("SHA256withRSA").build(responder.keys().getPrivate()),
                    null, Date.from(thisUpdate));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a test OCSP response", e);
        }
    }

    /** A good response, five minutes old at {@link #NOW}, valid for an hour. */
    static byte[] goodOcsp(X509Certificate subject, Issued ca, Issued responder) {
        return ocsp(subject, ca, responder, CertificateStatus.GOOD, NOW.minus(Duration.ofMinutes(5)),
                NOW.plus(Duration.ofHours(1)));
    }
}
