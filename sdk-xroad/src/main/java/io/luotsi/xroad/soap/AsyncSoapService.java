package io.luotsi.xroad.soap;

import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.internal.ClientRuntime;
import java.util.Objects;

/**
 * The asynchronous twin of {@link SoapService}.
 *
 * <pre>{@code
 * asyncClient.soap(getPerson).request(new GetPerson("EE37702211234")).execute(Person.class)
 *     .thenAccept(r -> { try (r) { render(r.body()); } });
 * }</pre>
 */
public final class AsyncSoapService {

    private final ClientRuntime runtime;
    private final ServiceId service;

    /** Obtained from {@code XRoadAsyncClient.soap(service)}. */
    public AsyncSoapService(ClientRuntime runtime, ServiceId service) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.service = Objects.requireNonNull(service, "service");
    }

    public ServiceId serviceId() {
        return service;
    }

    /** A call without a body yet. */
    public AsyncSoapCall call() {
        return new AsyncSoapCall(runtime, service);
    }

    /** A call whose body is {@code value}, written by the client's XML codec. */
    public AsyncSoapCall request(Object value) {
        return call().body(value);
    }

    /** A call whose body element is raw XML. */
    public AsyncSoapCall requestXml(String bodyXml) {
        return call().bodyXml(bodyXml);
    }

    /** A call whose body is written by a {@link SoapBody}. */
    public AsyncSoapCall request(SoapBody body) {
        return call().body(body);
    }

    @Override
    public String toString() {
        return "AsyncSoapService[" + service + "]";
    }
}
