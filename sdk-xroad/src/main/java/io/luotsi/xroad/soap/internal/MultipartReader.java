package io.luotsi.xroad.soap.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming reader of a MIME multipart body (RFC 2046 §5.1): parts are read one at a time, their content as a
 * stream that ends at the next boundary. Nothing is buffered beyond a fixed window, whatever the size of a part.
 *
 * <p>Lenient where X-Road's parser (Apache James mime4j) is lenient: a delimiter line may end in CRLF or a bare LF
 * (the CR or LF before it belongs to the delimiter), the preamble and epilogue are ignored, input without any
 * delimiter has no parts, and a missing close delimiter ends the last part at the end of input. A line that starts
 * with the delimiter but continues with other characters is content.
 */
public final class MultipartReader {

    /** Limits on part headers, as mime4j's defaults: 1000-byte lines, 1000 headers, 10000 bytes per header. */
    public record Limits(int maxLineLength, int maxHeaderCount, int maxHeaderLength) {
        public static final Limits DEFAULT = new Limits(1000, 1000, 10000);
    }

    /** A header of a part, name and value as written (value unfolded, outer whitespace trimmed). */
    public record Header(String name, String value) {
    }

    /** Thrown for input that breaks a limit; X-Road reports {@code mime_parsing_failed}. */
    public static final class MimeLimitException extends IOException {
        private static final long serialVersionUID = 1L;

        MimeLimitException(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final byte[] delimiter; // "\n--" + boundary
    private final Limits limits;
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;

    private boolean started;
    private boolean finished;
    private boolean inPart;
    private boolean partEnded;
    /** An empty body may be followed by the delimiter without a line break of its own (mime4j accepts it). */
    private boolean atBodyStart;
    private List<Header> headers = List.of();
    private final PartStream partStream = new PartStream();

    public MultipartReader(InputStream in, String boundary, Limits limits) {
        this.in = in;
        this.limits = limits;
        this.delimiter = ("\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[Math.max(64 * 1024, delimiter.length * 4 + limits.maxLineLength() + 16)];
    }

    /**
     * Moves to the next part, skipping what is left of the current one (or the preamble).
     *
     * @return false when there are no more parts
     */
    public boolean nextPart() throws IOException {
        if (finished) {
            return false;
        }
        if (!started) {
            started = true;
            if (!skipPreamble()) {
                finished = true;
                return false;
            }
        } else if (inPart) {
            while (!partEnded) {
                partStream.skipAll();
            }
            if (finished) {
                return false;
            }
        }
        headers = readHeaders();
        inPart = true;
        partEnded = false;
        atBodyStart = true;
        return true;
    }

    /** The headers of the current part. */
    public List<Header> headers() {
        return headers;
    }

    /** The content of the current part; ends at the next delimiter. */
    public InputStream body() {
        return partStream;
    }

    private boolean fill(int needed) throws IOException {
        while (limit - pos < needed && !eof) {
            if (pos > 0 && (limit == buf.length || pos > buf.length / 2)) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
        return limit - pos >= needed;
    }

    /** Skips to just after the first delimiter line; false when there is none. */
    private boolean skipPreamble() throws IOException {
        // the first delimiter may open the input, without a line break before it
        int dl = delimiter.length - 1;
        fill(dl + 2);
        if (matchesAt(pos, 1) && lineAfterDelimiter(pos + dl) != 0) {
            return afterDelimiter(pos + dl);
        }
        while (true) {
            int m = find();
            if (m < 0) {
                if (eof) {
                    pos = limit;
                    return false;
                }
                pos = Math.max(pos, limit - delimiter.length);
                fill(delimiter.length + 1);
                continue;
            }
            pos = m; // the preamble before a candidate delimiter is discarded
            if (lineAfterDelimiter(pos + delimiter.length) == 0) {
                pos++;
                continue;
            }
            return afterDelimiter(pos + delimiter.length);
        }
    }

    private boolean matchesAt(int at, int from) {
        if (at + delimiter.length - from > limit) {
            return false;
        }
        for (int i = from; i < delimiter.length; i++) {
            if (buf[at + i - from] != delimiter[i]) {
                return false;
            }
        }
        return true;
    }

    /** Finds "\n--boundary" in [pos, limit), or -1 (possibly a partial match at the end remains unread). */
    private int find() {
        byte first = delimiter[0];
        int last = limit - delimiter.length;
        for (int i = pos; i <= last; i++) {
            if (buf[i] == first && matchesAt(i, 0)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * What follows a delimiter at {@code at} (after the boundary): 1 for a line end (after optional blanks), 2 for
     * {@code --} (close delimiter), 3 for the end of input, 0 when it is not a delimiter at all.
     */
    private int lineAfterDelimiter(int at) throws IOException {
        int rel = at - pos;
        fill(rel + 2);
        int i = pos + rel;
        if (i + 1 < limit && buf[i] == '-' && buf[i + 1] == '-') {
            return 2;
        }
        while (true) {
            if (i >= limit) {
                int r = i - pos;
                if (!fill(r + 1)) {
                    return 3;
                }
                i = pos + r;
            }
            byte b = buf[i];
            if (b == ' ' || b == '\t') {
                i++;
                if (i - (pos + rel) > limits.maxLineLength()) {
                    return 0;
                }
            } else if (b == '\n' || b == '\r') {
                return 1;
            } else {
                return 0;
            }
        }
    }

    /** Consumes the rest of the delimiter line at {@code at}; false when it was the close delimiter. */
    private boolean afterDelimiter(int at) throws IOException {
        int rel = at - pos;
        int kind = lineAfterDelimiter(at);
        int i = pos + rel;
        if (kind == 2 || kind == 3) {
            finished = true;
            pos = limit;
            // the epilogue is ignored; read nothing more
            return false;
        }
        while (buf[i] == ' ' || buf[i] == '\t') {
            i++;
        }
        if (buf[i] == '\r') {
            i++;
            int r = i - pos;
            if (!fill(r + 1)) {
                pos = limit;
                return true;
            }
            i = pos + r;
        }
        if (i < limit && buf[i] == '\n') {
            i++;
        }
        pos = i;
        return true;
    }

    private List<Header> readHeaders() throws IOException {
        List<Header> out = new ArrayList<>(4);
        StringBuilder current = null;
        String currentName = null;
        while (true) {
            String line = readLine();
            if (line == null || line.isEmpty()) {
                break;
            }
            char c0 = line.charAt(0);
            if ((c0 == ' ' || c0 == '\t') && current != null) {
                current.append(line);
                if (current.length() > limits.maxHeaderLength()) {
                    throw new MimeLimitException("Maximum header length limit (" + limits.maxHeaderLength()
                            + ") exceeded");
                }
                continue;
            }
            if (current != null) {
                out.add(new Header(currentName, current.toString().trim()));
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                current = null; // not a header field: ignored, as mime4j does when not strict
                continue;
            }
            if (out.size() >= limits.maxHeaderCount()) {
                throw new MimeLimitException("Maximum header limit (" + limits.maxHeaderCount() + ") exceeded");
            }
            currentName = line.substring(0, colon).trim();
            current = new StringBuilder(line.length()).append(line, colon + 1, line.length());
        }
        if (current != null) {
            out.add(new Header(currentName, current.toString().trim()));
        }
        return out;
    }

    /** A header line without its line end; null at the end of the part or input. */
    private String readLine() throws IOException {
        int max = limits.maxLineLength();
        int start = pos;
        int i = pos;
        while (true) {
            if (i >= limit) {
                int r = i - pos;
                if (!fill(r + 1)) {
                    if (r == 0) {
                        return null;
                    }
                    String s = new String(buf, pos, r, StandardCharsets.ISO_8859_1);
                    pos = limit;
                    return s;
                }
                start = pos;
                i = pos + r;
            }
            if (buf[i] == '\n') {
                int end = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                String s = new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
                pos = i + 1;
                return s;
            }
            i++;
            if (i - start > max + 1) {
                throw new MimeLimitException("Maximum line length limit (" + max + ") exceeded");
            }
        }
    }

    /** The content of the current part. */
    private final class PartStream extends InputStream {

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!inPart || partEnded) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (atBodyStart) {
                atBodyStart = false;
                fill(delimiter.length + 1);
                if (matchesAt(pos, 1) && lineAfterDelimiter(pos + delimiter.length - 1) != 0) {
                    partEnded = true;
                    if (!afterDelimiter(pos + delimiter.length - 1)) {
                        finished = true;
                    }
                    return -1;
                }
            }
            while (true) {
                fill(delimiter.length + 1);
                int m = find();
                if (m >= 0) {
                    int kind = lineAfterDelimiter(m + delimiter.length);
                    // lineAfterDelimiter may have compacted the buffer: find again (cheap, it is at the front)
                    m = find();
                    if (kind == 0) {
                        int safe = m + 1;
                        if (safe > pos) {
                            return copy(b, off, len, safe);
                        }
                        continue;
                    }
                    int end = m > pos && buf[m - 1] == '\r' ? m - 1 : m;
                    if (end > pos) {
                        return copy(b, off, len, end);
                    }
                    partEnded = true;
                    if (!afterDelimiter(m + delimiter.length)) {
                        finished = true;
                    }
                    return -1;
                }
                if (eof) {
                    if (limit > pos) {
                        return copy(b, off, len, limit);
                    }
                    partEnded = true;
                    finished = true;
                    return -1;
                }
                // keep back what could be the start of a delimiter ("\r" + partial "\n--boundary")
                int safe = limit - delimiter.length;
                if (safe > pos) {
                    return copy(b, off, len, safe);
                }
                int r = limit - pos;
                fill(r + 1);
            }
        }

        private int copy(byte[] b, int off, int len, int until) {
            int n = Math.min(len, until - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        void skipAll() throws IOException {
            byte[] tmp = new byte[8192];
            while (read(tmp, 0, tmp.length) >= 0) {
                // drain
            }
            partEnded = true;
        }

        @Override
        public void close() {
            // the multipart reader owns the input
        }
    }
}
