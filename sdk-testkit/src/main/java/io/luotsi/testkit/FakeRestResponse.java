package io.luotsi.testkit;

import io.luotsi.core.http.Headers;
import io.luotsi.core.json.JacksonJsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a stubbed provider service answers: status, headers and body. Immutable; the {@code with*} methods return
 * modified copies. The fake Security Server passes it back to the client as it passes a real provider's response:
 * hop-by-hop headers dropped, the {@code X-Road-*} response headers set, errors (4xx/5xx) without
 * {@code X-Road-Error}.
 *
 * <pre>{@code
 * FakeRestResponse.json("{\"id\":1,\"name\":\"Rex\"}")
 * FakeRestResponse.status(404).withBody("no such pet".getBytes(UTF_8), "text/plain")
 * FakeRestResponse.status(302).withHeader("Location", "/r1/DEV/COM/1234/TestService/pets/2")
 * }</pre>
 */
public final class FakeRestResponse {

    private final int status;
    private final Headers headers;
    private final byte[] body;

    private FakeRestResponse(int status, Headers headers, byte[] body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100-599: " + status);
        }
        this.status = status;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body");
    }

    /** A response with this status, no headers and no body. */
    public static FakeRestResponse status(int status) {
        return new FakeRestResponse(status, Headers.empty(), new byte[0]);
    }

    /** 200 without a body. */
    public static FakeRestResponse ok() {
        return status(200);
    }

    /** 200 with a JSON body ({@code Content-Type: application/json}). */
    public static FakeRestResponse json(String json) {
        return json(200, json);
    }

    public static FakeRestResponse json(int status, String json) {
        return status(status).withBody(json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** A UTF-8 text body ({@code Content-Type: text/plain; charset=UTF-8}). */
    public static FakeRestResponse text(int status, String text) {
        return status(status).withBody(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8");
    }

    /** A copy with this header added. */
    public FakeRestResponse withHeader(String name, String value) {
        return new FakeRestResponse(status, headers.toBuilder().add(name, value).build(), body);
    }

    /** A copy with this body and {@code Content-Type} (replacing an earlier one). */
    public FakeRestResponse withBody(byte[] body, String contentType) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentType, "contentType");
        return new FakeRestResponse(status, headers.toBuilder().set("Content-Type", contentType).build(), body.clone());
    }

    /** A copy with {@code value} written as JSON by Jackson. */
    public FakeRestResponse withJsonBody(Object value) {
        return withBody(JacksonJsonCodec.create().writeBytes(value), "application/json");
    }

    public int status() {
        return status;
    }

    public Headers headers() {
        return headers;
    }

    /** A copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    byte[] bodyNoCopy() {
        return body;
    }

    @Override
    public String toString() {
        return "FakeRestResponse[" + status + ", " + headers + ", " + body.length + " bytes]";
    }
}
