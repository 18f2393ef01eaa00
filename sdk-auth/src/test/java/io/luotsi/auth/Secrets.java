package io.luotsi.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Assertions about secrets for the loader tests. */
final class Secrets {

    private Secrets() {
    }

    /** Neither the message of {@code e} nor of any of its causes contains one of {@code secrets}. */
    static void assertNotDisclosed(Throwable e, String... secrets) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()) + " " + t;
            for (String secret : secrets) {
                assertThat(message).as("message of %s", t.getClass().getName()).doesNotContain(secret);
            }
        }
    }

    /** A stretch of the key's base64 encoding, as it would appear in a PEM file. */
    static String base64Of(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded()).substring(40, 80);
    }

    /** Proves that {@code key} is the private half of {@code publicKey}, independently of the code under test. */
    static void assertPairs(PrivateKey key, PublicKey publicKey) {
        try {
            String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            byte[] data = "proof of possession".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(data);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(data);
            assertThat(verifier.verify(signature)).as("the loaded key pairs with the certificate's key").isTrue();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
