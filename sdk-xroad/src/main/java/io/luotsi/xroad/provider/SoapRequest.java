package io.luotsi.xroad.provider;

import io.luotsi.core.xml.XmlCodec;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.soap.Attachment;
import io.luotsi.xroad.soap.DecodedSoapMessage;
import io.luotsi.xroad.soap.SoapHeader;
import io.luotsi.xroad.soap.SoapMessage;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLStreamReader;

/**
 * An X-Road SOAP request as a provider receives it, handed to a {@link SoapHandler}: the typed header (who calls,
 * on whose behalf, about what), the body (typed, raw or StAX) and the attachments. Attachments larger than the
 * provider's memory threshold are in temporary files, deleted after the response is written.
 *
 * <pre>{@code
 * ClientId caller = request.client();
 * Optional<String> user = request.header().userId();
 * GetPerson q = request.body(GetPerson.class);
 * try (InputStream scan = request.attachment("cid:scan1").orElseThrow().openStream()) { ... }
 * }</pre>
 */
public final class SoapRequest {

    private final DecodedSoapMessage decoded;
    private final SoapMessage message;
    private final String soapAction;
    private final XmlCodec xml;

    SoapRequest(DecodedSoapMessage decoded, String soapAction, XmlCodec xml) {
        this.decoded = decoded;
        this.message = decoded.message();
        this.soapAction = soapAction;
        this.xml = xml;
    }

    /** The X-Road header: client, service, id, userId, issue, representedParty, securityToken, others. */
    public SoapHeader header() {
        return message.header();
    }

    /** The calling member or subsystem. */
    public ClientId client() {
        return message.header().client();
    }

    /** The called service (with its version, if any). */
    public ServiceId service() {
        return message.header().service();
    }

    /** The message id. */
    public String id() {
        return message.header().id();
    }

    /** The SOAP part, with its exact bytes. */
    public SoapMessage message() {
        return message;
    }

    /** The body element read as {@code type} with the provider's XML codec ({@code String.class}: its XML). */
    public <T> T body(Class<T> type) {
        return message.readBody(xml, type);
    }

    /** The body element as XML, well-formed on its own. */
    public String bodyXml() {
        return message.bodyStandaloneXml();
    }

    /** A new StAX reader on the body element (the caller closes it). */
    public XMLStreamReader bodyReader() {
        return message.bodyReader();
    }

    /** The attachments, in order (nested multiparts flattened). */
    public List<Attachment> attachments() {
        return decoded.attachments();
    }

    /** The attachment a {@code cid:} reference or Content-ID names. */
    public Optional<Attachment> attachment(String reference) {
        return decoded.attachment(reference);
    }

    /** Whether the request came as MTOM/XOP. */
    public boolean isMtom() {
        return decoded.isMtom();
    }

    /** The request's content type as received. */
    public String contentType() {
        return decoded.contentType();
    }

    /**
     * The client's SOAPAction, as the Security Server forwards it ({@code x-original-soapaction}), or the request's
     * own {@code SOAPAction} when called directly.
     */
    public Optional<String> soapAction() {
        return Optional.ofNullable(soapAction);
    }

    @Override
    public String toString() {
        return "SoapRequest[" + message + ", " + attachments().size() + " attachments]";
    }
}
