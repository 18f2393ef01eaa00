package io.luotsi.xroad.evidence.asic;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The attributes of a certificate's subject name, read from its DER encoding, and looked up as X-Road's
 * {@code CertUtils.getRDNValue} looks them up: the first attribute of the type in the name's string form (which lists
 * the relative distinguished names last to first), its value as a string with the characters RFC 4514 escapes
 * escaped.
 */
final class SubjectName {

    static final String C = "2.5.4.6";
    static final String O = "2.5.4.10";
    static final String OU = "2.5.4.11";
    static final String CN = "2.5.4.3";
    static final String SERIAL_NUMBER = "2.5.4.5";
    static final String BUSINESS_CATEGORY = "2.5.4.15";
    static final String ORGANIZATION_IDENTIFIER = "2.5.4.97";

    private record Attribute(String oid, String value) {
    }

    private final List<Attribute> attributes;

    private SubjectName(List<Attribute> attributes) {
        this.attributes = attributes;
    }

    static SubjectName of(X509Certificate certificate) {
        return parse(certificate.getSubjectX500Principal().getEncoded());
    }

    /** @throws IllegalArgumentException when the encoding is not a Name */
    static SubjectName parse(byte[] der) {
        Reader r = new Reader(der);
        Reader name = r.sequence(0x30);
        r.requireEnd();
        List<List<Attribute>> rdns = new ArrayList<>();
        while (!name.atEnd()) {
            Reader set = name.sequence(0x31);
            List<Attribute> rdn = new ArrayList<>();
            while (!set.atEnd()) {
                Reader atv = set.sequence(0x30);
                String oid = atv.oid();
                String value = atv.string();
                rdn.add(new Attribute(oid, value));
            }
            rdns.add(rdn);
        }
        List<Attribute> ordered = new ArrayList<>();
        for (int i = rdns.size() - 1; i >= 0; i--) {
            ordered.addAll(rdns.get(i));
        }
        return new SubjectName(ordered);
    }

    /** The value of the first attribute of the type (in string order), escaped, or null. */
    String value(String oid) {
        for (Attribute a : attributes) {
            if (a.oid().equals(oid)) {
                return a.value() == null ? null : escape(a.value());
            }
        }
        return null;
    }

    /** Bouncy Castle's {@code IETFUtils.valueToString} escaping, which X-Road's values go through. */
    private static String escape(String v) {
        StringBuilder sb = new StringBuilder(v.length() + 4);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case ',', '"', '\\', '+', '=', '<', '>', ';' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        if (sb.length() > 0 && sb.charAt(0) == '#') {
            sb.insert(0, '\\');
        }
        int start = 0;
        while (start < sb.length() && sb.charAt(start) == ' ') {
            start++;
        }
        if (start > 0) {
            sb.insert(0, '\\');
        }
        int end = sb.length() - 1;
        if (end > 0 && sb.charAt(end) == ' ' && sb.charAt(end - 1) != '\\') {
            sb.insert(end, '\\');
        }
        return sb.toString();
    }

    /** A small DER reader for Name structures. */
    private static final class Reader {
        private final byte[] b;
        private int pos;
        private final int end;

        Reader(byte[] b) {
            this(b, 0, b.length);
        }

        private Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean atEnd() {
            return pos >= end;
        }

        void requireEnd() {
            if (pos != end) {
                throw new IllegalArgumentException("bytes after the name");
            }
        }

        private int tag() {
            if (pos >= end) {
                throw new IllegalArgumentException("truncated name");
            }
            return b[pos++] & 0xFF;
        }

        private int length() {
            int first = tag();
            if (first < 0x80) {
                return first;
            }
            int n = first & 0x7F;
            if (n == 0 || n > 3) {
                throw new IllegalArgumentException("unsupported length in a name");
            }
            int len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | tag();
            }
            return len;
        }

        private Reader content(int expectedTag) {
            int t = tag();
            if (expectedTag >= 0 && t != expectedTag) {
                throw new IllegalArgumentException("unexpected tag " + t + " in a name");
            }
            int len = length();
            if (len > end - pos) {
                throw new IllegalArgumentException("truncated name");
            }
            Reader r = new Reader(b, pos, pos + len);
            pos += len;
            return r;
        }

        Reader sequence(int tag) {
            return content(tag);
        }

        String oid() {
            Reader r = content(0x06);
            StringBuilder sb = new StringBuilder();
            long value = 0;
            boolean first = true;
            for (int i = r.pos; i < r.end; i++) {
                int x = r.b[i] & 0xFF;
                value = (value << 7) | (x & 0x7F);
                if ((x & 0x80) == 0) {
                    if (first) {
                        int a = value < 40 ? 0 : value < 80 ? 1 : 2;
                        sb.append(a).append('.').append(value - 40L * a);
                        first = false;
                    } else {
                        sb.append('.').append(value);
                    }
                    value = 0;
                }
            }
            return sb.toString();
        }

        /** A string value; other types (rare in subject names) read as their hex DER, as Bouncy Castle shows them. */
        String string() {
            int start = pos;
            int t = b[pos] & 0xFF;
            Reader r = content(-1);
            byte[] v = java.util.Arrays.copyOfRange(r.b, r.pos, r.end);
            Charset cs = switch (t) {
                case 0x0C, 0x13, 0x16, 0x12, 0x1A, 0x14 -> t == 0x0C ? StandardCharsets.UTF_8
                        : t == 0x14 ? StandardCharsets.ISO_8859_1 : StandardCharsets.US_ASCII;
                case 0x1E -> StandardCharsets.UTF_16BE;
                case 0x1C -> Charset.forName("UTF-32BE");
                default -> null;
            };
            if (cs != null) {
                return new String(v, cs);
            }
            return "#" + java.util.HexFormat.of().formatHex(b, start, pos);
        }
    }
}
