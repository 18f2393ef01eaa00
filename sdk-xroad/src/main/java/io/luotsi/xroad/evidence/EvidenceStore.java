package io.luotsi.xroad.evidence;

/**
 * Where evidence records go: one {@link EvidenceRecord} per exchange, appended, never changed. The clients call
 * {@link #append(EvidenceRecord)} after each exchange; the default is {@link JsonLinesEvidenceStore}, a file.
 * Implementations are thread-safe.
 *
 * <p>To keep evidence elsewhere (a database, a message log service), implement this interface: {@code append} stores
 * the record or throws, and must not return before the record is as durable as the store promises.
 */
public interface EvidenceStore extends AutoCloseable {

    /** Stores the record. */
    void append(EvidenceRecord record);

    /** Releases what the store holds (files, connections); records appended before are kept. */
    @Override
    void close();
}
