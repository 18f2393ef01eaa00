package io.luotsi.xroad.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of the corpus' EXPECTED.tsv (X-Road 7.8's verdicts on its own fixtures): file, content type sent,
 * verdict.
 */
class SoapConformanceTest {

    static List<Arguments> rows() {
        String tsv = new String(Fixtures.bytes("EXPECTED.tsv"), StandardCharsets.UTF_8);
        List<Arguments> rows = new ArrayList<>();
        for (String line : tsv.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            rows.add(Arguments.of(f[0], f[1], f[2]));
        }
        return rows;
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("rows")
    void reachesXRoadsVerdict(String file, String contentType, String expected) {
        assertThat(SoapCheck.verdict(Fixtures.bytes(file), contentType)).isEqualTo(expected);
    }

    @Test
    void tableHasEveryRow() {
        // 52 rows in the corpus: a broken reader of the table must not pass by checking nothing
        assertThat(rows()).hasSize(52);
    }
}
