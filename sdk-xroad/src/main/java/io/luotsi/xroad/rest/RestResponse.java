package io.luotsi.xroad.rest;

import io.luotsi.core.http.Headers;
import io.luotsi.xroad.XRoadMetadata;
import java.util.Optional;

/**
 * A REST response with its body read into {@code T}, and what X-Road says about the exchange.
 *
 * <pre>{@code
 * RestResponse<Person> r = client.rest(persons).get("/persons/{id}", id).execute(Person.class);
 * Person p = r.body();
 * String receipt = r.xroad().requestHash().orElseThrow();
 * }</pre>
 *
 * @param <T> the body type
 */
public final class RestResponse<T> {

    private final int status;
    private final Headers headers;
    private final T body;
    private final XRoadMetadata xroad;

    public RestResponse(int status, Headers headers, T body, XRoadMetadata xroad) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.xroad = xroad;
    }

    public int status() {
        return status;
    }

    public Headers headers() {
        return headers;
    }

    /** The body; {@code null} when the response had none (204, HEAD, a redirect) or {@code T} is {@link Void}. */
    public T body() {
        return body;
    }

    public XRoadMetadata xroad() {
        return xroad;
    }

    /** X-Road does not follow redirects; a 3xx reaches the caller with its {@code Location}. */
    public boolean isRedirect() {
        return status >= 300 && status < 400;
    }

    public Optional<String> location() {
        return headers.value("Location");
    }

    @Override
    public String toString() {
        return "RestResponse[" + status + ", " + xroad + "]";
    }
}
