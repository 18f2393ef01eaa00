package io.luotsi.xroad.soap;

import io.luotsi.xroad.soap.internal.ByteOffsets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Arrays;

/** The bytes of a SOAP part: a slice of a buffer, with the charset and the length of a byte order mark. */
final class SoapPart {

    final byte[] buf;
    final int off;
    final int len;
    final Charset charset;
    final String contentType;
    /** Bytes before the XML text: a byte order mark. */
    final int leading;
    private volatile String text;

    SoapPart(byte[] buf, int off, int len, Charset charset, String contentType, int leading, String text) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.charset = charset;
        this.contentType = contentType;
        this.leading = leading;
        this.text = text;
    }

    byte[] bytes() {
        return Arrays.copyOfRange(buf, off, off + len);
    }

    InputStream openStream() {
        return new ByteArrayInputStream(buf, off, len);
    }

    void writeTo(OutputStream out) {
        try {
            out.write(buf, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decoded text (without BOM); decoded again on demand when it was not kept. */
    String text() {
        String t = text;
        if (t == null) {
            t = new String(buf, off + leading, len - leading, charset);
            text = t;
        }
        return t;
    }

    /** Drops the decoded text to save memory; {@link #text()} decodes again when needed. */
    void forgetText() {
        text = null;
    }

    ByteOffsets offsets() {
        return new ByteOffsets(text(), charset, leading);
    }

    /** The exact bytes of text range [from, to). */
    byte[] bytes(int from, int to) {
        ByteOffsets o = offsets();
        int a = o.byteOffset(from);
        int b = o.byteOffset(to);
        return Arrays.copyOfRange(buf, off + a, off + b);
    }

    RequestHash requestHash() {
        return RequestHash.sha512(buf, off, len);
    }
}
