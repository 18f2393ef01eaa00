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
    private final String soapFaultCode;

    RecordedResponse(int status, RecordedHeaders headers, byte[] body) {
        this(status, headers, body, null);
    }

    RecordedResponse(int status, RecordedHeaders headers, byte[] body, String soapFaultCode) {
        this.status = status;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = body == null ? new byte[0] : body;
        this.soapFaultCode = soapFaultCode;
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

    /**
     * The X-Road error code, when the Security Server answered with one: {@code X-Road-Error} of a REST response, the
     * {@code faultcode} of a SOAP fault (also a service's own fault code passed through).
     */
    public Optional<String> xRoadError() {
        Optional<String> rest = headers.value(XRoadHeaders.ERROR);
        return rest.isPresent() ? rest : Optional.ofNullable(soapFaultCode);
    }

    @Override
    public String toString() {
        return "RecordedResponse[" + status + xRoadError().map(e -> ", " + e).orElse("") + "]";
    }
}
