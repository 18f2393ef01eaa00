package io.luotsi.auth.consent;

import static io.luotsi.auth.consent.Fixtures.CLIENT;
import static io.luotsi.auth.consent.Fixtures.ELIGIBILITY;
import static io.luotsi.auth.consent.Fixtures.ELIGIBILITY_WITH_INCOME;
import static io.luotsi.auth.consent.Fixtures.JAAN;
import static io.luotsi.auth.consent.Fixtures.MARI;
import static io.luotsi.auth.consent.Fixtures.NOW;
import static io.luotsi.auth.consent.Fixtures.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.luotsi.auth.TrustAnchors;
import io.luotsi.auth.jws.JwsAlgorithm;
import io.luotsi.auth.jws.JwsSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConsentReceiptTest {

    private final ConsentReceiptVerifier verifier = Fixtures.verifier();

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"RS256", "ES256"})
    void issuedReceiptsVerifyAndCoverTheirRequest(JwsAlgorithm algorithm) {
        ConsentReceiptIssuer issuer = Fixtures.issuer(algorithm == JwsAlgorithm.RS256 ? Fixtures.RSA : Fixtures.EC,
                algorithm);
        ConsentReceipt receipt = Fixtures.receipt(issuer, MARI, ELIGIBILITY, CLIENT).build();
        String jws = issuer.issue(receipt);

        ConsentReceiptEvidence evidence = verifier.verify(jws, NOW);

        assertThat(evidence.receipt()).isEqualTo(receipt);
        assertThat(evidence.id()).isEqualTo(receipt.consentReceiptId());
        assertThat(evidence.type()).isEqualTo("consent-receipt");
        assertThat(evidence.token()).isEqualTo(jws);
        assertThat(evidence.tokenType()).isEqualTo("urn:ietf:params:oauth:token-type:jwt");
        assertThat(evidence.legalBasis()).isEqualTo(LegalBasis.CONSENT);
        assertThat(evidence.expiresAt()).contains(NOW.plus(Duration.ofDays(365)));
        assertThat(evidence.check(Fixtures.request())).isEmpty();
        assertThat(evidence.consentedCategories("benefit-eligibility")).containsExactlyInAnyOrder("name", "address");
    }

    @Test
    void thePayloadUsesKantaraFieldNamesAndJwtClaims() throws Exception {
        String jws = Fixtures.validReceipt();
        JsonNode json = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jws.split("\\.")[1]));
        assertThat(json.get("version").asText()).isEqualTo("KI-CR-v1.1.0");
        assertThat(json.get("consentReceiptID").asText()).matches("[0-9a-f-]{36}");
        assertThat(json.get("consentTimestamp").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(json.get("piiPrincipalId").asText()).isEqualTo("EE37702211234");
        assertThat(json.get("piiControllers").get(0).get("piiController").asText()).isEqualTo("Registry Agency");
        assertThat(json.get("piiControllers").get(0).get("address").get("addressCountry").asText()).isEqualTo("EE");
        JsonNode purpose = json.get("services").get(0).get("purposes").get(0);
        assertThat(purpose.get("purpose").asText()).isEqualTo("benefit-eligibility");
        assertThat(purpose.get("consentType").asText()).isEqualTo("EXPLICIT");
        assertThat(purpose.get("piiCategory")).hasSize(2);
        assertThat(purpose.get("primaryPurpose").asBoolean()).isTrue();
        assertThat(purpose.get("thirdPartyDisclosure").asBoolean()).isTrue();
        assertThat(purpose.get("thirdPartyName").asText()).isEqualTo(CLIENT);
        assertThat(purpose.has("termination")).isTrue();
        assertThat(json.get("sensitive").asBoolean()).isFalse();
        assertThat(json.get("spiCat").isArray()).isTrue();
        assertThat(json.get("iss").asText()).isEqualTo(Fixtures.ISSUER);
        assertThat(json.get("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(json.get("exp").asLong()).isEqualTo(NOW.plus(Duration.ofDays(365)).getEpochSecond());
        assertThat(json.get("jti").asText()).isNotBlank();
        assertThat(json.get("sub").asText()).isEqualTo("EE37702211234");
        assertThat(json.get("processor").asText()).isEqualTo(CLIENT);
        assertThat(json.has("publicKey")).isFalse();
    }

    @Test
    void aTamperedReceiptIsRefused() {
        String[] parts = Fixtures.validReceipt().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(CLIENT, OTHER_CLIENT);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertRefused(tampered, RefusalReason.INVALID_EVIDENCE, "jws_invalid_signature");
    }

    @Test
    void aReceiptSignedByAnUntrustedKeyIsRefused() {
        ConsentReceiptIssuer forger = Fixtures.issuer(Fixtures.FORGER, JwsAlgorithm.ES256);
        String forged = forger.issue(Fixtures.receipt(forger, MARI, ELIGIBILITY, CLIENT).build());
        assertRefused(forged, RefusalReason.INVALID_EVIDENCE, "jws_untrusted_chain");
    }

    @Test
    void anUnlistedIssuerIsRefusedWhenIssuersAreListed() {
        ConsentReceiptVerifier strict = ConsentReceiptVerifier.builder()
                .trustAnchors(TrustAnchors.of(Fixtures.ROOT.certificate()))
                .trustedIssuers("https://another.example").build();
        ConsentException e = catchThrowableOfType(ConsentException.class,
                () -> strict.verify(Fixtures.validReceipt(), NOW));
        assertThat(e.reason()).isEqualTo(RefusalReason.INVALID_EVIDENCE);
        assertThat(e.getMessage()).contains("not trusted");
    }

    @Test
    void anAlgorithmOutsideTheAllowListIsRefused() {
        ConsentReceiptVerifier rsaOnly = ConsentReceiptVerifier.builder()
                .trustAnchors(TrustAnchors.of(Fixtures.ROOT.certificate())).algorithms(JwsAlgorithm.RS256).build();
        ConsentException e = catchThrowableOfType(ConsentException.class,
                () -> rsaOnly.verify(Fixtures.validReceipt(), NOW));
        assertThat(e.getMessage()).contains("jws_algorithm_not_allowed");
    }

    @Test
    void anExpiredReceiptIsRefused() {
        ConsentReceiptIssuer issuer = Fixtures.issuer();
        String jws = issuer.issue(Fixtures.receipt(issuer, MARI, ELIGIBILITY, CLIENT).validFor(Duration.ofDays(1))
                .build());
        assertRefused(jws, NOW.plus(Duration.ofDays(1)), RefusalReason.EXPIRED, "expired");
        assertThat(verifier.verify(jws, NOW.plus(Duration.ofHours(23))).id()).isNotBlank();
    }

    @Test
    void aReceiptFromTheFutureIsRefused() {
        ConsentReceiptIssuer issuer = Fixtures.issuer();
        String jws = issuer.issue(Fixtures.receipt(issuer, MARI, ELIGIBILITY, CLIENT)
                .issuedAt(NOW.plus(Duration.ofMinutes(10))).build());
        assertRefused(jws, NOW, RefusalReason.NOT_YET_VALID, "valid from");
    }

    @Test
    void aRevokedReceiptIsRefused() {
        String jws = Fixtures.validReceipt();
        String id = verifier.verify(jws, NOW).id();
        ConsentReceiptVerifier withRevocation = ConsentReceiptVerifier.builder()
                .trustAnchors(TrustAnchors.of(Fixtures.ROOT.certificate()))
                .revocationCheck(Set.of(id)::contains).build();
        ConsentException e = catchThrowableOfType(ConsentException.class, () -> withRevocation.verify(jws, NOW));
        assertThat(e.reason()).isEqualTo(RefusalReason.REVOKED);
    }

    @Test
    void aFailingRevocationCheckRefuses() {
        ConsentReceiptVerifier broken = ConsentReceiptVerifier.builder()
                .trustAnchors(TrustAnchors.of(Fixtures.ROOT.certificate()))
                .revocationCheck(id -> {
                    throw new IllegalStateException("status service down");
                }).build();
        assertThat(catchThrowableOfType(ConsentException.class, () -> broken.verify(Fixtures.validReceipt(), NOW))
                .reason()).isEqualTo(RefusalReason.SERVICE_UNAVAILABLE);
    }

    @Test
    void aSignedPayloadThatIsNotAReceiptIsRefused() {
        JwsSigner signer = JwsSigner.builder().keyMaterial(Fixtures.EC.keyMaterial()).clock(Fixtures.CLOCK).build();
        String notAReceipt = signer.sign("{\"iss\":\"x\",\"sub\":\"EE37702211234\"}".getBytes(StandardCharsets.UTF_8));
        assertRefused(notAReceipt, RefusalReason.INVALID_EVIDENCE, "is missing");
        String noProcessor = signer.sign(withoutProcessor().getBytes(StandardCharsets.UTF_8));
        assertRefused(noProcessor, RefusalReason.INVALID_EVIDENCE, "processor is missing");
    }

    @Test
    void evidenceCoversOnlyItsSubjectPurposeClientAndCategories() {
        ConsentReceiptEvidence evidence = verifier.verify(Fixtures.validReceipt(), NOW);
        assertThat(evidence.check(Fixtures.request(JAAN, ELIGIBILITY, CLIENT)))
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(RefusalReason.SUBJECT_MISMATCH));
        assertThat(evidence.check(Fixtures.request(MARI, Fixtures.MARKETING, CLIENT)))
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(RefusalReason.PURPOSE_NOT_COVERED));
        assertThat(evidence.check(Fixtures.request(MARI, ELIGIBILITY, OTHER_CLIENT)))
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(RefusalReason.CLIENT_NOT_COVERED));
        assertThat(evidence.check(Fixtures.request(MARI, ELIGIBILITY_WITH_INCOME, CLIENT)))
                .hasValueSatisfying(r -> {
                    assertThat(r.reason()).isEqualTo(RefusalReason.CATEGORIES_NOT_COVERED);
                    assertThat(r.detail()).contains("[income]");
                });
        Purpose sameCodeOtherBasis = Purpose.builder("benefit-eligibility").legalBasis(LegalBasis.PUBLIC_TASK)
                .legalReference("Act").dataCategories("name").build();
        assertThat(evidence.check(Fixtures.request(MARI, sameCodeOtherBasis, CLIENT)))
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(RefusalReason.PURPOSE_NOT_COVERED));
        AuthorizationRequest later = new AuthorizationRequest("m", CLIENT, null, MARI, ELIGIBILITY, null,
                NOW.plus(Duration.ofDays(400)));
        assertThat(evidence.check(later))
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(RefusalReason.EXPIRED));
        assertThat(evidence.check(Fixtures.request(MARI, ELIGIBILITY.toBuilder().dataCategories("name").build(),
                CLIENT))).isEmpty();
    }

    @Test
    void messagesNeverNameTheDataSubject() {
        ConsentReceiptEvidence evidence = verifier.verify(Fixtures.validReceipt(), NOW);
        assertThat(evidence.check(Fixtures.request(JAAN, ELIGIBILITY, CLIENT)).orElseThrow().detail())
                .doesNotContain("37702211234").doesNotContain("38001010000");
        assertThat(evidence.toString()).doesNotContain("37702211234");
    }

    private void assertRefused(String jws, RefusalReason reason, String text) {
        assertRefused(jws, NOW, reason, text);
    }

    private void assertRefused(String jws, java.time.Instant at, RefusalReason reason, String text) {
        ConsentException e = catchThrowableOfType(ConsentException.class, () -> verifier.verify(jws, at));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.getMessage()).contains(text);
        assertThat(e.requestMayHaveBeenProcessed()).isFalse();
    }

    private static String withoutProcessor() {
        ConsentReceiptIssuer issuer = Fixtures.issuer();
        String jws = issuer.issue(Fixtures.receipt(issuer, MARI, ELIGIBILITY, CLIENT).build());
        String payload = new String(Base64.getUrlDecoder().decode(jws.split("\\.")[1]), StandardCharsets.UTF_8);
        return payload.replace(",\"processor\":\"" + CLIENT + "\"", "");
    }
}
