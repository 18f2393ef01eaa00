package io.luotsi.samples.quickstart;

import io.luotsi.testkit.FakeSecurityServer;
import io.luotsi.testkit.ServiceRegistration;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ProviderErrorException;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.rest.RestResponse;
import java.io.PrintStream;

/**
 * Luotsi's quickstart: typed REST calls through a Security Server.
 *
 * <p>It starts the test kit's fake Security Server in this process, registers a provider (a small person registry on
 * this machine) behind it, and calls the registry the way an agency system calls another agency's service: a typed
 * GET, a POST with a JSON body, a request the provider answers with its own 404, and one that X-Road refuses because
 * the client has no access right. Against a real Security Server only the builder's URL, client id and TLS change.
 *
 * <pre>./mvnw -B -ntp -Prun-quickstart -pl samples/quickstart -am -DskipTests package</pre>
 */
public final class Quickstart {

    /** A person as the registry returns it. */
    public record Person(String id, String name, String municipality) {
    }

    /** What the sample sends to create a person. */
    public record NewPerson(String name) {
    }

    static final ClientId CASE_APP = ClientId.parse("FI/GOV/1234567-8/caseapp");
    static final ServiceId PERSONS = ServiceId.parse("FI/GOV/0245437-2/registry/persons");

    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the sample, printing what happens; returns what the calls returned, for the sample's own test. */
    static Result run(PrintStream out) throws Exception {
        try (PersonRegistry registry = new PersonRegistry();
             FakeSecurityServer securityServer = FakeSecurityServer.builder()
                     .instance("FI")
                     .subsystem(CASE_APP, "Case management")
                     .service(ServiceRegistration.rest(PERSONS)
                             .allow(CASE_APP, "GET", "/persons/*")
                             .allow(CASE_APP, "POST", "/persons")
                             .forwardTo(registry.baseUrl()))
                     .start()) {
            out.println("Fake Security Server listening at " + securityServer.url());

            // snippet:client
            XRoadClient client = XRoadClient.builder()
                    .securityServer(securityServer.url())   // your Security Server's client proxy
                    .client(CASE_APP)                       // who this information system calls as
                    .build();                               // build once, share, close at shutdown
            // end:client

            try (client) {
                // snippet:get
                RestResponse<Person> found = client.rest(PERSONS)
                        .get("/persons/{id}", "1")
                        .userId("FI010180-123A")            // X-Road-UserId: on whose behalf
                        .issue("case-2026-118")             // X-Road-Issue: the case it is about
                        .execute(Person.class);
                Person person = found.body();
                String messageId = found.xroad().messageId().orElseThrow();
                String receipt = found.xroad().requestHash().orElseThrow();
                // end:get
                out.println("GET  /persons/1 -> " + person.name() + " (" + person.municipality() + ")");
                out.println("     message id " + messageId + ", request hash " + receipt.substring(0, 16) + "…");
                out.println("     the registry saw X-Road-Client: " + registry.lastCaller());

                // snippet:post
                RestResponse<Person> created = client.rest(PERSONS)
                        .post("/persons")
                        .jsonBody(new NewPerson("Eero Korhonen"))
                        .issue("case-2026-118")
                        .execute(Person.class);
                // end:post
                out.println("POST /persons -> " + created.status() + ", id " + created.body().id() + ", Location "
                        + created.location().orElse("-"));

                // snippet:provider-error
                int missingStatus;
                try {
                    client.rest(PERSONS).get("/persons/{id}", "999").execute(Person.class);
                    throw new IllegalStateException("the registry has no person 999");
                } catch (ProviderErrorException e) {
                    // The provider's own answer, passed through by X-Road: status, headers and body.
                    missingStatus = e.statusCode();
                    out.println("GET  /persons/999 -> the registry answered " + e.statusCode() + " " + e.bodyAsString());
                }
                // end:provider-error

                // snippet:xroad-error
                String refusedCode;
                try {
                    client.rest(PERSONS).delete("/persons/{id}", "1").execute();
                    throw new IllegalStateException("DELETE is not among the client's access rights");
                } catch (XRoadException e) {
                    // X-Road refused: the code is X-Road 7.8's, whatever the server's version.
                    refusedCode = e.code();                 // server.serverproxy.access_denied
                    out.println("DELETE /persons/1 -> X-Road error " + e.code() + " (origin " + e.origin()
                            + ", retryable " + e.retryable() + ")");
                }
                // end:xroad-error
                return new Result(person, created.body(), missingStatus, refusedCode, registry.lastCaller());
            }
        }
    }

    /** What the sample's calls returned. */
    record Result(Person found, Person created, int missingStatus, String refusedCode, String callerSeenByProvider) {
    }
}
