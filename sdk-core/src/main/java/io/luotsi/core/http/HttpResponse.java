package io.luotsi.core.http;

import java.util.Objects;

/**
 * An HTTP response with a streaming body. Close it when done; try-with-resources is the usual shape.
 */
public final class HttpResponse implements AutoCloseable {

    private final HttpRequest request;
    private final int status;
    private final String reason;
    private final Headers headers;
    private final ResponseBody body;

    public HttpResponse(HttpRequest request, int status, String reason, Headers headers, ResponseBody body) {
        this.request = Objects.requireNonNull(request, "request");
        this.status = status;
        this.reason = reason == null ? "" : reason;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body");
    }

    /** The request that produced this response, as finally sent (after interceptors). */
    public HttpRequest request() {
        return request;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public Headers headers() {
        return headers;
    }

    public ResponseBody body() {
        return body;
    }

    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    public boolean isRedirect() {
        return status >= 300 && status < 400;
    }

    /** A copy with other headers or body, for interceptors that rewrite responses. */
    public HttpResponse with(Headers headers, ResponseBody body) {
        return new HttpResponse(request, status, reason, headers, body);
    }

    @Override
    public void close() {
        body.close();
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + " " + reason + "]";
    }
}
