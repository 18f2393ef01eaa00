package io.luotsi.testkit;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as it travelled: what the client sent to the fake Security Server, or what the fake sent on to
 * the provider.
 */
public final class RecordedRequest {

    private final String method;
    private final String path;
    private final String query;
    private final RecordedHeaders headers;
    private final byte[] body;
    private final long bodyLength;
    private final boolean secure;
    private final X509Certificate clientCertificate;

    RecordedRequest(String method, String path, String query, RecordedHeaders headers, byte[] body, long bodyLength,
                    boolean secure, X509Certificate clientCertificate) {
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.query = query;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = body == null ? new byte[0] : body;
        this.bodyLength = bodyLength;
        this.secure = secure;
        this.clientCertificate = clientCertificate;
    }

    public String method() {
        return method;
    }

    /** The path as sent, still percent-encoded. */
    public String path() {
        return path;
    }

    /** The query as sent, still percent-encoded. */
    public Optional<String> query() {
        return Optional.ofNullable(query);
    }

    /** Path and query as sent: {@code /r1/DEV/COM/1234/TestService/pets/1?x=y}. */
    public String target() {
        return query == null ? path : path + '?' + query;
    }

    public RecordedHeaders headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        return headers.value(name);
    }

    /** A copy of the body (cut at the fake's body limit when it was longer, see {@link #bodyLength()}). */
    public byte[] body() {
        return body.clone();
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The full length of the body as sent. */
    public long bodyLength() {
        return bodyLength;
    }

    /** Whether the request came over TLS. */
    public boolean secure() {
        return secure;
    }

    /** The TLS client certificate the sender presented. */
    public Optional<X509Certificate> clientCertificate() {
        return Optional.ofNullable(clientCertificate);
    }

    byte[] bodyNoCopy() {
        return body;
    }

    @Override
    public String toString() {
        return method + ' ' + target();
    }
}
