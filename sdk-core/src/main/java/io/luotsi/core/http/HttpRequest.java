package io.luotsi.core.http;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable HTTP request as Luotsi's call path sees it: method, absolute URI (kept raw: percent-encoding is never
 * undone or redone), headers and an optional streaming body.
 */
public final class HttpRequest {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    private final String method;
    private final URI uri;
    private final Headers headers;
    private final RequestBody body;

    private HttpRequest(Builder b) {
        this.method = b.method;
        this.uri = b.uri;
        this.headers = b.headers.build();
        this.body = b.body;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.method = method;
        b.uri = uri;
        b.headers = headers.toBuilder();
        b.body = body;
        return b;
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    public Headers headers() {
        return headers;
    }

    public Optional<RequestBody> body() {
        return Optional.ofNullable(body);
    }

    /** Whether the method is idempotent by RFC 9110 §9.2.2, so that a retry cannot do harm twice. */
    public boolean isIdempotent() {
        return IDEMPOTENT.contains(method);
    }

    /** Whether the request can be sent again: its body, if any, is not one-shot. */
    public boolean isRepeatable() {
        return body == null || !body.isOneShot();
    }

    @Override
    public String toString() {
        // The path and query can carry personal identifiers: print only where the request goes.
        return "HttpRequest[" + method + " " + uri.getScheme() + "://" + uri.getRawAuthority() + "/…]";
    }

    /** Builds an {@link HttpRequest}. */
    public static final class Builder {
        private String method = "GET";
        private URI uri;
        private Headers.Builder headers = Headers.builder();
        private RequestBody body;

        private Builder() {
        }

        public Builder method(String method) {
            Objects.requireNonNull(method, "method");
            String m = method.toUpperCase(Locale.ROOT);
            if (m.isEmpty() || !m.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                throw new IllegalArgumentException("invalid HTTP method: " + method);
            }
            this.method = m;
            return this;
        }

        public Builder method(String method, RequestBody body) {
            method(method);
            return body(body);
        }

        public Builder uri(URI uri) {
            Objects.requireNonNull(uri, "uri");
            if (!uri.isAbsolute() || uri.getRawAuthority() == null) {
                throw new IllegalArgumentException("URI must be absolute with a host: " + uri.getScheme() + "://…");
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("URI scheme must be http or https, was " + scheme);
            }
            this.uri = uri;
            return this;
        }

        public Builder uri(String uri) {
            Objects.requireNonNull(uri, "uri");
            return uri(URI.create(uri));
        }

        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        public Builder setHeader(String name, String value) {
            headers.set(name, value);
            return this;
        }

        public Builder removeHeader(String name) {
            headers.removeAll(name);
            return this;
        }

        public Builder headers(Headers headers) {
            this.headers = Objects.requireNonNull(headers, "headers").toBuilder();
            return this;
        }

        public Builder body(RequestBody body) {
            this.body = body;
            return this;
        }

        public HttpRequest build() {
            if (uri == null) {
                throw new IllegalStateException("uri is required");
            }
            if (body != null && (method.equals("GET") || method.equals("HEAD"))) {
                throw new IllegalStateException(method + " request cannot have a body");
            }
            return new HttpRequest(this);
        }
    }
}
