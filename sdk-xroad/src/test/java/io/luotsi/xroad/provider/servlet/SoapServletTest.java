package io.luotsi.xroad.provider.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.provider.SoapFaultException;
import io.luotsi.xroad.provider.SoapProvider;
import io.luotsi.xroad.provider.SoapReply;
import io.luotsi.xroad.soap.AttachmentSource;
import io.luotsi.xroad.soap.SoapResponse;
import java.util.Random;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlet adapter in a real container (Jetty 12, Jakarta Servlet 6), end to end with Luotsi's consumer. */
class SoapServletTest {

    static final ServiceId ECHO = ServiceId.parse("SERVICE:EE/GOV/5678/producer/echo");

    Server jetty;
    XRoadClient client;

    @BeforeEach
    void start() throws Exception {
        SoapProvider provider = SoapProvider.builder()
                .handler("echo", request -> {
                    if (request.bodyXml().contains("fail")) {
                        throw SoapFaultException.of("SOAP-ENV:Client", "asked to fail");
                    }
                    SoapReply reply = SoapReply.xml("<said>" + request.header().issue().orElse("") + "</said>");
                    for (var a : request.attachments()) {
                        reply = reply.withAttachment(AttachmentSource.ofBytes(a.bytes(), a.contentType()));
                    }
                    return reply;
                })
                .build();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new SoapServlet(provider)), "/*");
        jetty.setHandler(context);
        jetty.start();
        client = XRoadClient.builder().securityServer("http://127.0.0.1:" + connector.getLocalPort())
                .client(ClientId.parse("EE/GOV/1234")).build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        jetty.stop();
    }

    @Test
    void servesRequestsWithAttachmentsAndFaults() {
        byte[] binary = new byte[700_000];
        new Random(5).nextBytes(binary);
        try (SoapResponse<String> r = client.soap(ECHO).requestXml("<e:echo xmlns:e=\"urn:e\"/>").issue("hello")
                .attach(AttachmentSource.ofBytes(binary, "application/octet-stream")).execute(String.class)) {
            assertThat(r.body()).isEqualTo("<e:echoResponse xmlns:e=\"urn:e\"><said>hello</said></e:echoResponse>");
            assertThat(r.attachments()).hasSize(1);
            assertThat(r.attachments().get(0).bytes()).isEqualTo(binary);
            assertThat(r.header().issue()).contains("hello");
        }
        assertThatThrownBy(() -> client.soap(ECHO).requestXml("<echo>fail</echo>").execute())
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code()).isEqualTo("SOAP-ENV:Client"));
    }
}
