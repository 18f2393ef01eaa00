package io.luotsi.core.http;

import java.io.IOException;
import java.util.concurrent.Executor;

/**
 * Sends one HTTP request and returns its response. The only stage of the call path that touches the network; the
 * default is {@link OkHttpTransport}. Implementations are thread-safe and shared by all calls of a client.
 */
public interface HttpTransport extends AutoCloseable {

    /**
     * Sends the request and returns once the response headers have arrived; the body streams from the returned
     * response.
     *
     * @throws IOException when the exchange fails; {@link java.net.ConnectException},
     *     {@link java.net.UnknownHostException} and {@link javax.net.ssl.SSLHandshakeException} mean nothing was sent
     */
    HttpResponse execute(HttpRequest request) throws IOException;

    /** The executor asynchronous calls run on (for {@link OkHttpTransport}, OkHttp's own dispatcher threads). */
    Executor asyncExecutor();

    /** Releases connections and threads this transport owns. Transports built around a caller's client own none. */
    @Override
    void close();
}
