package io.luotsi.core.audit;

/**
 * Where audit records go: every attempt to exchange data about a data subject, allowed or refused, on the consumer
 * and on the provider side. The default is {@link JsonLinesAuditLog}, an append-only, hash-chained file.
 *
 * <p>{@link #write(AuditRecord)} is called on the thread that makes the decision, before a request is sent (consumer)
 * or answered (provider). A sink that cannot keep a record must throw: callers fail closed, so an allowed request whose
 * record could not be written is not sent. Implementations are thread-safe.
 *
 * <pre>{@code
 * AuditSink sink = JsonLinesAuditLog.builder(Path.of("/var/lib/app/audit.jsonl")).build();
 * }</pre>
 */
@FunctionalInterface
public interface AuditSink extends AutoCloseable {

    /**
     * Keeps the record.
     *
     * @throws RuntimeException when it cannot; the caller then treats the attempt as refused
     */
    void write(AuditRecord record);

    /** Releases what the sink holds; the default does nothing. */
    @Override
    default void close() {
    }
}
