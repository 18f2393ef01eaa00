package io.luotsi.xroad;

import io.luotsi.core.ServiceException;
import io.luotsi.core.http.Headers;
import io.luotsi.core.json.JsonCodec;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * The provider's own service answered with an error status (4xx or 5xx) and no {@code X-Road-Error}: X-Road passed
 * its status, headers and body through unchanged. The body (up to the client's error body limit) is kept so the
 * caller can read the provider's error document.
 *
 * <pre>{@code
 * } catch (ProviderErrorException e) {
 *     if (e.statusCode() == 404) return Optional.empty();
 *     Problem p = e.bodyAs(Problem.class);
 * }
 * }</pre>
 */
public class ProviderErrorException extends ServiceException {

    private static final long serialVersionUID = 1L;

    private final transient Headers headers;
    private final byte[] body;
    private final boolean bodyTruncated;
    private final String contentType;
    private final transient JsonCodec codec;

    public ProviderErrorException(int statusCode, String reason, Headers headers, byte[] body, boolean bodyTruncated,
                                  JsonCodec codec, String messageId, String requestId) {
        super("provider service answered HTTP " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason),
                null, statusCode, statusCode == 429 || statusCode == 502 || statusCode == 503 || statusCode == 504,
                messageId, requestId);
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = body == null ? new byte[0] : body;
        this.bodyTruncated = bodyTruncated;
        this.contentType = headers.lastValue("Content-Type");
        this.codec = codec;
    }

    public Headers headers() {
        return headers;
    }

    /** The body as received (a copy), possibly truncated at the client's error body limit. */
    public byte[] body() {
        return body.clone();
    }

    public boolean bodyTruncated() {
        return bodyTruncated;
    }

    public String bodyAsString() {
        return new String(body, charset());
    }

    /** The body read as JSON into {@code type}. */
    public <T> T bodyAs(Class<T> type) {
        if (codec == null) {
            throw new IllegalStateException("no JSON codec available");
        }
        return codec.read(body, type);
    }

    public java.util.Optional<String> contentType() {
        return java.util.Optional.ofNullable(contentType);
    }

    @Override
    public boolean requestMayHaveBeenProcessed() {
        return true;
    }

    private Charset charset() {
        if (contentType != null) {
            for (String p : contentType.split(";")) {
                String t = p.trim();
                if (t.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Charset.forName(t.substring(8).replace("\"", "").trim());
                    } catch (RuntimeException ignored) {
                        break;
                    }
                }
            }
        }
        return java.nio.charset.StandardCharsets.UTF_8;
    }
}
