package io.luotsi.xroad.soap;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded SOAP message: the SOAP part and, for multipart messages, its attachments. Closing it deletes the
 * attachments' temporary files.
 *
 * <pre>{@code
 * try (DecodedSoapMessage m = SoapMessageDecoder.create().decode(in, contentType)) {
 *     SoapMessage soap = m.message();                         // a fault becomes its XRoadException
 *     for (String href : soap.xopIncludes()) {                // MTOM
 *         try (InputStream data = m.attachment(href).orElseThrow().openStream()) { ... }
 *     }
 * }
 * }</pre>
 */
public final class DecodedSoapMessage implements AutoCloseable {

    private final String contentType;
    private final SoapEnvelope soap;
    private final MimeHeaders soapPartHeaders;
    private final List<Attachment> attachments;
    private final boolean multipart;

    DecodedSoapMessage(String contentType, SoapEnvelope soap, MimeHeaders soapPartHeaders,
                       List<Attachment> attachments, boolean multipart) {
        this.contentType = contentType;
        this.soap = soap;
        this.soapPartHeaders = soapPartHeaders;
        this.attachments = List.copyOf(attachments);
        this.multipart = multipart;
    }

    /** The message's content type, exactly as received (an MTOM type is passed on unchanged, case included). */
    public String contentType() {
        return contentType;
    }

    /** The SOAP part: a message or a fault. */
    public SoapEnvelope soap() {
        return soap;
    }

    /** The SOAP part as a message; a fault is thrown as its {@link io.luotsi.xroad.XRoadException}. */
    public SoapMessage message() {
        if (soap instanceof SoapFault f) {
            throw f.toException();
        }
        return (SoapMessage) soap;
    }

    /** The MIME headers of the SOAP part (empty for a single-part message). */
    public MimeHeaders soapPartHeaders() {
        return soapPartHeaders;
    }

    /** Whether the message was {@code multipart/related}. */
    public boolean isMultipart() {
        return multipart;
    }

    /** Whether the SOAP part is an MTOM/XOP root part ({@code application/xop+xml}). */
    public boolean isMtom() {
        String ct = soap.contentType();
        return ct != null && ct.trim().toLowerCase(java.util.Locale.ROOT).startsWith("application/xop+xml");
    }

    /** The attachments in order (nested multiparts flattened). */
    public List<Attachment> attachments() {
        return attachments;
    }

    /**
     * The attachment a reference points to: a {@code cid:} URL (percent-encoded, RFC 2392) as in
     * {@code xop:Include href}, or a bare Content-ID, with or without angle brackets.
     */
    public Optional<Attachment> attachment(String reference) {
        Objects.requireNonNull(reference, "reference");
        String id = reference.trim();
        if (id.regionMatches(true, 0, "cid:", 0, 4)) {
            id = URLDecoder.decode(id.substring(4).replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        id = MimeHeaders.stripAngles(id);
        for (Attachment a : attachments) {
            if (a.contentId().map(id::equals).orElse(false)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Deletes the attachments' temporary files. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (Attachment a : attachments) {
            try {
                a.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "DecodedSoapMessage[" + contentType + ", " + soap + ", " + attachments.size() + " attachments]";
    }
}
