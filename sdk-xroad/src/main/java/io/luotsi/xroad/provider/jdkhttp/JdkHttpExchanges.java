package io.luotsi.xroad.provider.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import io.luotsi.xroad.provider.ProviderError;
import io.luotsi.xroad.provider.ProviderRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The JDK HTTP server ({@code com.sun.net.httpserver}) side of the REST provider API: read an incoming X-Road request
 * into a {@link ProviderRequest}, and answer a refusal. The provider API itself knows no server; this is its thin
 * adapter (the Jakarta Servlet one is {@code io.luotsi.xroad.provider.servlet.ServletExchanges}).
 *
 * <pre>{@code
 * server.createContext("/persons", exchange -> {
 *     ProviderRequest request = JdkHttpExchanges.providerRequest(exchange);
 *     try {
 *         ProviderAuthorization allowed = enforcer.authorize(request, subjectOf(request));
 *         ...
 *     } catch (ConsentException refused) {
 *         JdkHttpExchanges.send(exchange, ProviderError.of(refused));
 *     }
 * });
 * }</pre>
 */
public final class JdkHttpExchanges {

    private JdkHttpExchanges() {
    }

    /**
     * Reads the request's method, raw path and query and the X-Road headers the provider's Security Server added; the
     * body is left unread.
     *
     * @throws io.luotsi.core.ProtocolException when the X-Road headers are missing or malformed
     */
    public static ProviderRequest providerRequest(HttpExchange exchange) {
        Objects.requireNonNull(exchange, "exchange");
        return ProviderRequest.from(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders());
    }

    /** Sends the error as the exchange's response (status, JSON body) and closes the response body. */
    public static void send(HttpExchange exchange, ProviderError error) {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(error, "error");
        byte[] body = error.body();
        try {
            exchange.getResponseHeaders().set("Content-Type", error.contentType());
            exchange.sendResponseHeaders(error.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("sending the refusal failed", e);
        }
    }
}
