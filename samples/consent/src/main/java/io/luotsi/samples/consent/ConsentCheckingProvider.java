package io.luotsi.samples.consent;

import com.sun.net.httpserver.HttpServer;
import io.luotsi.xroad.provider.jdkhttp.JdkHttpExchanges;
import io.luotsi.auth.consent.ConsentException;
import io.luotsi.auth.consent.ConsentReceiptVerifier;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.core.audit.AuditSink;
import io.luotsi.core.audit.SubjectPseudonymizer;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.provider.ConsentEnforcer;
import io.luotsi.xroad.provider.DataMinimiser;
import io.luotsi.xroad.provider.ProviderAuthorization;
import io.luotsi.xroad.provider.ProviderError;
import io.luotsi.xroad.provider.ProviderRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * A population registry that answers only what consent covers: a provider behind its Security Server, on the JDK HTTP
 * server. Every request about a person passes a {@link ConsentEnforcer} (the consent receipt verified, the purpose
 * served, the caller the one the consent names, the evidence fresh), and the answer is minimised to the consented
 * data categories. Refusals are X-Road-style JSON errors; every decision is audited.
 */
public final class ConsentCheckingProvider implements AutoCloseable {

    static final ServiceId PERSONS = ServiceId.parse("EE/GOV/70000002/registry/persons");

    /** What the registry holds about a person: more than any one purpose may see. */
    static final Map<String, Map<String, Object>> PEOPLE = Map.of(
            "EE37702211234", Map.of("id", "p-1", "name", "Mari Maasikas", "address", "Pikk 1, Tallinn",
                    "income", 41000, "health", "allergic to penicillin"));

    private final HttpServer server;

    private ConsentCheckingProvider(HttpServer server) {
        this.server = server;
    }

    /** Starts the registry on a free loopback port, trusting receipts {@code receipts} verifies. */
    static ConsentCheckingProvider start(ConsentReceiptVerifier receipts, AuditSink audit,
                                         SubjectPseudonymizer pseudonymizer, Clock clock) {
        // snippet:enforcer
        ConsentEnforcer enforcer = ConsentEnforcer.builder()
                .service(PERSONS)
                .allowPurpose("benefit-eligibility", "name", "address", "income")   // what this service serves
                .consentReceipts(receipts)                                          // trusted issuers' receipts
                .minimiser(DataMinimiser.builder()
                        .always("$.id")
                        .category("name", "$.name")
                        .category("address", "$.address")
                        .category("income", "$.income")
                        .build())
                .auditSink(audit)
                .pseudonymizer(pseudonymizer)
                .clock(clock)
                .build();
        // end:enforcer
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // snippet:handler
        server.createContext("/persons/", exchange -> {
            ProviderRequest request = JdkHttpExchanges.providerRequest(exchange); // X-Road headers, typed
            String id = request.path().substring(request.path().lastIndexOf('/') + 1);
            DataSubject subject = DataSubject.person(id);                        // whom the request is about
            try {
                ProviderAuthorization allowed = enforcer.authorize(request, subject);
                byte[] body = allowed.minimiseToJson(PEOPLE.get(subject.id()));  // only consented categories
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (ConsentException refused) {
                JdkHttpExchanges.send(exchange, ProviderError.of(refused));     // 403 {"type":"consent.expired",...}
            }
        });
        // end:handler
        server.start();
        return new ConsentCheckingProvider(server);
    }

    /** Where the Security Server forwards to. */
    URI baseUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
