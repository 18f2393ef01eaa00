package io.luotsi.xroad.soap;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * A SOAP part as received or written: either a {@link SoapMessage} (an X-Road request or response) or a
 * {@link SoapFault}. It keeps the exact bytes (no re-encoding), which is what X-Road hashes for {@code requestHash}
 * and what a message log must keep.
 */
public sealed interface SoapEnvelope permits SoapMessage, SoapFault {

    /** The content type of the SOAP part as received (for a multipart message: of its first part). */
    String contentType();

    /** The charset the SOAP part was read with: the content type's {@code charset}, UTF-8 by default. */
    Charset charset();

    /** The number of bytes of the SOAP part, including a byte order mark. */
    int size();

    /** A copy of the exact bytes of the SOAP part, including a byte order mark if one was received. */
    byte[] bytes();

    /** The exact bytes, as a stream. */
    InputStream openStream();

    /** Writes the exact bytes to {@code out}; an {@link java.io.IOException} comes as UncheckedIOException. */
    void writeTo(OutputStream out);

    /** The SOAP part as text (decoded with {@link #charset()}, without a byte order mark). */
    String xml();

    /** {@code base64(SHA-512(bytes))}: what X-Road puts in a response's {@code requestHash} for this request. */
    RequestHash requestHash();
}
