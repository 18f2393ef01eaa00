package io.luotsi.xroad.soap;

import io.luotsi.core.TransportException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Writes a SOAP message with attachments as {@code multipart/related}, streaming: SOAP with Attachments (SwA) or
 * MTOM/XOP. The SOAP part comes first, then the attachments; nothing is buffered.
 *
 * <pre>{@code
 * try (SoapMultipartWriter mp = SoapMultipartWriter.mtom(out)) {
 *     httpHeaders.put("Content-Type", mp.contentType());          // before the body is sent
 *     SoapEnvelopeWriter.create().write(mp.openSoapPart(), header, body);  // with <xop:Include href="cid:doc1"/>
 *     try (InputStream pdf = Files.newInputStream(path)) {
 *         mp.attachment("doc1", "application/pdf", pdf);
 *     }
 * }                                                               // writes the close delimiter
 * }</pre>
 *
 * <p>The boundary is random (128 bits), so that attachment content cannot contain it by accident.
 */
public final class SoapMultipartWriter implements AutoCloseable {

    /** The Content-ID of the MTOM root part. */
    public static final String ROOT_CONTENT_ID = "rootpart@luotsi.io";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;
    private final String boundary;
    private final boolean mtom;
    private final String contentType;
    private int parts;
    private PartStream open;
    private boolean closed;

    private SoapMultipartWriter(OutputStream out, String boundary, boolean mtom) {
        this.out = Objects.requireNonNull(out, "out");
        this.boundary = checkBoundary(boundary);
        this.mtom = mtom;
        this.contentType = mtom
                ? "multipart/related; type=\"application/xop+xml\"; start=\"<" + ROOT_CONTENT_ID
                + ">\"; start-info=\"text/xml\"; boundary=\"" + boundary + "\""
                : "multipart/related; type=\"text/xml\"; charset=UTF-8; boundary=\"" + boundary + "\"";
    }

    /** SOAP with Attachments: the SOAP part is {@code text/xml}. */
    public static SoapMultipartWriter swa(OutputStream out) {
        return new SoapMultipartWriter(out, newBoundary(), false);
    }

    public static SoapMultipartWriter swa(OutputStream out, String boundary) {
        return new SoapMultipartWriter(out, boundary, false);
    }

    /** MTOM/XOP: the SOAP part is {@code application/xop+xml; type="text/xml"} with a Content-ID. */
    public static SoapMultipartWriter mtom(OutputStream out) {
        return new SoapMultipartWriter(out, newBoundary(), true);
    }

    public static SoapMultipartWriter mtom(OutputStream out, String boundary) {
        return new SoapMultipartWriter(out, boundary, true);
    }

    /** A new random boundary. */
    public static String newBoundary() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return "luotsi-" + HexFormat.of().formatHex(b);
    }

    private static String checkBoundary(String b) {
        Objects.requireNonNull(b, "boundary");
        if (b.isEmpty() || b.length() > 70 || b.endsWith(" ")
                || !b.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                || "'()+_,-./:=? ".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("invalid MIME boundary (RFC 2046): " + b);
        }
        return b;
    }

    /** The content type of the whole message, to send as the HTTP {@code Content-Type}. */
    public String contentType() {
        return contentType;
    }

    public String boundary() {
        return boundary;
    }

    /** The headers this writer gives the SOAP part. */
    public MimeHeaders soapPartHeaders() {
        return mtom
                ? MimeHeaders.of("Content-Type", "application/xop+xml; charset=UTF-8; type=\"text/xml\"",
                "Content-Transfer-Encoding", "8bit", "Content-ID", "<" + ROOT_CONTENT_ID + ">")
                : MimeHeaders.of("Content-Type", "text/xml; charset=UTF-8", "Content-Transfer-Encoding", "8bit");
    }

    /**
     * Starts the SOAP part (UTF-8 XML, e.g. from {@link SoapEnvelopeWriter}); it ends when the stream is closed or the
     * next part starts.
     */
    public OutputStream openSoapPart() {
        if (parts != 0) {
            throw new IllegalStateException("the SOAP part must be the first part");
        }
        return openPart(soapPartHeaders());
    }

    /**
     * Starts the SOAP part with headers of the caller's (which must include {@code Content-Type}), e.g. those a relay
     * received with it, as X-Road's Security Servers pass a SOAP part on with its own MIME headers.
     */
    public OutputStream openSoapPart(MimeHeaders headers) {
        Objects.requireNonNull(headers, "headers");
        if (parts != 0) {
            throw new IllegalStateException("the SOAP part must be the first part");
        }
        if (headers.contentType().isEmpty()) {
            throw new IllegalArgumentException("the SOAP part needs a Content-Type");
        }
        return openPart(headers);
    }

    /** Writes the SOAP part from UTF-8 bytes. */
    public void soapPart(byte[] soapUtf8) {
        Objects.requireNonNull(soapUtf8, "soapUtf8");
        try (OutputStream o = openSoapPart()) {
            o.write(soapUtf8);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Writes a read SOAP part byte for byte; its charset goes into the part's content type. */
    public void soapPart(SoapEnvelope soap) {
        Objects.requireNonNull(soap, "soap");
        if (parts != 0) {
            throw new IllegalStateException("the SOAP part must be the first part");
        }
        String cs = soap.charset().name();
        MimeHeaders h = mtom
                ? MimeHeaders.of("Content-Type", "application/xop+xml; charset=" + cs + "; type=\"text/xml\"",
                "Content-Transfer-Encoding", "8bit", "Content-ID", "<" + ROOT_CONTENT_ID + ">")
                : MimeHeaders.of("Content-Type", "text/xml; charset=" + cs, "Content-Transfer-Encoding", "8bit");
        try (OutputStream o = openPart(h)) {
            soap.writeTo(o);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /**
     * Starts an attachment with the given headers (which must include {@code Content-Type}); it ends when the stream
     * is closed or the next part starts.
     */
    public OutputStream openAttachment(MimeHeaders headers) {
        Objects.requireNonNull(headers, "headers");
        if (parts == 0) {
            throw new IllegalStateException("write the SOAP part first");
        }
        if (headers.contentType().isEmpty()) {
            throw new IllegalArgumentException("an attachment needs a Content-Type");
        }
        return openPart(headers);
    }

    /** Copies an attachment from {@code content} (not closed here). */
    public void attachment(MimeHeaders headers, InputStream content) {
        Objects.requireNonNull(content, "content");
        try (OutputStream o = openAttachment(headers)) {
            content.transferTo(o);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** An SwA attachment of the given type. */
    public void attachment(String contentType, InputStream content) {
        attachment(MimeHeaders.of("Content-Type", contentType, "Content-Transfer-Encoding", "binary"), content);
    }

    /** An attachment with a Content-ID, for {@code xop:Include href="cid:<contentId>"} or {@code swaRef}. */
    public void attachment(String contentId, String contentType, InputStream content) {
        Objects.requireNonNull(contentId, "contentId");
        attachment(MimeHeaders.of("Content-Type", contentType, "Content-Transfer-Encoding", "binary",
                "Content-ID", "<" + MimeHeaders.stripAngles(contentId) + ">"), content);
    }

    private OutputStream openPart(MimeHeaders headers) {
        if (closed) {
            throw new IllegalStateException("already closed");
        }
        endOpenPart();
        try {
            if (parts > 0) {
                out.write(CRLF);
            }
            out.write(("--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
            out.write(CRLF);
            for (MimeHeaders.Header h : headers.all()) {
                out.write((h.name() + ": " + h.value()).getBytes(StandardCharsets.UTF_8));
                out.write(CRLF);
            }
            out.write(CRLF);
        } catch (IOException e) {
            throw failure(e);
        }
        parts++;
        open = new PartStream(out);
        return open;
    }

    private void endOpenPart() {
        if (open != null) {
            open.ended = true;
            open = null;
        }
    }

    /** Writes the close delimiter (the underlying stream stays open). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (parts == 0) {
            throw new IllegalStateException("a multipart SOAP message needs its SOAP part");
        }
        endOpenPart();
        closed = true;
        try {
            out.write(CRLF);
            out.write(("--" + boundary + "--").getBytes(StandardCharsets.ISO_8859_1));
            out.write(CRLF);
            out.flush();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private static TransportException failure(IOException e) {
        return new TransportException("cannot write the multipart message: " + e.getMessage(), e,
                TransportException.Phase.EXCHANGE, false, null, null);
    }

    /** The content of one part: writes through; closing ends the part but not the message. */
    private static final class PartStream extends FilterOutputStream {
        boolean ended;

        PartStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            check();
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check();
            out.write(b, off, len);
        }

        private void check() throws IOException {
            if (ended) {
                throw new IOException("this part has ended");
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() {
            ended = true;
        }
    }
}
