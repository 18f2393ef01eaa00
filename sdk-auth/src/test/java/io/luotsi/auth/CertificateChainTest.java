package io.luotsi.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.auth.TestPki.Issued;
import io.luotsi.core.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateChainTest {

    private static Issued ca;
    private static Issued client;

    @TempDir
    Path dir;

    @BeforeAll
    static void issue() {
        ca = TestPki.ca("Chain Test CA");
        client = TestPki.client(ca, "chain-client", TestPki.KeyType.EC);
    }

    @Test
    void holdsTheChainLeafFirstAndCannotBeChanged() {
        List<X509Certificate> source = new ArrayList<>(client.chain());
        CertificateChain chain = new CertificateChain(source);
        source.clear();

        assertThat(chain.leaf()).isEqualTo(client.certificate());
        assertThat(chain.size()).isEqualTo(2);
        assertThatThrownBy(() -> chain.certificates().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(CertificateChain.of(client.certificate())).isEqualTo(CertificateChain.of(client.certificate()));
    }

    @Test
    void refusesAnEmptyOrMisorderedChain() {
        assertThatThrownBy(() -> new CertificateChain(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CertificateChain.of(ca.certificate(), client.certificate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("did not issue");
        assertThatThrownBy(() -> new CertificateChain(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void readsAChainFromPem() throws IOException {
        Path file = TestPki.writeCertificates(dir.resolve("chain.pem"), client.chainArray());

        assertThat(CertificateChain.fromPem(file).certificates()).containsExactlyElementsOf(client.chain());
    }

    @Test
    void readsCertificatesWithTextAroundThem() throws IOException {
        Path file = dir.resolve("annotated.pem");
        Files.writeString(file, "subject=CN=chain-client\nissuer=CN=Chain Test CA\n"
                + TestPki.pem(client.certificate()) + "# the CA\n" + TestPki.pem(ca.certificate()));

        assertThat(CertificateChain.fromPem(file).size()).isEqualTo(2);
    }

    @Test
    void namesTheFileOfAMisorderedChain() throws IOException {
        Path file = TestPki.writeCertificates(dir.resolve("chain.pem"), ca.certificate(), client.certificate());

        assertThatThrownBy(() -> CertificateChain.fromPem(file))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith(file.toString())
                .hasMessageContaining("certificate #2");
    }

    @Test
    void toStringIdentifiesTheLeafWithoutItsSubject() {
        String s = CertificateChain.of(client.chainArray()).toString();

        assertThat(s).contains("2 certificates", "serial 0x" + client.certificate().getSerialNumber().toString(16),
                "CN=Chain Test CA").doesNotContain("chain-client");
    }
}
