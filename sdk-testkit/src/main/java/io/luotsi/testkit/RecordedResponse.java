package io.luotsi.testkit;

import io.luotsi.xroad.XRoadHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/** The response the fake Security Server sent to the client. */
public final class RecordedResponse {

    private final int status;
    private final RecordedHeaders headers;
    private final byte[] body;

    RecordedResponse(int status, RecordedHeaders headers, byte[] body) {
        this.status = status;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = body == null ? new byte[0] : body;
    }

    public int status() {
        return status;
    }

    public RecordedHeaders headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        return headers.value(name);
    }

    public byte[] body() {
        return body.clone();
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The {@code X-Road-Error} code, when the Security Server answered with an X-Road error. */
    public Optional<String> xRoadError() {
        return headers.value(XRoadHeaders.ERROR);
    }

    @Override
    public String toString() {
        return "RecordedResponse[" + status + xRoadError().map(e -> ", " + e).orElse("") + "]";
    }
}
