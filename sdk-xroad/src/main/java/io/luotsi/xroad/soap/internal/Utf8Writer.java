package io.luotsi.xroad.soap.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * An unsynchronised UTF-8 writer with its own byte buffer, so that the envelope writer can put raw bytes between
 * pieces of XML it wrote as text ({@link #flush()} first, then write to {@link #out()}).
 */
public final class Utf8Writer extends Writer {

    private final OutputStream out;
    private final byte[] buf;
    private int n;
    private char pendingHigh;

    public Utf8Writer(OutputStream out, int bufferSize) {
        this.out = out;
        this.buf = new byte[Math.max(bufferSize, 16)];
    }

    /** The underlying stream; call {@link #flush()} before writing to it directly. */
    public OutputStream out() {
        return out;
    }

    @Override
    public void write(int c) throws IOException {
        char ch = (char) c;
        write(ch);
    }

    private void write(char c) throws IOException {
        if (n + 4 > buf.length) {
            drain();
        }
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(high, c);
                buf[n++] = (byte) (0xF0 | cp >> 18);
                buf[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[n++] = (byte) (0x80 | cp & 0x3F);
                return;
            }
            buf[n++] = '?';
            if (n + 4 > buf.length) {
                drain();
            }
        }
        if (c < 0x80) {
            buf[n++] = (byte) c;
        } else if (c < 0x800) {
            buf[n++] = (byte) (0xC0 | c >> 6);
            buf[n++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            buf[n++] = '?';
        } else {
            buf[n++] = (byte) (0xE0 | c >> 12);
            buf[n++] = (byte) (0x80 | c >> 6 & 0x3F);
            buf[n++] = (byte) (0x80 | c & 0x3F);
        }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        int end = off + len;
        int i = off;
        while (i < end) {
            // ASCII fast path
            int room = buf.length - n;
            int stop = Math.min(end, i + room);
            while (i < stop && pendingHigh == 0) {
                char c = cbuf[i];
                if (c >= 0x80) {
                    break;
                }
                buf[n++] = (byte) c;
                i++;
            }
            if (i < end) {
                if (n == buf.length) {
                    drain();
                } else {
                    write(cbuf[i++]);
                }
            }
        }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        int end = off + len;
        int i = off;
        while (i < end) {
            int room = buf.length - n;
            int stop = Math.min(end, i + room);
            while (i < stop && pendingHigh == 0) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                buf[n++] = (byte) c;
                i++;
            }
            if (i < end) {
                if (n == buf.length) {
                    drain();
                } else {
                    write(s.charAt(i++));
                }
            }
        }
    }

    @Override
    public void write(String s) throws IOException {
        write(s, 0, s.length());
    }

    private void drain() throws IOException {
        if (n > 0) {
            out.write(buf, 0, n);
            n = 0;
        }
    }

    /** Writes buffered bytes to the stream (without flushing the stream). */
    public void drainBuffer() throws IOException {
        drain();
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
