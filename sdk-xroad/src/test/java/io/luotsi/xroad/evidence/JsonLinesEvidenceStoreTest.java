package io.luotsi.xroad.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.core.VerificationException;
import io.luotsi.core.json.JacksonJsonCodec;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class JsonLinesEvidenceStoreTest {

    private static final Instant T = Instant.parse("2026-03-02T10:15:30.123Z");
    private static final ClientId CLIENT = ClientId.parse("SUBSYSTEM:FI/GOV/0245437-2/app");
    private static final ServiceId SERVICE = ServiceId.parse("FI/GOV/1234567-8/registry/persons");

    @TempDir
    Path dir;

    private static EvidenceRecord full(String messageId) {
        return EvidenceRecord.builder().time(T).messageId(messageId).requestId("78b890f3-b1eb-45b2")
                .client(CLIENT).service(SERVICE.withVersion("v1"))
                .requestDigest(Digest.sha512(("request " + messageId).getBytes(StandardCharsets.UTF_8)))
                .responseDigest(Digest.sha512(("response " + messageId).getBytes(StandardCharsets.UTF_8)))
                .requestHash(RequestHashReceipt.rest("7zmQ9CwnVrEWzWnCyXbXkQYGR+A7/i6e61JgWMLaEI8="))
                .build();
    }

    private static EvidenceRecord minimal(String messageId) {
        return EvidenceRecord.builder().time(T).messageId(messageId).client(CLIENT).service(SERVICE).build();
    }

    private static List<EvidenceRecord> readAll(Path file) {
        try (EvidenceReader reader = JsonLinesEvidenceStore.read(file)) {
            List<EvidenceRecord> out = new ArrayList<>();
            reader.forEach(out::add);
            return out;
        }
    }

    @Test
    void recordsAreReadBackAsTheyWereAppendedInOrder() {
        Path file = dir.resolve("evidence.jsonl");
        List<EvidenceRecord> written = List.of(full("m-1"), minimal("m-2"), full("m-3"));

        try (JsonLinesEvidenceStore store = JsonLinesEvidenceStore.open(file)) {
            written.forEach(store::append);
        }

        assertThat(readAll(file)).containsExactlyElementsOf(written);
    }

    @Test
    void eachLineIsOneSelfContainedJsonObject() throws Exception {
        Path file = dir.resolve("evidence.jsonl");
        try (JsonLinesEvidenceStore store = JsonLinesEvidenceStore.open(file)) {
            store.append(full("m-1"));
            store.append(minimal("m-2"));
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

        assertThat(lines).hasSize(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = JacksonJsonCodec.create().read(lines.get(0).getBytes(StandardCharsets.UTF_8),
                Map.class);
        assertThat(first).containsEntry("v", 1).containsEntry("messageId", "m-1")
                .containsEntry("time", "2026-03-02T10:15:30.123Z").containsKeys("client", "service",
                        "requestDigest", "responseDigest", "requestHash");
        assertThat(lines.get(0)).contains("\"service\":{\"xRoadInstance\":\"FI\",\"memberClass\":\"GOV\","
                + "\"memberCode\":\"1234567-8\",\"subsystemCode\":\"registry\",\"serviceCode\":\"persons\","
                + "\"serviceVersion\":\"v1\"}")
                .contains("\"requestHash\":{\"protocol\":\"REST\"");
        assertThat(Files.readString(file)).endsWith("}\n");
    }

    @Test
    void legacyIdentifiersWithSlashesAndSpacesSurviveTheRoundTrip() {
        Path file = dir.resolve("evidence.jsonl");
        ServiceId legacy = new ServiceId(new ClientId("EE", "GOV", "TS1OWNER", null), "mgmt service provider/x",
                "v 1");
        EvidenceRecord r = EvidenceRecord.builder().time(T).messageId("m").client(CLIENT).service(legacy).build();

        try (JsonLinesEvidenceStore store = JsonLinesEvidenceStore.open(file)) {
            store.append(r);
        }

        assertThat(readAll(file)).containsExactly(r);
    }

    @Test
    void reopeningAppendsAndNeverRewrites() throws Exception {
        Path file = dir.resolve("evidence.jsonl");
        try (JsonLinesEvidenceStore store = JsonLinesEvidenceStore.open(file)) {
            store.append(full("m-1"));
        }
        byte[] before = Files.readAllBytes(file);

        try (JsonLinesEvidenceStore store = JsonLinesEvidenceStore.open(file)) {
            store.append(full("m-2"));
        }

        byte[] after = Files.readAllBytes(file);
        assertThat(after).startsWith(before);
        assertThat(readAll(file)).extracting(EvidenceRecord::messageId).containsExactly("m-1", "m-2");
    }

    @ParameterizedTest
    @EnumSource(JsonLinesEvidenceStore.Fsync.class)
    void everyFsyncPolicyStoresTheRecords(JsonLinesEvidenceStore.Fsync fsync) {
        Path file = dir.resolve("evidence-" + fsync + ".jsonl");

        try (JsonLinesEvidenceStore store = JsonLinesEvidenceStore.open(file, fsync)) {
            store.append(full("m-1"));
            // Appended records are in the file before the store closes, whatever the policy.
            assertThat(readAll(file)).hasSize(1);
        }
    }

    @Test
    void concurrentWritersInOneJvmNeverInterleaveLines() throws Exception {
        Path file = dir.resolve("evidence.jsonl");
        int threads = 8;
        int each = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (JsonLinesEvidenceStore a = JsonLinesEvidenceStore.open(file, JsonLinesEvidenceStore.Fsync.NEVER);
             JsonLinesEvidenceStore b = JsonLinesEvidenceStore.open(file, JsonLinesEvidenceStore.Fsync.NEVER)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                JsonLinesEvidenceStore store = t % 2 == 0 ? a : b;
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        store.append(full("t" + thread + "-m" + i + "-" + "x".repeat(i % 300)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<EvidenceRecord> records = readAll(file);
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(r.messageId()));
        assertThat(records).hasSize(threads * each);
        assertThat(ids).hasSize(threads * each);
    }

    @Test
    void anIncompleteLastLineIsSkippedAndReported() throws Exception {
        Path file = dir.resolve("evidence.jsonl");
        try (JsonLinesEvidenceStore store = JsonLinesEvidenceStore.open(file)) {
            store.append(full("m-1"));
        }
        Files.writeString(file, "{\"v\":1,\"time\":\"2026-03-02T10:1", StandardOpenOption.APPEND);

        try (EvidenceReader reader = JsonLinesEvidenceStore.read(file)) {
            assertThat(reader.stream().map(EvidenceRecord::messageId).toList()).containsExactly("m-1");
            assertThat(reader.skippedIncompleteLine()).isTrue();
        }
    }

    @Test
    void aCorruptLineIsNamedByFileAndNumber() throws Exception {
        Path file = dir.resolve("evidence.jsonl");
        try (JsonLinesEvidenceStore store = JsonLinesEvidenceStore.open(file)) {
            store.append(full("m-1"));
        }
        Files.writeString(file, "{\"v\":1,\"messageId\":\"no client\"}\n", StandardOpenOption.APPEND);

        VerificationException e = catchThrowableOfType(VerificationException.class, () -> readAll(file));

        assertThat(e.code()).isEqualTo("evidence_record_malformed");
        assertThat(e).hasMessageContaining(file.getFileName().toString()).hasMessageContaining("line 2");
    }

    @Test
    void aClosedStoreRefusesRecordsAndClosingTwiceIsHarmless() {
        JsonLinesEvidenceStore store = JsonLinesEvidenceStore.open(dir.resolve("evidence.jsonl"));
        store.close();

        assertThatThrownBy(() -> store.append(full("m"))).isInstanceOf(IllegalStateException.class);
        store.close();
    }

    @Test
    void aNewFileIsForItsOwnerOnly() throws Exception {
        Path file = dir.resolve("evidence.jsonl");
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }

        JsonLinesEvidenceStore.open(file).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aFileThatCannotBeOpenedIsNamed() {
        Path missingDir = dir.resolve("no-such-dir").resolve("evidence.jsonl");

        assertThatThrownBy(() -> JsonLinesEvidenceStore.open(missingDir)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missingDir.toString());
        assertThatThrownBy(() -> JsonLinesEvidenceStore.read(missingDir)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missingDir.toString());
    }

    @Test
    void aReaderIteratesOnce() {
        Path file = dir.resolve("evidence.jsonl");
        JsonLinesEvidenceStore.open(file).close();

        try (EvidenceReader reader = JsonLinesEvidenceStore.read(file)) {
            assertThat(reader.iterator().hasNext()).isFalse();
            assertThatThrownBy(reader::iterator).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aRecordNeedsItsTimeMessageIdClientAndService() {
        assertThatThrownBy(() -> EvidenceRecord.builder().messageId("m").client(CLIENT).service(SERVICE).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new EvidenceRecord(T, " ", null, CLIENT, SERVICE, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(minimal("m").requestIdIfPresent()).isEmpty();
        assertThat(full("m").requestHashIfPresent()).isPresent();
    }
}
