package io.luotsi.xroad.soap.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Maps character positions in decoded XML text back to byte positions in the bytes it was decoded from, so that a
 * range of text can be handed out as the exact bytes that were received.
 */
public final class ByteOffsets {

    private enum Kind { UTF8, SINGLE_BYTE, UTF16, UTF32, OTHER }

    private final String text;
    private final Charset charset;
    private final int leading;
    private final Kind kind;
    private int lastChar;
    private int lastByte;

    /**
     * @param text         the decoded text
     * @param charset      the charset it was decoded with
     * @param leadingBytes bytes before the first character (a byte order mark)
     */
    public ByteOffsets(String text, Charset charset, int leadingBytes) {
        this.text = text;
        this.charset = charset;
        this.leading = leadingBytes;
        this.kind = kindOf(charset);
    }

    private static Kind kindOf(Charset cs) {
        if (cs.equals(StandardCharsets.UTF_8)) {
            return Kind.UTF8;
        }
        String n = cs.name().toUpperCase(java.util.Locale.ROOT);
        if (n.startsWith("UTF-16")) {
            return Kind.UTF16;
        }
        if (n.startsWith("UTF-32")) {
            return Kind.UTF32;
        }
        if (cs.canEncode() && cs.newEncoder().maxBytesPerChar() == 1.0f) {
            return Kind.SINGLE_BYTE;
        }
        return Kind.OTHER;
    }

    /** The number of bytes before the first character: the length of a byte order mark the decoder consumed. */
    public static int leadingBytes(byte[] bytes, int off, int len, String text, Charset cs) {
        return switch (kindOf(cs)) {
            case UTF16 -> len - 2 * text.length();
            case UTF32 -> len - 4 * text.length();
            default -> 0;
        };
    }

    /** The byte offset (from the start of the decoded bytes, including leading bytes) of character {@code index}. */
    public int byteOffset(int index) {
        return leading + switch (kind) {
            case SINGLE_BYTE -> index;
            case UTF16 -> 2 * index;
            case UTF32 -> 4 * index;
            case UTF8 -> utf8(index);
            case OTHER -> text.substring(0, index).getBytes(charset).length;
        };
    }

    private int utf8(int index) {
        if (index < lastChar) {
            lastChar = 0;
            lastByte = 0;
        }
        int b = lastByte;
        for (int i = lastChar; i < index; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                b++;
            } else if (c < 0x800) {
                b += 2;
            } else if (Character.isHighSurrogate(c)) {
                b += 4;
                i++;
            } else {
                b += 3;
            }
        }
        lastChar = index;
        lastByte = b;
        return b;
    }
}
