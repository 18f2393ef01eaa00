package io.luotsi.samples.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.auth.consent.RefusalReason;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample runs in CI exactly as a user runs it, and does what its documentation says. */
class ConsentAwareRequestTest {

    @TempDir
    Path dir;

    @Test
    void sendsOnlyWhatConsentCoversAndAuditsBothSides() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ConsentAwareRequest.Result result = ConsentAwareRequest.run(new PrintStream(buffer, true,
                StandardCharsets.UTF_8), dir);

        assertThat(result.person()).isEqualTo(new ConsentAwareRequest.Person("p-1", "Mari Maasikas",
                "Pikk 1, Tallinn", null));
        assertThat(result.refusal()).isEqualTo(RefusalReason.CATEGORIES_NOT_COVERED);
        assertThat(result.requestsSent()).isEqualTo(1);
        assertThat(result.consumerAudit().summary()).isEqualTo("OK 2 records");
        assertThat(result.consumerAudit().verifiedCheckpoints()).isEqualTo(1);
        assertThat(result.providerAudit().summary()).isEqualTo("OK 1 records");
        String log = Files.readString(dir.resolve("benefits-audit.jsonl"))
                + Files.readString(dir.resolve("registry-audit.jsonl"));
        assertThat(log).doesNotContain("37702211234").doesNotContain("Maasikas");
        assertThat(buffer.toString(StandardCharsets.UTF_8))
                .contains("-> Mari Maasikas, Pikk 1, Tallinn (income not disclosed)")
                .contains("refused before sending")
                .contains("requests that reached the Security Server: 1")
                .doesNotContain("37702211234");
    }

    @Test
    void mainRunsToCompletion() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            ConsentAwareRequest.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("registry audit log: OK 1 records");
    }
}
