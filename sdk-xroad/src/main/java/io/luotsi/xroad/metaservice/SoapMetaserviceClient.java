package io.luotsi.xroad.metaservice;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.IdentifierXml;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadId;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.internal.ClientRuntime;
import io.luotsi.xroad.soap.Attachment;
import io.luotsi.xroad.soap.SoapBody;
import io.luotsi.xroad.soap.SoapMessage;
import io.luotsi.xroad.soap.SoapResponse;
import io.luotsi.xroad.soap.SoapService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The SOAP metaservices of PR-META over the client's SOAP path: each is an ordinary X-Road SOAP message to the provider
 * (signed and logged by the Security Servers), sent with the client's identity, pipeline and error mapping.
 * <ul>
 *   <li>{@link #listMethods(ClientId)}: {@code <xrd:listMethods/>}, answered with every SOAP service of the provider
 *       (member or subsystem), each with its version;</li>
 *   <li>{@link #allowedMethods(ClientId)}: {@code <xrd:allowedMethods/>}, only those this client may call;</li>
 *   <li>{@link #getWsdl(ServiceId)}: {@code <xrd:getWsdl><xrd:serviceCode>..</xrd:serviceCode>[<xrd:serviceVersion>..
 *       </xrd:serviceVersion>]</xrd:getWsdl>}, answered {@code multipart/related}: the {@code getWsdlResponse} SOAP
 *       part, then the WSDL as a {@code text/xml} part.</li>
 * </ul>
 *
 * <pre>{@code
 * SoapMetaserviceClient soap = client.metaservices().soap();
 * ClientId producer = ClientId.parse("EE/BUSINESS/producer");
 * for (ServiceDescription s : soap.allowedMethods(producer)) {
 *     s.id().serviceCode();                            // getRandom, with s.id().serviceVersion() v1
 * }
 * WsdlDocument wsdl = soap.getWsdl(producer.service("getRandom").withVersion("v1"));
 * }</pre>
 *
 * Failures are the SOAP client's: {@link io.luotsi.xroad.XRoadException} with the Security Server's fault code
 * ({@code server.serverproxy.unknown_service} for a WSDL nobody registered, {@code server.clientproxy.unknown_member}
 * for an unknown provider), {@link io.luotsi.core.TransportException}, and {@link XRoadProtocolException} for a
 * response that is not what PR-META describes. Immutable and thread-safe.
 */
public final class SoapMetaserviceClient implements SoapMetaservices {

    /** The SOAP metaservice codes (reserved service codes of every provider). */
    public static final String LIST_METHODS = "listMethods";
    public static final String ALLOWED_METHODS = "allowedMethods";
    public static final String GET_WSDL = "getWsdl";

    private static final String XRD = IdentifierXml.XROAD_NS;

    private final ClientRuntime runtime;

    /** Obtained from {@code XRoadClient.metaservices().soap()}. */
    public SoapMetaserviceClient(ClientRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public List<ServiceDescription> listMethods(ClientId provider) {
        return services(provider, LIST_METHODS);
    }

    @Override
    public List<ServiceDescription> allowedMethods(ClientId provider) {
        return services(provider, ALLOWED_METHODS);
    }

    private List<ServiceDescription> services(ClientId provider, String code) {
        Objects.requireNonNull(provider, "provider");
        SoapBody body = SoapBody.of(w -> {
            w.writeEmptyElement("xrd", code, XRD);
            w.writeNamespace("xrd", XRD);
        });
        try (SoapResponse<List<ServiceDescription>> r = new SoapService(runtime, provider.service(code))
                .request(body).execute(reader -> readServices(reader, code))) {
            return r.body();
        }
    }

    private static List<ServiceDescription> readServices(XMLStreamReader r, String code) throws XMLStreamException {
        expect(r, code + "Response");
        List<ServiceDescription> result = new ArrayList<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (!XRD.equals(r.getNamespaceURI()) || !"service".equals(r.getLocalName())) {
                skip(r);
                continue;
            }
            XRoadId id = IdentifierXml.read(r, false);
            if (!(id instanceof ServiceId s)) {
                throw new XRoadProtocolException("invalid_body", code + " lists a " + id.objectType()
                        + ", not a SERVICE");
            }
            result.add(new ServiceDescription(s, ServiceType.WSDL, List.of()));
        }
        return List.copyOf(result);
    }

    /**
     * The WSDL of {@code service} ({@code getWsdl} on its provider, asking for the service's version when it has one).
     *
     * @throws XRoadProtocolException {@code invalid_message} when the answer carries no WSDL part,
     *                                {@code inconsistent_response} when it describes another service code
     */
    @Override
    public WsdlDocument getWsdl(ServiceId service) {
        Objects.requireNonNull(service, "service");
        SoapBody body = SoapBody.of(w -> {
            w.writeStartElement("xrd", GET_WSDL, XRD);
            w.writeNamespace("xrd", XRD);
            w.writeStartElement("xrd", "serviceCode", XRD);
            w.writeCharacters(service.serviceCode());
            w.writeEndElement();
            if (service.serviceVersion() != null) {
                w.writeStartElement("xrd", "serviceVersion", XRD);
                w.writeCharacters(service.serviceVersion());
                w.writeEndElement();
            }
            w.writeEndElement();
        });
        try (SoapResponse<String> r = new SoapService(runtime, service.provider().service(GET_WSDL))
                .request(body).execute(SoapMetaserviceClient::readGetWsdlResponse)) {
            if (r.body() != null && !r.body().equals(service.serviceCode())) {
                throw new XRoadProtocolException("inconsistent_response", "getWsdl for " + service.serviceCode()
                        + " was answered for " + r.body());
            }
            List<Attachment> parts = r.attachments();
            if (parts.isEmpty()) {
                throw new XRoadProtocolException("invalid_message", "the getWsdl response for " + service
                        + " has no WSDL part");
            }
            Attachment wsdl = parts.get(0);
            if (wsdl.size() > runtime.maxBodyBytes()) {
                throw new XRoadProtocolException("invalid_message", "the WSDL of " + service + " has "
                        + wsdl.size() + " bytes, over the client's limit of " + runtime.maxBodyBytes());
            }
            return new WsdlDocument(service, wsdl.bytes(), wsdl.contentType());
        }
    }

    /** The {@code serviceCode} echoed by {@code getWsdlResponse}, or {@code null}. */
    private static String readGetWsdlResponse(XMLStreamReader r) throws XMLStreamException {
        expect(r, GET_WSDL + "Response");
        String code = null;
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (XRD.equals(r.getNamespaceURI()) && "serviceCode".equals(r.getLocalName())) {
                code = r.getElementText().trim();
            } else {
                skip(r);
            }
        }
        return code;
    }

    private static void expect(XMLStreamReader r, String localName) {
        if (!localName.equals(r.getLocalName())) {
            throw new XRoadProtocolException("invalid_body", "expected <" + localName + ">, got <"
                    + r.getLocalName() + ">");
        }
    }

    private static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    @Override
    public String toString() {
        return "SoapMetaserviceClient[" + runtime.clientId() + " via " + runtime.securityServerBase() + "]";
    }
}
