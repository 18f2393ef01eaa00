package io.luotsi.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
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
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
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
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.openssl.PKCS8Generator;

/**
 * A throw-away PKI for tests, made with Bouncy Castle: CAs, server and client certificates, RSA or EC keys, and every
 * file format the loaders read. Certificates are valid from an hour ago for a day unless a validity is given.
 */
final class TestPki {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    enum KeyType { RSA, EC }

    /** A key pair with its certificate chain, leaf first. */
    record Issued(KeyPair keyPair, List<X509Certificate> chain) {
        X509Certificate certificate() {
            return chain.get(0);
        }

        PrivateKey privateKey() {
            return keyPair.getPrivate();
        }

        X509Certificate[] chainArray() {
            return chain.toArray(new X509Certificate[0]);
        }
    }

    private TestPki() {
    }

    static Issued ca(String commonName) {
        KeyPair keys = keys(KeyType.EC);
        X509Certificate cert = sign(commonName, keys, commonName, keys, true, List.of(), null, validNow());
        return new Issued(keys, List.of(cert));
    }

    static Issued server(Issued ca, String... hostNames) {
        KeyPair keys = keys(KeyType.EC);
        return withChain(keys, sign("security-server", keys, cn(ca), ca.keyPair(), false, List.of(hostNames),
                KeyPurposeId.id_kp_serverAuth, validNow()), ca);
    }

    static Issued client(Issued ca, String commonName, KeyType type) {
        return client(ca, commonName, type, validNow());
    }

    static Issued client(Issued ca, String commonName, KeyType type, Instant[] validity) {
        KeyPair keys = keys(type);
        return withChain(keys, sign(commonName, keys, cn(ca), ca.keyPair(), false, List.of(),
                KeyPurposeId.id_kp_clientAuth, validity), ca);
    }

    static Instant[] validNow() {
        Instant now = Instant.now();
        return new Instant[] {now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1))};
    }

    // ---- files ----------------------------------------------------------------------------------------------

    static Path writeCertificates(Path file, X509Certificate... certificates) throws IOException {
        return writePem(file, certificates);
    }

    /** {@code BEGIN PRIVATE KEY} (PKCS#8). */
    static Path writePkcs8(Path file, PrivateKey key) throws IOException {
        return writePem(file, new JcaPKCS8Generator(key, null));
    }

    /** {@code BEGIN RSA PRIVATE KEY} (PKCS#1) or {@code BEGIN EC PRIVATE KEY} (SEC1), as OpenSSL writes them. */
    static Path writeTraditional(Path file, PrivateKey key) throws IOException {
        return writePem(file, new JcaMiscPEMGenerator(asOpensslWouldWrite(key)));
    }

    /**
     * For EC, the key as a Bouncy Castle object: its SEC1 form then names the curve and carries the public key, as
     * OpenSSL's does. Written from the JDK's own key object, the SEC1 block would leave the curve out.
     */
    static PrivateKey asOpensslWouldWrite(PrivateKey key) {
        if (!key.getAlgorithm().equals("EC")) {
            return key;
        }
        try {
            return java.security.KeyFactory.getInstance("EC", BC)
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SEC1 written from the JDK's key object: {@code BEGIN EC PRIVATE KEY} without the curve. */
    static String sec1WithoutCurve(PrivateKey key) {
        try {
            return pem(new JcaMiscPEMGenerator(key));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code BEGIN ENCRYPTED PRIVATE KEY} (PKCS#8, PBES2 with AES-256-CBC). */
    static Path writeEncryptedPkcs8(Path file, PrivateKey key, char[] password) throws IOException {
        try {
            return writePem(file, new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(
                    PKCS8Generator.AES_256_CBC).setProvider(BC).setPassword(password).build()));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Legacy OpenSSL encryption: {@code BEGIN RSA PRIVATE KEY} with {@code Proc-Type: 4,ENCRYPTED}. */
    static Path writeLegacyEncrypted(Path file, PrivateKey key, char[] password) throws IOException {
        return writePem(file, new JcaMiscPEMGenerator(asOpensslWouldWrite(key),
                new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build(password)));
    }

    static Path writePkcs12(Path file, char[] password, Issued... entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < entries.length; i++) {
                store.setKeyEntry("key-" + i, entries[i].privateKey(), password, entries[i].chainArray());
            }
            store.store(out, password);
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    private static Path writePem(Path file, Object... objects) throws IOException {
        Files.writeString(file, pem(objects), StandardCharsets.US_ASCII);
        return file;
    }

    // ---- a server for handshakes ------------------------------------------------------------------------------

    /** Presents {@code server}, trusts client certificates issued by {@code clientCa}. */
    static SSLSocketFactory serverSocketFactory(Issued server, X509Certificate clientCa) {
        try {
            char[] password = "server".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", server.privateKey(), password, server.chainArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("client-ca", clientCa);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- certificates -----------------------------------------------------------------------------------------

    private static Issued withChain(KeyPair keys, X509Certificate leaf, Issued ca) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        chain.addAll(ca.chain());
        return new Issued(keys, List.copyOf(chain));
    }

    private static String cn(Issued issued) {
        return issued.certificate().getSubjectX500Principal().getName().replaceFirst("^CN=", "");
    }

    private static X509Certificate sign(String subjectCn, KeyPair subjectKeys, String issuerCn, KeyPair issuerKeys,
                                        boolean ca, List<String> hostNames, KeyPurposeId purpose, Instant[] validity) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuerCn),
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(validity[0]), Date.from(validity[1]),
                    new X500Name("CN=" + subjectCn), subjectKeys.getPublic());
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
            if (!hostNames.isEmpty()) {
                GeneralName[] names = hostNames.stream()
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

    static KeyPair keys(KeyType type) {
        try {
            if (type == KeyType.RSA) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                return g.generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
