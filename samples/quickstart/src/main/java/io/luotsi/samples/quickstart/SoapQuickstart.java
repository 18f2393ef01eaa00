package io.luotsi.samples.quickstart;

import com.sun.net.httpserver.HttpServer;
import io.luotsi.testkit.FakeSecurityServer;
import io.luotsi.testkit.ServiceRegistration;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.provider.SoapFaultException;
import io.luotsi.xroad.provider.SoapProvider;
import io.luotsi.xroad.provider.SoapReply;
import io.luotsi.xroad.provider.jdkhttp.JdkHttpServerAdapter;
import io.luotsi.xroad.soap.AttachmentSource;
import io.luotsi.xroad.soap.SoapResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * SOAP end to end on one machine: a provider written with Luotsi's provider API on the JDK's HTTP server, the fake
 * Security Server forwarding to it, and a consumer calling through the fake. Run it with {@code main}; it prints
 * what each step got.
 */
public final class SoapQuickstart {

    /** The request body: written as {@code <getPerson>} (the root is named after the service code). */
    public record GetPerson(String id) {
    }

    /** The answer: its fields go inside {@code <getPersonResponse>}. */
    public record Person(String id, String name) {
    }

    /** What the sample observed, for its test. */
    public record Result(Person found, String faultCode, int attachmentBytes) {
    }

    static final ClientId CONSUMER = ClientId.parse("FI/GOV/1234567-8/caseapp");
    static final ServiceId GET_PERSON = ServiceId.parse("FI/GOV/0245437-2/registry/getPerson/v1");
    private static final Map<String, String> PEOPLE = Map.of("1", "Aino Virtanen");

    private SoapQuickstart() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** The provider: a handler per service code, served from the JDK's HTTP server. */
    static HttpServer startProvider() {
        // snippet:soap-provider
        SoapProvider provider = SoapProvider.builder()
                .handler("getPerson", request -> {
                    GetPerson q = request.body(GetPerson.class);          // the body element, typed
                    String name = PEOPLE.get(q.id());
                    if (name == null) {
                        throw SoapFaultException.of("SOAP-ENV:Client", "no person " + q.id());
                    }
                    SoapReply reply = SoapReply.of(new Person(q.id(), name)); // inside <getPersonResponse>
                    for (var a : request.attachments()) {                  // echo what came with the request
                        reply = reply.withAttachment(AttachmentSource.ofBytes(a.bytes(), a.contentType()));
                    }
                    return reply;
                })
                .build();

        HttpServer server = createServer();
        server.createContext("/", JdkHttpServerAdapter.of(provider));
        server.start();
        // end:soap-provider
        return server;
    }

    private static HttpServer createServer() {
        try {
            return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Result run(PrintStream out) {
        HttpServer providerServer = startProvider();
        String providerUrl = "http://127.0.0.1:" + providerServer.getAddress().getPort() + "/persons";
        try (FakeSecurityServer fake = FakeSecurityServer.builder().instance("FI")
                .subsystem(CONSUMER, "Case app")
                .service(ServiceRegistration.wsdl(GET_PERSON).allow(CONSUMER).forwardTo(providerUrl))
                .start();
             XRoadClient client = fake.clientBuilder(CONSUMER).build()) {

            // snippet:soap-call
            Person found;
            int attachmentBytes;
            try (SoapResponse<Person> r = client.soap(GET_PERSON)
                    .request(new GetPerson("1"))
                    .userId("FI010101-123N")
                    .issue("case-118")
                    .attach(AttachmentSource.ofBytes("scan".getBytes(StandardCharsets.UTF_8), "text/plain"))
                    .verifyRequestHash(true)                 // the receipt covers the bytes this call sent
                    .execute(Person.class)) {
                found = r.body();
                attachmentBytes = r.attachments().get(0).bytes().length;
                out.println("getPerson 1 -> " + found.name() + ", receipt "
                        + r.xroad().requestHash().orElseThrow().substring(0, 12) + "...");
            }

            String faultCode;
            try {
                client.soap(GET_PERSON).request(new GetPerson("9")).execute(Person.class).close();
                faultCode = null;
            } catch (XRoadException e) {
                faultCode = e.code();                        // the service's own fault: SOAP-ENV:Client
                out.println("getPerson 9 -> fault " + e.code() + " from " + e.origin());
            }
            // end:soap-call
            return new Result(found, faultCode, attachmentBytes);
        } finally {
            providerServer.stop(0);
        }
    }
}
