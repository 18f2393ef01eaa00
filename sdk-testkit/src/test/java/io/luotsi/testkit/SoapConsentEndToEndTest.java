package io.luotsi.testkit;

import static io.luotsi.testkit.ConsentFixtures.BENEFITS;
import static io.luotsi.testkit.ConsentFixtures.CLOCK;
import static io.luotsi.testkit.ConsentFixtures.ELIGIBILITY;
import static io.luotsi.testkit.ConsentFixtures.MARI;
import static io.luotsi.testkit.ConsentFixtures.PSEUDONYMS;
import static io.luotsi.testkit.ConsentFixtures.REGISTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.luotsi.auth.consent.AuthorizationEvidence;
import io.luotsi.auth.consent.ConsentException;
import io.luotsi.auth.consent.ConsentReceiptProvider;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.RefusalReason;
import io.luotsi.core.audit.AuditRecord;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.consent.ConsentHeaders;
import io.luotsi.xroad.provider.ConsentEnforcer;
import io.luotsi.xroad.provider.ProviderAuthorization;
import io.luotsi.xroad.provider.ProviderError;
import io.luotsi.xroad.provider.ProviderRequest;
import io.luotsi.xroad.provider.SoapFaultException;
import io.luotsi.xroad.provider.SoapProvider;
import io.luotsi.xroad.provider.SoapReply;
import io.luotsi.xroad.provider.jdkhttp.JdkHttpServerAdapter;
import io.luotsi.xroad.soap.SecurityToken;
import io.luotsi.xroad.soap.SoapHeaderElement;
import io.luotsi.xroad.soap.SoapResponse;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consent over SOAP, end to end through the fake Security Server: the evidence travels as the {@code securityToken}
 * (tokenType JWT for a receipt), the purpose as the {@code <luotsi:purpose>} header element, and a Luotsi SOAP provider
 * verifies both with the same {@link ConsentEnforcer} REST providers use.
 */
class SoapConsentEndToEndTest {

    static final ServiceId GET_PERSON = REGISTRY.service("getPerson").withVersion("v1");

    final TestConsentReceipts consents = TestConsentReceipts.generate(CLOCK);
    final RecordingAuditSink consumerAudit = new RecordingAuditSink();
    final RecordingAuditSink providerAudit = new RecordingAuditSink();
    final List<String> wallet = new CopyOnWriteArrayList<>();
    HttpServer provider;
    FakeSecurityServer fake;
    XRoadClient client;
    XRoadClient bare;

    @BeforeEach
    void start() throws Exception {
        ConsentEnforcer enforcer = ConsentEnforcer.builder().service(GET_PERSON)
                .allowPurpose("benefit-eligibility", "name", "address")
                .consentReceipts(consents.verifier())
                .minimiser(ConsentFixtures.MINIMISER)
                .auditSink(providerAudit).pseudonymizer(PSEUDONYMS).clock(CLOCK).build();
        SoapProvider registry = SoapProvider.builder().handler("getPerson", request -> {
            DataSubject subject = DataSubject.person(request.bodyXml().replaceAll("(?s).*<id>([^<]*)</id>.*", "$1"));
            try {
                ProviderAuthorization allowed = enforcer.authorize(ProviderRequest.from(request), subject);
                String json = new String(allowed.minimiseToJson(ConsentFixtures.PERSON), "UTF-8");
                return SoapReply.xml("<person>" + json.replace("&", "&amp;").replace("<", "&lt;") + "</person>");
            } catch (ConsentException refused) {
                ProviderError error = ProviderError.of(refused);
                throw SoapFaultException.of(error.type(), error.message());
            }
        }).build();
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/", JdkHttpServerAdapter.of(registry));
        provider.start();
        fake = FakeSecurityServer.builder().clock(CLOCK).subsystem(BENEFITS, "Benefits")
                .service(ServiceRegistration.wsdl(GET_PERSON).allow(BENEFITS)
                        .forwardTo("http://127.0.0.1:" + provider.getAddress().getPort() + "/"))
                .start();
        client = fake.clientBuilder(BENEFITS)
                .addAuthorizationProvider(ConsentReceiptProvider.builder().verifier(consents.verifier())
                        .source(subject -> wallet).build())
                .auditSink(consumerAudit).subjectPseudonymizer(PSEUDONYMS).build();
        bare = fake.clientBuilder(BENEFITS).build();
    }

    @AfterEach
    void stop() {
        client.close();
        bare.close();
        fake.close();
        provider.stop(0);
    }

    private static String body() {
        return "<r:getPerson xmlns:r=\"urn:registry\"><id>" + MARI.id() + "</id></r:getPerson>";
    }

    @Test
    void validConsentTravelsAsTheSecurityTokenAndIsVerifiedByTheSoapProvider() {
        String receipt = consents.issue(MARI, ELIGIBILITY, BENEFITS.toShortString());
        wallet.add(receipt);

        try (SoapResponse<String> r = client.soap(GET_PERSON).requestXml(body()).context(ConsentFixtures.now())
                .messageId("soap-ok").purpose(ELIGIBILITY).dataSubject(MARI).execute(String.class)) {
            assertThat(r.body()).contains("Mari Maasikas").contains("Pikk 1").doesNotContain("41000")
                    .doesNotContain("allergic");
        }

        String sent = new String(fake.recordings().single(GET_PERSON).request().body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(sent).contains("tokenType=\"" + AuthorizationEvidence.JWT_TOKEN_TYPE + "\"").contains(receipt)
                .contains("<luotsi:purpose xmlns:luotsi=\"urn:luotsi:consent\">"
                        + ConsentHeaders.purposeValue(ELIGIBILITY) + "</luotsi:purpose>")
                .contains(ConsentHeaders.purposeValue(ELIGIBILITY) + "</xrd:issue>");
        AuditRecord consumed = consumerAudit.assertSingleAllowed();
        AuditRecord provided = providerAudit.assertSingleAllowed();
        assertThat(consumed.messageId()).isEqualTo("soap-ok");
        assertThat(provided.messageId()).isEqualTo("soap-ok");
        assertThat(provided.evidenceType()).isEqualTo("consent-receipt");
        assertThat(provided.subject()).isEqualTo(PSEUDONYMS.pseudonym(MARI.id()));
    }

    @Test
    void withoutConsentNothingIsSentAndTheRefusalIsAudited() {
        assertThatThrownBy(() -> client.soap(GET_PERSON).requestXml(body()).context(ConsentFixtures.now())
                .purpose(ELIGIBILITY).dataSubject(MARI).execute(String.class))
                .isInstanceOfSatisfying(ConsentException.class,
                        e -> assertThat(e.refusal().reason()).isEqualTo(RefusalReason.NO_EVIDENCE));

        assertThat(fake.recordings().all()).isEmpty();
        assertThat(consumerAudit.records()).singleElement()
                .satisfies(a -> assertThat(a.outcome()).isEqualTo(AuditRecord.Outcome.REFUSED));
        assertThat(providerAudit.records()).isEmpty();
    }

    @Test
    void theSoapProviderRefusesATamperedToken() {
        String receipt = consents.issue(MARI, ELIGIBILITY, BENEFITS.toShortString());
        String tampered = receipt.substring(0, receipt.length() - 4)
                + (receipt.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThatThrownBy(() -> bare.soap(GET_PERSON).requestXml(body()).context(ConsentFixtures.now())
                .securityToken(SecurityToken.jwt(tampered))
                .header(SoapHeaderElement.of(ConsentHeaders.soapPurposeElement(ELIGIBILITY)))
                .execute(String.class))
                .isInstanceOfSatisfying(XRoadException.class, e -> assertThat(e.code()).startsWith("consent."));

        assertThat(providerAudit.records()).singleElement()
                .satisfies(a -> assertThat(a.outcome()).isEqualTo(AuditRecord.Outcome.REFUSED));
    }

    @Test
    void theSoapProviderRefusesAReplayOfTheSameMessage() {
        String receipt = consents.issue(MARI, ELIGIBILITY, BENEFITS.toShortString());
        for (int i = 0; i < 2; i++) {
            var call = bare.soap(GET_PERSON).requestXml(body()).context(ConsentFixtures.now()).messageId("same-id")
                    .securityToken(SecurityToken.jwt(receipt))
                    .header(SoapHeaderElement.of(ConsentHeaders.soapPurposeElement(ELIGIBILITY)));
            if (i == 0) {
                try (SoapResponse<String> r = call.execute(String.class)) {
                    assertThat(r.body()).contains("Mari Maasikas");
                }
            } else {
                assertThatThrownBy(() -> call.execute(String.class)).isInstanceOfSatisfying(XRoadException.class,
                        e -> assertThat(e.code()).startsWith("consent."));
            }
        }
        assertThat(providerAudit.records()).extracting(AuditRecord::outcome)
                .containsExactly(AuditRecord.Outcome.ALLOWED, AuditRecord.Outcome.REFUSED);
    }
}
