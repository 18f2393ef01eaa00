package io.luotsi.xroad.provider.servlet;

import io.luotsi.xroad.provider.ProviderError;
import io.luotsi.xroad.provider.ProviderRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Jakarta Servlet side of the REST provider API: read an incoming X-Road request into a {@link ProviderRequest},
 * and answer a refusal. The twin of {@code io.luotsi.xroad.provider.jdkhttp.JdkHttpExchanges}.
 *
 * <pre>{@code
 * protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
 *     ProviderRequest request = ServletExchanges.providerRequest(req);
 *     try {
 *         ProviderAuthorization allowed = enforcer.authorize(request, subjectOf(request));
 *         ...
 *     } catch (ConsentException refused) {
 *         ServletExchanges.send(resp, ProviderError.of(refused));
 *     }
 * }
 * }</pre>
 */
public final class ServletExchanges {

    private ServletExchanges() {
    }

    /**
     * Reads the request's method, raw path (the request URI without the context path) and query, and the X-Road
     * headers; the body is left unread.
     *
     * @throws io.luotsi.core.ProtocolException when the X-Road headers are missing or malformed
     */
    public static ProviderRequest providerRequest(HttpServletRequest request) {
        Objects.requireNonNull(request, "request");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return ProviderRequest.from(request.getMethod(), path.isEmpty() ? "/" : path, request.getQueryString(),
                headers);
    }

    /** Sends the error as the response (status, JSON body). */
    public static void send(HttpServletResponse response, ProviderError error) {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(error, "error");
        byte[] body = error.body();
        response.setStatus(error.status());
        response.setContentType(error.contentType());
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException("sending the refusal failed", e);
        }
    }
}
