package io.luotsi.xroad.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The signed directories of X-Road's configuration client tests (corpus guide §5.1), with X-Road's verdicts
 * ({@code ConfigurationParserTest}), and the edge cases of the wire format.
 */
class SignedDirectoryVerifierTest {

    /** The fixtures expire 2026-05-20T17:42:55Z; X-Road's own tests pin their clock before it too. */
    static final Instant EXPIRY = Instant.parse("2026-05-20T17:42:55Z");
    static final Clock BEFORE_EXPIRY = Clock.fixed(Instant.parse("2026-05-19T00:00:00Z"), ZoneOffset.UTC);
    static final Clock AFTER_EXPIRY = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);

    static final X509Certificate CONSUMER = Fixtures.cert("consumer.pem");
    static final X509Certificate PRODUCER = Fixtures.cert("producer.pem");

    static SignedDirectoryVerifier verifier(Clock clock, X509Certificate... trusted) {
        return SignedDirectoryVerifier.builder().trust(List.of(trusted)).clock(clock).build();
    }

    static byte[] fixture(String name) {
        return Fixtures.bytes("globalconf-signed/" + name + ".txt");
    }

    static String text(String name) {
        return new String(fixture(name), StandardCharsets.UTF_8);
    }

    @Test
    void verifiesSimpleConfWithItsThreePartsIncludingTheUnknownOne() {
        SignedDirectory dir = verifier(BEFORE_EXPIRY, CONSUMER).verify(fixture("test-conf-simple"));

        assertThat(dir.expiresAt()).isEqualTo(EXPIRY);
        assertThat(dir.version()).isEmpty();
        assertThat(dir.verificationCertificate()).isEqualTo(CONSUMER);
        assertThat(dir.signatureAlgorithmId()).isEqualTo("http://www.w3.org/2001/04/xmldsig-more#rsa-sha512");
        assertThat(dir.parts()).extracting(SignedDirectory.Part::contentIdentifier)
                .containsExactly("PRIVATE-PARAMETERS", "SHARED-PARAMETERS", "FOO");
        assertThat(dir.parts()).extracting(SignedDirectory.Part::contentLocation)
                .containsExactly("/private-params.xml", "/shared-params.xml", "/foo.xml");
        assertThat(dir.parts()).extracting(SignedDirectory.Part::instance).containsOnly("EE");
        assertThat(dir.part("FOO", "EE")).isPresent();
        assertThat(dir.parts("SHARED-PARAMETERS")).hasSize(1);
    }

    @Test
    void partsVerifyTheDownloadedFilesByHash() {
        SignedDirectory dir = verifier(BEFORE_EXPIRY, CONSUMER).verify(fixture("test-conf-simple"));
        for (SignedDirectory.Part part : dir.parts()) {
            byte[] file = Fixtures.bytes("globalconf-signed/test-conf-simple/EE" + part.contentLocation());
            part.verifyContent(file);
            assertThat(part.matches(file)).isTrue();
        }
        SignedDirectory.Part foo = dir.part("FOO", "EE").orElseThrow();
        byte[] other = Fixtures.bytes("globalconf-signed/test-conf-simple/EE/bar.xml");
        assertThat(foo.matches(other)).isFalse();
        assertThatThrownBy(() -> foo.verifyContent(other))
                .isInstanceOfSatisfying(GlobalConfException.class, e -> {
                    assertThat(e.code()).isEqualTo("global_conf_part_downloaded_file_integrity_failure");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void detachedConfHasOnlyItsPrivateParametersPart() {
        // X-Road's downloadDetachedConf counts 2 received parts: this PRIVATE-PARAMETERS part, plus SHARED-PARAMETERS
        // fetched from the federated source named in the private parameters, verified through a process-wide
        // certificate cache that later X-Road versions removed (parseConfVerificationCertHashNotCached). The directory
        // itself lists one content part after its header part.
        SignedDirectory dir = verifier(BEFORE_EXPIRY, CONSUMER).verify(fixture("test-conf-detached"));
        assertThat(dir.parts()).singleElement().satisfies(p -> {
            assertThat(p.contentIdentifier()).isEqualTo("PRIVATE-PARAMETERS");
            assertThat(p.instance()).isEqualTo("EE");
            assertThat(p.matches(Fixtures.bytes("globalconf-signed/test-conf-detached/EE/private-params.xml")))
                    .isTrue();
        });
    }

    static Stream<Arguments> xroadVerdicts() {
        return Stream.of(
                Arguments.of("test-conf-simple", PRODUCER, "global_conf_missing_verification_cert"),
                Arguments.of("test-conf-missing-date", CONSUMER, "global_conf_header_field_missing"),
                Arguments.of("test-conf-missing-signature", CONSUMER, "global_conf_signature_verification_failure"),
                Arguments.of("test-conf-invalid-signature", CONSUMER, "global_conf_signature_verification_failure"));
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @MethodSource("xroadVerdicts")
    void failsWithXRoadsCode(String fixture, X509Certificate trusted, String code) {
        assertThatThrownBy(() -> verifier(BEFORE_EXPIRY, trusted).verify(fixture(fixture)))
                .isInstanceOfSatisfying(GlobalConfException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aDirectoryWithoutSignaturePartIsMissingItsExpirationDate() {
        // X-Road's test-conf-malformed.txt is not in the corpus. What makes X-Road report
        // global_conf_missing_signed_data_expiration_date is a directory whose signed data is never read, because
        // the second (signature) part never comes: here the outer delimiter before it is misspelt.
        String malformed = text("test-conf-simple").replace("--envelopeboundary\nContent-type: application/octet",
                "--envelopeboundar\nContent-type: application/octet");
        assertThatThrownBy(() -> verifier(BEFORE_EXPIRY, CONSUMER).verify(malformed.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(GlobalConfException.class, e -> assertThat(e.code())
                        .isEqualTo("global_conf_missing_signed_data_expiration_date"));
    }

    @Test
    void aDirectoryWithoutPartsHasNoSignedData() {
        byte[] empty = "Content-Type: multipart/related; boundary=b\n\n--b--\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier(BEFORE_EXPIRY, CONSUMER).verify(empty))
                .isInstanceOfSatisfying(GlobalConfException.class,
                        e -> assertThat(e.code()).isEqualTo("global_conf_missing_signed_data"));
    }

    @Test
    void isOutdatedAfterItsExpireDate() {
        for (String name : List.of("test-conf-simple", "test-conf-detached")) {
            assertThatThrownBy(() -> verifier(AFTER_EXPIRY, CONSUMER).verify(fixture(name)))
                    .isInstanceOfSatisfying(GlobalConfException.class, e -> {
                        assertThat(e.code()).isEqualTo("global_conf_outdated");
                        assertThat(e.retryable()).isTrue();
                    });
        }
    }

    @Test
    void isStillValidAtTheExpiryInstantItself() {
        Clock atExpiry = Clock.fixed(EXPIRY, ZoneOffset.UTC);
        assertThat(verifier(atExpiry, CONSUMER).verify(fixture("test-conf-simple")).parts()).hasSize(3);
        Clock oneSecondLater = Clock.fixed(EXPIRY.plusSeconds(1), ZoneOffset.UTC);
        assertThatThrownBy(() -> verifier(oneSecondLater, CONSUMER).verify(fixture("test-conf-simple")))
                .hasMessageContaining("global_conf_outdated");
    }

    @Test
    void signatureIsCheckedBeforeTheExpiryDate() {
        // Both fixtures say 2016: the signature fails first, as in X-Road.
        assertThatThrownBy(() -> verifier(AFTER_EXPIRY, CONSUMER).verify(fixture("test-conf-invalid-signature")))
                .hasMessageStartingWith("global_conf_signature_verification_failure");
    }

    @Test
    void signedBytesAreExactlyTheBodyOfTheFirstPart() {
        // The header of the first outer part is not signed: changing it keeps the signature valid.
        String headerChanged = text("test-conf-simple").replace(
                "Content-Type: multipart/mixed; charset=UTF-8;boundary=innerboundary",
                "content-type: multipart/mixed; charset=utf-8; boundary=\"innerboundary\"");
        assertThat(verifier(BEFORE_EXPIRY, CONSUMER).verify(headerChanged.getBytes(StandardCharsets.UTF_8)).parts())
                .hasSize(3);
        // One byte of the body is.
        String bodyChanged = text("test-conf-simple").replace("Content-location: /foo.xml",
                "Content-location: /fop.xml");
        assertThatThrownBy(() -> verifier(BEFORE_EXPIRY, CONSUMER).verify(bodyChanged.getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("global_conf_signature_verification_failure");
        // So is the line break before the next delimiter: it belongs to the delimiter, not to the body.
        String extraLine = text("test-conf-simple").replace("Oyw==\n--envelopeboundary", "Oyw==\n\n--envelopeboundary");
        assertThatThrownBy(() -> verifier(BEFORE_EXPIRY, CONSUMER).verify(extraLine.getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("global_conf_signature_verification_failure");
    }

    @Test
    void usesTheHttpContentTypeWhenTheBodyHasNoHeader() {
        String body = text("test-conf-simple");
        String withoutHeader = body.substring(body.indexOf("--envelopeboundary"));
        SignedDirectory dir = verifier(BEFORE_EXPIRY, CONSUMER).verify(withoutHeader.getBytes(StandardCharsets.UTF_8),
                "multipart/related; charset=UTF-8; boundary=envelopeboundary");
        assertThat(dir.parts()).hasSize(3);
        assertThatThrownBy(() -> verifier(BEFORE_EXPIRY, CONSUMER)
                .verify(withoutHeader.getBytes(StandardCharsets.UTF_8), null))
                .hasMessageStartingWith("global_conf_parsing_downloaded_conf_directory_failure");
    }

    @Test
    void aSignatureThatIsNotBase64FailsToDecode() {
        String bad = text("test-conf-simple").replaceFirst("kb\\+FFP/ghAfbpg6", "kb*FFP/ghAfbpg6");
        assertThatThrownBy(() -> verifier(BEFORE_EXPIRY, CONSUMER).verify(bad.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(GlobalConfException.class,
                        e -> assertThat(e.code()).isEqualTo("global_conf_signature_decode_failure"));
    }

    @Test
    void aVerificationCertificateHashWithoutAlgorithmIsMissingAParameter() {
        String bad = text("test-conf-simple").replace(
                "; hash-algorithm-id=\"http://www.w3.org/2001/04/xmlenc#sha512\"", "");
        assertThatThrownBy(() -> verifier(BEFORE_EXPIRY, CONSUMER).verify(bad.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(GlobalConfException.class,
                        e -> assertThat(e.code()).isEqualTo("global_conf_header_field_missing_parameter"));
    }

    @Test
    void findsTheVerificationCertificateAmongSeveral() {
        SignedDirectory dir = verifier(BEFORE_EXPIRY, PRODUCER, Fixtures.cert("root-ca.pem"), CONSUMER)
                .verify(fixture("test-conf-simple"));
        assertThat(dir.verificationCertificate()).isEqualTo(CONSUMER);
    }

    @Test
    void rejectsAPartOfAnotherInstanceWhenTheSourceInstanceIsGiven() {
        // As later X-Road versions do (ConfigurationParserTest.parseConfRejectsPartFromForeignInstance).
        SignedDirectoryVerifier dev = SignedDirectoryVerifier.builder().trust(CONSUMER).clock(BEFORE_EXPIRY)
                .expectedInstance("DEV").build();
        assertThatThrownBy(() -> dev.verify(fixture("test-conf-simple")))
                .isInstanceOfSatisfying(GlobalConfException.class,
                        e -> assertThat(e.code()).isEqualTo("global_conf_part_invalid_instance_identifier"));
        SignedDirectoryVerifier ee = SignedDirectoryVerifier.builder().trust(CONSUMER).clock(BEFORE_EXPIRY)
                .expectedInstance("EE").build();
        assertThat(ee.verify(fixture("test-conf-simple")).parts()).hasSize(3);
    }

    @Test
    void canRequireTheVerificationCertificateToBeValid() {
        // consumer.pem expired on 2024-09-29; later X-Road versions then treat it as missing
        // (ConfigurationParserTest.parseConfWrongExpiredVerificationCert).
        SignedDirectoryVerifier strict = SignedDirectoryVerifier.builder().trust(CONSUMER).clock(BEFORE_EXPIRY)
                .requireCertificateValidity(true).build();
        assertThatThrownBy(() -> strict.verify(fixture("test-conf-simple")))
                .hasMessageStartingWith("global_conf_missing_verification_cert");
    }

    @Test
    void refusesADirectoryOverTheSizeLimit() {
        SignedDirectoryVerifier small = SignedDirectoryVerifier.builder().trust(CONSUMER).clock(BEFORE_EXPIRY)
                .maxBytes(100).build();
        assertThatThrownBy(() -> small.verify(fixture("test-conf-simple")))
                .hasMessageStartingWith("global_conf_parsing_downloaded_conf_directory_failure");
        assertThatThrownBy(() -> small.verify(new java.io.ByteArrayInputStream(fixture("test-conf-simple"))))
                .hasMessageStartingWith("global_conf_parsing_downloaded_conf_directory_failure");
    }

    @Test
    void refusesSomethingThatIsNotAMultipart() {
        assertThatThrownBy(() -> verifier(BEFORE_EXPIRY, CONSUMER)
                .verify("<html>not found</html>".getBytes(StandardCharsets.UTF_8), "text/html"))
                .hasMessageStartingWith("global_conf_parsing_downloaded_conf_directory_failure");
    }

    @Test
    void readsFromAStream() {
        SignedDirectory dir = verifier(BEFORE_EXPIRY, CONSUMER)
                .verify(new java.io.ByteArrayInputStream(fixture("test-conf-simple")));
        assertThat(dir.parts()).hasSize(3);
    }

    @Test
    void builderRequiresATrustedCertificate() {
        assertThatThrownBy(() -> SignedDirectoryVerifier.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SignedDirectoryVerifier.builder().clock(null)).isInstanceOf(NullPointerException.class);
    }
}
