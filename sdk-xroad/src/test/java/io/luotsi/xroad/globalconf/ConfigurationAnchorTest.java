package io.luotsi.xroad.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConfigurationAnchorTest {

    @Test
    void readsAnchorWithThreeSources() {
        ConfigurationAnchor anchor = ConfigurationAnchor.read(Fixtures.path("globalconf/configuration-anchor1.xml"));
        assertThat(anchor.instanceIdentifier()).isEqualTo("EE");
        assertThat(anchor.generatedAt()).isNull();
        assertThat(anchor.sources()).extracting(s -> s.downloadUrl().toString()).containsExactly(
                "http://www.bar.com/conf", "http://node-0x.example.com/internalconf",
                "http://node-1x.example.com/internalconf");
        assertThat(anchor.sources().get(0).verificationCertificates()).hasSize(2);
        assertThat(anchor.sources().get(1).verificationCertificates()).hasSize(1);
        assertThat(anchor.verificationCertificates()).hasSize(4);
    }

    @Test
    void readsTheSecondAnchor() {
        ConfigurationAnchor anchor = ConfigurationAnchor.parse(Fixtures.bytes("globalconf/configuration-anchor2.xml"));
        assertThat(anchor.sources()).singleElement()
                .satisfies(s -> assertThat(s.downloadUrl()).hasToString("http://www.bar.com/conf2"));
    }

    @Test
    void childrenAreUnqualifiedAndGeneratedAtIsOptional() {
        String xml = """
                <tns:configurationAnchor xmlns:tns="http://x-road.eu/xsd/xroad.xsd">
                  <generatedAt>2014-05-20T16:42:55Z</generatedAt>
                  <instanceIdentifier>FI</instanceIdentifier>
                  <source><downloadURL>http://cs.example/internalconf</downloadURL>
                    <verificationCert>%s</verificationCert></source>
                </tns:configurationAnchor>
                """.formatted(java.util.Base64.getEncoder().encodeToString(
                io.luotsi.xroad.globalconf.internal.Certificates.der(Fixtures.cert("consumer.pem"))));
        ConfigurationAnchor anchor = ConfigurationAnchor.parse(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(anchor.generatedAt()).isEqualTo(Instant.parse("2014-05-20T16:42:55Z"));
        assertThat(anchor.verificationCertificates()).containsExactly(Fixtures.cert("consumer.pem"));
    }

    @Test
    void refusesWhatIsNotAnAnchor() {
        assertThatThrownBy(() -> ConfigurationAnchor.parse(Fixtures.bytes("globalconf/globalconf_good_v2/EE/"
                + "shared-params.xml"))).isInstanceOfSatisfying(GlobalConfException.class,
                        e -> assertThat(e.code()).isEqualTo("malformed_anchor"));
        String noSource = "<tns:configurationAnchor xmlns:tns=\"http://x-road.eu/xsd/xroad.xsd\">"
                + "<instanceIdentifier>EE</instanceIdentifier></tns:configurationAnchor>";
        assertThatThrownBy(() -> ConfigurationAnchor.parse(noSource.getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("malformed_anchor");
        String badCert = "<tns:configurationAnchor xmlns:tns=\"http://x-road.eu/xsd/xroad.xsd\">"
                + "<instanceIdentifier>EE</instanceIdentifier><source><downloadURL>http://x/y</downloadURL>"
                + "<verificationCert>YmFyCg==</verificationCert></source></tns:configurationAnchor>";
        assertThatThrownBy(() -> ConfigurationAnchor.parse(badCert.getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("malformed_anchor");
        assertThatThrownBy(() -> ConfigurationAnchor.parse("not xml".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("malformed_anchor");
    }
}
