package io.luotsi.xroad.directory;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.metaservice.ServiceDescription;
import io.luotsi.xroad.metaservice.ServiceType;
import java.util.Locale;

/**
 * Which known services to find; every field is optional ({@code null} matches everything).
 *
 * <pre>{@code
 * directory.findServices(ServiceQuery.all().memberClass("GOV").type(ServiceType.OPENAPI).text("person"));
 * }</pre>
 *
 * @param provider    the providing subsystem or member, exactly
 * @param memberClass the provider's member class
 * @param serviceCode the service code, exactly
 * @param version     the service version, exactly (SOAP)
 * @param type        WSDL, REST or OPENAPI
 * @param text        a substring of the service code, case-insensitive
 */
public record ServiceQuery(ClientId provider, String memberClass, String serviceCode, String version,
                           ServiceType type, String text) {

    private static final ServiceQuery ALL = new ServiceQuery(null, null, null, null, null, null);

    public static ServiceQuery all() {
        return ALL;
    }

    public ServiceQuery provider(ClientId provider) {
        return new ServiceQuery(provider, memberClass, serviceCode, version, type, text);
    }

    public ServiceQuery memberClass(String memberClass) {
        return new ServiceQuery(provider, memberClass, serviceCode, version, type, text);
    }

    public ServiceQuery serviceCode(String serviceCode) {
        return new ServiceQuery(provider, memberClass, serviceCode, version, type, text);
    }

    public ServiceQuery version(String version) {
        return new ServiceQuery(provider, memberClass, serviceCode, version, type, text);
    }

    public ServiceQuery type(ServiceType type) {
        return new ServiceQuery(provider, memberClass, serviceCode, version, type, text);
    }

    public ServiceQuery text(String text) {
        return new ServiceQuery(provider, memberClass, serviceCode, version, type, text);
    }

    boolean matches(ServiceDescription s) {
        return (provider == null || provider.equals(s.id().provider()))
                && (memberClass == null || memberClass.equals(s.id().provider().memberClass()))
                && (serviceCode == null || serviceCode.equals(s.id().serviceCode()))
                && (version == null || version.equals(s.id().serviceVersion()))
                && (type == null || type == s.type())
                && (text == null || s.id().serviceCode().toLowerCase(Locale.ROOT)
                        .contains(text.toLowerCase(Locale.ROOT)));
    }
}
