package io.luotsi.testkit.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.HttpsSettings;
import com.github.tomakehurst.wiremock.common.JettySettings;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import com.github.tomakehurst.wiremock.jetty11.Jetty11Utils;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import wiremock.jakarta.servlet.DispatcherType;
import wiremock.jakarta.servlet.Filter;
import wiremock.jakarta.servlet.FilterChain;
import wiremock.jakarta.servlet.ReadListener;
import wiremock.jakarta.servlet.ServletException;
import wiremock.jakarta.servlet.ServletInputStream;
import wiremock.jakarta.servlet.ServletRequest;
import wiremock.jakarta.servlet.ServletResponse;
import wiremock.jakarta.servlet.http.HttpServletRequest;
import wiremock.jakarta.servlet.http.HttpServletRequestWrapper;
import wiremock.jakarta.servlet.http.HttpServletResponse;
import wiremock.jakarta.servlet.http.HttpServletResponseWrapper;
import wiremock.org.eclipse.jetty.http.HttpField;
import wiremock.org.eclipse.jetty.http.HttpURI;
import wiremock.org.eclipse.jetty.io.NetworkTrafficListener;
import wiremock.org.eclipse.jetty.server.HttpConfiguration;
import wiremock.org.eclipse.jetty.server.HttpConnectionFactory;
import wiremock.org.eclipse.jetty.server.Request;
import wiremock.org.eclipse.jetty.server.SecureRequestCustomizer;
import wiremock.org.eclipse.jetty.server.ServerConnector;
import wiremock.org.eclipse.jetty.server.SslConnectionFactory;
import wiremock.org.eclipse.jetty.servlet.FilterHolder;
import wiremock.org.eclipse.jetty.servlet.ServletContextHandler;
import wiremock.org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTP(S) front end of the fake Security Server: a {@link WireMockServer} with one catch-all stub whose response
 * a {@link ResponseDefinitionTransformerV2} computes by calling the X-Road logic ({@link RawHandler}).
 *
 * <p>Three things WireMock does not offer are added at the Jetty level, in this class only (the shaded Jetty types
 * stay here):
 * <ul>
 *   <li>the TLS connector asks for a client certificate but accepts any ({@code wantClientAuth} and a trust-all
 *       trust manager, as X-Road's client proxy does); the certificate is checked per client by the X-Road logic;
 *   <li>a servlet filter captures what WireMock's request model loses - header lines in received order and
 *       spelling, the raw path and query, the peer certificates, the body bytes exactly as sent (WireMock would
 *       gunzip them) up to the size limit - and hands it to the transformer on the request thread;
 *   <li>WireMock's own response headers ({@code Matched-Stub-Id}) are suppressed and its admin API is replaced by
 *       the same X-Road logic, so {@code /__admin} behaves like any other non-REST path of a Security Server.
 * </ul>
 */
public final class WireMockFrontEnd implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WireMockFrontEnd.class);
    private static final String TRANSFORMER = "luotsi-x-road";
    private static final ThreadLocal<RawRequest> CURRENT = new ThreadLocal<>();
    private static final String SSL_SESSION_ATTRIBUTE = new SecureRequestCustomizer().getSslSessionAttribute();

    /**
     * @param bindAddress  the address to listen on, e.g. {@code 127.0.0.1}
     * @param httpPort     the HTTP port, 0 for a free one
     * @param httpsPort    the HTTPS port, 0 for a free one, -1 for none
     * @param sslContext   the server's TLS context, required when {@code httpsPort >= 0}
     * @param maxBodyBytes the largest request body kept; longer bodies are read to the end and cut short
     */
    public record Settings(String bindAddress, int httpPort, int httpsPort, SSLContext sslContext, long maxBodyBytes) {

        public Settings {
            Objects.requireNonNull(bindAddress, "bindAddress");
            if (httpsPort >= 0) {
                Objects.requireNonNull(sslContext, "sslContext");
            }
        }
    }

    private final WireMockServer server;
    private final Settings settings;

    public WireMockFrontEnd(Settings settings, RawHandler handler) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(handler, "handler");
        FrontEndOptions options = new FrontEndOptions(settings, handler);
        options.bindAddress(settings.bindAddress())
                .port(settings.httpPort())
                .httpsPort(settings.httpsPort())
                .http2PlainDisabled(true)
                .http2TlsDisabled(true)
                .gzipDisabled(true)
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                .templatingEnabled(false)
                .globalTemplating(false)
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
                .notifier(new LogNotifier())
                .httpServerFactory(new FrontEndServerFactory())
                .extensions(new Transformer(handler));
        this.server = new WireMockServer(options);
    }

    public void start() {
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(TRANSFORMER)));
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    public int httpPort() {
        return server.port();
    }

    /** The HTTPS port, or -1 when HTTPS is off. */
    public int httpsPort() {
        return settings.httpsPort() < 0 ? -1 : server.httpsPort();
    }

    /** The underlying WireMock server (for adapters and diagnostics; its stubs belong to the fake). */
    public WireMockServer wireMockServer() {
        return server;
    }

    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
        }
    }

    /** Carries the fake's settings to the Jetty server WireMock builds. */
    static final class FrontEndOptions extends WireMockConfiguration {
        final Settings settings;
        final RawHandler handler;

        FrontEndOptions(Settings settings, RawHandler handler) {
            this.settings = settings;
            this.handler = handler;
        }
    }

    static final class FrontEndServerFactory implements HttpServerFactory {
        @Override
        public String getName() {
            return "luotsi-fake-security-server";
        }

        @Override
        public HttpServer buildHttpServer(Options options, AdminRequestHandler adminRequestHandler,
                                          StubRequestHandler stubRequestHandler) {
            return new FrontEndJettyServer(options, adminRequestHandler, stubRequestHandler);
        }
    }

    static final class FrontEndJettyServer extends Jetty11HttpServer {

        FrontEndJettyServer(Options options, AdminRequestHandler admin, StubRequestHandler stub) {
            super(options, admin, stub);
        }

        private FrontEndOptions frontEnd() {
            return (FrontEndOptions) options;
        }

        @Override
        protected ServerConnector createHttpsConnector(String bindAddress, HttpsSettings httpsSettings,
                                                       JettySettings jettySettings, NetworkTrafficListener listener) {
            HttpConfiguration config = Jetty11Utils.createHttpConfig(jettySettings);
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setSslContext(frontEnd().settings.sslContext());
            // As X-Road's client proxy: ask for a certificate, accept any; the IS authentication check decides.
            // (Do not call setNeedClientAuth(false): JSSE would then clear "want".)
            tls.setWantClientAuth(true);
            tls.setSniRequired(false);
            return Jetty11Utils.createServerConnector(jettyServer, bindAddress, jettySettings, httpsSettings.port(),
                    listener, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(config));
        }

        @Override
        protected void decorateMockServiceContextBeforeConfig(ServletContextHandler context) {
            context.addFilter(new FilterHolder(new CaptureFilter(frontEnd().settings.maxBodyBytes())), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
        }

        @Override
        protected void decorateAdminServiceContextBeforeConfig(ServletContextHandler context) {
            context.addFilter(new FilterHolder(new AdminReplacingFilter(frontEnd())), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
        }
    }

    static RawRequest capture(HttpServletRequest request, long maxBodyBytes) throws IOException {
        Request base = Request.getBaseRequest(request);
        List<HeaderField> headers = new ArrayList<>();
        String path;
        String query;
        if (base != null) {
            for (HttpField field : base.getHttpFields()) {
                headers.add(new HeaderField(field.getName(), field.getValue() == null ? "" : field.getValue()));
            }
            HttpURI uri = base.getHttpURI();
            path = uri.getPath();
            query = uri.getQuery();
        } else {
            for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
                String name = names.nextElement();
                for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                    headers.add(new HeaderField(name, values.nextElement()));
                }
            }
            path = request.getRequestURI();
            query = request.getQueryString();
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long total = 0;
        try (InputStream in = request.getInputStream()) {
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) != -1) {
                long room = maxBodyBytes - kept.size();
                if (room > 0) {
                    kept.write(buf, 0, (int) Math.min(room, n));
                }
                total += n;
            }
        }
        List<X509Certificate> peer = peerCertificates(request);
        return new RawRequest(request.getMethod(), path == null ? "" : path, query, headers, kept.toByteArray(),
                total, total > maxBodyBytes, request.isSecure(), peer);
    }

    /**
     * The client's certificate chain, read from the TLS session itself: Jetty 11's X509 request attribute stays empty
     * for TLS 1.3 sessions in this setup.
     */
    static List<X509Certificate> peerCertificates(HttpServletRequest request) {
        Object session = request.getAttribute(SSL_SESSION_ATTRIBUTE);
        if (session instanceof SSLSession ssl) {
            try {
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : ssl.getPeerCertificates()) {
                    if (c instanceof X509Certificate x509) {
                        chain.add(x509);
                    }
                }
                return chain;
            } catch (SSLPeerUnverifiedException noCertificate) {
                return List.of();
            }
        }
        Object certs = request.getAttribute(SecureRequestCustomizer.JAKARTA_SERVLET_REQUEST_X_509_CERTIFICATE);
        return certs instanceof X509Certificate[] array ? List.of(array) : List.of();
    }

    /** Captures the request as received and hands it to the transformer through a thread-local. */
    static final class CaptureFilter implements Filter {
        private final long maxBodyBytes;

        CaptureFilter(long maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            CURRENT.set(capture(http, maxBodyBytes));
            try {
                chain.doFilter(new EmptyBodyRequest(http), new StubHeaderSuppressingResponse((HttpServletResponse)
                        response));
            } finally {
                CURRENT.remove();
            }
        }
    }

    /** Answers {@code /__admin/...} with the fake's own logic instead of WireMock's admin API. */
    static final class AdminReplacingFilter implements Filter {
        private final FrontEndOptions options;

        AdminReplacingFilter(FrontEndOptions options) {
            this.options = options;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException {
            RawResponse raw = options.handler.handle(capture((HttpServletRequest) request,
                    options.settings.maxBodyBytes()));
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(raw.status());
            for (HeaderField h : raw.headers()) {
                http.addHeader(h.name(), h.value());
            }
            http.setContentLength(raw.body().length);
            http.getOutputStream().write(raw.body());
        }
    }

    /**
     * Gives WireMock an empty body without {@code Content-Encoding}: the fake reads the body itself, exactly as
     * sent, and WireMock must not try to gunzip or buffer it again.
     */
    static final class EmptyBodyRequest extends HttpServletRequestWrapper {
        EmptyBodyRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream empty = new ByteArrayInputStream(new byte[0]);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return true;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return empty.read();
                }
            };
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
                String n = e.nextElement();
                if (!hidden(n)) {
                    names.add(n);
                }
            }
            return Collections.enumeration(names);
        }

        @Override
        public int getContentLength() {
            return 0;
        }

        @Override
        public long getContentLengthLong() {
            return 0;
        }

        private static boolean hidden(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            return n.equals("content-encoding") || n.equals("content-length") || n.equals("transfer-encoding");
        }
    }

    /** Drops the {@code Matched-Stub-*} headers WireMock adds to stubbed responses. */
    static final class StubHeaderSuppressingResponse extends HttpServletResponseWrapper {
        StubHeaderSuppressingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addHeader(String name, String value) {
            if (!suppressed(name)) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (!suppressed(name)) {
                super.setHeader(name, value);
            }
        }

        private static boolean suppressed(String name) {
            return name.regionMatches(true, 0, "Matched-Stub-", 0, 13);
        }
    }

    /** The catch-all stub's transformer: the X-Road logic computes every response. */
    static final class Transformer implements ResponseDefinitionTransformerV2 {
        private final RawHandler handler;

        Transformer(RawHandler handler) {
            this.handler = handler;
        }

        @Override
        public String getName() {
            return TRANSFORMER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            RawRequest raw = CURRENT.get();
            RawResponse response = raw == null
                    ? new RawResponse(500, List.of(new HeaderField("Content-Type", "text/plain; charset=UTF-8")),
                            "request context lost".getBytes(StandardCharsets.UTF_8))
                    : handler.handle(raw);
            Map<String, List<String>> grouped = new LinkedHashMap<>();
            Map<String, String> spelling = new LinkedHashMap<>();
            for (HeaderField h : response.headers()) {
                String key = h.name().toLowerCase(Locale.ROOT);
                spelling.putIfAbsent(key, h.name());
                grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(h.value());
            }
            List<HttpHeader> headers = new ArrayList<>();
            grouped.forEach((key, values) -> headers.add(new HttpHeader(spelling.get(key), values)));
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(response.status())
                    .withHeaders(new HttpHeaders(headers))
                    .withBody(response.body())
                    .build();
        }
    }

    /** WireMock's diagnostics go to SLF4J at DEBUG instead of the console. */
    static final class LogNotifier implements Notifier {
        @Override
        public void info(String message) {
            LOG.debug("{}", message);
        }

        @Override
        public void error(String message) {
            LOG.debug("{}", message);
        }

        @Override
        public void error(String message, Throwable t) {
            LOG.debug("{}", message, t);
        }
    }
}
