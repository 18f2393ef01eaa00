package io.luotsi.xroad.rest;

import io.luotsi.core.http.HttpResponse;
import io.luotsi.core.json.TypeRef;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadMetadata;
import io.luotsi.xroad.internal.ClientRuntime;

/**
 * One synchronous REST call, started from {@code client.rest(service).get(...)}; set what it needs, then execute.
 *
 * <pre>{@code
 * RestResponse<Person> r = client.rest(persons)
 *     .get("/persons/{id}", personId)
 *     .userId("EE37702211234")
 *     .issue("case-118")
 *     .execute(Person.class);
 * }</pre>
 *
 * Failures are unchecked: {@link io.luotsi.xroad.XRoadException} for X-Road errors,
 * {@link io.luotsi.xroad.ProviderErrorException} for the provider's own 4xx/5xx,
 * {@link io.luotsi.core.TransportException} when the Security Server could not be reached.
 */
public final class RestCall extends AbstractRestCall<RestCall> {

    RestCall(ClientRuntime runtime, ServiceId service, String method, String pathAndQuery) {
        super(runtime, service, method, pathAndQuery);
    }

    /** Sends the call and reads the body into {@code type} (JSON, or {@code String}, {@code byte[]}, {@code Void}). */
    public <T> RestResponse<T> execute(Class<T> type) {
        HttpResponse response = recordEvidence(runtime.pipeline().execute(prepare(expectsJson(type))));
        return RestBodies.read(response, type, runtime);
    }

    /** Sends the call and reads the body into a generic type: {@code new TypeRef<List<Person>>() {}}. */
    public <T> RestResponse<T> execute(TypeRef<T> type) {
        HttpResponse response = recordEvidence(runtime.pipeline().execute(prepare(true)));
        return RestBodies.read(response, type.type(), runtime);
    }

    /** Sends the call and discards the body. */
    public RestResponse<Void> execute() {
        return execute(Void.class);
    }

    /** Sends the call and hands over the body as a stream. */
    public RestStreamResponse executeStreaming() {
        HttpResponse response = recordEvidence(runtime.pipeline().execute(prepare(false)));
        return new RestStreamResponse(response, XRoadMetadata.fromRestHeaders(response.headers()));
    }

    static boolean expectsJson(Class<?> type) {
        return type != String.class && type != byte[].class && type != Void.class && type != void.class;
    }
}
