package io.luotsi.xroad.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SignedDirectoryWriterTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Fixtures.Signer RSA = Fixtures.signer("rsa-signer");
    static final Fixtures.Signer EC = Fixtures.signer("ec-signer");

    static final byte[] SHARED = "<shared/>".getBytes(StandardCharsets.UTF_8);
    static final byte[] PRIVATE = "<private/>".getBytes(StandardCharsets.UTF_8);
    static final List<SignedDirectoryWriter.Content> CONTENTS = List.of(
            new SignedDirectoryWriter.Content("PRIVATE-PARAMETERS", "EE", "/V6/20261127/private-params.xml", PRIVATE),
            new SignedDirectoryWriter.Content("SHARED-PARAMETERS", "EE", "/V6/20261127/shared-params.xml", SHARED),
            new SignedDirectoryWriter.Content("MONITORING", null, "/V6/20261127/monitoring-params.xml", SHARED));

    static SignedDirectoryWriter.Builder writer(Fixtures.Signer signer) {
        return SignedDirectoryWriter.builder().signingKey(signer.key(), signer.certificate())
                .expiresAt(NOW.plusSeconds(600));
    }

    static SignedDirectoryVerifier verifier(Fixtures.Signer signer) {
        return SignedDirectoryVerifier.builder().trust(signer.certificate()).clock(CLOCK).build();
    }

    @Test
    void rsaDirectoryRoundTripsThroughTheVerifier() {
        SignedDirectoryWriter.Output out = writer(RSA).build().write(CONTENTS);
        SignedDirectory dir = verifier(RSA).verify(out.body());
        assertThat(dir.expiresAt()).isEqualTo(NOW.plusSeconds(600));
        assertThat(dir.version()).hasValue(6);
        assertThat(dir.signatureAlgorithmId()).isEqualTo("http://www.w3.org/2001/04/xmldsig-more#rsa-sha512");
        assertThat(dir.parts()).isEqualTo(out.parts());
        assertThat(dir.parts()).extracting(SignedDirectory.Part::instance).containsExactly("EE", "EE", null);
        for (SignedDirectory.Part p : dir.parts()) {
            p.verifyContent(out.files().get(p.contentLocation()));
        }
        assertThat(dir.part("SHARED-PARAMETERS", "EE").orElseThrow().fileName()).isEqualTo("shared-params.xml");
    }

    @Test
    void ecdsaDirectoryRoundTripsWithAsn1DerSignatures() {
        SignedDirectoryWriter.Output out = writer(EC).build().write(CONTENTS);
        SignedDirectory dir = verifier(EC).verify(out.body(), out.contentType());
        assertThat(dir.signatureAlgorithmId()).isEqualTo("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512");
        String body = new String(out.body(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\r\n\r\n([A-Za-z0-9+/=]+)\r\n--[A-Za-z0-9]+--\r\n$").matcher(body);
        assertThat(m.find()).isTrue();
        byte[] sig = Base64.getDecoder().decode(m.group(1));
        assertThat(sig[0]).as("DER SEQUENCE, not raw r||s").isEqualTo((byte) 0x30);
    }

    @Test
    void aDirectorySignedByAnotherKeyIsNotTrusted() {
        SignedDirectoryWriter.Output out = writer(RSA).build().write(CONTENTS);
        assertThatThrownBy(() -> verifier(Fixtures.signer("rsa-signer2")).verify(out.body()))
                .hasMessageStartingWith("global_conf_missing_verification_cert");
    }

    @Test
    void writesTheCentralServersFormat() throws Exception {
        SignedDirectoryWriter.Output out = writer(RSA).version(2).boundaries("OUTER", "INNER").build()
                .write(List.of(new SignedDirectoryWriter.Content("CONTENT-ID", "CS-INSTANCE",
                        "/V2/some/path/config-file.txt", PRIVATE)));
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(PRIVATE));
        String signable = "--INNER\r\n"
                + "Expire-date: 2026-11-27T12:10:00Z\r\n"
                + "Version: 2\r\n"
                + "\r\n"
                + "--INNER\r\n"
                + "Content-type: application/octet-stream\r\n"
                + "Content-transfer-encoding: base64\r\n"
                + "Content-identifier: CONTENT-ID; instance='CS-INSTANCE'\r\n"
                + "Content-location: /V2/some/path/config-file.txt\r\n"
                + "Hash-algorithm-id: http://www.w3.org/2001/04/xmlenc#sha512\r\n"
                + "\r\n"
                + hash + "\r\n"
                + "--INNER--";
        String certHash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-512").digest(RSA.certificate().getEncoded()));
        String body = new String(out.body(), StandardCharsets.UTF_8);
        String prefix = "Content-Type: multipart/related; charset=UTF-8; boundary=OUTER\r\n"
                + "\r\n"
                + "--OUTER\r\n"
                + "Content-Type: multipart/mixed; charset=UTF-8; boundary=INNER\r\n"
                + "\r\n"
                + signable + "\r\n"
                + "--OUTER\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Signature-Algorithm-Id: http://www.w3.org/2001/04/xmldsig-more#rsa-sha512\r\n"
                + "Verification-certificate-hash: " + certHash
                + "; hash-algorithm-id=\"http://www.w3.org/2001/04/xmlenc#sha512\"\r\n"
                + "\r\n";
        assertThat(body).startsWith(prefix).endsWith("\r\n--OUTER--\r\n");
        String signature = body.substring(prefix.length(), body.length() - "\r\n--OUTER--\r\n".length());
        Signature v = Signature.getInstance("SHA512withRSA");
        v.initVerify(RSA.certificate().getPublicKey());
        v.update(signable.getBytes(StandardCharsets.UTF_8));
        assertThat(v.verify(Base64.getDecoder().decode(signature))).isTrue();
        assertThat(out.contentType()).isEqualTo("multipart/related; charset=UTF-8; boundary=OUTER");
    }

    @Test
    void lfAndDoubleQuotesAsInXRoadsFixturesVerifyToo() {
        SignedDirectoryWriter.Output out = writer(RSA).crlf(false).singleQuotes(false).version(null).build()
                .write(CONTENTS);
        String body = new String(out.body(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("\r").contains("instance=\"EE\"").doesNotContain("Version:");
        SignedDirectory dir = verifier(RSA).verify(out.body());
        assertThat(dir.version()).isEmpty();
        assertThat(dir.parts()).extracting(SignedDirectory.Part::instance).containsExactly("EE", "EE", null);
    }

    @Test
    void otherAlgorithmsRoundTrip() {
        for (String alg : List.of("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1")) {
            SignedDirectoryWriter.Output out = writer(RSA).signatureAlgorithmId(alg)
                    .hashAlgorithmId("http://www.w3.org/2001/04/xmlenc#sha256").build().write(CONTENTS);
            SignedDirectory dir = verifier(RSA).verify(out.body());
            assertThat(dir.signatureAlgorithmId()).isEqualTo(alg);
            assertThat(dir.parts().get(1).matches(SHARED)).isTrue();
        }
    }

    @Test
    void anExpiredWrittenDirectoryIsOutdated() {
        SignedDirectoryWriter.Output out = writer(RSA).expiresAt(NOW.minusSeconds(1)).build().write(CONTENTS);
        assertThatThrownBy(() -> verifier(RSA).verify(out.body())).hasMessageStartingWith("global_conf_outdated");
    }

    @Test
    void builderChecksItsArguments() {
        assertThatThrownBy(() -> SignedDirectoryWriter.builder().expiresAt(NOW).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SignedDirectoryWriter.builder().signingKey(RSA.key(), RSA.certificate()).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SignedDirectoryWriter.builder().signatureAlgorithmId("urn:nope"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedDirectoryWriter.builder().boundaries("a b", "c"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignedDirectoryWriter.Content("X", null, "/a\r\nInjected: 1", PRIVATE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
