package io.luotsi.xroad.provider.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.auth.consent.ConsentException;
import io.luotsi.auth.consent.RefusalReason;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.provider.ProviderError;
import io.luotsi.xroad.provider.ProviderRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlet side of the REST provider API in a real container (Jetty 12, Jakarta Servlet 6). */
class ServletExchangesTest {

    Server jetty;
    int port;
    final AtomicReference<ProviderRequest> seen = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/registry");
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                seen.set(ServletExchanges.providerRequest(req));
                ServletExchanges.send(resp, ProviderError.of(new ConsentException(RefusalReason.EXPIRED,
                        "the consent expired")));
            }
        }), "/*");
        jetty.setHandler(context);
        jetty.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    @Test
    void readsTheXRoadHeadersAndAnswersARefusal() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/registry/persons/p%C3%A4ivi?fields=name"))
                .header("X-Road-Client", "EE/GOV/1234/s%2Fub")
                .header("X-Road-Id", "m-1")
                .header("X-Road-UserId", "EE37702211234")
                .header("X-Road-Represented-Party", "COM/MEMBER3")
                .build(), HttpResponse.BodyHandlers.ofString());

        ProviderRequest request = seen.get();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/persons/p%C3%A4ivi");
        assertThat(request.query()).contains("fields=name");
        assertThat(request.client()).isEqualTo(ClientId.parseEncoded("EE/GOV/1234/s%2Fub"));
        assertThat(request.messageId()).isEqualTo("m-1");
        assertThat(request.userId()).contains("EE37702211234");
        assertThat(request.representedParty()).contains(RepresentedParty.of("COM", "MEMBER3"));
        assertThat(r.statusCode()).isEqualTo(ProviderError.status(RefusalReason.EXPIRED));
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct)
                .startsWith("application/json"));
        assertThat(r.body()).contains("\"type\":\"consent.expired\"");
    }
}
