package io.luotsi.xroad.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The HTTP body of a SOAP request: the envelope alone ({@code text/xml}) or in a {@code multipart/related} message
 * with the attachments streamed after it. The SHA-512 of the SOAP part's bytes is computed as they are written, so
 * the request hash of the response can be checked without keeping the request.
 */
final class SoapRequestBody extends io.luotsi.core.http.RequestBody {

    private final SoapEnvelopeWriter writer;
    private final SoapHeader header;
    private final SoapBody body;
    private final byte[] envelope;
    private final List<AttachmentSource> attachments;
    private final boolean mtom;
    private final String boundary;
    private final String contentType;
    private volatile byte[] soapPartDigest;

    SoapRequestBody(SoapEnvelopeWriter writer, SoapHeader header, SoapBody body, List<AttachmentSource> attachments,
                    boolean mtom) {
        this.writer = writer;
        this.header = header;
        this.attachments = List.copyOf(attachments);
        this.mtom = mtom;
        // Bodies in memory are serialised once: every attempt then sends the same bytes.
        this.body = body;
        this.envelope = body.writer == null ? writer.toBytes(header, body) : null;
        if (this.attachments.isEmpty() && !mtom) {
            this.boundary = null;
            this.contentType = SoapEnvelopeWriter.TEXT_XML_UTF8;
        } else {
            this.boundary = SoapMultipartWriter.newBoundary();
            this.contentType = (mtom ? SoapMultipartWriter.mtom(OutputStream.nullOutputStream(), boundary)
                    : SoapMultipartWriter.swa(OutputStream.nullOutputStream(), boundary)).contentType();
        }
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public long contentLength() {
        return boundary == null && envelope != null ? envelope.length : -1;
    }

    @Override
    public boolean isOneShot() {
        return attachments.stream().anyMatch(AttachmentSource::isOneShot);
    }

    /** SHA-512 of the SOAP part last written, or {@code null} before the body was written. */
    byte[] soapPartDigest() {
        return soapPartDigest;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        MessageDigest md = sha512();
        if (boundary == null) {
            DigestOutputStream d = new DigestOutputStream(out, md);
            writeEnvelope(d);
            d.flush();
        } else {
            SoapMultipartWriter mp = mtom ? SoapMultipartWriter.mtom(out, boundary)
                    : SoapMultipartWriter.swa(out, boundary);
            try (OutputStream soap = new DigestOutputStream(mp.openSoapPart(), md)) {
                writeEnvelope(soap);
            }
            for (AttachmentSource a : attachments) {
                try (InputStream in = a.open()) {
                    mp.attachment(a.headers(), in);
                } catch (java.io.UncheckedIOException e) {
                    throw e.getCause();
                }
            }
            mp.close();
        }
        soapPartDigest = md.digest();
    }

    private void writeEnvelope(OutputStream out) throws IOException {
        if (envelope != null) {
            out.write(envelope);
        } else {
            try {
                writer.write(out, header, body);
            } catch (io.luotsi.core.TransportException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw e;
            }
        }
    }

    static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is not available", e);
        }
    }
}
