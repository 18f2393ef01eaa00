package io.luotsi.xroad.evidence.asic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.luotsi.auth.xades.HashChainResolver;
import io.luotsi.auth.xades.ReferenceResolver;
import io.luotsi.auth.xades.ReferencedData;
import io.luotsi.auth.xades.XadesSignature;
import io.luotsi.auth.xades.XadesVerificationException;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import io.luotsi.xroad.globalconf.SharedParameters;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * X-Road's XAdES fixtures (common-test sign-0*, globalconf-impl signatures) with the verdicts of its
 * {@code SignatureVerifierTest}: the signature check X-Road runs inside ASiC-E verification, run on its own.
 * X-Road's test validates at {@code Calendar.set(2014, 9, 30)}, which is 30 October 2014 (months count from 0), and
 * at {@code Calendar.set(2024, 6, 9)}, 9 July 2024.
 */
class XRoadSignatureFixturesTest {

    private static final Instant CORRECT_VALIDATION_DATE = Instant.parse("2014-10-30T00:00:00Z");
    private static final ClientId CONSUMER = ClientId.member("EE", "BUSINESS", "consumer");
    private static final ClientId TEST_ORG = new ClientId("EE", "BUSINESS", "Test Org", null);

    private static final SignatureCheck CHECK = new SignatureCheck(new TrustMaterial(GlobalConfiguration
            .readDirectory(Corpus.path("globalconf/globalconf_good_v4"))), CertificateProfile.builtIn());

    private static byte[] fixture(String name) {
        return Corpus.bytes("signatures/xades/" + name);
    }

    private static ReferenceResolver resolving(Map<String, ReferencedData> data) {
        return uri -> Optional.ofNullable(data.get(uri));
    }

    private static SignatureCheck.Verified verify(String signature, ReferenceResolver resolver, ClientId signer,
                                                  Instant at) {
        return verify(CHECK, signature, resolver, signer, at);
    }

    private static SignatureCheck.Verified verify(SignatureCheck check, String signature, ReferenceResolver resolver,
                                                  ClientId signer, Instant at) {
        return check.verify(parse(signature), null, uri -> Optional.empty(), List.of(), resolver, () -> signer, at);
    }

    private static XadesSignature parse(String name) {
        try {
            return XadesSignature.parse(fixture(name));
        } catch (XadesVerificationException e) {
            throw SignatureCheck.coded(e);
        }
    }

    private static String codeOf(Runnable r) {
        try {
            r.run();
        } catch (AsicVerificationException e) {
            return e.code();
        }
        throw new AssertionError("verified");
    }

    private static ReferenceResolver message0() {
        return resolving(Map.of("/message.xml", ReferencedData.bytes(fixture("message-0.xml"))));
    }

    @Test
    void verifiesAValidSignature() {
        SignatureCheck.Verified v = verify("sign-0.xml", message0(), CONSUMER, CORRECT_VALIDATION_DATE);
        assertThat(v.signingCertificate().getSubjectX500Principal().getName()).contains("CN=consumer");
    }

    @Test
    void verifiesTheBackwardCompatibleFormat() {
        assertThatCode(() -> verify("sign-0-old-format.xml", message0(), CONSUMER, CORRECT_VALIDATION_DATE))
                .doesNotThrowAnyException();
    }

    @Test
    void verifiesABatchSignatureThroughItsHashChain() {
        byte[] result = fixture("hash-chain-result.xml");
        Map<String, byte[]> files = Map.of("/sig-hashchain.xml", fixture("hash-chain-1.xml"),
                "/message.xml", fixture("message-1.xml"),
                "/attachment1", "blaah".getBytes(StandardCharsets.UTF_8));
        HashChainResolver chain = uri -> Optional.ofNullable(files.get(uri));
        ReferenceResolver refs = resolving(Map.of("/sig-hashchainresult.xml", ReferencedData.bytes(result)));

        assertThatCode(() -> CHECK.verify(parse("batch-sig.xml"), result, chain, List.of(), refs, () -> CONSUMER,
                CORRECT_VALIDATION_DATE)).doesNotThrowAnyException();
    }

    @Test
    void emptyOrMalformedXmlIsInvalidXml() {
        assertThat(codeOf(() -> parse("empty.xml"))).isEqualTo("invalid_xml");
        assertThat(codeOf(() -> parse("sign-0-malformed-xml.xml"))).isEqualTo("invalid_xml");
    }

    @Test
    void structuralProblemsAreMalformedSignatures() {
        assertThat(codeOf(() -> parse("sign-0-no-signature.xml"))).isEqualTo("malformed_signature");
        assertThat(codeOf(() -> parse("sign-0-no-objectcontainer.xml"))).isEqualTo("malformed_signature");
        assertThat(codeOf(() -> parse("sign-0-schema-fail.xml"))).isEqualTo("malformed_signature");
        assertThat(codeOf(() -> verify("sign-0-no-signing-cert.xml", message0(), null, null)))
                .isEqualTo("malformed_signature");
    }

    @Test
    void anotherSignerIsAnIncorrectCertificate() {
        assertThat(codeOf(() -> verify("sign-0.xml", message0(), ClientId.member("EE", "BUSINESS", "FOORBAR"), null)))
                .isEqualTo("incorrect_certificate");
    }

    @Test
    void aWrongSignatureValueIsInvalid() {
        assertThat(codeOf(() -> verify("sign-0-invalid-signature-value.xml", message0(), CONSUMER, null)))
                .isEqualTo("invalid_signature_value");
    }

    /**
     * These signatures are by "Test Org", whose CA (AdminCA1) X-Road's test does not take from global configuration:
     * it answers every CA question with its test CA. Here global configuration gets an approved CA of that name (with
     * X-Road's test profile), so that the signer's name checks out and the extra certificates are what fails.
     */
    @Test
    void brokenExtraCertificatesAreMalformed() {
        GlobalConfiguration v4 = GlobalConfiguration.readDirectory(Corpus.path("globalconf/globalconf_good_v4"));
        SharedParameters ee = v4.sharedParameters("EE").orElseThrow();
        List<SharedParameters.ApprovedCa> cas = new java.util.ArrayList<>(ee.approvedCas());
        cas.add(new SharedParameters.ApprovedCa("AdminCA1", false, new SharedParameters.CaInfo(
                TestPki.ca("CN=AdminCA1,O=EJBCA Sample,C=SE").certificate(), List.of()), List.of(),
                "ee.ria.xroad.common.certificateprofile.impl.TestCertificateProfileInfoProvider", null, null));
        SharedParameters withAdminCa1 = new SharedParameters("EE", ee.version(), ee.sources(), cas, ee.approvedTsas(),
                ee.members(), ee.securityServers(), ee.globalGroups(), ee.globalSettings());
        SignatureCheck check = new SignatureCheck(new TrustMaterial(GlobalConfiguration.builder("EE")
                .add(withAdminCa1).build()), CertificateProfile.builtIn());

        for (String f : List.of("extra-certs-missing-id.xml", "extra-certs-missing-cert.xml",
                "extra-certs-digest-invalid.xml")) {
            assertThat(codeOf(() -> verify(check, f, message0(), TEST_ORG, CORRECT_VALIDATION_DATE))).as(f)
                    .isEqualTo("malformed_signature");
        }
    }

    @Test
    void aSignatureWithoutOcspResponsesIsMalformed() {
        assertThat(codeOf(() -> verify("sign-0-ocsp-no-responses.xml", message0(), CONSUMER,
                CORRECT_VALIDATION_DATE))).isEqualTo("malformed_signature");
    }

    @Test
    void anotherMessageIsAnInvalidSignatureValue() {
        ReferenceResolver foo = resolving(Map.of("/message.xml", ReferencedData.bytes("foo".getBytes(
                StandardCharsets.UTF_8))));
        assertThat(codeOf(() -> verify("sign-0.xml", foo, CONSUMER, CORRECT_VALIDATION_DATE)))
                .isEqualTo("invalid_signature_value");
    }

    @Test
    void theCertificatesAreCheckedAtTheValidationDate() {
        // The signer's certificate and its CA expired in September 2024.
        assertThat(codeOf(() -> verify("sign-0.xml", message0(), CONSUMER, Instant.parse("2025-01-01T00:00:00Z"))))
                .isEqualTo("cannot_create_cert_path.internal_error");
        // In 2024 the path is still valid, but the 2014 OCSP response is far older than ocspFreshnessSeconds.
        assertThat(codeOf(() -> verify("sign-0.xml", message0(), CONSUMER, Instant.parse("2024-01-01T00:00:00Z"))))
                .isEqualTo("invalid_cert_path.incorrect_validation_info");
    }

    @Nested
    class NonBatchSignature {
        private static final Instant VALIDATION_DATE = Instant.parse("2024-07-09T00:00:00Z");
        private static final ClientId DEV_CLIENT = ClientId.member("DEV", "COM", "4321");
        private final SignatureCheck check = new SignatureCheck(new TrustMaterial(Corpus.good2v3()),
                CertificateProfile.builtIn());
        private final byte[] message = fixture("non-batch-sig/message.xml");
        private final byte[] attachment = fixture("non-batch-sig/attachment1");

        @Test
        void verifies() {
            ReferenceResolver refs = resolving(Map.of("/message.xml", ReferencedData.bytes(message),
                    "/attachment1", ReferencedData.digest(sha512(attachment))));
            SignatureCheck.Verified v = verify(check, "non-batch-sig/signatures.xml", refs, DEV_CLIENT,
                    VALIDATION_DATE);
            // The OCSP response is from later that day: X-Road accepts responses from after the validation time.
            assertThat(v.ocspResponse().producedAt()).isEqualTo(Instant.parse("2024-07-09T07:36:55Z"));
        }

        @Test
        void aWrongAttachmentDigestIsAnInvalidSignatureValue() {
            ReferenceResolver refs = resolving(Map.of("/message.xml", ReferencedData.bytes(message),
                    "/attachment1", ReferencedData.digest(sha512(new byte[] {1}))));
            assertThat(codeOf(() -> verify(check, "non-batch-sig/signatures.xml", refs, DEV_CLIENT,
                    VALIDATION_DATE))).isEqualTo("invalid_signature_value");
        }
    }

    private static byte[] sha512(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
