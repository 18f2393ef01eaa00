package io.luotsi.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sample runs in CI exactly as a user runs it, and does what its documentation says. */
class QuickstartTest {

    @Test
    void runsEveryCallOfTheSample() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Quickstart.Result result = Quickstart.run(new PrintStream(buffer, true, StandardCharsets.UTF_8));

        assertThat(result.found()).isEqualTo(new Quickstart.Person("1", "Aino Virtanen", "Helsinki"));
        assertThat(result.created().name()).isEqualTo("Eero Korhonen");
        assertThat(result.created().id()).isEqualTo("2");
        assertThat(result.missingStatus()).isEqualTo(404);
        assertThat(result.refusedCode()).isEqualTo("server.serverproxy.access_denied");
        assertThat(result.callerSeenByProvider()).isEqualTo("FI/GOV/1234567-8/caseapp");
        assertThat(buffer.toString(StandardCharsets.UTF_8))
                .contains("GET  /persons/1 -> Aino Virtanen (Helsinki)")
                .contains("POST /persons -> 201")
                .contains("the registry answered 404")
                .contains("X-Road error server.serverproxy.access_denied");
    }

    @Test
    void mainRunsToCompletion() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("Fake Security Server listening at http://");
    }
}
