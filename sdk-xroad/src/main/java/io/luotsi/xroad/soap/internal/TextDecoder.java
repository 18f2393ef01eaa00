package io.luotsi.xroad.soap.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict decoding of the SOAP part: malformed bytes are an error, as they are for X-Road's parser. */
public final class TextDecoder {

    private TextDecoder() {
    }

    /** Thrown for bytes that are not valid in the charset; the message reads like X-Road's parser's. */
    public static final class MalformedTextException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedTextException(String message) {
            super(message, null, false, false);
        }
    }

    public static String decode(byte[] b, int off, int len, Charset cs) throws MalformedTextException {
        if (cs.equals(StandardCharsets.UTF_8)) {
            String s = new String(b, off, len, StandardCharsets.UTF_8);
            if (s.indexOf('\uFFFD') < 0) {
                return s; // the lenient decoder replaced nothing
            }
            checkUtf8(b, off, len);
            strict(b, off, len, StandardCharsets.UTF_8); // overlong forms and encoded surrogates
            return s;
        }
        if (cs.equals(StandardCharsets.ISO_8859_1) || cs.equals(StandardCharsets.US_ASCII) && isAscii(b, off, len)) {
            return new String(b, off, len, cs);
        }
        return strict(b, off, len, cs);
    }

    private static String strict(byte[] b, int off, int len, Charset cs) throws MalformedTextException {
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer out = d.decode(ByteBuffer.wrap(b, off, len));
            return out.toString();
        } catch (CharacterCodingException e) {
            throw new MalformedTextException(XmlErrors.at(1, 1, "Invalid byte sequence for charset " + cs.name()
                    + "."));
        }
    }

    private static boolean isAscii(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Finds the first malformed sequence and describes it as Xerces' {@code UTF8Reader} does. */
    private static void checkUtf8(byte[] b, int off, int len) throws MalformedTextException {
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xFF;
            int n;
            if (c < 0x80) {
                i++;
                continue;
            } else if (c >= 0xC2 && c <= 0xDF) {
                n = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 4;
            } else {
                throw malformed(b, off, i, 1, 1);
            }
            for (int k = 1; k < n; k++) {
                if (i + k >= end || (b[i + k] & 0xC0) != 0x80) {
                    throw malformed(b, off, i, k + 1, n);
                }
            }
            i += n;
        }
    }

    private static MalformedTextException malformed(byte[] b, int off, int at, int which, int of) {
        // Xerces reports the position of the bad sequence, except within the bytes it reads to detect the encoding
        int line = 1;
        int col = 1;
        if (at - off > 4) {
            String before = new String(b, off, at - off, StandardCharsets.UTF_8);
            int nl = before.lastIndexOf('\n');
            line = 1 + (int) before.chars().filter(ch -> ch == '\n').count();
            col = before.length() - nl;
        }
        return new MalformedTextException(XmlErrors.at(line, col,
                "Invalid byte " + which + " of " + of + "-byte UTF-8 sequence."));
    }
}
