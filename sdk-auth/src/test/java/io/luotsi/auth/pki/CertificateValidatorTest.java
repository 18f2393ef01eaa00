package io.luotsi.auth.pki;

import static io.luotsi.auth.testing.Pki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.auth.CertificateChain;
import io.luotsi.auth.TrustAnchors;
import io.luotsi.auth.testing.Ocsp;
import io.luotsi.auth.testing.Pki;
import io.luotsi.auth.testing.Pki.Issued;
import io.luotsi.auth.testing.Pki.KeyType;
import io.luotsi.core.VerificationException;
import io.luotsi.core.http.OkHttpTransport;
import java.net.URI;
import java.security.cert.CRLReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CertificateValidatorTest {

    private static Issued root;
    private static Issued intermediate;
    private static Issued leaf;
    private static Issued otherRoot;
    private static OkHttpTransport transport;

    @BeforeAll
    static void issue() {
        root = Pki.root("Validator Root");
        intermediate = Pki.intermediate("Validator Intermediate", root);
        leaf = Pki.signer("validator-leaf", intermediate, KeyType.EC_P256);
        otherRoot = Pki.root("Other Root");
        transport = OkHttpTransport.builder().build();
    }

    @AfterAll
    static void close() {
        transport.close();
    }

    private static CertificateValidator.Builder anchoredAtRoot() {
        return CertificateValidator.builder().trustAnchors(TrustAnchors.of(root.certificate()));
    }

    private static CertificateValidationException failure(CertificateValidator validator, CertificateChain chain,
                                                           Instant time, List<byte[]> responses) {
        return catchThrowableOfType(CertificateValidationException.class,
                () -> validator.validate(chain, time, responses));
    }

    @Nested
    class Paths {

        @Test
        void buildsThePathThroughTheChainsIntermediateToTheAnchor() {
            ValidatedPath path = anchoredAtRoot().build().validate(leaf.chainWithoutRoot(), NOW);

            assertThat(path.certificates()).containsExactly(leaf.certificate(), intermediate.certificate());
            assertThat(path.trustAnchor()).isEqualTo(root.certificate());
            assertThat(path.validationTime()).isEqualTo(NOW);
            assertThat(path.ocspStatuses()).isEmpty();
        }

        @Test
        void usesIntermediatesTheCallerSuppliesAndCaListsAsAnchors() {
            CertificateValidator validator = CertificateValidator.builder()
                    .trustedCas(List.of(otherRoot.certificate(), root.certificate()))
                    .intermediates(List.of(intermediate.certificate()))
                    .build();

            ValidatedPath path = validator.validate(CertificateChain.of(leaf.certificate()), NOW);

            assertThat(path.certificates()).containsExactly(leaf.certificate(), intermediate.certificate());
            assertThat(path.trustAnchor()).isEqualTo(root.certificate());
        }

        @Test
        void aMissingIntermediateIsUntrustedAndNamed() {
            CertificateValidationException e = failure(anchoredAtRoot().build(),
                    CertificateChain.of(leaf.certificate()), NOW, List.of());

            assertThat(e.failure()).isEqualTo(CertificateFailure.UNTRUSTED);
            assertThat(e.code()).isEqualTo("certificate_untrusted");
            assertThat(e).isInstanceOf(VerificationException.class)
                    .hasMessageContaining("was issued by C=FI,O=Luotsi Test,CN=Validator Intermediate")
                    .hasMessageContaining("neither a trust anchor nor an intermediate");
        }

        @Test
        void aChainToAnotherRootIsUntrusted() {
            CertificateValidator validator = CertificateValidator.builder()
                    .trustAnchors(TrustAnchors.of(otherRoot.certificate())).build();

            CertificateValidationException e = failure(validator, leaf.certificateChain(), NOW, List.of());

            assertThat(e.failure()).isEqualTo(CertificateFailure.UNTRUSTED);
            assertThat(e).hasMessageContaining("was issued by C=FI,O=Luotsi Test,CN=Validator Root");
        }

        @Test
        void aLeafExpiredAtTheValidationTimeSaysWhen() {
            Instant later = leaf.certificate().getNotAfter().toInstant().plusSeconds(1);

            CertificateValidationException e = failure(anchoredAtRoot().build(), leaf.chainWithoutRoot(), later,
                    List.of());

            assertThat(e.failure()).isEqualTo(CertificateFailure.EXPIRED);
            assertThat(e.code()).isEqualTo("certificate_expired");
            assertThat(e.certificate()).contains(leaf.certificate());
            assertThat(e.validationTime()).isEqualTo(later);
            assertThat(e).hasMessageContaining("expired at " + leaf.certificate().getNotAfter().toInstant())
                    .hasMessageContaining("validation time " + later);
        }

        @Test
        void aLeafNotYetValidAtTheValidationTimeSaysSo() {
            Instant earlier = leaf.certificate().getNotBefore().toInstant().minusSeconds(1);

            CertificateValidationException e = failure(anchoredAtRoot().build(), leaf.chainWithoutRoot(), earlier,
                    List.of());

            assertThat(e.failure()).isEqualTo(CertificateFailure.NOT_YET_VALID);
            assertThat(e.code()).isEqualTo("certificate_not_yet_valid");
        }

        @Test
        void anExpiredIntermediateIsTheCertificateNamed() {
            Issued shortLived = Pki.certificate("Short-lived Intermediate").ca().issuer(root)
                    .validity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1))).build();
            Issued signer = Pki.certificate("signer under short-lived").issuer(shortLived)
                    .validity(NOW.minus(Duration.ofDays(20)), NOW.plus(Duration.ofDays(20))).build();

            CertificateValidationException e = failure(anchoredAtRoot().build(), signer.chainWithoutRoot(), NOW,
                    List.of());

            assertThat(e.failure()).isEqualTo(CertificateFailure.EXPIRED);
            assertThat(e.certificate()).contains(shortLived.certificate());
        }

        @Test
        void aChainIsValidatedAtTheGivenTimeNotToday() {
            Issued longLivedRoot = Pki.certificate("Long-lived Root").ca()
                    .validity(Instant.parse("2015-01-01T00:00:00Z"), Instant.parse("2040-01-01T00:00:00Z")).build();
            Issued oldIntermediate = Pki.certificate("2020 Intermediate").ca().issuer(longLivedRoot)
                    .validity(Instant.parse("2019-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z")).build();
            Issued oldSigner = Pki.certificate("signed in 2020").issuer(oldIntermediate)
                    .validity(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z")).build();
            CertificateValidator validator = CertificateValidator.builder()
                    .trustAnchors(TrustAnchors.of(longLivedRoot.certificate())).build();

            ValidatedPath path = validator.validate(oldSigner.chainWithoutRoot(), Instant.parse("2020-06-01T00:00:00Z"));

            assertThat(path.leaf()).isEqualTo(oldSigner.certificate());
            assertThat(failure(validator, oldSigner.chainWithoutRoot(), NOW, List.of()).failure())
                    .isEqualTo(CertificateFailure.EXPIRED);
        }

        @Test
        void aTrustAnchorNotValidAtTheTimeIsNamed() {
            Instant before = root.certificate().getNotBefore().toInstant().minusSeconds(60);
            Issued earlyIntermediate = Pki.certificate("Early Intermediate").ca().issuer(root)
                    .validity(before.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))).build();
            Issued earlySigner = Pki.certificate("early signer").issuer(earlyIntermediate)
                    .validity(before.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))).build();

            CertificateValidationException e = failure(anchoredAtRoot().build(), earlySigner.chainWithoutRoot(),
                    before, List.of());

            assertThat(e.failure()).isEqualTo(CertificateFailure.NOT_YET_VALID);
            assertThat(e.certificate()).contains(root.certificate());
        }

        @Test
        void aCertificateTrustedDirectlyIsItsOwnPath() {
            Issued selfSigned = Pki.certificate("pinned signer").build();
            CertificateValidator validator = CertificateValidator.builder()
                    .trustAnchors(TrustAnchors.of(selfSigned.certificate())).build();

            ValidatedPath path = validator.validate(selfSigned.certificateChain(), NOW);

            assertThat(path.certificates()).containsExactly(selfSigned.certificate());
            assertThat(path.trustAnchor()).isEqualTo(selfSigned.certificate());
        }

        @Test
        void aCaCertificateThatMayNotSignCertificatesBreaksThePath() {
            Issued notACa = Pki.certificate("Intermediate without keyCertSign").ca().issuer(root)
                    .keyUsage(KeyUsage.digitalSignature).build();
            Issued signer = Pki.signer("under a bad intermediate", notACa, KeyType.EC_P256);

            CertificateValidationException e = failure(anchoredAtRoot().build(), signer.chainWithoutRoot(), NOW,
                    List.of());

            assertThat(e.failure()).isEqualTo(CertificateFailure.UNTRUSTED);
            assertThat(e).hasMessageContaining("leads to trust anchor C=FI,O=Luotsi Test,CN=Validator Root")
                    .hasMessageContaining("not valid");
        }

        @Test
        void theBuilderNeedsATrustAnchor() {
            assertThatThrownBy(() -> CertificateValidator.builder().build()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("trust anchor");
            assertThatThrownBy(() -> CertificateValidator.builder().ocspResponder(root.certificate(),
                    URI.create("ldap://ocsp"))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class EmbeddedOcsp {

        private CertificateValidator leafChecking() {
            return anchoredAtRoot().revocationChecking(RevocationChecking.LEAF).build();
        }

        private ValidatedPath validate(CertificateValidator validator, byte[]... responses) {
            return validator.validate(leaf.chainWithoutRoot(), NOW, List.of(responses));
        }

        private CertificateValidationException fails(CertificateValidator validator, byte[]... responses) {
            return failure(validator, leaf.chainWithoutRoot(), NOW, List.of(responses));
        }

        @Test
        void aGoodFreshResponseSignedByTheIssuerIsAccepted() {
            byte[] response = Ocsp.response(leaf.certificate(), intermediate).build();

            ValidatedPath path = validate(leafChecking(), response);

            assertThat(path.ocspStatuses()).hasSize(1);
            OcspStatus status = path.ocspStatuses().get(0);
            assertThat(status.certificate()).isEqualTo(leaf.certificate());
            assertThat(status.responder()).isEqualTo(intermediate.certificate());
            assertThat(status.encoded()).isEqualTo(response);
            assertThat(status.fetched()).isFalse();
            assertThat(status.thisUpdate()).isEqualTo(NOW.minus(Duration.ofMinutes(10)));
            assertThat(status.nextUpdate()).contains(NOW.plus(Duration.ofHours(4)));
        }

        @Test
        void aRevokedCertificateFailsWithReasonAndTime() {
            Instant revokedAt = NOW.minus(Duration.ofDays(2));
            byte[] response = Ocsp.response(leaf.certificate(), intermediate)
                    .revoked(revokedAt, org.bouncycastle.asn1.x509.CRLReason.keyCompromise).build();

            CertificateValidationException e = fails(leafChecking(), response);

            assertThat(e.failure()).isEqualTo(CertificateFailure.REVOKED);
            assertThat(e.code()).isEqualTo("certificate_revoked");
            assertThat(e.revocationTime()).contains(revokedAt);
            assertThat(e.revocationReason()).contains(CRLReason.KEY_COMPROMISE);
            assertThat(e.certificate()).contains(leaf.certificate());
            assertThat(e).hasMessageContaining("revoked at " + revokedAt).hasMessageContaining("KEY_COMPROMISE");
        }

        @Test
        void aRevocationStandsEvenInAnOldResponse() {
            byte[] response = Ocsp.response(leaf.certificate(), intermediate)
                    .revoked(NOW.minus(Duration.ofDays(9)), org.bouncycastle.asn1.x509.CRLReason.superseded)
                    .thisUpdate(NOW.minus(Duration.ofDays(8))).nextUpdate(NOW.minus(Duration.ofDays(7))).build();

            assertThat(fails(leafChecking(), response).failure()).isEqualTo(CertificateFailure.REVOKED);
        }

        @Test
        void anUnknownCertificateFails() {
            byte[] response = Ocsp.response(leaf.certificate(), intermediate).unknown().build();

            CertificateValidationException e = fails(leafChecking(), response);

            assertThat(e.failure()).isEqualTo(CertificateFailure.OCSP_UNKNOWN);
            assertThat(e.code()).isEqualTo("ocsp_unknown");
        }

        @Test
        void aResponsePastItsNextUpdateIsStale() {
            byte[] response = Ocsp.response(leaf.certificate(), intermediate)
                    .thisUpdate(NOW.minus(Duration.ofHours(5))).nextUpdate(NOW.minus(Duration.ofHours(1))).build();

            CertificateValidationException e = fails(leafChecking(), response);

            assertThat(e.failure()).isEqualTo(CertificateFailure.OCSP_STALE);
            assertThat(e.code()).isEqualTo("ocsp_stale");
            assertThat(e).hasMessageContaining("nextUpdate " + NOW.minus(Duration.ofHours(1)));
        }

        @Test
        void aResponseOlderThanTheMaximumAgeIsStale() {
            byte[] twoHoursOld = Ocsp.response(leaf.certificate(), intermediate)
                    .thisUpdate(NOW.minus(Duration.ofHours(2))).build();
            byte[] halfAnHourOld = Ocsp.response(leaf.certificate(), intermediate)
                    .thisUpdate(NOW.minus(Duration.ofMinutes(30))).build();
            CertificateValidator validator = anchoredAtRoot().revocationChecking(RevocationChecking.LEAF)
                    .ocspMaxAge(Duration.ofHours(1)).build();

            assertThat(fails(validator, twoHoursOld)).hasMessageContaining("older than the maximum age of PT1H")
                    .extracting(CertificateValidationException::failure).isEqualTo(CertificateFailure.OCSP_STALE);
            assertThat(validate(validator, halfAnHourOld).ocspStatuses()).hasSize(1);
        }

        @Test
        void aResponseFromAfterTheValidationTimeIsNotFreshForIt() {
            byte[] response = Ocsp.response(leaf.certificate(), intermediate)
                    .thisUpdate(NOW.plus(Duration.ofMinutes(10))).nextUpdate(NOW.plus(Duration.ofHours(4))).build();

            assertThat(fails(leafChecking(), response)).hasMessageContaining("from after the validation time")
                    .extracting(CertificateValidationException::failure).isEqualTo(CertificateFailure.OCSP_STALE);
        }

        @Test
        void aResponseWithoutNextUpdateNeedsAMaximumAge() {
            byte[] response = Ocsp.response(leaf.certificate(), intermediate).nextUpdate(null).build();

            assertThat(fails(leafChecking(), response).failure()).isEqualTo(CertificateFailure.OCSP_STALE);
            assertThat(validate(anchoredAtRoot().revocationChecking(RevocationChecking.LEAF)
                    .ocspMaxAge(Duration.ofHours(1)).build(), response).ocspStatuses()).hasSize(1);
        }

        @Test
        void aBrokenSignatureIsRefused() {
            byte[] response = Ocsp.response(leaf.certificate(), intermediate).corruptSignature().build();

            CertificateValidationException e = fails(leafChecking(), response);

            assertThat(e.failure()).isEqualTo(CertificateFailure.OCSP_SIGNATURE_INVALID);
            assertThat(e.code()).isEqualTo("ocsp_signature_invalid");
        }

        @Test
        void aDelegatedResponderWithOcspSigningIsAuthorised() {
            Issued responder = Pki.certificate("Delegated OCSP").issuer(intermediate).ocspSigning().build();
            byte[] byName = Ocsp.response(leaf.certificate(), intermediate).signedBy(responder).build();
            byte[] byKey = Ocsp.response(leaf.certificate(), intermediate).signedBy(responder).responderIdByKey()
                    .build();

            assertThat(validate(leafChecking(), byName).ocspStatuses().get(0).responder())
                    .isEqualTo(responder.certificate());
            assertThat(validate(leafChecking(), byKey).ocspStatuses().get(0).responder())
                    .isEqualTo(responder.certificate());
        }

        @Test
        void aResponderWithoutOcspSigningIsNotAuthorised() {
            Issued responder = Pki.certificate("Responder without EKU").issuer(intermediate).build();
            byte[] response = Ocsp.response(leaf.certificate(), intermediate).signedBy(responder).build();

            CertificateValidationException e = fails(leafChecking(), response);

            assertThat(e.failure()).isEqualTo(CertificateFailure.OCSP_RESPONDER_NOT_AUTHORISED);
            assertThat(e.code()).isEqualTo("ocsp_responder_not_authorised");
            assertThat(e).hasMessageContaining("lacks the id-kp-OCSPSigning");
        }

        @Test
        void aResponderOfAnotherCaIsNotAuthorisedEvenWithOcspSigning() {
            Issued foreign = Pki.certificate("Foreign OCSP").issuer(otherRoot).ocspSigning().build();
            byte[] response = Ocsp.response(leaf.certificate(), intermediate).signedBy(foreign).build();

            assertThat(fails(leafChecking(), response)).hasMessageContaining("was not issued by the CA")
                    .extracting(CertificateValidationException::failure)
                    .isEqualTo(CertificateFailure.OCSP_RESPONDER_NOT_AUTHORISED);
        }

        @Test
        void aResponderCertificateExpiredWhenItSignedIsNotAuthorised() {
            Issued expired = Pki.certificate("Expired OCSP").issuer(intermediate).ocspSigning()
                    .validity(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1))).build();
            byte[] response = Ocsp.response(leaf.certificate(), intermediate).signedBy(expired).build();

            assertThat(fails(leafChecking(), response)).hasMessageContaining("was not valid when the response")
                    .extracting(CertificateValidationException::failure)
                    .isEqualTo(CertificateFailure.OCSP_RESPONDER_NOT_AUTHORISED);
        }

        @Test
        void aResponderKnownOnlyFromConfigurationIsTrustedWhenConfigured() {
            Issued configured = Pki.certificate("Global conf OCSP").issuer(otherRoot).build();
            byte[] response = Ocsp.response(leaf.certificate(), intermediate).signedBy(configured)
                    .withoutSignerCertificate().build();

            assertThat(fails(leafChecking(), response).failure())
                    .isEqualTo(CertificateFailure.OCSP_RESPONDER_NOT_AUTHORISED);
            CertificateValidator trusting = anchoredAtRoot().revocationChecking(RevocationChecking.LEAF)
                    .trustedOcspResponders(List.of(configured.certificate())).build();
            assertThat(validate(trusting, response).ocspStatuses().get(0).responder())
                    .isEqualTo(configured.certificate());
        }

        @Test
        void aResponseAboutAnotherCertificateDoesNotCount() {
            byte[] other = Ocsp.response(intermediate.certificate(), root).build();

            CertificateValidationException e = fails(leafChecking(), other);

            assertThat(e.failure()).isEqualTo(CertificateFailure.OCSP_UNAVAILABLE);
            assertThat(e.code()).isEqualTo("ocsp_unavailable");
            assertThat(e.certificate()).contains(leaf.certificate());
        }

        @Test
        void garbageIsMalformed() {
            CertificateValidationException e = fails(leafChecking(), new byte[] {0x30, 0x03, 0x0a, 0x01});

            assertThat(e.failure()).isEqualTo(CertificateFailure.OCSP_MALFORMED);
            assertThat(e.code()).isEqualTo("ocsp_malformed");
        }

        @Test
        void chainCheckingNeedsAStatusForEveryCertificateButTheAnchor() {
            CertificateValidator chainChecking = anchoredAtRoot().revocationChecking(RevocationChecking.CHAIN).build();
            byte[] forLeaf = Ocsp.response(leaf.certificate(), intermediate).build();
            byte[] forIntermediate = Ocsp.response(intermediate.certificate(), root).build();

            CertificateValidationException e = fails(chainChecking, forLeaf);
            ValidatedPath path = validate(chainChecking, forIntermediate, forLeaf);

            assertThat(e.failure()).isEqualTo(CertificateFailure.OCSP_UNAVAILABLE);
            assertThat(e.certificate()).contains(intermediate.certificate());
            assertThat(path.ocspStatuses()).extracting(OcspStatus::certificate)
                    .containsExactly(leaf.certificate(), intermediate.certificate());
        }
    }

    @Nested
    class FetchedOcsp {

        @Test
        void fetchesFromTheResponderTheCertificateNames() throws Exception {
            try (Ocsp.Responder responder = new Ocsp.Responder(intermediate)) {
                Issued signer = Pki.certificate("aia signer").issuer(intermediate)
                        .ocspUrl(responder.url().toString()).build();
                responder.answer(signer.certificate(), r -> r);
                CertificateValidator validator = anchoredAtRoot().revocationChecking(RevocationChecking.LEAF)
                        .ocspFetching(transport).build();

                ValidatedPath path = validator.validate(signer.chainWithoutRoot(), NOW);

                assertThat(responder.requestCount()).isEqualTo(1);
                assertThat(path.ocspStatuses().get(0).fetched()).isTrue();
            }
        }

        @Test
        void aConfiguredResponderForTheCaIsUsedInsteadOfTheCertificates() throws Exception {
            try (Ocsp.Responder responder = new Ocsp.Responder(intermediate)) {
                Issued signer = Pki.certificate("mis-pointed signer").issuer(intermediate)
                        .ocspUrl("http://127.0.0.1:9/nowhere").build();
                responder.answer(signer.certificate(), r -> r);
                CertificateValidator validator = anchoredAtRoot().revocationChecking(RevocationChecking.LEAF)
                        .ocspFetching(transport).ocspResponder(intermediate.certificate(), responder.url()).build();

                assertThat(validator.validate(signer.chainWithoutRoot(), NOW).ocspStatuses()).hasSize(1);
                assertThat(responder.requestCount()).isEqualTo(1);
            }
        }

        @Test
        void aRevokedStatusFetchedFails() throws Exception {
            try (Ocsp.Responder responder = new Ocsp.Responder(intermediate)) {
                Issued signer = Pki.certificate("revoked signer").issuer(intermediate)
                        .ocspUrl(responder.url().toString()).build();
                responder.answer(signer.certificate(), r -> r.revoked(NOW.minus(Duration.ofHours(1)),
                        org.bouncycastle.asn1.x509.CRLReason.cessationOfOperation));
                CertificateValidator validator = anchoredAtRoot().revocationChecking(RevocationChecking.LEAF)
                        .ocspFetching(transport).build();

                CertificateValidationException e = failure(validator, signer.chainWithoutRoot(), NOW, List.of());

                assertThat(e.failure()).isEqualTo(CertificateFailure.REVOKED);
                assertThat(e.revocationReason()).contains(CRLReason.CESSATION_OF_OPERATION);
            }
        }

        @Test
        void aStaleGivenResponseIsReplacedByAFetchedOne() throws Exception {
            try (Ocsp.Responder responder = new Ocsp.Responder(intermediate)) {
                Issued signer = Pki.certificate("stale-then-fresh").issuer(intermediate)
                        .ocspUrl(responder.url().toString()).build();
                responder.answer(signer.certificate(), r -> r);
                byte[] stale = Ocsp.response(signer.certificate(), intermediate)
                        .thisUpdate(NOW.minus(Duration.ofDays(3))).nextUpdate(NOW.minus(Duration.ofDays(2))).build();
                CertificateValidator validator = anchoredAtRoot().revocationChecking(RevocationChecking.LEAF)
                        .ocspFetching(transport).build();

                ValidatedPath path = validator.validate(signer.chainWithoutRoot(), NOW, List.of(stale));

                assertThat(path.ocspStatuses().get(0).fetched()).isTrue();
                assertThat(responder.requestCount()).isEqualTo(1);
            }
        }

        @Test
        void aResponseWithAnotherNonceIsRefused() throws Exception {
            try (Ocsp.Responder responder = new Ocsp.Responder(intermediate)) {
                Issued signer = Pki.certificate("replayed").issuer(intermediate)
                        .ocspUrl(responder.url().toString()).build();
                responder.answer(signer.certificate(), r -> r).fixedNonce(new byte[16]);
                CertificateValidator validator = anchoredAtRoot().revocationChecking(RevocationChecking.LEAF)
                        .ocspFetching(transport).build();

                CertificateValidationException e = failure(validator, signer.chainWithoutRoot(), NOW, List.of());

                assertThat(e.failure()).isEqualTo(CertificateFailure.OCSP_MALFORMED);
                assertThat(e).hasMessageContaining("nonce");
            }
        }

        @Test
        void aResponderThatEchoesNoNonceIsAccepted() throws Exception {
            try (Ocsp.Responder responder = new Ocsp.Responder(intermediate)) {
                Issued signer = Pki.certificate("no nonce").issuer(intermediate)
                        .ocspUrl(responder.url().toString()).build();
                responder.answer(signer.certificate(), r -> r).echoNonce(false);
                CertificateValidator validator = anchoredAtRoot().revocationChecking(RevocationChecking.LEAF)
                        .ocspFetching(transport).build();

                assertThat(validator.validate(signer.chainWithoutRoot(), NOW).ocspStatuses()).hasSize(1);
            }
        }

        @Test
        void anHttpErrorFromTheResponderIsUnavailable() throws Exception {
            try (Ocsp.Responder responder = new Ocsp.Responder(intermediate)) {
                Issued signer = Pki.certificate("http error").issuer(intermediate)
                        .ocspUrl(responder.url().toString()).build();
                responder.answer(signer.certificate(), r -> r).httpStatus(503);
                CertificateValidator validator = anchoredAtRoot().revocationChecking(RevocationChecking.LEAF)
                        .ocspFetching(transport).build();

                CertificateValidationException e = failure(validator, signer.chainWithoutRoot(), NOW, List.of());

                assertThat(e.failure()).isEqualTo(CertificateFailure.OCSP_UNAVAILABLE);
                assertThat(e).hasMessageContaining("HTTP 503");
            }
        }

        @Test
        void anUnreachableResponderIsUnavailable() {
            Issued signer = Pki.certificate("unreachable").issuer(intermediate)
                    .ocspUrl("http://127.0.0.1:9/ocsp").build();
            CertificateValidator validator = anchoredAtRoot().revocationChecking(RevocationChecking.LEAF)
                    .ocspFetching(transport).build();

            CertificateValidationException e = failure(validator, signer.chainWithoutRoot(), NOW, List.of());

            assertThat(e.failure()).isEqualTo(CertificateFailure.OCSP_UNAVAILABLE);
            assertThat(e).hasMessageContaining("http://127.0.0.1:9/ocsp");
        }

        @Test
        void aCertificateWithoutAResponderUrlIsUnavailable() {
            CertificateValidator validator = anchoredAtRoot().revocationChecking(RevocationChecking.LEAF)
                    .ocspFetching(transport).build();

            CertificateValidationException e = failure(validator, leaf.chainWithoutRoot(), NOW, List.of());

            assertThat(e.failure()).isEqualTo(CertificateFailure.OCSP_UNAVAILABLE);
            assertThat(e).hasMessageContaining("names an OCSP responder");
        }
    }
}
