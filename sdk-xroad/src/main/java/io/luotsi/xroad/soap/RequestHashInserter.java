package io.luotsi.xroad.soap;

import io.luotsi.core.TransportException;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.internal.SafeXml;
import io.luotsi.xroad.soap.internal.ByteOffsets;
import io.luotsi.xroad.soap.internal.MarkupScanner;
import io.luotsi.xroad.soap.internal.MediaType;
import io.luotsi.xroad.soap.internal.XmlErrors;
import io.luotsi.xroad.soap.internal.XmlText;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** See {@link SoapEnvelopeWriter#insertRequestHash(InputStream, String, RequestHash, OutputStream)}. */
final class RequestHashInserter {

    private final InputStream in;
    private final Charset charset;
    private final RequestHash hash;
    private final OutputStream out;

    private int headerOrdinal = -1;
    private int idOrdinal = -1;
    private String idPrefix = "";
    private final List<Integer> hashOrdinals = new ArrayList<>(1);

    RequestHashInserter(InputStream in, String contentType, RequestHash hash, OutputStream out) {
        this.in = in;
        String cs = contentType == null ? null : MediaType.parse(contentType).charset();
        try {
            this.charset = cs == null ? StandardCharsets.UTF_8 : Charset.forName(cs);
        } catch (RuntimeException e) {
            throw new XRoadProtocolException("io_error", cs, e);
        }
        this.hash = hash;
        this.out = out;
    }

    void run() {
        try {
            boolean byteScan = charset.equals(StandardCharsets.UTF_8)
                    || charset.canEncode() && charset.newEncoder().maxBytesPerChar() == 1.0f;
            if (byteScan) {
                streaming();
            } else {
                buffered();
            }
        } catch (IOException e) {
            throw new TransportException("cannot rewrite the SOAP message: " + e.getMessage(), e,
                    TransportException.Phase.EXCHANGE, false, null, null);
        } catch (XMLStreamException e) {
            throw new XRoadProtocolException("invalid_soap", XmlErrors.of(e), e);
        }
    }

    /** ASCII-compatible charsets: markup bytes are ASCII, so a Latin-1 view of the bytes has byte offsets. */
    private void streaming() throws IOException, XMLStreamException {
        Recording rec = new Recording(in);
        XMLStreamReader r = SafeXml.inputFactory().createXMLStreamReader(rec, charset.name());
        scanHeader(r);
        byte[] head = rec.recorded();
        int headLen = rec.count();
        String view = new String(head, 0, headLen, StandardCharsets.ISO_8859_1);
        rewrite(view, head, headLen, null);
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
        }
    }

    /** Other charsets (UTF-16, UTF-32): read everything, work on the decoded text. */
    private void buffered() throws IOException, XMLStreamException {
        byte[] all = in.readAllBytes();
        String text = new String(all, charset);
        XMLStreamReader r = SafeXml.inputFactory().createXMLStreamReader(new StringReader(text));
        scanHeader(r);
        int leading = ByteOffsets.leadingBytes(all, 0, all.length, text, charset);
        rewrite(text, all, all.length, new ByteOffsets(text, charset, leading));
    }

    private void scanHeader(XMLStreamReader r) throws XMLStreamException {
        int depth = 0;
        int ordinal = -1;
        boolean inHeader = false;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.DTD) {
                throw new XRoadProtocolException("invalid_soap", XmlErrors.doctype(1, 10));
            } else if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
                ordinal++;
                String ns = r.getNamespaceURI();
                String local = r.getLocalName();
                if (depth == 1 && !(SoapEnvelopeReader.SOAP_ENV_NS.equals(ns) && "Envelope".equals(local))) {
                    throw new XRoadProtocolException("invalid_soap", "Malformed SOAP message: envelope missing");
                } else if (depth == 2 && SoapEnvelopeReader.SOAP_ENV_NS.equals(ns)) {
                    if ("Header".equals(local) && headerOrdinal < 0) {
                        headerOrdinal = ordinal;
                        inHeader = true;
                    } else if ("Body".equals(local)) {
                        break;
                    }
                } else if (depth == 3 && inHeader && SoapHeader.XROAD_NS.equals(ns)) {
                    if ("id".equals(local) && idOrdinal < 0) {
                        idOrdinal = ordinal;
                        idPrefix = r.getPrefix() == null ? "" : r.getPrefix();
                    } else if ("requestHash".equals(local)) {
                        hashOrdinals.add(ordinal);
                    }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (depth == 1 && inHeader) {
                    break;
                }
            }
        }
        if (headerOrdinal < 0) {
            throw new XRoadProtocolException("missing_header", "Malformed SOAP message: header missing");
        }
        if (idOrdinal < 0) {
            throw new XRoadProtocolException("missing_header_field", "Required field 'id' is missing");
        }
    }

    private void rewrite(String text, byte[] bytes, int len, ByteOffsets offsets) throws IOException {
        int[] header = MarkupScanner.locate(text, 0, 0, headerOrdinal);
        int[] id = MarkupScanner.locate(text, header[1], headerOrdinal + 1, idOrdinal);
        String indent = "";
        int firstTag = text.indexOf('<', header[1]);
        if (firstTag > header[1] && text.substring(header[1], firstTag).isBlank()) {
            indent = text.substring(header[1], firstTag);
        }
        List<int[]> cuts = new ArrayList<>(2);
        for (int o : hashOrdinals) {
            int[] span = MarkupScanner.locate(text, header[1], headerOrdinal + 1, o);
            int start = span[0];
            while (start > header[1] && isXmlSpace(text.charAt(start - 1))) {
                start--;
            }
            cuts.add(new int[] {start, span[3]});
        }
        String p = idPrefix.isEmpty() ? "" : idPrefix + ":";
        String element = indent + "<" + p + "requestHash algorithmId=\""
                + XmlText.escape(hash.algorithmId() == null ? RequestHash.SHA512 : hash.algorithmId()) + "\">"
                + XmlText.escape(hash.value()) + "</" + p + "requestHash>";
        byte[] insertion = element.getBytes(offsets == null ? StandardCharsets.US_ASCII : charset);
        if (offsets != null && insertion.length > 0 && charset.name().equalsIgnoreCase("UTF-16")) {
            insertion = element.getBytes(bigOrLittle(bytes));
        }
        int pos = 0;
        boolean inserted = false;
        cuts.sort((a, b) -> Integer.compare(a[0], b[0]));
        for (int[] cut : cuts) {
            if (!inserted && id[3] <= cut[0]) {
                copy(bytes, offsets, pos, id[3]);
                out.write(insertion);
                pos = id[3];
                inserted = true;
            }
            copy(bytes, offsets, pos, cut[0]);
            pos = cut[1];
        }
        if (!inserted) {
            copy(bytes, offsets, pos, id[3]);
            out.write(insertion);
            pos = id[3];
        }
        int end = offsets == null ? len : offsets.byteOffset(text.length());
        int from = offsets == null ? pos : offsets.byteOffset(pos);
        out.write(bytes, from, end - from);
    }

    private static Charset bigOrLittle(byte[] all) {
        return all.length >= 2 && all[0] == (byte) 0xFF && all[1] == (byte) 0xFE
                ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
    }

    private void copy(byte[] bytes, ByteOffsets offsets, int from, int to) throws IOException {
        if (to <= from) {
            return;
        }
        if (offsets == null) {
            out.write(bytes, from, to - from);
        } else {
            int a = from == 0 ? 0 : offsets.byteOffset(from);
            int b = offsets.byteOffset(to);
            out.write(bytes, a, b - a);
        }
    }

    private static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Records the bytes the parser reads, so that they can be copied out after the header has been found. */
    private static final class Recording extends FilterInputStream {
        private byte[] buf = new byte[8192];
        private int n;

        Recording(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                ensure(1);
                buf[n++] = (byte) b;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                ensure(r);
                System.arraycopy(b, off, buf, n, r);
                n += r;
            }
            return r;
        }

        private void ensure(int more) {
            if (n + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }

        @Override
        public void close() {
            // the caller's stream stays open: the rest of the message is copied from it
        }

        byte[] recorded() {
            return buf;
        }

        int count() {
            return n;
        }
    }
}
