package io.luotsi.core.http;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for TLS tests, made with Bouncy Castle: a CA, and server and client certificates it issues, valid
 * from an hour ago for a day. Keys are EC P-256 unless RSA is asked for.
 */
final class TestPki {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    /** A key pair with its certificate chain, leaf first. */
    record Issued(KeyPair keyPair, List<X509Certificate> chain) {
        X509Certificate certificate() {
            return chain.get(0);
        }

        X509KeyManager keyManager() {
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore(), PASSWORD);
                return (X509KeyManager) kmf.getKeyManagers()[0];
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        KeyStore keyStore() throws GeneralSecurityException {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try {
                ks.load(null, null);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            ks.setKeyEntry("key", keyPair.getPrivate(), PASSWORD, chain.toArray(new X509Certificate[0]));
            return ks;
        }
    }

    private static final char[] PASSWORD = "test".toCharArray();

    private TestPki() {
    }

    static Issued ca(String commonName) {
        KeyPair keys = ecKeys();
        return new Issued(keys, List.of(sign(commonName, keys, commonName, keys, true, List.of(), null)));
    }

    static Issued server(Issued ca, String... dnsNames) {
        KeyPair keys = ecKeys();
        X509Certificate cert = sign("server", keys, subjectOf(ca), ca.keyPair(), false, List.of(dnsNames),
                KeyPurposeId.id_kp_serverAuth);
        return withChain(keys, cert, ca);
    }

    static Issued client(Issued ca, String commonName, boolean rsa) {
        KeyPair keys = rsa ? rsaKeys() : ecKeys();
        X509Certificate cert = sign(commonName, keys, subjectOf(ca), ca.keyPair(), false, List.of(),
                KeyPurposeId.id_kp_clientAuth);
        return withChain(keys, cert, ca);
    }

    static X509TrustManager trusting(X509Certificate... anchors) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < anchors.length; i++) {
                ks.setCertificateEntry("ca-" + i, anchors[i]);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return (X509TrustManager) tmf.getTrustManagers()[0];
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server socket factory presenting {@code server}, trusting client certificates issued by {@code clientCa}. */
    static SSLSocketFactory serverSocketFactory(Issued server, X509Certificate clientCa) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new javax.net.ssl.KeyManager[] {server.keyManager()},
                    new javax.net.ssl.TrustManager[] {trusting(clientCa)}, null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Issued withChain(KeyPair keys, X509Certificate leaf, Issued ca) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        chain.addAll(ca.chain());
        return new Issued(keys, List.copyOf(chain));
    }

    private static String subjectOf(Issued issued) {
        return issued.certificate().getSubjectX500Principal().getName().replaceFirst("^CN=", "");
    }

    private static X509Certificate sign(String subjectCn, KeyPair subjectKeys, String issuerCn, KeyPair issuerKeys,
                                        boolean ca, List<String> dnsNames, KeyPurposeId purpose) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuerCn),
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=" + subjectCn),
                    subjectKeys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false,
                    ext.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (purpose != null) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            if (!dnsNames.isEmpty()) {
                GeneralName[] names = dnsNames.stream()
                        .map(n -> n.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, n)
                                : new GeneralName(GeneralName.dNSName, n))
                        .toArray(GeneralName[]::new);
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            String algorithm = issuerKeys.getPrivate().getAlgorithm().equals("RSA")
                    ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
