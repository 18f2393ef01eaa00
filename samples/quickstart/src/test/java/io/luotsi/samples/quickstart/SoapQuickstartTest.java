package io.luotsi.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The SOAP sample runs as a user runs it and does what the how-to guides say. */
class SoapQuickstartTest {

    @Test
    void callsTheLuotsiProviderThroughTheFakeSecurityServer() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        SoapQuickstart.Result result = SoapQuickstart.run(new PrintStream(buffer, true, StandardCharsets.UTF_8));

        assertThat(result.found()).isEqualTo(new SoapQuickstart.Person("1", "Aino Virtanen"));
        assertThat(result.attachmentBytes()).isEqualTo(4);
        assertThat(result.faultCode()).isEqualTo("SOAP-ENV:Client");
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("getPerson 1 -> Aino Virtanen, receipt ")
                .contains("getPerson 9 -> fault SOAP-ENV:Client from PROVIDER_SERVICE");
    }
}
