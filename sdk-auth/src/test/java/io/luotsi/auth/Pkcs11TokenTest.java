package io.luotsi.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.auth.testing.Pki;
import io.luotsi.auth.testing.Pki.Issued;
import io.luotsi.auth.testing.Pki.KeyType;
import io.luotsi.core.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * PKCS#11 through SunPKCS11 against a SoftHSM2 token. The tests that need SoftHSM are skipped when it is not
 * installed ({@code apt-get install softhsm2}); see docs/how-to/pkcs11.md for running them.
 */
class Pkcs11TokenTest {

    private static final String PIN = "user-pin-4Qz8";
    private static final String SO_PIN = "so-pin-9Vr2";

    @Test
    void aMissingLibraryIsNamed(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path missing = dir.resolve("libnothing.so");

        assertThatThrownBy(() -> Pkcs11Token.builder().library(missing).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(missing + ": PKCS#11 library not found");
    }

    @Test
    void aLibraryIsRequiredAndSlotsAreNotNegative() {
        assertThatThrownBy(() -> Pkcs11Token.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("library");
        assertThatThrownBy(() -> Pkcs11Token.builder().slot(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pkcs11Token.builder().slotListIndex(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pkcs11Token.builder().name("a name\nlibrary=/evil.so"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class WithSoftHsm {

        private static long slot;
        /** A second token that only the wrong-PIN test logs in to: PKCS#11 checks no PIN once a token is logged in. */
        private static long untouchedSlot;
        private static Issued rsa;
        private static Issued ec;
        private static Issued other;
        private static Issued ca;

        @BeforeAll
        static void createToken() throws Exception {
            SoftHsm.assumeInstalled();
            Path dir = Files.createTempDirectory("luotsi-softhsm");
            slot = SoftHsm.initToken(dir, "luotsi-test", PIN, SO_PIN);
            untouchedSlot = SoftHsm.initToken(dir, "luotsi-untouched", PIN, SO_PIN);
            ca = Pki.root("Token Test CA");
            rsa = Pki.signer("rsa signer", ca, KeyType.RSA_2048);
            ec = Pki.signer("ec signer", ca, KeyType.EC_P256);
            other = Pki.signer("other signer", ca, KeyType.RSA_2048);
            // Import software keys into the token through a provider of its own, as an administrator would with
            // pkcs11-tool; the keys then live on the token.
            Pkcs11Token admin = Pkcs11Token.builder().library(SoftHsm.LIBRARY).slot(slot).name("import").build();
            KeyStore store = KeyStore.getInstance("PKCS11", admin.provider());
            store.load(null, PIN.toCharArray());
            store.setKeyEntry("rsa", rsa.privateKey(), null, rsa.chain().toArray(new X509Certificate[0]));
            store.setKeyEntry("ec", ec.privateKey(), null, ec.chain().toArray(new X509Certificate[0]));
        }

        private Pkcs11Token token() {
            return Pkcs11Token.builder().library(SoftHsm.LIBRARY).slot(slot).build();
        }

        @Test
        void readsAnRsaKeyAndItsChainAndSignsOnTheToken() throws Exception {
            Pkcs11Token token = token();

            KeyMaterial material = token.keyMaterial("rsa", PIN.toCharArray());

            assertThat(material.certificate()).isEqualTo(rsa.certificate());
            assertThat(material.certificateChain().certificates()).containsExactlyElementsOf(rsa.chain());
            assertThat(material.provider()).containsSame(token.provider());
            // The signature is made by the token and verifies with the certificate's key outside it.
            byte[] data = "signed on the token".getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("SHA256withRSA", material.provider().orElseThrow());
            signer.initSign(material.privateKey());
            signer.update(data);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(rsa.certificate().getPublicKey());
            verifier.update(data);
            assertThat(verifier.verify(signature)).isTrue();
        }

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.EnumSource(value = io.luotsi.auth.jws.JwsAlgorithm.class,
                names = {"RS256", "PS256", "ES256"})
        void signsJwsOnTheTokenThatVerifyOutsideIt(io.luotsi.auth.jws.JwsAlgorithm algorithm) {
            KeyMaterial material = token().keyMaterial(algorithm == io.luotsi.auth.jws.JwsAlgorithm.ES256 ? "ec"
                    : "rsa", PIN.toCharArray());
            Clock now = Clock.fixed(Pki.NOW, ZoneOffset.UTC);
            io.luotsi.auth.jws.JwsSigner signer = io.luotsi.auth.jws.JwsSigner.builder().keyMaterial(material)
                    .algorithm(algorithm).clock(now).build();
            io.luotsi.auth.jws.JwsVerifier verifier = io.luotsi.auth.jws.JwsVerifier.builder().clock(now)
                    .certificateValidator(io.luotsi.auth.pki.CertificateValidator.builder()
                            .trustAnchors(TrustAnchors.of(ca.certificate())).build()).build();
            byte[] body = "{\"signed\":\"in the token\"}".getBytes(StandardCharsets.UTF_8);

            String jws = signer.signDetached(body);

            assertThat(verifier.verifyDetached(jws, body).signerCertificate()).isEqualTo(material.certificate());
            assertThat(verifier.verify(signer.sign(body)).payload()).hasValue(body);
        }

        @Test
        void readsAnEcKey() {
            KeyMaterial material = token().keyMaterial("ec", PIN.toCharArray());

            assertThat(material.certificate()).isEqualTo(ec.certificate());
            assertThat(material.privateKey().getAlgorithm()).isEqualTo("EC");
            assertThat(material.toString()).contains("slot " + slot).doesNotContain(PIN);
        }

        @Test
        void listsTheKeysOfTheToken() {
            assertThat(token().keyAliases(PIN.toCharArray())).contains("rsa", "ec");
        }

        @Test
        void theTokenProviderIsNeverRegisteredJvmWide() {
            Pkcs11Token token = token();
            token.keyMaterial("rsa", PIN.toCharArray());

            assertThat(Security.getProvider(token.provider().getName())).isNull();
            assertThat(Security.getProviders()).doesNotContain(token.provider());
        }

        @Test
        void aWrongPinNamesTheSlotButNotThePin() {
            String wrong = "wrong-pin-7Hk3";

            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> Pkcs11Token.builder().library(SoftHsm.LIBRARY).slot(untouchedSlot).build()
                            .keyMaterial("rsa", wrong.toCharArray()));

            assertThat(e).hasMessage("PKCS#11 slot " + untouchedSlot + " of " + SoftHsm.LIBRARY + ": wrong PIN");
            Secrets.assertNotDisclosed(e, wrong, PIN);
        }

        @Test
        void anUnknownAliasListsTheKeysThatExist() {
            assertThatThrownBy(() -> token().keyMaterial("signing", PIN.toCharArray()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("slot " + slot).hasMessageContaining("entry 'signing'")
                    .hasMessageContaining("no such private key").hasMessageContaining("rsa").hasMessageContaining("ec");
        }

        @Test
        void aChainOfAnotherKeyIsRefused() {
            assertThatThrownBy(() -> token().keyMaterial("rsa", PIN.toCharArray(), other.certificateChain()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("slot " + slot).hasMessageContaining("entry 'rsa'")
                    .hasMessageContaining("does not belong to the certificate");
        }

        @Test
        void aChainKeptOutsideTheTokenIsPairedWithTheKey() {
            KeyMaterial material = token().keyMaterial("ec", PIN.toCharArray(), ec.chainWithoutRoot());

            assertThat(material.certificateChain().certificates()).containsExactly(ec.certificate());
        }

        @Test
        void anExpiredCertificateIsNamedWithTheClockTime() {
            KeyMaterial material = token().keyMaterial("rsa", PIN.toCharArray());
            Clock later = Clock.fixed(rsa.certificate().getNotAfter().toInstant().plus(Duration.ofDays(1)),
                    ZoneOffset.UTC);

            assertThatThrownBy(() -> material.requireValidAt(later)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("PKCS#11 slot " + slot).hasMessageContaining("certificate #1")
                    .hasMessageContaining("expired at " + rsa.certificate().getNotAfter().toInstant())
                    .hasMessageContaining("it is now " + later.instant());
        }

        @Test
        void aSlotThatDoesNotExistIsNamed() {
            long missing = 4_000_000_000L;

            assertThatThrownBy(() -> Pkcs11Token.builder().library(SoftHsm.LIBRARY).slot(missing).build()
                    .keyMaterial("rsa", PIN.toCharArray()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("PKCS#11 slot " + missing + " of " + SoftHsm.LIBRARY);
        }

        @Test
        void aTokenKeyIsRefusedForMutualTlsWithTheReason() {
            KeyMaterial material = token().keyMaterial("rsa", PIN.toCharArray());

            assertThatThrownBy(() -> TlsMaterial.builder().trustAnchors(TrustAnchors.of(ca.certificate()))
                    .keyMaterial(material).clock(Clock.fixed(Pki.NOW, ZoneOffset.UTC)).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("slot " + slot).hasMessageContaining("mutual TLS");
        }
    }
}
