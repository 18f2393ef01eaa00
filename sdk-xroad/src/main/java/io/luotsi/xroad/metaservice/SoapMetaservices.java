package io.luotsi.xroad.metaservice;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import java.util.List;

/**
 * The SOAP metaservices of PR-META ({@code listMethods}, {@code allowedMethods} and {@code getWsdl} sent as X-Road SOAP
 * messages to a provider). The extension point for the SOAP client: sdk-xroad's REST metaservices are in
 * {@link MetaserviceClient}; an implementation of this interface over the SOAP client is given to
 * {@code Directory.builder().soapMetaservices(...)} so that the directory also knows SOAP services.
 */
public interface SoapMetaservices {

    /** Every SOAP service of the provider ({@code listMethods}), each with its version if it has one. */
    List<ServiceDescription> listMethods(ClientId provider);

    /** The SOAP services of the provider the calling client may use ({@code allowedMethods}). */
    List<ServiceDescription> allowedMethods(ClientId provider);

    /** The WSDL of a service ({@code getWsdl}), as the provider's Security Server returns it. */
    byte[] getWsdl(ServiceId service);
}
