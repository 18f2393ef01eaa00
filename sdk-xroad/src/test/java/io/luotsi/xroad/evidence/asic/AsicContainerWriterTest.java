package io.luotsi.xroad.evidence.asic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.auth.tsp.LocalTimestampAuthority;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsicContainerWriterTest {

    static final ClientId MEMBER = ClientId.member(TestGlobalConfDirectory.INSTANCE, "COM", "1234");
    static final ClientId CLIENT = MEMBER.withSubsystem("Client");
    static final Clock CLOCK = Clock.fixed(TestPki.NOW, ZoneOffset.UTC);

    static TestPki.Issued ca;
    static TestPki.Issued responder;
    static TestPki.Issued tsa;
    static TestPki.Issued member;
    static GlobalConfiguration conf;
    static AsicContainerVerifier verifier;
    static AsicContainerWriter writer;

    @BeforeAll
    static void pki(@TempDir Path dir) {
        ca = TestPki.ca("O=Test,CN=Test CA");
        responder = TestPki.ocspResponder(ca);
        tsa = TestPki.tsa(ca);
        member = TestPki.signing(ca, MEMBER.xRoadInstance(), MEMBER.memberClass(), MEMBER.memberCode());
        conf = TestGlobalConfDirectory.write(dir, TestGlobalConfDirectory.sharedParameters(ca.certificate(),
                responder.certificate(), tsa.certificate(), MEMBER, "Client"));
        verifier = AsicContainerVerifier.of(conf);
        writer = writer(member);
    }

    static AsicContainerWriter writer(TestPki.Issued signer) {
        return AsicContainerWriter.builder().signer(signer.keyMaterial())
                .timestampAuthority(LocalTimestampAuthority.builder().keyMaterial(tsa.keyMaterial())
                        .clock(Clock.offset(CLOCK, Duration.ofSeconds(2))).build())
                .clock(CLOCK).build();
    }

    static byte[] soap(ClientId client, String body) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:id=\"http://x-road.eu/xsd/identifiers\" xmlns:xroad=\"http://x-road.eu/xsd/xroad.xsd\">\n"
                + "<SOAP-ENV:Header>\n"
                + "<xroad:client id:objectType=\"SUBSYSTEM\"><id:xRoadInstance>" + client.xRoadInstance()
                + "</id:xRoadInstance><id:memberClass>" + client.memberClass() + "</id:memberClass><id:memberCode>"
                + client.memberCode() + "</id:memberCode><id:subsystemCode>" + client.subsystemCode()
                + "</id:subsystemCode></xroad:client>\n"
                + "<xroad:service id:objectType=\"SERVICE\"><id:xRoadInstance>TEST</id:xRoadInstance>"
                + "<id:memberClass>GOV</id:memberClass><id:memberCode>5678</id:memberCode>"
                + "<id:subsystemCode>Registry</id:subsystemCode><id:serviceCode>" + body + "</id:serviceCode>"
                + "</xroad:service>\n"
                + "<xroad:id>4a5f0b3e-8c4d-4d2a-9a61-0b6e2c1f7d11</xroad:id>\n"
                + "<xroad:protocolVersion>4.0</xroad:protocolVersion>\n"
                + "</SOAP-ENV:Header>\n"
                + "<SOAP-ENV:Body><prod:" + body + " xmlns:prod=\"http://test.x-road.global/producer\"/>"
                + "</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n").getBytes(StandardCharsets.UTF_8);
    }

    static final byte[] ATTACHMENT = "{\"persons\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);

    static byte[] container() {
        return writer.write(soap(CLIENT, "getPersons"), List.of(ATTACHMENT),
                TestPki.goodOcsp(member.certificate(), ca, responder));
    }

    static String codeOf(byte[] container) {
        try {
            verifier.verify(container);
        } catch (AsicVerificationException e) {
            return e.code();
        }
        return "VALID";
    }

    @Test
    void writesAContainerTheVerifierAccepts() {
        AsicVerificationResult r = verifier.verify(container());

        assertThat(r.signer()).isEqualTo(CLIENT);
        assertThat(r.request()).isTrue();
        assertThat(r.timestamp()).isEqualTo(TestPki.NOW.plusSeconds(2));
        assertThat(r.ocspProducedAt()).isEqualTo(TestPki.NOW.minus(Duration.ofMinutes(5)));
        assertThat(r.signingCertificate()).isEqualTo(member.certificate());
        assertThat(r.timestampingCertificate()).isEqualTo(tsa.certificate());
        assertThat(r.ocspResponderCertificate()).isEqualTo(responder.certificate());
        assertThat(r.batchSignature()).isFalse();
        assertThat(r.batchTimestamp()).isFalse();
    }

    @Test
    void writesXRoadsLayout() throws IOException {
        byte[] asice = container();
        Path file = Files.write(asice);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = new ArrayList<>();
            zip.stream().forEach(e -> names.add(e.getName()));
            assertThat(names).containsExactly("mimetype", "message.xml", "META-INF/signatures.xml",
                    "META-INF/manifest.xml", "attachment1");
            assertThat(zip.getEntry("mimetype").getMethod()).isEqualTo(ZipEntry.STORED);
            assertThat(zip.getComment()).isEqualTo("mimetype=application/vnd.etsi.asic-e+zip");
            assertThat(new String(zip.getInputStream(zip.getEntry("META-INF/manifest.xml")).readAllBytes(),
                    StandardCharsets.UTF_8)).contains("manifest:full-path=\"message.xml\"")
                    .contains("manifest:full-path=\"attachment1\"");
            String signature = new String(zip.getInputStream(zip.getEntry("META-INF/signatures.xml"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(signature).contains("URI=\"/message.xml\"", "URI=\"/attachment1\"",
                    "URI=\"#signed-properties\"", "<xades:EncapsulatedTimeStamp>",
                    "<xades:EncapsulatedOCSPValue>", "http://www.w3.org/2001/04/xmlenc#sha512");
        }
        AsicContainer read = AsicContainer.read(asice);
        assertThat(read.attachmentNames()).containsExactly("attachment1");
        assertThat(read.message()).isEqualTo(soap(CLIENT, "getPersons"));
    }

    @Test
    void aResponseIsSignedByTheServiceProvider() {
        ClientId provider = MEMBER.withSubsystem("Client");
        String response = new String(soap(provider, "getPersons"), StandardCharsets.UTF_8)
                .replace("<prod:getPersons ", "<prod:getPersonsResponse ");
        // The provider is the service's owner; here the service belongs to the test member.
        response = response.replace("<id:memberClass>GOV</id:memberClass><id:memberCode>5678</id:memberCode>"
                + "<id:subsystemCode>Registry</id:subsystemCode>", "<id:memberClass>COM</id:memberClass>"
                + "<id:memberCode>1234</id:memberCode><id:subsystemCode>Service</id:subsystemCode>");
        byte[] asice = writer.write(response.getBytes(StandardCharsets.UTF_8), List.of(),
                TestPki.goodOcsp(member.certificate(), ca, responder));

        AsicVerificationResult r = verifier.verify(asice);
        assertThat(r.request()).isFalse();
        assertThat(r.signer()).isEqualTo(MEMBER.withSubsystem("Service"));
    }

    @Test
    void restMessagesAreSignedByTheClientOrTheProvider() {
        byte[] ocsp = TestPki.goodOcsp(member.certificate(), ca, responder);
        byte[] request = ("GET\r\n/r1/TEST/GOV/5678/Registry/persons/1?x=y\r\n"
                + "X-Road-Client:TEST/COM/1234/Client\r\nX-Road-Id:abc\r\naccept:application/json\r\n")
                .getBytes(StandardCharsets.UTF_8);
        AsicVerificationResult r = verifier.verify(writer.write(request, List.of(), ocsp));
        assertThat(r.signer()).isEqualTo(CLIENT);
        assertThat(r.rest()).isTrue();
        assertThat(r.request()).isTrue();

        byte[] response = ("200\r\nOK\r\ncontent-type:application/json\r\nX-Road-Id:abc\r\n"
                + "X-Road-Client:TEST/GOV/5678/Other\r\nX-Road-Service:TEST/COM/1234/Service/persons\r\n"
                + "X-Road-Request-Id:r1\r\nX-Road-Request-Hash:AAAA\r\n").getBytes(StandardCharsets.UTF_8);
        AsicVerificationResult rr = verifier.verify(writer.write(response, List.of(ATTACHMENT), ocsp));
        assertThat(rr.signer()).isEqualTo(MEMBER.withSubsystem("Service"));
        assertThat(rr.rest()).isTrue();
        assertThat(rr.request()).isFalse();
    }

    @Test
    void anotherMembersMessageIsAnIncorrectCertificate() {
        byte[] asice = writer.write(soap(ClientId.subsystem("TEST", "COM", "9999", "Other"), "getPersons"),
                List.of(), TestPki.goodOcsp(member.certificate(), ca, responder));
        assertThat(codeOf(asice)).isEqualTo("incorrect_certificate");
    }

    @Test
    void theOcspResponseMustBeFreshGoodAndFromAnAuthorisedResponderAtTheTimestamp() {
        byte[] message = soap(CLIENT, "getPersons");
        byte[] stale = TestPki.ocsp(member.certificate(), ca, responder,
                org.bouncycastle.cert.ocsp.CertificateStatus.GOOD, TestPki.NOW.minus(Duration.ofHours(2)), null);
        assertThat(codeOf(writer.write(message, List.of(), stale)))
                .isEqualTo("invalid_cert_path.incorrect_validation_info");

        byte[] expired = TestPki.ocsp(member.certificate(), ca, responder,
                org.bouncycastle.cert.ocsp.CertificateStatus.GOOD, TestPki.NOW.minus(Duration.ofMinutes(5)),
                TestPki.NOW.minus(Duration.ofMinutes(1)));
        assertThat(codeOf(writer.write(message, List.of(), expired)))
                .isEqualTo("invalid_cert_path.incorrect_validation_info");

        byte[] revoked = TestPki.ocsp(member.certificate(), ca, responder,
                new RevokedStatus(java.util.Date.from(TestPki.NOW.minus(Duration.ofDays(1))), 1),
                TestPki.NOW.minus(Duration.ofMinutes(5)), TestPki.NOW.plus(Duration.ofHours(1)));
        assertThat(codeOf(writer.write(message, List.of(), revoked))).isEqualTo("invalid_cert_path.cert_validation");

        byte[] unknown = TestPki.ocsp(member.certificate(), ca, responder, new UnknownStatus(),
                TestPki.NOW.minus(Duration.ofMinutes(5)), TestPki.NOW.plus(Duration.ofHours(1)));
        assertThat(codeOf(writer.write(message, List.of(), unknown))).isEqualTo("invalid_cert_path.cert_validation");

        TestPki.Issued stranger = TestPki.ocspResponder(TestPki.ca("O=Test,CN=Stranger CA"));
        byte[] unauthorised = TestPki.goodOcsp(member.certificate(), ca, stranger);
        assertThat(codeOf(writer.write(message, List.of(), unauthorised)))
                .isEqualTo("invalid_cert_path.incorrect_validation_info");

        byte[] aboutAnother = TestPki.goodOcsp(tsa.certificate(), ca, responder);
        assertThat(codeOf(writer.write(message, List.of(), aboutAnother)))
                .isEqualTo("invalid_cert_path.cert_validation");
    }

    @Test
    void signingCertificatesOutsideTheTrustAreRefused() {
        byte[] message = soap(CLIENT, "getPersons");
        TestPki.Issued otherCa = TestPki.ca("O=Test,CN=Other CA");
        TestPki.Issued outsider = TestPki.signing(otherCa, "TEST", "COM", "1234");
        assertThat(codeOf(writer(outsider).write(message, List.of(),
                TestPki.goodOcsp(outsider.certificate(), otherCa, responder)))).isEqualTo("internal_error");

        TestPki.Issued notSigning = TestPki.signing(ca, "C=FI,O=Test,CN=1234,serialNumber=TEST/ss1/COM",
                TestPki.NOW.minus(Duration.ofDays(1)), TestPki.NOW.plus(Duration.ofDays(1)),
                org.bouncycastle.asn1.x509.KeyUsage.digitalSignature);
        assertThat(codeOf(writer(notSigning).write(message, List.of(),
                TestPki.goodOcsp(notSigning.certificate(), ca, responder)))).isEqualTo("malformed_signature");

        TestPki.Issued unapprovedTsa = TestPki.tsa(TestPki.ca("O=Test,CN=TSA CA"));
        AsicContainerWriter otherTsa = AsicContainerWriter.builder().signer(member.keyMaterial()).clock(CLOCK)
                .timestampAuthority(LocalTimestampAuthority.builder().keyMaterial(unapprovedTsa.keyMaterial())
                        .clock(CLOCK).build()).build();
        assertThat(codeOf(otherTsa.write(message, List.of(), TestPki.goodOcsp(member.certificate(), ca, responder))))
                .isEqualTo("mlog.tsp_certificate_not_found");
    }

    @Test
    void aCertificateExpiredAtTheTimestampHasNoPath() {
        TestPki.Issued shortLived = TestPki.signing(ca, "C=FI,O=Test,CN=1234,serialNumber=TEST/ss1/COM",
                TestPki.NOW.minus(Duration.ofDays(10)), TestPki.NOW.plus(Duration.ofSeconds(1)),
                org.bouncycastle.asn1.x509.KeyUsage.nonRepudiation);
        AsicContainerWriter w = AsicContainerWriter.builder().signer(shortLived.keyMaterial()).clock(CLOCK)
                .timestampAuthority(LocalTimestampAuthority.builder().keyMaterial(tsa.keyMaterial())
                        .clock(Clock.offset(CLOCK, Duration.ofMinutes(1))).build()).build();
        assertThat(codeOf(w.write(soap(CLIENT, "getPersons"), List.of(),
                TestPki.goodOcsp(shortLived.certificate(), ca, responder))))
                .isEqualTo("cannot_create_cert_path.internal_error");
    }

    /**
     * Tamper evidence: a container written here fails verification when any single byte of any evidence entry
     * changes (mimetype, message.xml, the signature, the attachment). Each entry is changed in place and the zip
     * rebuilt around it, so that only the content differs. META-INF/manifest.xml is X-Road's unsigned table of contents:
     * a change there leaves the verified evidence as it was (X-Road's verifier only requires it to be non-empty).
     */
    @Test
    void everySingleByteChangeToAnEvidenceEntryIsCaught() {
        Map<String, byte[]> entries = entries(container());
        List<int[]> changes = new ArrayList<>();
        List<String> names = new ArrayList<>(entries.keySet());
        for (int n = 0; n < names.size(); n++) {
            if (!names.get(n).equals(AsicContainer.ENTRY_MANIFEST)) {
                for (int i = 0; i < entries.get(names.get(n)).length; i++) {
                    changes.add(new int[] {n, i});
                }
            }
        }
        List<String> missed = changes.parallelStream().filter(c -> {
            String name = names.get(c[0]);
            byte[] changed = entries.get(name).clone();
            changed[c[1]] ^= 0x01;
            Map<String, byte[]> tampered = new LinkedHashMap<>(entries);
            tampered.put(name, changed);
            return codeOf(zip(tampered)).equals("VALID");
        }).map(c -> names.get(c[0]) + "[" + c[1] + "]").toList();

        assertThat(missed).as("byte changes that still verify").isEmpty();
        assertThat(changes).hasSizeGreaterThan(3000);
    }

    @Test
    void theManifestIsNotEvidence() {
        Map<String, byte[]> entries = entries(container());
        byte[] manifest = entries.get(AsicContainer.ENTRY_MANIFEST).clone();
        manifest[manifest.length / 2] ^= 0x01;
        entries.put(AsicContainer.ENTRY_MANIFEST, manifest);

        AsicVerificationResult r = verifier.verify(zip(entries));
        assertThat(r.signer()).isEqualTo(CLIENT);

        entries.put(AsicContainer.ENTRY_MANIFEST, " \n".getBytes(StandardCharsets.UTF_8));
        assertThat(codeOf(zip(entries))).isEqualTo("asic_manifest_not_found");
    }

    @Test
    void structuralProblemsHaveXRoadsCodes() {
        Map<String, byte[]> entries = entries(container());
        Map<String, byte[]> noMessage = new LinkedHashMap<>(entries);
        noMessage.remove("message.xml");
        assertThat(codeOf(zip(noMessage))).isEqualTo("asic_message_not_found");

        Map<String, byte[]> wrongType = new LinkedHashMap<>(entries);
        wrongType.put("mimetype", "application/zip".getBytes(StandardCharsets.US_ASCII));
        assertThat(codeOf(zip(wrongType))).isEqualTo("asic_invalid_mime_type");
        wrongType.put("mimetype", AsicContainer.MIMETYPE.toUpperCase(java.util.Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(codeOf(zip(wrongType))).as("X-Road lets a change of case pass; Luotsi does not")
                .isEqualTo("asic_invalid_mime_type");

        Map<String, byte[]> chainWithoutResult = new LinkedHashMap<>(entries);
        chainWithoutResult.put("sig-hashchain.xml", "<x/>".getBytes(StandardCharsets.UTF_8));
        assertThat(codeOf(zip(chainWithoutResult))).isEqualTo("asic_hash_chain_result_not_found");

        Map<String, byte[]> resultWithoutChain = new LinkedHashMap<>(entries);
        resultWithoutChain.put("ts-hashchainresult.xml", "<x/>".getBytes(StandardCharsets.UTF_8));
        assertThat(codeOf(zip(resultWithoutChain))).isEqualTo("asic_hash_chain_not_found");

        Map<String, byte[]> emptyTimestamp = new LinkedHashMap<>(entries);
        emptyTimestamp.put("META-INF/timestamp.tst", new byte[0]);
        assertThat(codeOf(zip(emptyTimestamp))).isEqualTo("asic_timestamp_not_found");

        assertThat(codeOf("not a zip at all".getBytes(StandardCharsets.UTF_8))).isEqualTo("asic_mime_type_not_found");
        byte[] truncated = java.util.Arrays.copyOf(container(), 200);
        assertThat(codeOf(truncated)).isEqualTo("io_error");
    }

    @Test
    void theWriterChecksItsInput() {
        byte[] ocsp = TestPki.goodOcsp(member.certificate(), ca, responder);
        assertThatThrownBy(() -> writer.write(new byte[0], List.of(), ocsp))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.write(soap(CLIENT, "x"), List.of(), "junk".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OCSP");
        assertThatThrownBy(() -> AsicContainerWriter.builder().signer(member.keyMaterial()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("timestampAuthority");
        assertThatThrownBy(() -> AsicContainerVerifier.builder().build())
                .isInstanceOf(IllegalStateException.class);
    }

    static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** A zip of the entries, stored (uncompressed: only the content matters here, and storing is quick). */
    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes bytes to a temporary file that is deleted on exit. */
    private static final class Files {
        static Path write(byte[] bytes) throws IOException {
            Path p = java.nio.file.Files.createTempFile("luotsi-asic", ".asice");
            p.toFile().deleteOnExit();
            return java.nio.file.Files.write(p, bytes);
        }
    }
}
