package io.luotsi.testkit;

import io.luotsi.core.xml.JacksonXmlCodec;
import io.luotsi.core.xml.XmlCodec;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.soap.Attachment;
import io.luotsi.xroad.soap.DecodedSoapMessage;
import io.luotsi.xroad.soap.SoapHeader;
import io.luotsi.xroad.soap.SoapMessage;
import java.util.List;
import java.util.Optional;

/**
 * A SOAP request as the provider's service receives it from the fake Security Server, handed to a
 * {@link FakeSoapHandler}: the header, the body (raw, typed or StAX), the attachments and the client's SOAPAction
 * (forwarded as {@code x-original-soapaction}).
 */
public final class FakeSoapRequest {

    private static final XmlCodec XML = JacksonXmlCodec.create();

    private final DecodedSoapMessage decoded;
    private final SoapMessage message;
    private final String soapAction;

    FakeSoapRequest(DecodedSoapMessage decoded, String soapAction) {
        this.decoded = decoded;
        this.message = decoded.message();
        this.soapAction = soapAction;
    }

    public SoapHeader header() {
        return message.header();
    }

    public ClientId client() {
        return message.header().client();
    }

    public ServiceId service() {
        return message.header().service();
    }

    /** The SOAP part, exact bytes included. */
    public SoapMessage message() {
        return message;
    }

    /** The body element as XML, well-formed on its own. */
    public String bodyXml() {
        return message.bodyStandaloneXml();
    }

    /** The body element read with Jackson's XML mapping. */
    public <T> T body(Class<T> type) {
        return message.readBody(XML, type);
    }

    /** The attachments, in order; valid during the handler call. */
    public List<Attachment> attachments() {
        return decoded.attachments();
    }

    public Optional<Attachment> attachment(String reference) {
        return decoded.attachment(reference);
    }

    public boolean isMtom() {
        return decoded.isMtom();
    }

    /** The client's {@code SOAPAction}, when it sent one. */
    public Optional<String> soapAction() {
        return Optional.ofNullable(soapAction);
    }

    @Override
    public String toString() {
        return "FakeSoapRequest[" + message + "]";
    }
}
