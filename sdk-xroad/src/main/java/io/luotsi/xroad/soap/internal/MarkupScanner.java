package io.luotsi.xroad.soap.internal;

/**
 * Finds element tags in XML text that a StAX parser has already accepted as well-formed, to recover the exact text
 * (and so the exact bytes) of elements: the JDK parser's character offsets are not reliable, this scanner's are.
 *
 * <p>It skips comments, CDATA sections, processing instructions and declarations; in start tags it skips quoted
 * attribute values (which may contain {@code >} but never {@code <}). Entities cannot create markup because DTDs are
 * refused. The n-th start tag it finds is the n-th {@code START_ELEMENT} the parser reported.
 */
public final class MarkupScanner {

    public static final int START = 1;
    public static final int END = 2;
    public static final int EMPTY = 3;

    private final String s;
    private int pos;
    private int kind;
    private int tagStart;
    private int tagEnd;

    public MarkupScanner(String text, int from) {
        this.s = text;
        this.pos = from;
    }

    /** Advances to the next element tag. */
    public boolean next() {
        while (true) {
            int lt = s.indexOf('<', pos);
            if (lt < 0) {
                return false;
            }
            if (s.startsWith("<!--", lt)) {
                pos = after(s.indexOf("-->", lt + 4), 3);
            } else if (s.startsWith("<![CDATA[", lt)) {
                pos = after(s.indexOf("]]>", lt + 9), 3);
            } else if (s.startsWith("<?", lt)) {
                pos = after(s.indexOf("?>", lt + 2), 2);
            } else if (s.startsWith("<!", lt)) {
                pos = skipDeclaration(lt);
            } else if (s.startsWith("</", lt)) {
                kind = END;
                tagStart = lt;
                tagEnd = after(s.indexOf('>', lt + 2), 1);
                pos = tagEnd;
                return true;
            } else {
                int i = lt + 1;
                int n = s.length();
                while (i < n) {
                    char c = s.charAt(i);
                    if (c == '"' || c == '\'') {
                        i = after(s.indexOf(c, i + 1), 1);
                    } else if (c == '>') {
                        break;
                    } else {
                        i++;
                    }
                }
                if (i >= n) {
                    throw new IllegalStateException("unterminated start tag at " + lt);
                }
                kind = s.charAt(i - 1) == '/' ? EMPTY : START;
                tagStart = lt;
                tagEnd = i + 1;
                pos = tagEnd;
                return true;
            }
        }
    }

    private int skipDeclaration(int lt) {
        int depth = 0;
        for (int i = lt + 2; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '>' && depth <= 0) {
                return i + 1;
            } else if (c == '"' || c == '\'') {
                i = s.indexOf(c, i + 1);
                if (i < 0) {
                    break;
                }
            }
        }
        throw new IllegalStateException("unterminated declaration at " + lt);
    }

    private static int after(int index, int len) {
        if (index < 0) {
            throw new IllegalStateException("XML text is not well-formed");
        }
        return index + len;
    }

    public int kind() {
        return kind;
    }

    public int tagStart() {
        return tagStart;
    }

    public int tagEnd() {
        return tagEnd;
    }

    public int position() {
        return pos;
    }

    /**
     * Locates the element whose start tag is the {@code ordinal}-th (0-based) counted from {@code from}, where the
     * next start tag has ordinal {@code fromOrdinal}.
     *
     * @return {element start, start tag end, end tag start, element end}; for an empty-element tag the middle two
     *     equal the end
     */
    public static int[] locate(String text, int from, int fromOrdinal, int ordinal) {
        MarkupScanner m = new MarkupScanner(text, from);
        int n = fromOrdinal;
        while (m.next()) {
            if (m.kind == END) {
                continue;
            }
            if (n++ < ordinal) {
                continue;
            }
            int start = m.tagStart;
            int startTagEnd = m.tagEnd;
            if (m.kind == EMPTY) {
                return new int[] {start, startTagEnd, startTagEnd, startTagEnd};
            }
            int depth = 1;
            while (m.next()) {
                if (m.kind == START) {
                    depth++;
                } else if (m.kind == END && --depth == 0) {
                    return new int[] {start, startTagEnd, m.tagStart, m.tagEnd};
                }
            }
            break;
        }
        throw new IllegalStateException("element " + ordinal + " not found");
    }
}
