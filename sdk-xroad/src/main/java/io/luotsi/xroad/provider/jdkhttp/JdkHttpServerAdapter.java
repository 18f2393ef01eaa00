package io.luotsi.xroad.provider.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.luotsi.xroad.provider.SoapProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Serves a {@link SoapProvider} from the JDK's own HTTP server ({@code com.sun.net.httpserver}): no framework, no
 * dependency. Request and response bodies stream (the response is sent chunked).
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8081), 0);
 * server.createContext("/", JdkHttpServerAdapter.of(provider));
 * server.setExecutor(Executors.newFixedThreadPool(8));
 * server.start();
 * }</pre>
 */
public final class JdkHttpServerAdapter implements HttpHandler {

    private final SoapProvider provider;

    private JdkHttpServerAdapter(SoapProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    public static JdkHttpServerAdapter of(SoapProvider provider) {
        return new JdkHttpServerAdapter(provider);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            provider.handle(new SoapProvider.Exchange() {
                @Override
                public String method() {
                    return exchange.getRequestMethod();
                }

                @Override
                public String header(String name) {
                    return exchange.getRequestHeaders().getFirst(name);
                }

                @Override
                public InputStream body() {
                    return exchange.getRequestBody();
                }

                @Override
                public OutputStream respond(int status, String contentType) throws IOException {
                    exchange.getResponseHeaders().set("Content-Type", contentType);
                    exchange.sendResponseHeaders(status, 0);
                    return exchange.getResponseBody();
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
