package io.luotsi.xroad.evidence;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The SOAP {@code requestHash} (PR-MESS section 2.5): {@code base64(SHA-512(the request's SOAP part, byte for byte))},
 * with {@code algorithmId="http://www.w3.org/2001/04/xmlenc#sha512"}. The provider's Security Server puts it in the
 * response; a client that kept the digest of what it sent can check that the response answers that request.
 *
 * <pre>{@code
 * SoapRequestHash.Recorder recorder = SoapRequestHash.recorder();
 * envelopeWriter.writeTo(recorder.wrap(httpOut));   // digested as the SOAP part is written
 * Digest sent = recorder.digest();
 * // ... read the response's requestHash header (algorithmId, text) ...
 * RequestHashReceipt receipt = SoapRequestHash.verify(sent, algorithmId, requestHash);
 * }</pre>
 *
 * The hash covers the exact bytes: an XML declaration, a byte order mark or the line breaks the client sent all
 * count. For a multipart request only the SOAP part (the first) is hashed, not the MIME headers or attachments.
 */
public final class SoapRequestHash {

    private SoapRequestHash() {
    }

    /** The digest of the SOAP part's bytes. */
    public static Digest of(byte[] soapPart) {
        return Digest.sha512(soapPart);
    }

    /** The digest of the SOAP part read from the stream (to its end, not closed). */
    public static Digest of(InputStream soapPart) {
        return Digest.sha512(soapPart);
    }

    /** A recorder that digests the SOAP part as it is written through {@link Recorder#wrap(OutputStream)}. */
    public static Recorder recorder() {
        return new Recorder();
    }

    /**
     * Checks a response's request hash against the digest of the request sent.
     *
     * @param sent        the digest of the SOAP part the client sent
     * @param algorithmId the response's {@code requestHash/@algorithmId}, or null when it has none
     * @param requestHash the response's {@code requestHash} text, or null when the header is absent
     * @return the receipt to keep as evidence
     * @throws RequestHashMismatchException when the header is missing, names another algorithm, or differs
     */
    public static RequestHashReceipt verify(Digest sent, String algorithmId, String requestHash) {
        Objects.requireNonNull(sent, "sent");
        if (requestHash == null || requestHash.isBlank()) {
            throw new RequestHashMismatchException(RequestHashMismatchException.MISSING, "the response has no "
                    + "requestHash to check against the request", sent, null);
        }
        if (algorithmId == null || algorithmId.isBlank()) {
            throw new RequestHashMismatchException(RequestHashMismatchException.ALGORITHM_UNSUPPORTED, "the response's "
                    + "requestHash names no algorithmId", sent, null);
        }
        String algorithm = algorithmId.strip();
        RequestHashReceipt receipt = RequestHashReceipt.soap(algorithm, requestHash);
        if (!algorithm.equals(sent.algorithmId())) {
            throw new RequestHashMismatchException(RequestHashMismatchException.ALGORITHM_UNSUPPORTED, "the response's "
                    + "requestHash uses " + algorithm + "; the request was digested with " + sent.algorithmId(), sent,
                    receipt);
        }
        Digest received;
        try {
            received = new Digest(algorithm, receipt.value());
        } catch (IllegalArgumentException e) {
            throw new RequestHashMismatchException(RequestHashMismatchException.MISMATCH, "the response's requestHash "
                    + "is not base64", sent, receipt);
        }
        if (!received.matches(sent)) {
            throw new RequestHashMismatchException(RequestHashMismatchException.MISMATCH, "the response's requestHash "
                    + "is not the hash of the request sent: the response answers another request, or the request "
                    + "was changed on its way", sent, receipt);
        }
        return receipt;
    }

    /**
     * Digests the SOAP part as it is written: {@link #wrap(OutputStream)} gives a stream that passes the bytes on
     * unchanged and digests them. Not thread-safe, like the stream it serves.
     */
    public static final class Recorder {
        private final MessageDigest digest = Digest.newSha512();
        private Digest result;

        private Recorder() {
        }

        /** A stream that writes through to {@code out} and digests what passes; closing it closes {@code out}. */
        public OutputStream wrap(OutputStream out) {
            Objects.requireNonNull(out, "out");
            return new FilterOutputStream(out) {
                @Override
                public void write(int b) throws IOException {
                    requireOpen();
                    out.write(b);
                    digest.update((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    requireOpen();
                    out.write(b, off, len);
                    digest.update(b, off, len);
                }
            };
        }

        /** The digest of everything written so far; afterwards the stream refuses further bytes. */
        public Digest digest() {
            if (result == null) {
                result = Digest.of(Digest.SHA512, digest.digest());
            }
            return result;
        }

        private void requireOpen() throws IOException {
            if (result != null) {
                throw new IOException("the request hash was taken; nothing more can be written");
            }
        }
    }
}
