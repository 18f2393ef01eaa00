package io.luotsi.xroad.soap;

import io.luotsi.xroad.XRoadMetadata;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a SOAP call: the typed body, the response header (checked against the request's), the response's
 * attachments and what X-Road says about the exchange. Attachments larger than the decoder's memory threshold are in
 * temporary files: close the response (try-with-resources) to delete them.
 *
 * <pre>{@code
 * try (SoapResponse<Person> r = client.soap(getPerson).request(new GetPerson("123")).execute(Person.class)) {
 *     Person p = r.body();
 *     String receipt = r.xroad().requestHash().orElseThrow();   // base64 SHA-512 of the request sent
 *     for (Attachment a : r.attachments()) { try (InputStream in = a.openStream()) { ... } }
 * }
 * }</pre>
 *
 * @param <T> the body type
 */
public final class SoapResponse<T> implements AutoCloseable {

    private final int status;
    private final T body;
    private final DecodedSoapMessage decoded;
    private final SoapMessage message;
    private final XRoadMetadata xroad;

    SoapResponse(int status, T body, DecodedSoapMessage decoded) {
        this.status = status;
        this.body = body;
        this.decoded = Objects.requireNonNull(decoded, "decoded");
        this.message = decoded.message();
        SoapHeader h = message.header();
        this.xroad = new XRoadMetadata(h.id(), null, h.requestHash().map(RequestHash::value).orElse(null),
                h.service(), h.client());
    }

    /** The HTTP status (200 from a Security Server). */
    public int status() {
        return status;
    }

    /** The body element read as the requested type. */
    public T body() {
        return body;
    }

    /** The response's X-Road header. */
    public SoapHeader header() {
        return message.header();
    }

    /** The response SOAP part, its exact bytes included. */
    public SoapMessage message() {
        return message;
    }

    /** The attachments of a multipart response, in order. */
    public List<Attachment> attachments() {
        return decoded.attachments();
    }

    /** The attachment with a Content-ID or {@code cid:} reference. */
    public Optional<Attachment> attachment(String reference) {
        return decoded.attachment(reference);
    }

    /** The response's content type as received. */
    public String contentType() {
        return decoded.contentType();
    }

    /** Message id, request hash, client and service of the response. */
    public XRoadMetadata xroad() {
        return xroad;
    }

    /** Deletes the attachments' temporary files. */
    @Override
    public void close() {
        decoded.close();
    }

    @Override
    public String toString() {
        return "SoapResponse[" + status + ", " + message + ", " + attachments().size() + " attachments]";
    }
}
