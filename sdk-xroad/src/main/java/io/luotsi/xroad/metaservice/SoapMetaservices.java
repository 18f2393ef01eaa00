package io.luotsi.xroad.metaservice;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import java.util.List;

/**
 * The SOAP metaservices of PR-META ({@code listMethods}, {@code allowedMethods} and {@code getWsdl} sent as X-Road SOAP
 * messages to a provider). {@link SoapMetaserviceClient} ({@code client.metaservices().soap()}) implements it over the
 * SOAP client; give it to {@code Directory.builder().soapMetaservices(...)} so that the directory also knows SOAP
 * services. Other implementations (a cache, a fixed catalogue in tests) must be thread-safe.
 */
public interface SoapMetaservices {

    /** Every SOAP service of the provider ({@code listMethods}), each with its version if it has one. */
    List<ServiceDescription> listMethods(ClientId provider);

    /** The SOAP services of the provider the calling client may use ({@code allowedMethods}). */
    List<ServiceDescription> allowedMethods(ClientId provider);

    /** The WSDL of a service ({@code getWsdl}, with the service's version when it has one). */
    WsdlDocument getWsdl(ServiceId service);
}
