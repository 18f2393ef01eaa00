package io.luotsi.xroad.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.auth.consent.AuthorizationDecision;
import io.luotsi.auth.consent.AuthorizationEvidence;
import io.luotsi.auth.consent.AuthorizationProvider;
import io.luotsi.auth.consent.AuthorizationRequest;
import io.luotsi.auth.consent.ConsentException;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.LegalBasis;
import io.luotsi.auth.consent.LegalBasisProvider;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.auth.consent.Refusal;
import io.luotsi.auth.consent.RefusalReason;
import io.luotsi.core.RequestContext;
import io.luotsi.core.audit.AuditRecord;
import io.luotsi.core.audit.SubjectPseudonymizer;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadContextKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the REST client does with a purpose and a data subject: decide, audit, send the evidence, or send nothing. */
class RestConsentTest {

    static final ClientId CONSUMER = ClientId.parse("EE/GOV/70000001/benefits");
    static final ServiceId PERSONS = ServiceId.parse("EE/GOV/70000002/registry/persons");
    static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    static final DataSubject MARI = DataSubject.person("EE37702211234");
    static final Purpose TAX = Purpose.builder("tax-assessment").legalBasis(LegalBasis.LEGAL_OBLIGATION)
            .legalReference("Taxation Act § 59").dataCategories("income", "address").build();
    static final SubjectPseudonymizer PSEUDONYMS = SubjectPseudonymizer.hmacSha256("k",
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    final MockWebServer server = new MockWebServer();
    final List<AuditRecord> audit = Collections.synchronizedList(new ArrayList<>());
    XRoadClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = builder().addAuthorizationProvider(LegalBasisProvider.builder().allow(TAX).build()).build();
    }

    private io.luotsi.xroad.XRoadClientBuilder builder() {
        return XRoadClient.builder().securityServer(server.url("/").toString()).client(CONSUMER)
                .auditSink(audit::add).subjectPseudonymizer(PSEUDONYMS);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private RequestContext at(Instant time) {
        return RequestContext.builder().clock(Clock.fixed(time, ZoneOffset.UTC)).build();
    }

    @Test
    void anAllowedCallCarriesPurposeEvidenceAndIssueAndIsAudited() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        client.rest(PERSONS).get("/persons/{id}", "1").context(at(NOW)).messageId("msg-1")
                .purpose(TAX).dataSubject(MARI).execute(String.class);

        RecordedRequest r = server.takeRequest();
        String purpose = "tax-assessment; basis=A6-1-c; categories=address,income; ref=Taxation%20Act%20%C2%A7%2059";
        assertThat(r.getHeaders().get("Luotsi-Purpose")).isEqualTo(purpose);
        assertThat(r.getHeaders().get("Luotsi-Authorization")).isEqualTo("legal-basis A6-1-c");
        assertThat(r.getHeaders().get("X-Road-Issue")).isEqualTo(purpose);
        assertThat(audit).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AuditRecord.Outcome.ALLOWED);
            assertThat(a.messageId()).isEqualTo("msg-1");
            assertThat(a.client()).isEqualTo("EE/GOV/70000001/benefits");
            assertThat(a.service()).isEqualTo("EE/GOV/70000002/registry/persons");
            assertThat(a.subject()).isEqualTo(PSEUDONYMS.pseudonym("EE37702211234"));
            assertThat(a.evidenceType()).isEqualTo("legal-basis");
            assertThat(a.evidenceId()).isEqualTo("A6-1-c:tax-assessment");
            assertThat(a.time()).isEqualTo(NOW);
        });
    }

    @Test
    void theCallersIssueIsKept() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        client.rest(PERSONS).get("/persons/1").purpose(TAX).dataSubject(MARI).issue("case-118").execute();
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("X-Road-Issue")).isEqualTo("case-118");
        assertThat(r.getHeaders().get("Luotsi-Purpose")).startsWith("tax-assessment;");
    }

    @Test
    void aRefusedCallSendsNothingAndIsAudited() {
        Purpose more = TAX.toBuilder().dataCategories("income", "address", "health").build();
        ConsentException e = catchThrowableOfType(ConsentException.class, () -> client.rest(PERSONS)
                .get("/persons/1").messageId("msg-2").purpose(more).dataSubject(MARI).execute());
        assertThat(e.reason()).isEqualTo(RefusalReason.CATEGORIES_NOT_COVERED);
        assertThat(e.requestMayHaveBeenProcessed()).isFalse();
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("msg-2").doesNotContain("37702211234");
        assertThat(server.getRequestCount()).isZero();
        assertThat(audit).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AuditRecord.Outcome.REFUSED);
            assertThat(a.reason()).isEqualTo("categories_not_covered");
        });
    }

    @Test
    void aCallAboutASubjectNeedsAPurpose() {
        assertThatThrownBy(() -> client.rest(PERSONS).get("/persons/1").dataSubject(MARI).execute())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("purpose");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aPurposeAloneIsSentWithoutEvidence() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).build());
        client.rest(PERSONS).get("/statistics").purpose(TAX).execute();
        RecordedRequest r = server.takeRequest();
        assertThat(r.getHeaders().get("Luotsi-Purpose")).startsWith("tax-assessment;");
        assertThat(r.getHeaders().get("Luotsi-Authorization")).isNull();
        assertThat(audit).isEmpty();
    }

    @Test
    void aClientWithoutProvidersRefusesCallsAboutSubjects() {
        try (XRoadClient plain = XRoadClient.builder().securityServer(server.url("/").toString()).client(CONSUMER)
                .build()) {
            ConsentException e = catchThrowableOfType(ConsentException.class, () -> plain.rest(PERSONS)
                    .get("/persons/1").purpose(TAX).dataSubject(MARI).execute());
            assertThat(e.reason()).isEqualTo(RefusalReason.NO_EVIDENCE);
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void providersNeedAnAuditSinkAndAPseudonymizer() {
        assertThatThrownBy(() -> XRoadClient.builder().securityServer("http://ss").client(CONSUMER)
                .addAuthorizationProvider(r -> AuthorizationDecision.abstain()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("auditSink");
    }

    @Test
    void theConsentHeadersCannotBeSetByHand() {
        assertThatThrownBy(() -> client.rest(PERSONS).get("/").header("luotsi-authorization", "legal-basis x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.rest(PERSONS).get("/").header("Luotsi-Purpose", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSuccessfulAnswerIsReportedToTheGrantingProviderAndAFailedOneIsNot() {
        List<String> reports = new ArrayList<>();
        AuthorizationProvider reporting = new AuthorizationProvider() {
            @Override
            public AuthorizationDecision authorize(AuthorizationRequest request) {
                return LegalBasisProvider.builder().allow(TAX).build().authorize(request);
            }

            @Override
            public void transmitted(AuthorizationEvidence evidence, Instant time) {
                reports.add(evidence.id() + "@" + time);
            }
        };
        try (XRoadClient c = builder().addAuthorizationProvider(reporting).build()) {
            server.enqueue(new MockResponse.Builder().code(404).build());
            assertThatThrownBy(() -> c.rest(PERSONS).get("/persons/1").context(at(NOW)).purpose(TAX)
                    .dataSubject(MARI).execute()).isInstanceOf(io.luotsi.xroad.ProviderErrorException.class);
            server.enqueue(new MockResponse.Builder().code(200).build());
            c.rest(PERSONS).get("/persons/1").context(at(NOW)).purpose(TAX).dataSubject(MARI).execute();
        }
        assertThat(reports).containsExactly("A6-1-c:tax-assessment@" + NOW);
    }

    @Test
    void evidenceThatNamesAnOrganisationBecomesTheRepresentedPartyUnlessOneIsSet() throws Exception {
        AuthorizationEvidence organisationMandate = new FixedEvidence(Optional.of("0245437-2"));
        try (XRoadClient c = builder().addAuthorizationProvider(r -> AuthorizationDecision.granted(
                organisationMandate)).build()) {
            server.enqueue(new MockResponse.Builder().code(200).build());
            c.rest(PERSONS).get("/persons/1").purpose(TAX).dataSubject(MARI).execute();
            assertThat(server.takeRequest().getHeaders().get("X-Road-Represented-Party")).isEqualTo("0245437-2");
            server.enqueue(new MockResponse.Builder().code(200).build());
            c.rest(PERSONS).get("/persons/1").purpose(TAX).dataSubject(MARI)
                    .representedParty(RepresentedParty.of("COM", "other")).execute();
            assertThat(server.takeRequest().getHeaders().get("X-Road-Represented-Party")).isEqualTo("COM/other");
        }
    }

    @Test
    void theSoapHookGivesTheEvidenceAsASecurityToken() {
        AuthorizationEvidence jwt = new FixedEvidence(Optional.empty());
        ConsentBinding binding = ConsentBinding.of(List.of(r -> AuthorizationDecision.granted(jwt)), audit::add,
                PSEUDONYMS);
        RequestContext ctx = RequestContext.builder().messageId("m").attribute(ConsentContextKeys.PURPOSE, TAX)
                .attribute(ConsentContextKeys.DATA_SUBJECT, MARI).build();

        CallAuthorization a = ConsentBinding.authorize(binding, CONSUMER, PERSONS, ctx).orElseThrow();

        assertThat(a.securityToken()).hasValueSatisfying(t -> {
            assertThat(t.token()).isEqualTo("eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
            assertThat(t.tokenType()).isEqualTo("urn:ietf:params:oauth:token-type:jwt");
        });
        RequestContext applied = a.applyTo(ctx);
        assertThat(applied.issue()).hasValue(ConsentHeaders.purposeValue(TAX));
        assertThat(applied.attribute(XRoadContextKeys.REPRESENTED_PARTY)).isEmpty();
        assertThat(ConsentBinding.authorize(binding, CONSUMER, PERSONS, RequestContext.empty())).isEmpty();
    }

    @Test
    void aDerivedClientKeepsTheConsentSettings() {
        try (XRoadClient sibling = client.toBuilder().build()) {
            Purpose more = TAX.toBuilder().dataCategories("income", "address", "health").build();
            assertThat(catchThrowableOfType(ConsentException.class, () -> sibling.rest(PERSONS).get("/")
                    .purpose(more).dataSubject(MARI).execute()).reason())
                    .isEqualTo(RefusalReason.CATEGORIES_NOT_COVERED);
        }
        assertThat(audit).hasSize(1);
    }

    /** Evidence that covers everything, as a JWT, naming a represented party or not. */
    private record FixedEvidence(Optional<String> party) implements AuthorizationEvidence {
        @Override
        public String type() {
            return "consent-receipt";
        }

        @Override
        public String id() {
            return "fixed";
        }

        @Override
        public LegalBasis legalBasis() {
            return LegalBasis.CONSENT;
        }

        @Override
        public Optional<Instant> expiresAt() {
            return Optional.empty();
        }

        @Override
        public Optional<Refusal> check(AuthorizationRequest request) {
            return Optional.empty();
        }

        @Override
        public String token() {
            return "eyJhbGciOiJFUzI1NiJ9.e30.c2ln";
        }

        @Override
        public String tokenType() {
            return JWT_TOKEN_TYPE;
        }

        @Override
        public Optional<String> representedParty() {
            return party;
        }
    }
}
