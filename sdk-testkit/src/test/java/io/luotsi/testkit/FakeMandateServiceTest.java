package io.luotsi.testkit;

import static io.luotsi.testkit.ConsentFixtures.BENEFITS;
import static io.luotsi.testkit.ConsentFixtures.CLOCK;
import static io.luotsi.testkit.ConsentFixtures.NOW;
import static io.luotsi.testkit.ConsentFixtures.PERSONS;
import static io.luotsi.testkit.ConsentFixtures.PSEUDONYMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.auth.consent.ConsentException;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.LegalBasis;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.auth.consent.RefusalReason;
import io.luotsi.auth.mandate.MandateDecision;
import io.luotsi.auth.mandate.MandateProvider;
import io.luotsi.auth.mandate.MandateQuery;
import io.luotsi.auth.mandate.MandateServiceException;
import io.luotsi.auth.mandate.ValtuudetClient;
import io.luotsi.xroad.XRoadClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake e-Authorizations service checks the signature byte for byte, and the SDK's client passes its checks. */
class FakeMandateServiceTest {

    static final String ISSUE = "http://valtuusrekisteri.suomi.fi/hakemuksen_jattaminen";
    static final String TARGET = "/service/rest/hpa/authorization/abcd1234/010101-123N/020202-234M"
            + "?issue=http%3A%2F%2Fvaltuusrekisteri.suomi.fi%2Fhakemuksen_jattaminen&requestId=r-1";
    static final Purpose APPLICATION = Purpose.builder("benefit-application").legalBasis(LegalBasis.PUBLIC_TASK)
            .legalReference("Social Welfare Act § 131").dataCategories("name", "address").build();

    final FakeMandateService valtuudet = FakeMandateService.builder().clientId("abcd1234").apiKey("api-key")
            .clock(CLOCK).start().allow("010101-123N", "020202-234M", ISSUE);

    @AfterEach
    void stop() {
        valtuudet.close();
    }

    /** The header computed here, independently of the SDK: HMAC-SHA256 over target + " " + timestamp. */
    static String header(String key, String target, String timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "abcd1234 " + timestamp + " " + Base64.getEncoder().encodeToString(
                mac.doFinal((target + " " + timestamp).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> get(String target, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(valtuudet.baseUrl() + target))
                .header("X-userId", "FI010101-123N");
        if (authorization != null) {
            b.header("X-AsiointivaltuudetAuthorization", authorization);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCorrectlySignedRequestIsAnswered() throws Exception {
        HttpResponse<String> r = get(TARGET, header("api-key", TARGET, "2026-03-02T10:15:30.000Z"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"result\":\"ALLOWED\",\"reasons\":[]}");
        HttpResponse<String> other = get(TARGET.replace("020202-234M", "030303-345P"),
                header("api-key", TARGET.replace("020202-234M", "030303-345P"), "2026-03-02T10:15:30.000Z"));
        assertThat(other.body()).contains("\"result\":\"DISALLOWED\"").contains("hpa.mandate.missing");
    }

    @Test
    void theSignatureIsCheckedByteForByte() throws Exception {
        // The same instant written differently is another message: the HMAC no longer matches.
        String signedOneWay = header("api-key", TARGET, "2026-03-02T10:15:30.000Z");
        String sentAnother = signedOneWay.replace("2026-03-02T10:15:30.000Z", "2026-03-02T10:15:30Z");
        assertThat(get(TARGET, sentAnother).statusCode()).isEqualTo(401);
        assertThat(get(TARGET.replace("r-1", "r-2"), signedOneWay).statusCode()).isEqualTo(401);
        assertThat(get(TARGET, header("another-key", TARGET, "2026-03-02T10:15:30.000Z")).statusCode())
                .isEqualTo(401);
        assertThat(get(TARGET, null).statusCode()).isEqualTo(401);
        assertThat(valtuudet.requests()).filteredOn(r -> r.status() == 401).hasSize(4)
                .allMatch(r -> r.signatureRefusal().isPresent());
    }

    @Test
    void theTimestampMustBeWithinFiveMinutes() throws Exception {
        assertThat(get(TARGET, header("api-key", TARGET, "2026-03-02T10:20:30.000Z")).statusCode()).isEqualTo(200);
        assertThat(get(TARGET, header("api-key", TARGET, "2026-03-02T10:10:30.000Z")).statusCode()).isEqualTo(200);
        assertThat(get(TARGET, header("api-key", TARGET, "2026-03-02T10:20:30.001Z")).statusCode()).isEqualTo(401);
        assertThat(get(TARGET, header("api-key", TARGET, "2026-03-02T10:10:29.999Z")).statusCode()).isEqualTo(401);
        assertThat(valtuudet.requests().get(2).signatureRefusal()).hasValueSatisfying(
                why -> assertThat(why).contains("5 minutes"));
    }

    private ValtuudetClient client(Instant clientTime, String key) {
        return valtuudet.clientBuilder(key).clock(Clock.fixed(clientTime, ZoneOffset.UTC)).build();
    }

    @Test
    void theSdkClientPassesTheFakesChecksWithinTheWindowOnly() {
        MandateQuery q = new MandateQuery("FI010101-123N", "010101-123N", "020202-234M", List.of(ISSUE), "r-1");
        try (ValtuudetClient ok = client(NOW.plus(Duration.ofMinutes(4)), "api-key")) {
            assertThat(ok.authorization(q).result()).isEqualTo(MandateDecision.Result.ALLOWED);
        }
        try (ValtuudetClient late = client(NOW.plus(Duration.ofMinutes(6)), "api-key")) {
            assertThat(catchThrowableOfType(MandateServiceException.class, () -> late.authorization(q)).statusCode())
                    .isEqualTo(401);
        }
        try (ValtuudetClient wrongKey = client(NOW, "wrong")) {
            assertThat(catchThrowableOfType(MandateServiceException.class, () -> wrongKey.authorization(q))
                    .statusCode()).isEqualTo(401);
        }
        FakeMandateService.Request first = valtuudet.requests().get(0);
        assertThat(first.target()).isEqualTo(TARGET);
        assertThat(first.userId()).isEqualTo("FI010101-123N");
        assertThat(first.result()).isEqualTo("ALLOWED");
    }

    @Test
    void aRequestOnAMandateIsSentOnlyWhenTheServiceAllowsIt() {
        RecordingAuditSink audit = new RecordingAuditSink();
        try (FakeSecurityServer fake = FakeSecurityServer.builder().clock(CLOCK).subsystem(BENEFITS, "Benefits")
                .service(ServiceRegistration.rest(PERSONS).allow(BENEFITS).respond(FakeRestResponse.json("{}")))
                .start();
             ValtuudetClient valtuudetClient = client(NOW, "api-key");
             XRoadClient client = fake.clientBuilder(BENEFITS)
                     .addAuthorizationProvider(MandateProvider.builder().client(valtuudetClient)
                             .issue("benefit-application", ISSUE).build())
                     .auditSink(audit).subjectPseudonymizer(PSEUDONYMS).build()) {

            client.rest(PERSONS).get("/persons/1").context(ConsentFixtures.now()).messageId("msg-1")
                    .userId("FI010101-123N").purpose(APPLICATION).dataSubject(DataSubject.person("FI020202-234M"))
                    .execute();
            assertThat(fake.recordings().single(PERSONS).providerRequest().orElseThrow()
                    .header("Luotsi-Authorization")).hasValue("mandate " + ISSUE);
            assertThat(audit.assertSingleAllowed().evidenceType()).isEqualTo("mandate");
            assertThat(valtuudet.requests().get(0).target()).endsWith("&requestId=msg-1");

            ConsentException e = catchThrowableOfType(ConsentException.class, () -> client.rest(PERSONS)
                    .get("/persons/2").context(ConsentFixtures.now()).userId("FI010101-123N").purpose(APPLICATION)
                    .dataSubject(DataSubject.person("FI030303-345P")).execute());
            assertThat(e.reason()).isEqualTo(RefusalReason.DISALLOWED);
            assertThat(fake.recordings().to(PERSONS)).hasSize(1);
            assertThat(audit.refused()).singleElement().satisfies(a -> assertThat(a.reason())
                    .isEqualTo("disallowed"));
        }
    }
}
