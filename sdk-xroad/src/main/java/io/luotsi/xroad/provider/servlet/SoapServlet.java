package io.luotsi.xroad.provider.servlet;

import io.luotsi.xroad.provider.SoapProvider;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Serves a {@link SoapProvider} from a Jakarta Servlet 6 container (Jetty 12, Tomcat 10.1+, ...). The servlet API is
 * an optional, provided dependency of sdk-xroad: the container brings it.
 *
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler();          // Jetty 12 ee10, for example
 * context.addServlet(new ServletHolder(new SoapServlet(provider)), "/*");
 * }</pre>
 *
 * Every method reaches the provider (which answers anything but POST with {@code client.invalid_http_method}).
 */
public final class SoapServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient SoapProvider provider;

    public SoapServlet(SoapProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            provider.handle(new SoapProvider.Exchange() {
                @Override
                public String method() {
                    return request.getMethod();
                }

                @Override
                public String header(String name) {
                    return request.getHeader(name);
                }

                @Override
                public InputStream body() throws IOException {
                    return request.getInputStream();
                }

                @Override
                public OutputStream respond(int status, String contentType) throws IOException {
                    response.setStatus(status);
                    response.setContentType(contentType);
                    return response.getOutputStream();
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
