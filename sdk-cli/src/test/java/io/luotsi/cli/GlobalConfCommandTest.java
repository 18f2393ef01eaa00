package io.luotsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** `luotsi globalconf verify|show` on X-Road's own fixtures (src/test/resources/xroad, MIT). */
class GlobalConfCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Luotsi.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(GlobalConfCommandTest.class.getResource("/xroad/" + name).toURI()).toString();
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void verifiesASignedDirectoryBeforeItsExpiry() throws Exception {
        int code = run("globalconf", "verify", fixture("test-conf-simple.txt"), "--cert", fixture("consumer.pem"),
                "--at", "2026-05-01T00:00:00Z");

        assertThat(code).isZero();
        assertThat(stdout()).isEqualTo("OK 3 parts expires=2026-05-20T17:42:55Z\n");
    }

    @Test
    void anExpiredDirectoryIsOutdated() throws Exception {
        int code = run("globalconf", "verify", fixture("test-conf-simple.txt"), "--cert", fixture("consumer.pem"),
                "--at", "2026-05-20T17:42:56Z");

        assertThat(code).isEqualTo(2);
        assertThat(stdout()).isEqualTo("ERROR global_conf_outdated\n");
    }

    @Test
    void theWrongCertificateIsAMissingVerificationCertificate() throws Exception {
        int code = run("globalconf", "verify", fixture("test-conf-simple.txt"), "--cert", fixture("producer.pem"),
                "--at", "2026-05-01T00:00:00Z");

        assertThat(code).isEqualTo(2);
        assertThat(stdout()).isEqualTo("ERROR global_conf_missing_verification_cert\n");
    }

    @Test
    void aTamperedDirectoryFailsItsSignature() throws Exception {
        int code = run("globalconf", "verify", fixture("test-conf-invalid-signature.txt"), "--cert",
                fixture("consumer.pem"), "--at", "2010-01-01T00:00:00Z");

        assertThat(code).isEqualTo(2);
        assertThat(stdout()).isEqualTo("ERROR global_conf_signature_verification_failure\n");
    }

    @Test
    void aBadInstantIsAUsageError() throws Exception {
        int code = run("globalconf", "verify", fixture("test-conf-simple.txt"), "--cert", fixture("consumer.pem"),
                "--at", "yesterday");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ISO-8601");
    }

    @Test
    void showsMembersSubsystemsAndServersOfAnOnDiskConfiguration() throws Exception {
        int code = run("globalconf", "show", fixture("globalconf_good2_v3"));

        assertThat(code).isZero();
        assertThat(stdout())
                .contains("configuration of DEV")
                .contains("instance DEV (shared parameters V3): 2 members, 3 subsystems, 2 security servers")
                .contains("SUBSYSTEM:DEV/COM/1234/TestService")
                .contains("SUBSYSTEM:DEV/COM/4321/TestClient")
                .contains("SERVER:DEV/COM/1234/SS0")
                .contains("SERVER:DEV/COM/4321/SS1");
    }

    @Test
    void showsOneSharedParametersFile() throws Exception {
        int code = run("globalconf", "show", fixture("globalconf_good2_v3/DEV/shared-params.xml"));

        assertThat(code).isZero();
        assertThat(stdout()).contains("instance DEV (shared parameters V3)").contains("SUBSYSTEM:DEV/COM/1234/MANAGEMENT");
    }
}
