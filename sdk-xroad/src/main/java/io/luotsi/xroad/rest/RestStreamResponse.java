package io.luotsi.xroad.rest;

import io.luotsi.core.http.Headers;
import io.luotsi.core.http.HttpResponse;
import io.luotsi.xroad.XRoadMetadata;
import java.io.InputStream;
import java.util.Optional;

/**
 * A REST response whose body is read as a stream, for bodies too large for memory. Close it when done.
 *
 * <pre>{@code
 * try (RestStreamResponse r = client.rest(archive).get("/documents/{id}", id).executeStreaming()) {
 *     Files.copy(r.body(), target);
 * }
 * }</pre>
 */
public final class RestStreamResponse implements AutoCloseable {

    private final HttpResponse response;
    private final XRoadMetadata xroad;

    RestStreamResponse(HttpResponse response, XRoadMetadata xroad) {
        this.response = response;
        this.xroad = xroad;
    }

    public int status() {
        return response.status();
    }

    public Headers headers() {
        return response.headers();
    }

    /** The body stream; read it once. */
    public InputStream body() {
        return response.body().stream();
    }

    public Optional<String> contentType() {
        return Optional.ofNullable(response.body().contentType());
    }

    /** The body length when the response declared it, else -1. */
    public long contentLength() {
        return response.body().contentLength();
    }

    public XRoadMetadata xroad() {
        return xroad;
    }

    @Override
    public void close() {
        response.close();
    }
}
