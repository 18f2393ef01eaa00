package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.core.ConfigurationException;
import io.luotsi.core.http.RequestBody;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.evidence.Digest;
import io.luotsi.xroad.evidence.EvidenceRecord;
import io.luotsi.xroad.evidence.EvidenceStore;
import io.luotsi.xroad.evidence.JsonLinesEvidenceStore;
import io.luotsi.xroad.evidence.RequestHashReceipt;
import io.luotsi.xroad.rest.RestResponse;
import io.luotsi.xroad.soap.SoapResponse;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client given an evidence store records every successful exchange, REST and SOAP, through the fake. */
class EvidenceStoreEndToEndTest {

    static final ClientId CONSUMER = ClientId.parse("DEV/COM/4321/TestClient");
    static final ServiceId PETS = ServiceId.parse("DEV/COM/1234/TestService/pets");
    static final ServiceId GET_STATE = ServiceId.parse("DEV/COM/1234/TestService/getState/v1");

    @TempDir
    Path dir;
    FakeSecurityServer fake;
    JsonLinesEvidenceStore store;
    XRoadClient client;

    @BeforeEach
    void start() {
        fake = FakeSecurityServer.builder()
                .subsystem(CONSUMER, "Test client")
                .service(ServiceRegistration.rest(PETS).allow(CONSUMER)
                        .stub("POST", "/pets", FakeRestResponse.json(201, "{\"id\":2}")))
                .service(ServiceRegistration.wsdl(GET_STATE).allow(CONSUMER)
                        .soapResponse(FakeSoapResponse.body("<state>OK</state>")))
                .start();
        store = JsonLinesEvidenceStore.open(dir.resolve("evidence.jsonl"));
        client = fake.clientBuilder(CONSUMER).evidenceStore(store).build();
    }

    @AfterEach
    void stop() {
        client.close();
        store.close();
        fake.close();
    }

    private List<EvidenceRecord> records() {
        List<EvidenceRecord> all = new ArrayList<>();
        JsonLinesEvidenceStore.read(dir.resolve("evidence.jsonl")).forEach(all::add);
        return all;
    }

    @Test
    void recordsARestExchangeWithTheBodyDigestAndTheRequestHashReceipt() {
        byte[] body = "{\"name\":\"Rex\"}".getBytes(StandardCharsets.UTF_8);
        RestResponse<String> r = client.rest(PETS).post("/pets").messageId("m-rest")
                .body(RequestBody.of(body, "application/json")).execute(String.class);

        RecordedExchange seen = fake.recordings().single(PETS);
        assertThat(records()).singleElement().satisfies(e -> {
            assertThat(e.messageId()).isEqualTo("m-rest");
            assertThat(e.requestId()).isEqualTo(seen.requestId().orElseThrow());
            assertThat(e.client()).isEqualTo(CONSUMER);
            assertThat(e.service()).isEqualTo(PETS);
            assertThat(e.requestDigest()).isEqualTo(Digest.sha512(body));
            assertThat(e.requestHash()).isEqualTo(RequestHashReceipt.rest(r.xroad().requestHash().orElseThrow()));
            assertThat(e.requestHash().value()).isEqualTo(seen.requestHash().orElseThrow());
        });
    }

    @Test
    void recordsASoapExchangeWithBothSoapPartDigestsAndTheRequestHash() {
        try (SoapResponse<String> r = client.soap(GET_STATE).requestXml("<x:getState xmlns:x=\"urn:x\"/>")
                .messageId("m-soap").execute(String.class)) {
            byte[] sent = fake.recordings().single(GET_STATE).request().body();
            assertThat(records()).singleElement().satisfies(e -> {
                assertThat(e.messageId()).isEqualTo("m-soap");
                assertThat(e.service()).isEqualTo(GET_STATE);
                assertThat(e.requestDigest()).isEqualTo(Digest.sha512(sent));
                assertThat(e.responseDigest()).isEqualTo(Digest.sha512(r.message().bytes()));
                // The provider side's requestHash is the SHA-512 of the request as it arrived: the same bytes.
                assertThat(e.requestHash().value()).isEqualTo(e.requestDigest().value());
            });
        }
    }

    @Test
    void aStoreThatFailsFailsTheCallAfterTheExchange() {
        EvidenceStore broken = new EvidenceStore() {
            @Override
            public void append(EvidenceRecord record) {
                throw new UncheckedIOException(new java.io.IOException("disk full"));
            }

            @Override
            public void close() {
            }
        };
        try (XRoadClient c = fake.clientBuilder(CONSUMER).evidenceStore(broken).build()) {
            assertThatThrownBy(() -> c.rest(PETS).post("/pets").messageId("m-lost")
                    .body(RequestBody.of("{}", "application/json")).execute(String.class))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("m-lost")
                    .hasMessageContaining("disk full");
        }
        // The exchange itself happened: only its evidence is missing, and the caller knows.
        assertThat(fake.recordings().to(PETS)).hasSize(1);
    }

    @Test
    void aClientWithoutAStoreRecordsNothing() {
        try (XRoadClient c = fake.clientBuilder(CONSUMER).build()) {
            c.rest(PETS).post("/pets").body(RequestBody.of("{}", "application/json")).execute(String.class);
        }
        assertThat(records()).isEmpty();
    }
}
