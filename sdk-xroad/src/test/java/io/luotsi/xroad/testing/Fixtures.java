package io.luotsi.xroad.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** Test fixtures copied from the X-Road corpus into src/test/resources/xroad (MIT, see LICENSE-X-Road.txt there). */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path path(String name) {
        URL url = Fixtures.class.getResource("/xroad/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test-only signing key and its self-signed certificate (luotsi-test-keys/NAME.p12, see the README there). */
    public record Signer(java.security.PrivateKey key, X509Certificate certificate) {
    }

    public static Signer signer(String name) {
        try (InputStream in = Files.newInputStream(path("luotsi-test-keys/" + name + ".p12"))) {
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            char[] pw = "testtest".toCharArray();
            ks.load(in, pw);
            return new Signer((java.security.PrivateKey) ks.getKey("signer", pw),
                    (X509Certificate) ks.getCertificate("signer"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate cert(String name) {
        try (InputStream in = Files.newInputStream(path("certs/" + name))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
