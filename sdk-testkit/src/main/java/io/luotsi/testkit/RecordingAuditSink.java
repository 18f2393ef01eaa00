package io.luotsi.testkit;

import io.luotsi.core.audit.AuditRecord;
import io.luotsi.core.audit.AuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An {@link AuditSink} for tests: keeps every record in memory, with assertions that fail with an
 * {@link AssertionError} listing what was recorded. Thread-safe.
 *
 * <pre>{@code
 * RecordingAuditSink audit = new RecordingAuditSink();
 * XRoadClient client = fake.clientBuilder(consumer).auditSink(audit).subjectPseudonymizer(p)...build();
 * ...
 * AuditRecord refused = audit.assertSingleRefused("expired");
 * assertThat(refused.subject()).isEqualTo(p.pseudonym("EE37702211234"));
 * }</pre>
 */
public final class RecordingAuditSink implements AuditSink {

    private final List<AuditRecord> records = new ArrayList<>();

    @Override
    public synchronized void write(AuditRecord record) {
        records.add(record);
    }

    /** Every record, oldest first. */
    public synchronized List<AuditRecord> records() {
        return List.copyOf(records);
    }

    public List<AuditRecord> allowed() {
        return records().stream().filter(AuditRecord::allowed).toList();
    }

    public List<AuditRecord> refused() {
        return records().stream().filter(r -> !r.allowed()).toList();
    }

    /** The records of one side. */
    public List<AuditRecord> of(AuditRecord.Side side) {
        return records().stream().filter(r -> r.side() == side).toList();
    }

    /** The records of one message. */
    public List<AuditRecord> forMessage(String messageId) {
        return records().stream().filter(r -> messageId.equals(r.messageId())).toList();
    }

    public synchronized void clear() {
        records.clear();
    }

    /** The most recent record; fails when there is none. */
    public AuditRecord last() {
        List<AuditRecord> all = records();
        if (all.isEmpty()) {
            throw new AssertionError("no audit record was written");
        }
        return all.get(all.size() - 1);
    }

    /** The only record; fails unless exactly one was written. */
    public AuditRecord single() {
        List<AuditRecord> all = records();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one audit record, got " + all.size() + describe(all));
        }
        return all.get(0);
    }

    /** The only record, which must be an allowed one. */
    public AuditRecord assertSingleAllowed() {
        AuditRecord r = single();
        if (!r.allowed()) {
            throw new AssertionError("expected an allowed attempt, got " + describe(List.of(r)));
        }
        return r;
    }

    /** The only record, which must be a refusal with this reason code ({@code expired}, {@code revoked}, ...). */
    public AuditRecord assertSingleRefused(String reason) {
        AuditRecord r = single();
        if (r.allowed() || !reason.equals(r.reason())) {
            throw new AssertionError("expected a refusal for '" + reason + "', got" + describe(List.of(r)));
        }
        return r;
    }

    @Override
    public String toString() {
        return "RecordingAuditSink" + describe(records());
    }

    private static String describe(List<AuditRecord> records) {
        return records.stream().map(r -> "  " + r.side().label() + " " + r.outcome().label()
                        + (r.reason() == null ? "" : " (" + r.reason() + ": " + r.detail() + ")") + " message "
                        + r.messageId() + " evidence " + r.evidenceType() + " " + r.evidenceId())
                .collect(Collectors.joining("\n", ":\n", ""));
    }
}
