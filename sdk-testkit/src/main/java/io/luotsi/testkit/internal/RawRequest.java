package io.luotsi.testkit.internal;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An HTTP request as the fake Security Server's client proxy received it, before any X-Road processing.
 *
 * @param method           the method as sent
 * @param rawPath          the request path, still percent-encoded
 * @param rawQuery         the query, still percent-encoded, or {@code null}
 * @param headers          every header line in received order
 * @param body             the body, at most {@code maxBodyBytes} of it
 * @param bodyLength       the full length of the body as received
 * @param bodyOverLimit    whether the body was longer than the configured limit (then {@code body} is cut short)
 * @param secure           whether the request came over TLS
 * @param peerCertificates the client's TLS certificate chain, leaf first; empty when none was presented
 */
public record RawRequest(String method, String rawPath, String rawQuery, List<HeaderField> headers, byte[] body,
                         long bodyLength, boolean bodyOverLimit, boolean secure,
                         List<X509Certificate> peerCertificates) {

    public RawRequest {
        headers = List.copyOf(headers);
        peerCertificates = List.copyOf(peerCertificates);
    }

    /** The path and query as received: {@code /r1/…?a=b}. */
    public String rawTarget() {
        return rawQuery == null ? rawPath : rawPath + '?' + rawQuery;
    }

    /** Every value of the header, in order. */
    public List<String> headerValues(String name) {
        return headers.stream().filter(h -> h.is(name)).map(HeaderField::value).toList();
    }
}
