package io.luotsi.auth.xades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.auth.testing.Ocsp;
import io.luotsi.auth.testing.Pki;
import io.luotsi.auth.tsp.LocalTimestampAuthority;
import io.luotsi.auth.tsp.TimestampToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class XadesSignatureTest {

    private static final byte[] MESSAGE = Corpus.bytes("asic/valid-signed-message-message.xml");
    private static final byte[] SIGNATURES = Corpus.bytes("asic/valid-signed-message-signatures.xml");

    private static ReferenceResolver message(byte[] message) {
        return uri -> uri.equals("/message.xml") ? Optional.of(ReferencedData.bytes(message)) : Optional.empty();
    }

    @Test
    void verifiesXRoadsOwnSignatureOverTheMessage() {
        XadesSignature signature = XadesSignature.parse(SIGNATURES);

        X509Certificate signer = signature.signingCertificate().orElseThrow();
        signature.verify(signer, message(MESSAGE));

        assertThat(signer.getSubjectX500Principal().getName()).contains("CN=4321");
        assertThat(signature.referenceUris()).containsExactly("/message.xml", "#signed-properties");
        assertThat(signature.references("/message.xml")).isTrue();
        assertThat(signature.ocspResponses()).hasSize(1);
        assertThat(signature.timestamp()).isPresent();
        assertThat(signature.qualifyingPropertiesTargetThisSignature()).isTrue();
        assertThat(signature.id()).contains("signature");
    }

    @Test
    void theEmbeddedTimestampStampsTheSignatureValue() {
        XadesSignature signature = XadesSignature.parse(SIGNATURES);

        TimestampToken token = TimestampToken.parse(signature.timestamp().orElseThrow());

        assertThat(token.covers(signature.signatureValue())).isTrue();
        assertThat(token.genTime()).hasToString("2024-12-05T13:16:35Z");
    }

    @Test
    void rejectsAnAlteredMessage() {
        byte[] altered = new String(MESSAGE, StandardCharsets.UTF_8).replace("getRandom", "getRandon")
                .getBytes(StandardCharsets.UTF_8);
        XadesSignature signature = XadesSignature.parse(SIGNATURES);

        assertThatThrownBy(() -> signature.verify(signature.signingCertificate().orElseThrow(), message(altered)))
                .isInstanceOfSatisfying(XadesVerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(XadesFailure.INVALID_SIGNATURE_VALUE))
                .hasMessage("Signature is not valid");
    }

    @Test
    void rejectsAlteredSignedProperties() {
        XadesSignature signature = XadesSignature.parse(Corpus.bytes("asic/invalid-digest-signatures.xml"));

        assertThatThrownBy(() -> signature.verify(signature.signingCertificate().orElseThrow(), message(MESSAGE)))
                .isInstanceOfSatisfying(XadesVerificationException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_signature_value"));
    }

    @Test
    void rejectsAnotherSignersKey() {
        XadesSignature signature = XadesSignature.parse(SIGNATURES);
        X509Certificate other = Pki.signer("other", Pki.root("ca"), Pki.KeyType.RSA_2048).certificate();

        assertThatThrownBy(() -> signature.verify(other, message(MESSAGE)))
                .isInstanceOfSatisfying(XadesVerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(XadesFailure.INVALID_SIGNATURE_VALUE));
    }

    @Test
    void anUnresolvableReferenceIsAnInvalidReference() {
        XadesSignature signature = XadesSignature.parse(SIGNATURES);

        assertThatThrownBy(() -> signature.verify(signature.signingCertificate().orElseThrow(),
                uri -> Optional.empty()))
                .isInstanceOfSatisfying(XadesVerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(XadesFailure.INVALID_REFERENCE));
    }

    @Test
    void verifiesAttachmentsByDigest() {
        byte[] signatures = Corpus.bytes("signatures/non-batch-sig/signatures.xml");
        byte[] message = Corpus.bytes("signatures/non-batch-sig/message.xml");
        byte[] attachment = Corpus.bytes("signatures/non-batch-sig/attachment1");
        XadesSignature signature = XadesSignature.parse(signatures);
        X509Certificate signer = signature.signingCertificate().orElseThrow();
        Map<String, ReferencedData> data = Map.of("/message.xml", ReferencedData.bytes(message),
                "/attachment1", ReferencedData.digest(sha512(attachment)));

        signature.verify(signer, uri -> Optional.ofNullable(data.get(uri)));

        Map<String, ReferencedData> wrong = Map.of("/message.xml", ReferencedData.bytes(message),
                "/attachment1", ReferencedData.digest(sha512(new byte[] {1})));
        assertThatThrownBy(() -> signature.verify(signer, uri -> Optional.ofNullable(wrong.get(uri))))
                .isInstanceOfSatisfying(XadesVerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(XadesFailure.INVALID_SIGNATURE_VALUE));
    }

    @Test
    void malformedXmlIsInvalidXml() {
        assertThatThrownBy(() -> XadesSignature.parse("<a><b></a>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(XadesVerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(XadesFailure.INVALID_XML));
        assertThatThrownBy(() -> XadesSignature.parse(new byte[0]))
                .isInstanceOfSatisfying(XadesVerificationException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_xml"));
    }

    @Test
    void refusesDoctypes() {
        String xml = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
        assertThatThrownBy(() -> XadesSignature.parse(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(XadesVerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(XadesFailure.INVALID_XML));
    }

    @Test
    void aDocumentWithoutSignatureIsMalformed() {
        assertThatThrownBy(() -> XadesSignature.parse("<x/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(XadesVerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(XadesFailure.MALFORMED_SIGNATURE))
                .hasMessage("Could not find element \"ds:Signature\"");
    }

    @Test
    void nonCanonicalBase64InAnUnsignedValueIsMalformed() {
        String xml = new String(SIGNATURES, StandardCharsets.UTF_8);
        int start = xml.indexOf("<xades:EncapsulatedOCSPValue");
        int end = xml.indexOf("</xades:EncapsulatedOCSPValue>", start);
        // Insert a character the MIME decoder would skip.
        String tampered = xml.substring(0, end - 10) + "*" + xml.substring(end - 10);
        XadesSignature signature = XadesSignature.parse(tampered.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(signature::ocspResponses)
                .isInstanceOfSatisfying(XadesVerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(XadesFailure.MALFORMED_SIGNATURE));
    }

    @Test
    void signsInXRoadsProfileAndVerifies() {
        Pki.Issued ca = Pki.root("Test CA");
        Pki.Issued member = Pki.signer("4321", ca, Pki.KeyType.RSA_2048);
        Pki.Issued tsa = Pki.certificate("TSA").issuer(ca).keyType(Pki.KeyType.EC_P256).timeStamping().build();
        Clock clock = Clock.fixed(Pki.NOW, ZoneOffset.UTC);
        byte[] ocsp = Ocsp.response(member.certificate(), ca).build();
        byte[] attachment = "attached".getBytes(StandardCharsets.UTF_8);

        XadesSignature signature = XadesSigner.builder().keyMaterial(member.keyMaterial()).clock(clock).build().sign(
                List.of(XadesReference.of("/message.xml", MESSAGE, "text/xml"),
                        new XadesReference("/attachment1", ReferencedData.digest(sha512(attachment)), null)),
                LocalTimestampAuthority.builder().keyMaterial(tsa.keyMaterial()).clock(clock).build(),
                List.of(ocsp));

        XadesSignature read = XadesSignature.parse(signature.encoded());
        read.verify(read.signingCertificate().orElseThrow(), uri -> switch (uri) {
            case "/message.xml" -> Optional.of(ReferencedData.bytes(MESSAGE));
            case "/attachment1" -> Optional.of(ReferencedData.bytes(attachment));
            default -> Optional.empty();
        });
        assertThat(read.signingCertificate()).contains(member.certificate());
        assertThat(read.ocspResponses()).singleElement().isEqualTo(ocsp);
        assertThat(TimestampToken.parse(read.timestamp().orElseThrow()).covers(read.signatureValue())).isTrue();
        assertThat(read.qualifyingPropertiesTargetThisSignature()).isTrue();
        String xml = new String(read.encoded(), StandardCharsets.UTF_8);
        assertThat(xml).startsWith("<asic:XAdESSignatures").contains("<ds:Signature Id=\"signature\">")
                .contains("<xades:SigningTime>2026-03-02T10:15:30.000Z</xades:SigningTime>")
                .contains("urn:oid:1.3.6.1.4.1.3516.16.2")
                .contains("ObjectReference=\"#signature-reference-0\"")
                .doesNotContain("<?xml");
    }

    @Test
    void signsWithEcKeys() {
        Pki.Issued ca = Pki.root("Test CA");
        Pki.Issued member = Pki.signer("1234", ca, Pki.KeyType.EC_P256);
        XadesSignature signature = XadesSigner.builder().keyMaterial(member.keyMaterial())
                .clock(Clock.fixed(Pki.NOW, ZoneOffset.UTC)).build()
                .sign(List.of(XadesReference.of("/message.xml", MESSAGE, "text/xml")));

        signature.verify(member.certificate(), message(MESSAGE));
        assertThat(new String(signature.encoded(), StandardCharsets.UTF_8)).contains("ecdsa-sha512");
    }

    static byte[] sha512(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
