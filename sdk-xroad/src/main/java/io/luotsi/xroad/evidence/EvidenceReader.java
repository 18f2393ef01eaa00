package io.luotsi.xroad.evidence;

import io.luotsi.core.LuotsiException;
import io.luotsi.core.VerificationException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the records of a {@link JsonLinesEvidenceStore} file one line at a time, in the order they were appended. It
 * can be iterated once. A complete line that is not a record fails with a {@link VerificationException} of code
 * {@value #MALFORMED} naming the file and line number; an incomplete last line (a write cut short by a crash) is
 * skipped, and {@link #skippedIncompleteLine()} says so. Lines longer than 1 MiB are malformed.
 *
 * <pre>{@code
 * try (EvidenceReader reader = JsonLinesEvidenceStore.read(file)) {
 *     reader.stream().filter(r -> r.messageId().equals(id)).findFirst();
 * }
 * }</pre>
 */
public final class EvidenceReader implements Iterable<EvidenceRecord>, AutoCloseable {

    /** The code of a line that is not a record. */
    public static final String MALFORMED = "evidence_record_malformed";

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceReader.class);
    private static final int MAX_LINE = 1024 * 1024;

    private final Path file;
    private final InputStream in;
    private boolean iterated;
    private boolean skippedIncompleteLine;

    EvidenceReader(Path file) {
        this.file = file;
        try {
            this.in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot open the evidence file (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    /**
     * The records, read as the iteration goes.
     *
     * @throws IllegalStateException when called a second time
     */
    @Override
    public Iterator<EvidenceRecord> iterator() {
        if (iterated) {
            throw new IllegalStateException("an EvidenceReader can be iterated once");
        }
        iterated = true;
        return new Iterator<>() {
            private long lineNumber;
            private EvidenceRecord next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    next = readRecord();
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public EvidenceRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                EvidenceRecord r = next;
                next = null;
                return r;
            }

            private EvidenceRecord readRecord() {
                byte[] line = readLine();
                if (line == null) {
                    return null;
                }
                lineNumber++;
                try {
                    EvidenceJson json = JsonLinesEvidenceStore.JSON.read(line, EvidenceJson.class);
                    if (json == null) {
                        throw new IllegalArgumentException("not a JSON object");
                    }
                    return json.toRecord();
                } catch (LuotsiException | IllegalArgumentException | NullPointerException e) {
                    throw new VerificationException(MALFORMED, file + ": line " + lineNumber + " is not an evidence "
                            + "record (" + e.getClass().getSimpleName() + ")", e);
                }
            }
        };
    }

    /** The records as a sequential stream; closing the stream closes this reader. */
    public Stream<EvidenceRecord> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED
                | Spliterator.NONNULL), false).onClose(this::close);
    }

    /** Whether the file ended in an incomplete line, which was skipped. Known once the iteration has ended. */
    public boolean skippedIncompleteLine() {
        return skippedIncompleteLine;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot close the evidence file", e);
        }
    }

    /** The next complete line without its '\n', or null at the end (skipping an incomplete last line). */
    private byte[] readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        try {
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    return line.toByteArray();
                }
                if (line.size() >= MAX_LINE) {
                    throw new VerificationException(MALFORMED, file + ": a line is longer than " + MAX_LINE
                            + " bytes", null);
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the evidence file", e);
        }
        if (line.size() > 0) {
            skippedIncompleteLine = true;
            LOG.warn("{}: skipped an incomplete last line of {} bytes (a write cut short?)", file, line.size());
        }
        return null;
    }
}
