package io.luotsi.xroad.soap;

import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.internal.ClientRuntime;
import java.util.Objects;

/**
 * A SOAP service of a provider (PR-MESS 4.0), as reached through one client: start calls here. Requests are POSTed
 * to the client proxy of the client's Security Server.
 *
 * <pre>{@code
 * SoapService persons = client.soap(ServiceId.parse("SERVICE:EE/GOV/70000310/persons/getPerson/v1"));
 * SoapResponse<Person> r = persons.request(new GetPerson("EE37702211234")).execute(Person.class);
 * SoapResponse<String> raw = persons.requestXml("<p:getPerson xmlns:p=\"urn:p\"/>").execute(String.class);
 * }</pre>
 */
public final class SoapService {

    private final ClientRuntime runtime;
    private final ServiceId service;

    /** Obtained from {@code XRoadClient.soap(service)}. */
    public SoapService(ClientRuntime runtime, ServiceId service) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.service = Objects.requireNonNull(service, "service");
    }

    public ServiceId serviceId() {
        return service;
    }

    /** A call without a body yet. */
    public SoapCall call() {
        return new SoapCall(runtime, service);
    }

    /** A call whose body is {@code value}, written by the client's XML codec. */
    public SoapCall request(Object value) {
        return call().body(value);
    }

    /** A call whose body element is raw XML. */
    public SoapCall requestXml(String bodyXml) {
        return call().bodyXml(bodyXml);
    }

    /** A call whose body is written by a {@link SoapBody}. */
    public SoapCall request(SoapBody body) {
        return call().body(body);
    }

    @Override
    public String toString() {
        return "SoapService[" + service + "]";
    }
}
