package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.evidence.asic.AsicContainerVerifier;
import io.luotsi.xroad.evidence.asic.AsicVerificationResult;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code of docs/how-to/verify-message-log-evidence.md, "Test with fresh containers from the fake Security Server". */
class MessageLogExampleTest {

    @Test
    void verifiesWhatTheFakeLogged(@TempDir Path dir) {
        ClientId client = ClientId.parse("DEV/COM/4321/TestClient");
        ServiceId pets = ServiceId.parse("DEV/COM/1234/TestService/pets");
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T10:15:30Z"), ZoneOffset.UTC);
        List<String> verdicts = new ArrayList<>();

        // snippet:fake-message-log
        try (FakeSecurityServer fake = FakeSecurityServer.builder()
                .clock(clock)                                       // signing times, OCSP and time-stamps
                .subsystem(client, "Test client")
                .subsystem(pets.provider(), "Pet service")
                .service(ServiceRegistration.rest(pets).allow(client)
                        .respond(FakeRestResponse.json("{\"id\":1,\"name\":\"Rex\"}")))
                .messageLog(dir.resolve("message-log"))             // off by default
                .start();
             XRoadClient xroad = fake.clientBuilder(client).build()) {

            xroad.rest(pets).get("/pets/1").execute(String.class);

            // The trust the containers verify against: the fake's test CA with its OCSP responder, and its TSA.
            fake.writeGlobalConfigurationDirectory(dir.resolve("globalconf"));
            AsicContainerVerifier verifier = AsicContainerVerifier.of(
                    GlobalConfiguration.readDirectory(dir.resolve("globalconf")));

            // {X-Road-Id}-request-1.asice, signed by the client; {X-Road-Id}-response-2.asice, by the provider
            for (Path container : fake.recordings().single(pets).messageLog()) {
                AsicVerificationResult result = verifier.verify(container);
                verdicts.add((result.request() ? "request by " : "response by ") + result.signer()
                        + " at " + result.timestamp());
            }
        }
        // end:fake-message-log

        assertThat(verdicts).containsExactly(
                "request by SUBSYSTEM:DEV/COM/4321/TestClient at 2026-03-02T10:15:30Z",
                "response by SUBSYSTEM:DEV/COM/1234/TestService at 2026-03-02T10:15:30Z");
    }
}
