package io.luotsi.core.http;

import java.io.InputStream;

/** A stream of {@code length} deterministic bytes made on the fly, so tests can send large bodies without memory. */
final class GeneratedStream extends InputStream {

    private final long length;
    private long position;

    GeneratedStream(long length) {
        this.length = length;
    }

    static byte byteAt(long position) {
        return (byte) (position * 31 + (position >>> 11));
    }

    long position() {
        return position;
    }

    @Override
    public int read() {
        return position < length ? byteAt(position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        for (int i = 0; i < n; i++) {
            b[off + i] = byteAt(position++);
        }
        return n;
    }
}
