package io.luotsi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `luotsi asic verify` on X-Road's ASiC-E fixtures (src/test/resources/xroad/asic, MIT), table-driven from their
 * EXPECTED.tsv with globalconf_good2_v3 as the trust. The row of asic-core's valid-signed-message.asice (signed under
 * other trust material) is not this file's: the corpus holds asic-verifier-cli's copy, whose row is VALID (sdk-xroad's
 * AsicConformanceTest reproduces the other row with another TSA).
 */
class AsicCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Luotsi.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String fixture(String name) {
        try {
            return Path.of(AsicCommandTest.class.getResource("/xroad/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> rows() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(fixture("asic/EXPECTED.tsv")), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", 2);
            if (cols[0].equals("valid-signed-message.asice") && cols[1].contains("mlog.tsp_certificate_not_found")) {
                continue;
            }
            rows.add(Arguments.of(cols[0], cols[1]));
        }
        return rows.stream();
    }

    /** The line the command prints for a row: VALID with signer and time-stamp, or INVALID with the code. */
    private static String expectedLine(String row) {
        if (row.startsWith("VALID ")) {
            return row.substring(0, row.indexOf(" ocspProducedAt="));
        }
        return row.substring(0, row.indexOf(" : "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void printsXRoadsVerdict(String container, String row) {
        int code = run("asic", "verify", "--globalconf", fixture("globalconf_good2_v3"), fixture("asic/" + container));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expectedLine(row) + "\n");
        assertThat(code).isEqualTo(row.startsWith("VALID") ? 0 : 2);
        if (row.startsWith("INVALID")) {
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(row.substring(row.indexOf(" : ") + 3));
        }
    }

    @Test
    void namesEachFileWhenGivenSeveralAndFailsWhenOneIsInvalid() {
        int code = run("asic", "verify", "--globalconf", fixture("globalconf_good2_v3"),
                fixture("asic/valid-signed-message.asice"), fixture("asic/wrong-message.asice"));

        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
                fixture("asic/valid-signed-message.asice") + ": VALID signer=SUBSYSTEM:DEV/COM/4321/TestClient "
                        + "ts=2024-12-05T13:16:35Z\n"
                        + fixture("asic/wrong-message.asice") + ": INVALID invalid_signature_value\n");
    }

    @Test
    void allValidIsExitZero() {
        assertThat(run("asic", "verify", "--globalconf", fixture("globalconf_good2_v3"),
                fixture("asic/valid-signed-message.asice"), fixture("asic/valid-signed-hashchain.asice"))).isZero();
    }

    @Test
    void aMissingFileIsAnIoError() {
        int code = run("asic", "verify", "--globalconf", fixture("globalconf_good2_v3"), "no-such-file.asice");

        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("INVALID io_error\n");
    }

    @Test
    void anUnreadableGlobalConfigurationIsAConfigurationError() {
        int code = run("asic", "verify", "--globalconf", fixture("asic"), fixture("asic/valid-signed-message.asice"));

        assertThat(code).isEqualTo(6);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("luotsi asic verify:");
    }

    @Test
    void withoutFilesItIsAUsageError() {
        assertThat(run("asic", "verify", "--globalconf", fixture("globalconf_good2_v3"))).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("FILE");
    }
}
