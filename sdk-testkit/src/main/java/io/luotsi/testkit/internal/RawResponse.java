package io.luotsi.testkit.internal;

import java.util.List;

/** The response the front end writes: status, header lines in order, body. */
public record RawResponse(int status, List<HeaderField> headers, byte[] body) {

    public RawResponse {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }
}
