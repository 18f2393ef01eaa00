package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.core.audit.AuditRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordingAuditSinkTest {

    private static AuditRecord record(AuditRecord.Outcome outcome, String reason, String messageId) {
        return AuditRecord.builder(Instant.EPOCH, AuditRecord.Side.CONSUMER, outcome).messageId(messageId)
                .reason(reason, reason == null ? null : "because").build();
    }

    @Test
    void keepsRecordsAndFiltersThem() {
        RecordingAuditSink sink = new RecordingAuditSink();
        sink.write(record(AuditRecord.Outcome.ALLOWED, null, "m1"));
        sink.write(record(AuditRecord.Outcome.REFUSED, "expired", "m2"));
        assertThat(sink.allowed()).extracting(AuditRecord::messageId).containsExactly("m1");
        assertThat(sink.refused()).extracting(AuditRecord::messageId).containsExactly("m2");
        assertThat(sink.forMessage("m2")).hasSize(1);
        assertThat(sink.of(AuditRecord.Side.PROVIDER)).isEmpty();
        assertThat(sink.last().messageId()).isEqualTo("m2");
        sink.clear();
        assertThat(sink.records()).isEmpty();
    }

    @Test
    void assertionsFailWithWhatWasRecorded() {
        RecordingAuditSink sink = new RecordingAuditSink();
        assertThatThrownBy(sink::single).isInstanceOf(AssertionError.class).hasMessageContaining("got 0");
        sink.write(record(AuditRecord.Outcome.REFUSED, "revoked", "m1"));
        assertThat(sink.assertSingleRefused("revoked").messageId()).isEqualTo("m1");
        assertThatThrownBy(() -> sink.assertSingleRefused("expired")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("revoked: because");
        assertThatThrownBy(sink::assertSingleAllowed).isInstanceOf(AssertionError.class);
    }
}
