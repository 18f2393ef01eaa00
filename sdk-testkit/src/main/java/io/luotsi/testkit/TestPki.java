package io.luotsi.testkit;

import io.luotsi.core.ConfigurationException;
import io.luotsi.core.http.TlsConfig;
import io.luotsi.testkit.internal.AnyClientCertificate;
import io.luotsi.xroad.ClientId;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A throw-away PKI for tests, generated with Bouncy Castle: a CA, a TLS server certificate for {@code localhost},
 * {@code 127.0.0.1} and {@code ::1}, and an information system (client) TLS certificate, all on EC P-256 keys. The
 * fake Security Server uses it for HTTPS; clients trust its CA and present its client certificate.
 *
 * <pre>{@code
 * TestPki pki = TestPki.generate();
 * TlsConfig tls = pki.clientTlsConfig();              // for XRoadClient.builder().tls(tls)
 * pki.writeClientMaterial(Path.of("build/tls"));     // cert.pem, key.pem, ca.pem for luotsi --tls-dir
 * TestPki.Credential other = pki.issueClientCredential("Other IS");   // same CA, not registered anywhere
 * }</pre>
 *
 * Certificates are valid from one hour before to one year after the clock's "now". More certificates can be issued
 * from the same CA with {@link #issue}; the fake's global configuration uses
 * {@link #configurationSigningCredential(KeyType)}, {@link #ocspResponderCredential()} and
 * {@link #timeStampingCredential()}, and its message log signs with {@link #memberSigningCredential(ClientId)}, vouched
 * for by {@link #ocspResponse(X509Certificate, Instant)}.
 */
public final class TestPki {

    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final char[] STORE_PASSWORD = "luotsi".toCharArray();

    /** A private key and its certificate chain, leaf first (the CA certificate last). */
    public record Credential(PrivateKey privateKey, List<X509Certificate> chain) {
        public Credential {
            Objects.requireNonNull(privateKey, "privateKey");
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("chain is empty");
            }
        }

        public X509Certificate certificate() {
            return chain.get(0);
        }
    }

    /** What a certificate issued by {@link #issue} is for. */
    public enum Purpose {
        /** A TLS server certificate (serverAuth). */
        TLS_SERVER,
        /** A TLS client certificate (clientAuth). */
        TLS_CLIENT,
        /** A signing certificate (digitalSignature and nonRepudiation, no extended key usage). */
        SIGNING,
        /** An OCSP responder's signing certificate (digitalSignature, extended key usage OCSPSigning). */
        OCSP_SIGNING,
        /**
         * A time-stamping authority's certificate (digitalSignature and nonRepudiation, the critical extended key
         * usage timeStamping that RFC 3161 requires).
         */
        TIME_STAMPING
    }

    /** The key algorithm of an issued certificate. */
    public enum KeyType {
        /** EC on the P-256 curve (the default of everything the test PKI issues). */
        EC,
        /** RSA with 2048-bit keys. */
        RSA
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong serials = new AtomicLong(1);
    private final Credential ca;
    private final Credential server;
    private final Credential client;
    private final java.util.Map<KeyType, Credential> configurationSigning = new java.util.EnumMap<>(KeyType.class);
    private final java.util.Map<ClientId, Credential> memberSigning = new java.util.HashMap<>();
    private Credential ocspResponder;
    private Credential timeStamping;

    private TestPki(Clock clock, String caName) {
        this.clock = clock;
        KeyPair caKeys = newKeyPair(KeyType.EC);
        X500Name caSubject = name(caName);
        X509Certificate caCert = sign(caSubject, caKeys, caSubject, caKeys.getPrivate(), null, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
        this.ca = new Credential(caKeys.getPrivate(), List.of(caCert));
        this.server = issue("localhost", Purpose.TLS_SERVER, List.of("localhost", "127.0.0.1", "::1"));
        this.client = issue("Luotsi test information system", Purpose.TLS_CLIENT, List.of());
    }

    /** A new PKI with certificates valid around the current time. */
    public static TestPki generate() {
        return generate(Clock.systemUTC());
    }

    /** A new PKI with certificates valid around {@code clock}'s "now". */
    public static TestPki generate(Clock clock) {
        return new TestPki(Objects.requireNonNull(clock, "clock"), "Luotsi Fake X-Road CA");
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** The fake Security Server's TLS certificate and key. */
    public Credential serverCredential() {
        return server;
    }

    /** The information system's TLS certificate and key, accepted by default for every client. */
    public Credential clientCredential() {
        return client;
    }

    /** Another information system certificate from the same CA (not accepted unless registered for a client). */
    public Credential issueClientCredential(String commonName) {
        return issue(commonName, Purpose.TLS_CLIENT, List.of());
    }

    /**
     * Issues a certificate from this PKI's CA.
     *
     * @param commonName the subject CN (the subject also has {@code O=Luotsi test kit})
     * @param purpose    what the certificate is for
     * @param altNames   DNS names and IP addresses for the subjectAltName extension (may be empty)
     */
    public Credential issue(String commonName, Purpose purpose, List<String> altNames) {
        return issue(commonName, purpose, altNames, KeyType.EC);
    }

    /** As {@link #issue(String, Purpose, List)}, with a key of {@code keyType} (the CA's own key stays EC). */
    public Credential issue(String commonName, Purpose purpose, List<String> altNames, KeyType keyType) {
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(keyType, "keyType");
        return issue(name(commonName), purpose, altNames, keyType);
    }

    private Credential issue(X500Name subject, Purpose purpose, List<String> altNames, KeyType keyType) {
        KeyPair keys = newKeyPair(keyType);
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        X509Certificate cert = sign(subject, keys, issuer, ca.privateKey(), ca.certificate(), builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            switch (purpose) {
                case TLS_SERVER -> {
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                }
                case TLS_CLIENT -> {
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                }
                case SIGNING -> builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                case OCSP_SIGNING -> {
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
                }
                case TIME_STAMPING -> {
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                    builder.addExtension(Extension.extendedKeyUsage, true,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                }
                default -> throw new IllegalArgumentException(purpose.name());
            }
            if (!altNames.isEmpty()) {
                List<GeneralName> names = new ArrayList<>();
                for (String n : altNames) {
                    boolean ip = n.contains(":") || n.chars().allMatch(c -> c == '.' || Character.isDigit(c));
                    names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, n));
                }
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(new GeneralName[0])));
            }
        });
        return new Credential(keys.getPrivate(), List.of(cert, ca.certificate()));
    }

    /**
     * The key and certificate that sign the fake Security Server's global configuration (the Central Server's
     * configuration signing key; the anchor carries the certificate), issued on first use and then kept, one per key
     * type. The certificate is a {@link Purpose#SIGNING} certificate of this CA, {@code CN=Luotsi fake configuration
     * signing}; X-Road uses it only as a container of the public key.
     */
    public synchronized Credential configurationSigningCredential(KeyType keyType) {
        Objects.requireNonNull(keyType, "keyType");
        return configurationSigning.computeIfAbsent(keyType, t -> issue("Luotsi fake configuration signing "
                + t.name(), Purpose.SIGNING, List.of(), t));
    }

    /** The EC configuration signing credential: {@link #configurationSigningCredential(KeyType)}. */
    public Credential configurationSigningCredential() {
        return configurationSigningCredential(KeyType.EC);
    }

    /**
     * An OCSP responder certificate of this CA ({@link Purpose#OCSP_SIGNING}), issued on first use and then kept. The
     * fake's global configuration names it as the CA's OCSP responder.
     */
    public synchronized Credential ocspResponderCredential() {
        if (ocspResponder == null) {
            ocspResponder = issue("Luotsi fake OCSP responder", Purpose.OCSP_SIGNING, List.of());
        }
        return ocspResponder;
    }

    /**
     * A time-stamping authority certificate of this CA ({@link Purpose#TIME_STAMPING}), issued on first use and then
     * kept. The fake's global configuration names it as the approved TSA.
     */
    public synchronized Credential timeStampingCredential() {
        if (timeStamping == null) {
            timeStamping = issue("Luotsi fake time-stamping authority", Purpose.TIME_STAMPING, List.of());
        }
        return timeStamping;
    }

    /**
     * A member's signing certificate and key, as an X-Road Security Server holds one per member for signing messages,
     * issued on first use and then kept (one per member; a subsystem's is its member's). The subject follows X-Road's
     * default signing certificate profile ({@code EjbcaCertificateProfileInfoProvider}), which the fake's global
     * configuration names for its approved CA: {@code C} the instance, {@code O} the member class, {@code CN} the
     * member code. The certificate is a {@link Purpose#SIGNING} certificate of this CA (non-repudiation) on an EC
     * P-256 key.
     */
    public synchronized Credential memberSigningCredential(ClientId member) {
        Objects.requireNonNull(member, "member");
        return memberSigning.computeIfAbsent(member.member(), m -> {
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.C, directoryString(BCStyle.C, m.xRoadInstance()))
                    .addRDN(BCStyle.O, directoryString(BCStyle.O, m.memberClass()))
                    .addRDN(BCStyle.CN, directoryString(BCStyle.CN, m.memberCode()))
                    .build();
            return issue(subject, Purpose.SIGNING, List.of(), KeyType.EC);
        });
    }

    /**
     * A DER OCSP response about {@code certificate} (issued by this CA) as an X-Road OCSP responder gives one: signed
     * by {@link #ocspResponderCredential()}, responder id by name, one single response with a SHA-1 certificate id, status
     * good, produced and {@code thisUpdate} at {@code producedAt}, {@code nextUpdate} an hour later.
     *
     * @throws IllegalArgumentException when this CA did not issue the certificate
     */
    public byte[] ocspResponse(X509Certificate certificate, Instant producedAt) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(producedAt, "producedAt");
        try {
            certificate.verify(ca.certificate().getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("this test CA did not issue " + certificate.getSubjectX500Principal(),
                    e);
        }
        Credential responder = ocspResponderCredential();
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(ca.certificate()),
                    certificate.getSerialNumber());
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(
                    new JcaX509CertificateHolder(responder.certificate()).getSubject()));
            builder.addResponse(id, CertificateStatus.GOOD, Date.from(producedAt),
                    Date.from(producedAt.plus(Duration.ofHours(1))), null);
            var basic = builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
                    .build(responder.privateKey()), null, Date.from(producedAt));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OperatorCreationException | OCSPException | GeneralSecurityException | IOException e) {
            throw new ConfigurationException("cannot make a test OCSP response: " + e.getMessage(), e);
        }
    }

    /**
     * TLS for a client of the fake Security Server: trusts this CA, presents {@link #clientCredential()}.
     */
    public TlsConfig clientTlsConfig() {
        return clientTlsConfig(client);
    }

    /** TLS for a client that presents {@code credential}. */
    public TlsConfig clientTlsConfig(Credential credential) {
        return TlsConfig.of(keyManager(credential), trustManager());
    }

    /** TLS for a client that trusts this CA and presents no certificate. */
    public TlsConfig trustOnlyTlsConfig() {
        return TlsConfig.trustOnly(trustManager());
    }

    /** A trust manager that trusts exactly this PKI's CA. */
    public X509TrustManager trustManager() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new ConfigurationException("no X509TrustManager available");
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigurationException("cannot build trust manager: " + e.getMessage(), e);
        }
    }

    /** A key manager presenting {@code credential}. */
    public static X509KeyManager keyManager(Credential credential) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", credential.privateKey(), STORE_PASSWORD,
                    credential.chain().toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, STORE_PASSWORD);
            for (KeyManager km : kmf.getKeyManagers()) {
                if (km instanceof X509KeyManager x509) {
                    return x509;
                }
            }
            throw new ConfigurationException("no X509KeyManager available");
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigurationException("cannot build key manager: " + e.getMessage(), e);
        }
    }

    /**
     * The server side of the fake's HTTPS: presents {@link #serverCredential()}, asks for a client certificate and
     * accepts any at the TLS level (X-Road's client proxy checks it per client afterwards).
     */
    SSLContext serverSslContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new KeyManager[] {keyManager(server)}, new TrustManager[] {new AnyClientCertificate()}, random);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("cannot create the server TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the client material in the layout {@code luotsi --tls-dir} reads: {@code cert.pem} (the client
     * certificate chain, leaf first), {@code key.pem} (its PKCS#8 private key, unencrypted, readable by the owner
     * only where the file system supports it) and {@code ca.pem} (the CA certificate). Creates the directory.
     *
     * @throws ConfigurationException when the files cannot be written
     */
    public void writeClientMaterial(Path directory) {
        writeMaterial(directory, client);
    }

    /** Writes {@code credential} in the layout of {@link #writeClientMaterial(Path)}. */
    public void writeMaterial(Path directory, Credential credential) {
        Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
            StringBuilder chain = new StringBuilder();
            for (X509Certificate c : credential.chain()) {
                chain.append(pem("CERTIFICATE", c.getEncoded()));
            }
            Files.writeString(directory.resolve("cert.pem"), chain, StandardCharsets.US_ASCII);
            Path key = directory.resolve("key.pem");
            Files.writeString(key, pem("PRIVATE KEY", credential.privateKey().getEncoded()), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(key,
                        EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system: the file keeps the default permissions.
            }
            Files.writeString(directory.resolve("ca.pem"), pem("CERTIFICATE", ca.certificate().getEncoded()),
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigurationException("cannot write TLS material to " + directory + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("cannot encode certificate: " + e.getMessage(), e);
        }
    }

    /** PEM text of DER bytes: {@code -----BEGIN type-----}, base64 in 64-character lines, {@code -----END type-----}. */
    public static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException;
    }

    private X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
                                 X509Certificate issuerCert, Extensions extensions) {
        Instant now = clock.instant();
        BigInteger serial = BigInteger.valueOf(serials.getAndIncrement()).shiftLeft(32)
                .or(BigInteger.valueOf(random.nextInt() & 0x7fffffff));
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(365))), subject,
                    subjectKeys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            if (issuerCert != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuerCert));
            }
            extensions.add(builder);
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuerKey)));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new ConfigurationException("cannot issue test certificate " + subject + ": " + e.getMessage(), e);
        }
    }

    /** A PrintableString where the value allows it (as CAs encode countries), else a UTF8String. */
    private static ASN1Encodable directoryString(org.bouncycastle.asn1.ASN1ObjectIdentifier type, String value) {
        if (type.equals(BCStyle.C) && DERPrintableString.isPrintableString(value)) {
            return new DERPrintableString(value);
        }
        return new DERUTF8String(value);
    }

    /** {@code CN=commonName, O=Luotsi test kit}, encoded organisation first as usual. */
    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Luotsi test kit")
                .addRDN(BCStyle.CN, commonName).build();
    }

    private KeyPair newKeyPair(KeyType type) {
        try {
            if (type == KeyType.RSA) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, random);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("cannot generate an " + type + " key: " + e.getMessage(), e);
        }
    }
}
