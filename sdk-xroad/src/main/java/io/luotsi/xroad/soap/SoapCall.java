package io.luotsi.xroad.soap;

import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.internal.ClientRuntime;

/**
 * One SOAP call, executed synchronously. Obtained from {@link SoapService}; see {@link AbstractSoapCall} for the
 * settings.
 *
 * <pre>{@code
 * try (SoapResponse<Person> r = client.soap(getPerson)
 *         .request(new GetPerson("EE37702211234"))
 *         .userId("EE12345678901")
 *         .issue("case-118")
 *         .attach(AttachmentSource.ofFile(scan, "application/pdf"))
 *         .execute(Person.class)) {
 *     Person p = r.body();
 * } catch (XRoadException e) {
 *     // a SOAP fault: e.code() "server.serverproxy.access_denied", e.origin(), e.retryable()
 * }
 * }</pre>
 */
public final class SoapCall extends AbstractSoapCall<SoapCall> {

    SoapCall(ClientRuntime runtime, ServiceId service) {
        super(runtime, service);
    }

    /**
     * Sends the call and reads the response body element as {@code type} with the client's XML codec
     * ({@code String.class}: the element's XML).
     *
     * @throws io.luotsi.xroad.XRoadException a SOAP fault (X-Road's or the service's)
     * @throws io.luotsi.xroad.XRoadProtocolException a malformed or inconsistent response
     * @throws io.luotsi.core.TransportException the Security Server could not be reached
     */
    public <T> SoapResponse<T> execute(Class<T> type) {
        BodyMapper<T> mapper = typed(type);
        SoapPrepared p = prepare();
        return finish(p, runtime.pipeline().execute(p.call()), mapper);
    }

    /** Sends the call and reads the body element with StAX. */
    public <T> SoapResponse<T> execute(SoapMessage.SoapBodyReader<T> reader) {
        BodyMapper<T> mapper = stax(reader);
        SoapPrepared p = prepare();
        return finish(p, runtime.pipeline().execute(p.call()), mapper);
    }

    /** Sends the call; the body is the response message itself. */
    public SoapResponse<SoapMessage> execute() {
        SoapPrepared p = prepare();
        return finish(p, runtime.pipeline().execute(p.call()), m -> m);
    }
}
