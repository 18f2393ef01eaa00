package io.luotsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `luotsi jws sign|verify` with a throw-away CA and signer, valid around now. */
class JwsCommandTest {

    @TempDir
    static Path dir;
    static Path caPem;
    static Path otherCaPem;
    static Path ecKey;
    static Path ecCert;
    static Path rsaKey;
    static Path rsaCert;
    static Path rsaP12;
    static Path payload;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(byte[] stdin, String... args) {
        return Luotsi.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        return run(new byte[0], args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void pki() throws Exception {
        KeyPair ca = keys("EC");
        X509Certificate caCert = certificate("CN=JWS CA", ca, "CN=JWS CA", ca, true);
        KeyPair other = keys("EC");
        X509Certificate otherCert = certificate("CN=Other CA", other, "CN=Other CA", other, true);
        KeyPair ec = keys("EC");
        X509Certificate ecSigner = certificate("CN=ec signer,O=Luotsi Test", ec, "CN=JWS CA", ca, false);
        KeyPair rsa = keys("RSA");
        X509Certificate rsaSigner = certificate("CN=rsa signer,O=Luotsi Test", rsa, "CN=JWS CA", ca, false);

        caPem = pem(dir.resolve("ca.pem"), caCert);
        otherCaPem = pem(dir.resolve("other-ca.pem"), otherCert);
        ecKey = pem(dir.resolve("ec-key.pem"), ec.getPrivate());
        ecCert = pem(dir.resolve("ec-cert.pem"), ecSigner, caCert);
        rsaKey = pem(dir.resolve("rsa-key.pem"), rsa.getPrivate());
        rsaCert = pem(dir.resolve("rsa-cert.pem"), rsaSigner, caCert);
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry("signer", rsa.getPrivate(), new char[0], new X509Certificate[] {rsaSigner, caCert});
        rsaP12 = dir.resolve("rsa.p12");
        try (var o = Files.newOutputStream(rsaP12)) {
            p12.store(o, new char[0]);
        }
        payload = Files.writeString(dir.resolve("payload.json"), "{\"hello\":\"world\"}");
    }

    @Test
    void signsCompactAndVerifies() throws IOException {
        assertThat(run("jws", "sign", "--key", ecKey.toString(), "--cert", ecCert.toString(), payload.toString()))
                .as(() -> err.toString(StandardCharsets.UTF_8)).isZero();
        String jws = stdout().strip();
        assertThat(jws.split("\\.")).hasSize(3);

        Path token = Files.writeString(dir.resolve("compact.jws"), jws);
        out.reset();
        assertThat(run("jws", "verify", "--trust", caPem.toString(), token.toString())).isZero();
        assertThat(stdout()).isEqualTo("VALID subject=O=Luotsi Test,CN=ec signer alg=ES256\n");
    }

    @Test
    void signsDetachedWithTheChosenAlgorithmAndVerifiesFromStandardInput() {
        assertThat(run("jws", "sign", "--key", rsaKey.toString(), "--cert", rsaCert.toString(), "--alg", "PS256",
                "--detached", payload.toString())).as(() -> err.toString(StandardCharsets.UTF_8)).isZero();
        String jws = stdout().strip();
        assertThat(jws).contains("..");

        out.reset();
        assertThat(run(jws.getBytes(StandardCharsets.US_ASCII), "jws", "verify", "--trust", caPem.toString(),
                "--payload", payload.toString(), "-")).isZero();
        assertThat(stdout()).isEqualTo("VALID subject=O=Luotsi Test,CN=rsa signer alg=PS256\n");
    }

    @Test
    void signsStandardInputWithAPkcs12Key() {
        assertThat(run("hello".getBytes(StandardCharsets.UTF_8), "jws", "sign", "--key", rsaP12.toString(),
                "--password-env", "LUOTSI_TEST_UNSET_PASSWORD_VARIABLE", "-")).isZero();
        String jws = stdout().strip();

        out.reset();
        assertThat(run(jws.getBytes(StandardCharsets.US_ASCII), "jws", "verify", "--trust", caPem.toString(), "-"))
                .isZero();
        assertThat(stdout()).isEqualTo("VALID subject=O=Luotsi Test,CN=rsa signer alg=RS256\n");
    }

    @Test
    void anotherPayloadIsAnInvalidSignature() throws IOException {
        run("jws", "sign", "--key", ecKey.toString(), "--cert", ecCert.toString(), "--detached", payload.toString());
        String jws = stdout().strip();
        Path other = Files.writeString(dir.resolve("other.json"), "{\"hello\":\"mars\"}");

        out.reset();
        int code = run(jws.getBytes(StandardCharsets.US_ASCII), "jws", "verify", "--trust", caPem.toString(),
                "--payload", other.toString(), "-");

        assertThat(code).isEqualTo(2);
        assertThat(stdout()).isEqualTo("INVALID jws_invalid_signature\n");
    }

    @Test
    void anUntrustedSignerIsRefused() {
        run("jws", "sign", "--key", ecKey.toString(), "--cert", ecCert.toString(), payload.toString());
        String jws = stdout().strip();

        out.reset();
        int code = run(jws.getBytes(StandardCharsets.US_ASCII), "jws", "verify", "--trust", otherCaPem.toString(),
                "-");

        assertThat(code).isEqualTo(2);
        assertThat(stdout()).isEqualTo("INVALID jws_untrusted_chain\n");
    }

    @Test
    void aDetachedJwsWithoutItsPayloadIsMalformed() {
        run("jws", "sign", "--key", ecKey.toString(), "--cert", ecCert.toString(), "--detached", payload.toString());
        String jws = stdout().strip();

        out.reset();
        assertThat(run(jws.getBytes(StandardCharsets.US_ASCII), "jws", "verify", "--trust", caPem.toString(), "-"))
                .isEqualTo(2);
        assertThat(stdout()).isEqualTo("INVALID jws_malformed\n");
    }

    @Test
    void anUnknownAlgorithmIsAUsageErrorAndAKeyForAnotherAlgorithmAConfigurationError() {
        assertThat(run("jws", "sign", "--key", ecKey.toString(), "--cert", ecCert.toString(), "--alg", "HS256",
                payload.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("RS256, PS256, ES256 or EdDSA");

        err.reset();
        assertThat(run("jws", "sign", "--key", ecKey.toString(), "--cert", ecCert.toString(), "--alg", "RS256",
                payload.toString())).isEqualTo(6);
        assertThat(stdout()).isEmpty();
    }

    @Test
    void aPemKeyNeedsItsCertificate() {
        assertThat(run("jws", "sign", "--key", ecKey.toString(), payload.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--cert is required");
    }

    @Test
    void aMissingKeyFileIsAConfigurationError() {
        assertThat(run("jws", "sign", "--key", dir.resolve("missing.pem").toString(), "--cert", ecCert.toString(),
                payload.toString())).isEqualTo(6);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("luotsi jws sign:");
    }

    private static KeyPair keys(String type) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(type);
        if (type.equals("EC")) {
            g.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            g.initialize(2048);
        }
        return g.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
                                               boolean ca) throws Exception {
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
                new X500Name(subject), subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign
                : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        String alg = issuerKeys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(alg).build(issuerKeys.getPrivate())));
    }

    private static Path pem(Path file, Object... objects) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            for (Object o : objects) {
                if (o instanceof java.security.PrivateKey key) {
                    pem.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
                } else {
                    pem.writeObject(o);
                }
            }
        }
        return Files.writeString(file, w.toString());
    }
}
