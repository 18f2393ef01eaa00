package io.luotsi.samples.consent;

import io.luotsi.auth.CertificateChain;
import io.luotsi.auth.KeyMaterial;
import io.luotsi.auth.consent.ConsentException;
import io.luotsi.auth.consent.ConsentReceiptProvider;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.LegalBasis;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.auth.consent.RefusalReason;
import io.luotsi.auth.jws.AuditCheckpoints;
import io.luotsi.auth.jws.JwsSigner;
import io.luotsi.auth.jws.JwsVerifier;
import io.luotsi.auth.pki.CertificateValidator;
import io.luotsi.core.audit.AuditLogVerifier;
import io.luotsi.core.audit.AuditVerification;
import io.luotsi.core.audit.Durability;
import io.luotsi.core.audit.JsonLinesAuditLog;
import io.luotsi.core.audit.SubjectPseudonymizer;
import io.luotsi.testkit.FakeSecurityServer;
import io.luotsi.testkit.ServiceRegistration;
import io.luotsi.testkit.TestConsentReceipts;
import io.luotsi.testkit.TestPki;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.rest.RestResponse;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A consent-aware request: a benefits office asks the population registry about a person, for a stated purpose, with
 * the person's signed consent receipt.
 *
 * <p>The sample starts a consent service (the test kit's receipt issuer), the registry
 * ({@link ConsentCheckingProvider}), and the fake Security Server in this process. The benefits office's client asks
 * its authorization provider for evidence before it sends anything, sends the receipt along, and gets back only the
 * consented data; a request for more than the consent covers is refused before it leaves the process. Both sides
 * write a hash-chained audit log with signed checkpoints, which the sample verifies at the end.
 *
 * <pre>./mvnw -B -ntp -Prun-consent -pl samples/consent -am -DskipTests package</pre>
 */
public final class ConsentAwareRequest {

    /** A person as the registry answers: fields outside the consent are absent. */
    public record Person(String id, String name, String address, Integer income) {
    }

    static final ClientId BENEFITS = ClientId.parse("EE/GOV/70000001/benefits");
    static final DataSubject MARI = DataSubject.person("EE37702211234");

    private ConsentAwareRequest() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out, Files.createTempDirectory("luotsi-consent-sample"));
    }

    /** Runs the sample in {@code dir} (the audit logs go there), printing what happens. */
    static Result run(PrintStream out, Path dir) throws Exception {
        Clock clock = Clock.systemUTC();
        TestPki pki = TestPki.generate(clock);
        TestConsentReceipts consentService = TestConsentReceipts.create(pki, clock);
        TestPki.Credential auditKey = pki.issue("audit signer", TestPki.Purpose.SIGNING, List.of());
        JwsSigner auditSigner = JwsSigner.builder().keyMaterial(KeyMaterial.of(auditKey.privateKey(),
                new CertificateChain(auditKey.chain()))).build();
        SubjectPseudonymizer pseudonymizer = SubjectPseudonymizer.hmacSha256("sample-2026",
                "a sample key: keep yours in a vault".getBytes(StandardCharsets.UTF_8));
        Path benefitsLog = dir.resolve("benefits-audit.jsonl");
        Path registryLog = dir.resolve("registry-audit.jsonl");

        // snippet:purpose
        Purpose eligibility = Purpose.builder("benefit-eligibility")
                .description("Checking eligibility for the housing benefit")
                .legalBasis(LegalBasis.CONSENT)                 // GDPR Art. 6(1)(a), DPV A6-1-a
                .dataCategories("name", "address")              // what the request needs, no more
                .build();
        // end:purpose

        // The person consented: the consent service signed a receipt, which the office keeps.
        String receipt = consentService.issue(MARI, eligibility, BENEFITS.toShortString());

        // snippet:audit-log
        JsonLinesAuditLog auditLog = JsonLinesAuditLog.builder(benefitsLog)
                .checkpointSigner(AuditCheckpoints.signer(auditSigner))      // signed checkpoints (JWS, x5c)
                .durability(Durability.groupCommit(Duration.ofMillis(100)))  // on disk within 100 ms
                .build();
        // end:audit-log

        try (auditLog;
             JsonLinesAuditLog registryAudit = JsonLinesAuditLog.builder(registryLog)
                     .checkpointSigner(AuditCheckpoints.signer(auditSigner)).build();
             ConsentCheckingProvider registry = ConsentCheckingProvider.start(consentService.verifier(),
                     registryAudit, pseudonymizer, clock);
             FakeSecurityServer securityServer = FakeSecurityServer.builder()
                     .instance("EE")
                     .subsystem(BENEFITS, "Benefits office")
                     .service(ServiceRegistration.rest(ConsentCheckingProvider.PERSONS)
                             .allow(BENEFITS, "GET", "/persons/*")
                             .forwardTo(registry.baseUrl()))
                     .start()) {
            out.println("Fake Security Server listening at " + securityServer.url());

            // snippet:client
            XRoadClient client = XRoadClient.builder()
                    .securityServer(securityServer.url())
                    .client(BENEFITS)
                    .addAuthorizationProvider(ConsentReceiptProvider.builder()
                            .verifier(consentService.verifier())           // trusted consent issuers
                            .source(subject -> List.of(receipt))           // the receipts this office holds
                            .build())
                    .auditSink(auditLog)                                   // every decision, allowed or refused
                    .subjectPseudonymizer(pseudonymizer)                   // audit records never hold the code
                    .build();
            // end:client

            try (client) {
                // snippet:request
                RestResponse<Person> answer = client.rest(ConsentCheckingProvider.PERSONS)
                        .get("/persons/{id}", MARI.id())
                        .purpose(eligibility)                  // Luotsi-Purpose, and X-Road-Issue if none is set
                        .dataSubject(MARI)                     // checked against the evidence before sending
                        .execute(Person.class);
                Person mari = answer.body();                   // name and address; no income, no health data
                // end:request
                out.println("GET /persons/{id} of " + MARI + " -> " + mari.name() + ", " + mari.address()
                        + " (income " + (mari.income() == null ? "not disclosed" : mari.income()) + ")");

                // snippet:refused
                Purpose eligibilityWithIncome = eligibility.toBuilder()
                        .dataCategories("name", "address", "income")
                        .build();
                RefusalReason reason;
                try {
                    client.rest(ConsentCheckingProvider.PERSONS)
                            .get("/persons/{id}", MARI.id())
                            .purpose(eligibilityWithIncome)
                            .dataSubject(MARI)
                            .execute(Person.class);
                    throw new IllegalStateException("the consent does not cover income");
                } catch (ConsentException e) {
                    reason = e.reason();                       // CATEGORIES_NOT_COVERED: nothing was sent
                    out.println("GET with income -> refused before sending: " + e.getMessage());
                }
                // end:refused
                int reachedRegistry = securityServer.recordings().size();
                out.println("requests that reached the Security Server: " + reachedRegistry);

                auditLog.close();
                registryAudit.close();
                // snippet:verify
                AuditLogVerifier verifier = AuditLogVerifier.builder()
                        .checkpointVerifier(AuditCheckpoints.verifier(JwsVerifier.builder()
                                .certificateValidator(CertificateValidator.builder()
                                        .trustAnchors(consentService.trustAnchors()).build())
                                .build()))
                        .build();
                AuditVerification benefitsAudit = verifier.verify(benefitsLog);   // "OK 2 records"
                // end:verify
                AuditVerification registryAuditResult = verifier.verify(registryLog);
                out.println("benefits office audit log: " + benefitsAudit.summary());
                out.println("registry audit log: " + registryAuditResult.summary());
                return new Result(mari, reason, reachedRegistry, benefitsAudit, registryAuditResult);
            }
        }
    }

    /** What the sample saw. */
    record Result(Person person, RefusalReason refusal, int requestsSent, AuditVerification consumerAudit,
                  AuditVerification providerAudit) {
    }
}
