package io.luotsi.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.auth.TestPki.Issued;
import io.luotsi.core.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustAnchorsTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryCertificateOfTheFile() throws IOException {
        Issued first = TestPki.ca("First CA");
        Issued second = TestPki.ca("Second CA");
        Path file = TestPki.writeCertificates(dir.resolve("ca.pem"), first.certificate(), second.certificate());

        TrustAnchors anchors = TrustAnchors.fromPem(file);

        assertThat(anchors.certificates()).containsExactly(first.certificate(), second.certificate());
        assertThat(anchors.toString()).contains("CN=First CA", "CN=Second CA");
    }

    @Test
    void refusesAPrivateKeyInATrustFile() throws IOException {
        Issued ca = TestPki.ca("Leaky CA");
        Path file = dir.resolve("ca.pem");
        Files.writeString(file, TestPki.pem(ca.certificate(),
                new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(ca.privateKey(), null)));

        assertThatThrownBy(() -> TrustAnchors.fromPem(file)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining("private key");
    }

    @Test
    void refusesOtherBlocksAndEmptiness() throws IOException {
        Issued ca = TestPki.ca("Some CA");
        Path publicKey = dir.resolve("ca.pem");
        Files.writeString(publicKey, TestPki.pem(ca.certificate().getPublicKey()));

        assertThatThrownBy(() -> TrustAnchors.fromPem(publicKey)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("public key");
        assertThatThrownBy(() -> new TrustAnchors(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustAnchors.fromPem(null)).isInstanceOf(NullPointerException.class);
    }
}
