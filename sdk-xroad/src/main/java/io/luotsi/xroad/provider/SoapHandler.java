package io.luotsi.xroad.provider;

import io.luotsi.xroad.soap.Callback;

/**
 * A SOAP service written in Java: gets the request as the provider's Security Server forwarded it and returns the
 * answer. Called on the server's request threads, possibly concurrently.
 *
 * <pre>{@code
 * SoapHandler getPerson = request -> {
 *     GetPerson q = request.body(GetPerson.class);
 *     if (q.code().isBlank()) {
 *         throw SoapFaultException.of("SOAP-ENV:Client", "code is required");
 *     }
 *     return SoapReply.of(registry.find(q.code()));       // written inside <getPersonResponse>
 * };
 * }</pre>
 *
 * A {@link SoapFaultException} becomes that fault; any other exception a {@code SOAP-ENV:Server} fault with a UUID as
 * detail (the exception itself is logged, not sent).
 */
@FunctionalInterface
@Callback
public interface SoapHandler {

    SoapReply handle(SoapRequest request) throws Exception;
}
