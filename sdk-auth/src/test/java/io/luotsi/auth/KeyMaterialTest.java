package io.luotsi.auth;

import static io.luotsi.auth.Secrets.assertNotDisclosed;
import static io.luotsi.auth.Secrets.assertPairs;
import static io.luotsi.auth.Secrets.base64Of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.auth.TestPki.Issued;
import io.luotsi.auth.TestPki.KeyType;
import io.luotsi.core.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class KeyMaterialTest {

    private static final String PASSWORD = "s3cret-Pässwörd";
    /** The JDK's PKCS#12 support takes ASCII passwords only. */
    private static final String P12_PASSWORD = "s3cret-p12-password";

    private static Issued ca;
    private static Issued rsa;
    private static Issued ec;

    @TempDir
    Path dir;

    @BeforeAll
    static void issue() {
        ca = TestPki.ca("Test Information System CA");
        rsa = TestPki.client(ca, "rsa-client", KeyType.RSA);
        ec = TestPki.client(ca, "ec-client", KeyType.EC);
    }

    private static Issued of(KeyType type) {
        return type == KeyType.RSA ? rsa : ec;
    }

    /** How a key file is written, and the line that proves the file is in that format. */
    enum KeyFormat {
        PKCS8("-----BEGIN PRIVATE KEY-----", false),
        TRADITIONAL("-----BEGIN %s PRIVATE KEY-----", false),
        ENCRYPTED_PKCS8("-----BEGIN ENCRYPTED PRIVATE KEY-----", true),
        LEGACY_ENCRYPTED("Proc-Type: 4,ENCRYPTED", true);

        final String marker;
        final boolean encrypted;

        KeyFormat(String marker, boolean encrypted) {
            this.marker = marker;
            this.encrypted = encrypted;
        }

        Path write(Path file, Issued issued) throws IOException {
            return switch (this) {
                case PKCS8 -> TestPki.writePkcs8(file, issued.privateKey());
                case TRADITIONAL -> TestPki.writeTraditional(file, issued.privateKey());
                case ENCRYPTED_PKCS8 -> TestPki.writeEncryptedPkcs8(file, issued.privateKey(), PASSWORD.toCharArray());
                case LEGACY_ENCRYPTED -> TestPki.writeLegacyEncrypted(file, issued.privateKey(),
                        PASSWORD.toCharArray());
            };
        }
    }

    static Stream<Arguments> keyFormats() {
        return Stream.of(KeyType.values())
                .flatMap(type -> Stream.of(KeyFormat.values()).map(format -> Arguments.of(type, format)));
    }

    @Nested
    class FromPem {

        @ParameterizedTest(name = "{0} key as {1}")
        @MethodSource("io.luotsi.auth.KeyMaterialTest#keyFormats")
        void readsEveryKeyFormat(KeyType type, KeyFormat format) throws IOException {
            Issued client = of(type);
            Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), client.chainArray());
            Path key = format.write(dir.resolve("key.pem"), client);
            assertThat(Files.readString(key)).contains(String.format(format.marker, type.name()));

            KeyMaterial material = KeyMaterial.fromPem(cert, key, format.encrypted ? PASSWORD.toCharArray() : null);

            assertPairs(material.privateKey(), client.certificate().getPublicKey());
            assertThat(material.privateKey().getAlgorithm()).isEqualTo(type.name());
            assertThat(material.certificate()).isEqualTo(client.certificate());
            assertThat(material.certificateChain().certificates()).containsExactlyElementsOf(client.chain());
        }

        @Test
        void readsAnEcKeyPrecededByItsParametersBlockAsOpensslWritesIt() throws IOException {
            Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), ec.chainArray());
            Path key = dir.resolve("key.pem");
            Files.writeString(key, TestPki.pem(new PemObject("EC PARAMETERS",
                    X9ObjectIdentifiers.prime256v1.getEncoded()), new org.bouncycastle.openssl.jcajce
                    .JcaMiscPEMGenerator(TestPki.asOpensslWouldWrite(ec.privateKey()))));

            assertPairs(KeyMaterial.fromPem(cert, key).privateKey(), ec.certificate().getPublicKey());
        }

        @Test
        void takesTheCurveOfAnEcKeyThatLacksOneFromTheParametersBlock() throws IOException {
            Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), ec.chainArray());
            Path withBlock = dir.resolve("key.pem");
            Files.writeString(withBlock, TestPki.pem(new PemObject("EC PARAMETERS",
                    X9ObjectIdentifiers.prime256v1.getEncoded())) + TestPki.sec1WithoutCurve(ec.privateKey()));
            Path without = Files.writeString(dir.resolve("no-curve.pem"), TestPki.sec1WithoutCurve(ec.privateKey()));

            assertPairs(KeyMaterial.fromPem(cert, withBlock).privateKey(), ec.certificate().getPublicKey());
            assertThatThrownBy(() -> KeyMaterial.fromPem(cert, without))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(without + ": the EC private key does not name its curve (and the file has no EC "
                            + "PARAMETERS block)");
        }

        @Test
        void acceptsAKeyFileThatAlsoHoldsTheCertificate() throws IOException {
            Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), rsa.chainArray());
            Path key = dir.resolve("key.pem");
            Files.writeString(key, TestPki.pem(rsa.certificate(),
                    new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(rsa.privateKey(), null)));

            assertThat(KeyMaterial.fromPem(cert, key).certificate()).isEqualTo(rsa.certificate());
        }

        @ParameterizedTest
        @EnumSource(value = KeyFormat.class, names = {"ENCRYPTED_PKCS8", "LEGACY_ENCRYPTED"})
        void aWrongPasswordNamesTheFileButNotThePassword(KeyFormat format) throws IOException {
            Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), rsa.chainArray());
            Path key = format.write(dir.resolve("key.pem"), rsa);

            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> KeyMaterial.fromPem(cert, key, "wrong-password-123".toCharArray()));

            assertThat(e.getMessage()).startsWith(key.toString()).contains("wrong password");
            assertNotDisclosed(e, "wrong-password-123", PASSWORD, base64Of(rsa.privateKey()));
        }

        @ParameterizedTest
        @EnumSource(value = KeyFormat.class, names = {"ENCRYPTED_PKCS8", "LEGACY_ENCRYPTED"})
        void anEncryptedKeyWithoutAPasswordAsksForOne(KeyFormat format) throws IOException {
            Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), ec.chainArray());
            Path key = format.write(dir.resolve("key.pem"), ec);

            assertThatThrownBy(() -> KeyMaterial.fromPem(cert, key))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(key.toString()).hasMessageContaining("encrypted")
                    .hasMessageContaining("password");
        }

        @Test
        void aKeyOfAnotherCertificateIsRefused() throws IOException {
            Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), rsa.chainArray());
            Path key = TestPki.writePkcs8(dir.resolve("key.pem"), ec.privateKey());
            Path otherRsa = TestPki.writePkcs8(dir.resolve("other.pem"),
                    TestPki.keys(KeyType.RSA).getPrivate());

            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> KeyMaterial.fromPem(cert, key));
            ConfigurationException sameAlgorithm = catchThrowableOfType(ConfigurationException.class,
                    () -> KeyMaterial.fromPem(cert, otherRsa));

            assertThat(e.getMessage()).contains(key.toString()).contains(cert.toString())
                    .contains("does not belong to the certificate")
                    .contains("serial 0x" + rsa.certificate().getSerialNumber().toString(16));
            assertThat(sameAlgorithm.getMessage()).contains("does not belong");
            assertNotDisclosed(e, base64Of(ec.privateKey()));
        }

        @Test
        void aKeyOfALaterCertificateInTheChainSaysSo() throws IOException {
            Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), rsa.chainArray());
            Path key = TestPki.writePkcs8(dir.resolve("key.pem"), ca.privateKey());

            assertThatThrownBy(() -> KeyMaterial.fromPem(cert, key))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("belongs to certificate #2");
        }

        @Test
        void aChainOutOfOrderIsRefused() throws IOException {
            Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), ca.certificate(), rsa.certificate());
            Path key = TestPki.writePkcs8(dir.resolve("key.pem"), rsa.privateKey());

            assertThatThrownBy(() -> KeyMaterial.fromPem(cert, key))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(cert.toString())
                    .hasMessageContaining("did not issue certificate #1")
                    .hasMessageContaining("leaf first");
        }

        @Test
        void aFileWithTwoKeysIsRefused() throws IOException {
            Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), rsa.chainArray());
            Path key = dir.resolve("key.pem");
            Files.writeString(key, TestPki.pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
                    rsa.privateKey(), null), new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(ec.privateKey(),
                    null)));

            assertThatThrownBy(() -> KeyMaterial.fromPem(cert, key))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("2 private keys");
        }

        @Test
        void aKeyFileWithoutAKeySaysWhatItFound() throws IOException {
            Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), rsa.chainArray());
            Path onlyCertificate = TestPki.writeCertificates(dir.resolve("key.pem"), rsa.certificate());
            Path publicKey = dir.resolve("public.pem");
            Files.writeString(publicKey, TestPki.pem(rsa.certificate().getPublicKey()));

            assertThatThrownBy(() -> KeyMaterial.fromPem(cert, onlyCertificate))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(onlyCertificate + ": contains no private key (found: certificate)");
            assertThatThrownBy(() -> KeyMaterial.fromPem(cert, publicKey))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(publicKey + ": contains no private key (found: public key)");
        }

        @Test
        void aPrivateKeyInTheCertificateFileIsRefused() throws IOException {
            Path cert = dir.resolve("cert.pem");
            Files.writeString(cert, TestPki.pem(rsa.certificate(),
                    new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(rsa.privateKey(), null)));
            Path key = TestPki.writePkcs8(dir.resolve("key.pem"), rsa.privateKey());

            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> KeyMaterial.fromPem(cert, key));

            assertThat(e.getMessage()).startsWith(cert.toString()).contains("contains a private key");
            assertNotDisclosed(e, base64Of(rsa.privateKey()));
        }

        @Test
        void filesThatAreNotPemAreNamed() throws Exception {
            Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), rsa.chainArray());
            Path text = Files.writeString(dir.resolve("text.pem"), "just some text\n");
            Path der = Files.write(dir.resolve("der.pem"), rsa.certificate().getEncoded());
            Path empty = Files.write(dir.resolve("empty.pem"), new byte[0]);

            for (Path notPem : List.of(text, der, empty)) {
                assertThatThrownBy(() -> KeyMaterial.fromPem(cert, notPem))
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageStartingWith(notPem + ": contains no PEM data");
                assertThatThrownBy(() -> KeyMaterial.fromPem(notPem, cert))
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageStartingWith(notPem + ": contains no PEM data");
            }
        }

        @Test
        void corruptPemIsNamedWithoutQuotingIt() throws IOException {
            Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), rsa.chainArray());
            String pkcs8 = TestPki.pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(rsa.privateKey(), null));
            String[] lines = pkcs8.split("\n");
            Path truncated = Files.writeString(dir.resolve("truncated.pem"),
                    lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n" + lines[lines.length - 1] + "\n");
            Path badBase64 = Files.writeString(dir.resolve("bad.pem"),
                    "-----BEGIN PRIVATE KEY-----\n!!not*base64!!\n-----END PRIVATE KEY-----\n");
            Path unknown = Files.writeString(dir.resolve("unknown.pem"),
                    "-----BEGIN SOMETHING ODD-----\nAAAA\n-----END SOMETHING ODD-----\n");

            for (Path corrupt : List.of(truncated, badBase64, unknown)) {
                ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                        () -> KeyMaterial.fromPem(cert, corrupt));
                assertThat(e).as(corrupt.toString()).isNotNull();
                assertThat(e.getMessage()).startsWith(corrupt.toString());
                assertNotDisclosed(e, lines[1].substring(0, 40), lines[2].substring(0, 40));
            }
        }

        @Test
        void missingAndWrongKindsOfFilesAreNamed() throws IOException {
            Path cert = TestPki.writeCertificates(dir.resolve("cert.pem"), rsa.chainArray());
            Path missing = dir.resolve("missing.pem");
            Path big = Files.write(dir.resolve("big.pem"), new byte[(int) MaterialFiles.MAX_BYTES + 1]);

            assertThatThrownBy(() -> KeyMaterial.fromPem(cert, missing))
                    .isInstanceOf(ConfigurationException.class).hasMessage(missing + ": file not found");
            assertThatThrownBy(() -> KeyMaterial.fromPem(missing, cert))
                    .isInstanceOf(ConfigurationException.class).hasMessage(missing + ": file not found");
            assertThatThrownBy(() -> KeyMaterial.fromPem(cert, dir))
                    .isInstanceOf(ConfigurationException.class).hasMessage(dir + ": is a directory, not a file");
            assertThatThrownBy(() -> KeyMaterial.fromPem(cert, big))
                    .isInstanceOf(ConfigurationException.class).hasMessageStartingWith(big + ": is ")
                    .hasMessageContaining("larger than");
        }
    }

    @Nested
    class FromPkcs12 {

        @ParameterizedTest
        @EnumSource(KeyType.class)
        void readsTheOnlyKeyEntry(KeyType type) throws IOException {
            Issued client = of(type);
            Path p12 = TestPki.writePkcs12(dir.resolve("client.p12"), P12_PASSWORD.toCharArray(), client);

            KeyMaterial material = KeyMaterial.fromPkcs12(p12, P12_PASSWORD.toCharArray());

            assertPairs(material.privateKey(), client.certificate().getPublicKey());
            assertThat(material.certificateChain().certificates()).containsExactlyElementsOf(client.chain());
        }

        @Test
        void aWrongPasswordNamesTheFileButNotThePassword() throws IOException {
            Path p12 = TestPki.writePkcs12(dir.resolve("client.p12"), P12_PASSWORD.toCharArray(), rsa);

            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> KeyMaterial.fromPkcs12(p12, "wrong-password-123".toCharArray()));

            assertThat(e.getMessage()).isEqualTo(p12 + ": wrong password for the PKCS#12 file");
            assertNotDisclosed(e, "wrong-password-123", P12_PASSWORD);
        }

        @Test
        void severalKeysNeedAnAlias() throws IOException {
            Path p12 = TestPki.writePkcs12(dir.resolve("client.p12"), P12_PASSWORD.toCharArray(), rsa, ec);

            assertThatThrownBy(() -> KeyMaterial.fromPkcs12(p12, P12_PASSWORD.toCharArray()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("2 private key entries").hasMessageContaining("key-0")
                    .hasMessageContaining("key-1");
            assertThat(KeyMaterial.fromPkcs12(p12, P12_PASSWORD.toCharArray(), "key-1").certificate())
                    .isEqualTo(ec.certificate());
            assertThatThrownBy(() -> KeyMaterial.fromPkcs12(p12, P12_PASSWORD.toCharArray(), "nope"))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("'nope'");
        }

        @Test
        void aNonAsciiPasswordIsRefusedWithAReasonNotAsWrong() throws IOException {
            Path p12 = TestPki.writePkcs12(dir.resolve("client.p12"), P12_PASSWORD.toCharArray(), rsa);

            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> KeyMaterial.fromPkcs12(p12, "pässword".toCharArray()));

            assertThat(e.getMessage()).startsWith(p12.toString()).contains("ASCII").doesNotContain("wrong password");
            assertNotDisclosed(e, "pässword");
        }

        @Test
        void aFileWithoutAKeyOrNotPkcs12IsNamed() throws Exception {
            Path certOnly = dir.resolve("certs.p12");
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", ca.certificate());
            try (var out = Files.newOutputStream(certOnly)) {
                store.store(out, P12_PASSWORD.toCharArray());
            }
            Path pem = TestPki.writeCertificates(dir.resolve("cert.pem"), rsa.chainArray());

            assertThatThrownBy(() -> KeyMaterial.fromPkcs12(certOnly, P12_PASSWORD.toCharArray()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(certOnly + ": contains no private key entry");
            assertThatThrownBy(() -> KeyMaterial.fromPkcs12(pem, P12_PASSWORD.toCharArray()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith(pem + ": not a readable PKCS#12 file");
            assertThatThrownBy(() -> KeyMaterial.fromPkcs12(dir.resolve("none.p12"), P12_PASSWORD.toCharArray()))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("file not found");
        }
    }

    @Test
    void ofChecksThatTheKeyBelongsToTheLeaf() {
        CertificateChain chain = new CertificateChain(rsa.chain());

        assertThat(KeyMaterial.of(rsa.privateKey(), chain).certificateChain()).isEqualTo(chain);
        assertThatThrownBy(() -> KeyMaterial.of(ec.privateKey(), chain))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> KeyMaterial.of(ca.privateKey(), chain))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyMaterial.of(null, chain)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("privateKey");
    }

    @Test
    void toStringNeverShowsTheKey() {
        KeyMaterial material = KeyMaterial.of(rsa.privateKey(), new CertificateChain(rsa.chain()));
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.privateKey();

        assertThat(material.toString()).contains("RSA key")
                .contains("serial 0x" + rsa.certificate().getSerialNumber().toString(16))
                .doesNotContain(base64Of(key))
                .doesNotContain(key.getPrivateExponent().toString())
                .doesNotContain(key.getPrivateExponent().toString(16))
                .doesNotContain(key.getPrimeP().toString());
    }
}
