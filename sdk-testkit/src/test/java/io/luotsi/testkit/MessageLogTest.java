package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.luotsi.core.http.RequestBody;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.evidence.asic.AsicContainer;
import io.luotsi.xroad.evidence.asic.AsicContainerVerifier;
import io.luotsi.xroad.evidence.asic.AsicVerificationException;
import io.luotsi.xroad.evidence.asic.AsicVerificationResult;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import io.luotsi.xroad.soap.AttachmentSource;
import io.luotsi.xroad.soap.DecodedSoapMessage;
import io.luotsi.xroad.soap.SoapMessageDecoder;
import io.luotsi.xroad.soap.SoapResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake's message log: every exchange leaves ASiC-E containers as X-Road's client Security Server logs them, and
 * they verify as X-Road's asicverifier verifies them against the global configuration the fake exports.
 */
class MessageLogTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    static final ClientId CLIENT = ClientId.parse("DEV/COM/4321/TestClient");
    static final ClientId PROVIDER = ClientId.parse("DEV/GOV/1234/Registry");
    static final ServiceId PETS = ServiceId.parse("DEV/GOV/1234/Registry/pets");
    static final ServiceId GET_PERSON = ServiceId.parse("DEV/GOV/1234/Registry/getPerson/v1");
    static final ServiceId GET_LEGACY = ServiceId.parse("DEV/GOV/1234/Registry/getLegacy");
    static final byte[] PHOTO = random(3000, 1);

    @TempDir
    static Path dir;

    static FakeSecurityServer fake;
    static XRoadClient client;
    static AsicContainerVerifier verifier;

    @BeforeAll
    static void start() {
        fake = FakeSecurityServer.builder()
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .subsystem(CLIENT, "Test client")
                .subsystem(PROVIDER, "Registry")
                .service(ServiceRegistration.rest(PETS).allow(CLIENT, "GET", "/pets/**").allow(CLIENT, "POST", "/pets")
                        .handler(r -> r.method().equals("POST")
                                ? FakeRestResponse.json(201, "{\"id\":7,\"got\":" + r.bodyAsString() + "}")
                                .withHeader("Location", "/pets/7")
                                : FakeRestResponse.json("{\"id\":1,\"name\":\"Rex\"}")))
                .service(ServiceRegistration.wsdl(GET_PERSON).allow(CLIENT)
                        .soapHandler(r -> FakeSoapResponse.body("<person><name>Rex</name></person>")
                                .withAttachment(AttachmentSource.ofBytes(PHOTO, "image/png").withContentId("photo"))))
                .service(ServiceRegistration.wsdl(GET_LEGACY).allow(CLIENT)
                        .soapResponse(FakeSoapResponse.fault("SOAP-ENV:Server", "Legacy backend down")))
                .messageLog(dir.resolve("message-log"))
                .start();
        client = fake.clientBuilder(CLIENT).build();
        fake.writeGlobalConfigurationDirectory(dir.resolve("globalconf"));
        verifier = AsicContainerVerifier.of(GlobalConfiguration.readDirectory(dir.resolve("globalconf")));
    }

    @AfterAll
    static void stop() {
        client.close();
        fake.close();
    }

    @AfterEach
    void reset() {
        fake.reset();
    }

    @Test
    void aRestRequestAndItsResponseAreLoggedSignedByClientAndProviderAndVerify() throws Exception {
        byte[] body = "{\"name\":\"Fido\"}".getBytes(StandardCharsets.UTF_8);
        client.rest(PETS).post("/pets?owner=7").body(RequestBody.of(body, "application/json")).execute(String.class);
        RecordedExchange e = fake.recordings().single(PETS);

        assertThat(e.messageLog()).hasSize(2);
        Path request = e.messageLog().get(0);
        Path response = e.messageLog().get(1);
        assertThat(request.getParent()).isEqualTo(dir.resolve("message-log"));
        assertThat(request.getFileName().toString()).matches(e.messageId().orElseThrow()
                + "-request-[0-9a-v]+\\.asice");
        assertThat(response.getFileName().toString()).matches(e.messageId().orElseThrow()
                + "-response-[0-9a-v]+\\.asice");
        assertThat(sequenceOf(response)).isEqualTo(sequenceOf(request) + 1);

        AsicVerificationResult r = verifier.verify(request);
        assertThat(r.signer()).isEqualTo(CLIENT);
        assertThat(r.request()).isTrue();
        assertThat(r.rest()).isTrue();
        assertThat(r.timestamp()).isEqualTo(NOW);
        assertThat(r.ocspProducedAt()).isEqualTo(NOW);
        assertThat(r.signingCertificate()).isEqualTo(fake.pki().memberSigningCredential(CLIENT).certificate());
        assertThat(r.timestampingCertificate()).isEqualTo(fake.pki().timeStampingCredential().certificate());
        assertThat(r.ocspResponderCertificate()).isEqualTo(fake.pki().ocspResponderCredential().certificate());
        AsicContainer requestAsic = AsicContainer.read(request);
        assertThat(requestAsic.message()).isEqualTo(e.restHeaderPart().orElseThrow());
        assertThat(requestAsic.attachmentNames()).containsExactly("attachment1");
        assertThat(requestAsic.attachmentDigest("attachment1")).hasValue(sha512(body));

        AsicVerificationResult rr = verifier.verify(response);
        assertThat(rr.signer()).isEqualTo(PROVIDER);
        assertThat(rr.request()).isFalse();
        assertThat(rr.rest()).isTrue();
        assertThat(rr.signingCertificate()).isEqualTo(fake.pki().memberSigningCredential(PROVIDER).certificate());
        AsicContainer responseAsic = AsicContainer.read(response);
        String statusAndHeaders = new String(responseAsic.message(), StandardCharsets.UTF_8);
        assertThat(statusAndHeaders).startsWith("201\r\nCreated\r\n").contains("Location:/pets/7\r\n")
                .endsWith("x-road-id:" + e.messageId().orElseThrow() + "\r\n"
                        + "x-road-client:DEV/COM/4321/TestClient\r\n"
                        + "x-road-service:DEV/GOV/1234/Registry/pets\r\n"
                        + "x-road-request-id:" + e.requestId().orElseThrow() + "\r\n"
                        + "x-road-request-hash:" + e.requestHash().orElseThrow() + "\r\n");
        assertThat(responseAsic.attachmentDigest("attachment1")).hasValue(sha512(e.response().body()));
    }

    @Test
    void aRequestWithoutABodyHasNoAttachment() {
        client.rest(PETS).get("/pets/1").execute(String.class);
        RecordedExchange e = fake.recordings().single(PETS);

        assertThat(AsicContainer.read(e.messageLog().get(0)).attachmentNames()).isEmpty();
        assertThat(new String(AsicContainer.read(e.messageLog().get(0)).message(), StandardCharsets.UTF_8))
                .startsWith("GET\r\n/r1/DEV/GOV/1234/Registry/pets/pets/1\r\n");
        assertThat(verifier.verify(e.messageLog().get(0)).signer()).isEqualTo(CLIENT);
        assertThat(verifier.verify(e.messageLog().get(1)).signer()).isEqualTo(PROVIDER);
    }

    @Test
    void aSoapRequestAndItsResponseAreLoggedWithTheirAttachments() throws Exception {
        byte[] scan = random(5000, 2);
        byte[] note = "a note".getBytes(StandardCharsets.UTF_8);
        try (SoapResponse<String> r = client.soap(GET_PERSON).requestXml("<getPerson><id>1</id></getPerson>")
                .attach(AttachmentSource.ofBytes(scan, "application/pdf").withContentId("scan"))
                .attach(AttachmentSource.ofBytes(note, "text/plain").withContentId("note"))
                .execute(String.class)) {
            assertThat(r.attachment("photo").orElseThrow().bytes()).isEqualTo(PHOTO);
        }
        RecordedExchange e = fake.recordings().single(GET_PERSON);
        assertThat(e.messageLog()).hasSize(2);

        AsicVerificationResult request = verifier.verify(e.messageLog().get(0));
        assertThat(request.signer()).isEqualTo(CLIENT);
        assertThat(request.request()).isTrue();
        assertThat(request.rest()).isFalse();
        assertThat(request.timestamp()).isEqualTo(NOW);
        AsicContainer requestAsic = AsicContainer.read(e.messageLog().get(0));
        try (DecodedSoapMessage sent = SoapMessageDecoder.create().decode(
                new ByteArrayInputStream(e.request().body()), e.request().header("Content-Type").orElseThrow())) {
            assertThat(requestAsic.message()).isEqualTo(sent.soap().bytes());
        }
        assertThat(requestAsic.attachmentNames()).containsExactly("attachment1", "attachment2");
        assertThat(requestAsic.attachmentDigest("attachment1")).hasValue(sha512(scan));
        assertThat(requestAsic.attachmentDigest("attachment2")).hasValue(sha512(note));

        AsicVerificationResult response = verifier.verify(e.messageLog().get(1));
        assertThat(response.signer()).isEqualTo(PROVIDER);
        assertThat(response.request()).isFalse();
        AsicContainer responseAsic = AsicContainer.read(e.messageLog().get(1));
        assertThat(new String(responseAsic.message(), StandardCharsets.UTF_8))
                .contains("<person><name>Rex</name></person>")
                .contains(">" + e.requestHash().orElseThrow() + "</");
        assertThat(responseAsic.attachmentNames()).containsExactly("attachment1");
        assertThat(responseAsic.attachmentDigest("attachment1")).hasValue(sha512(PHOTO));
    }

    @Test
    void aSoapFaultIsNotSignedSoOnlyTheRequestIsLogged() {
        Throwable fault = catchThrowable(() -> client.soap(GET_LEGACY).requestXml("<getLegacy/>").execute());
        assertThat(fault).isInstanceOf(XRoadException.class);
        RecordedExchange e = fake.recordings().single(GET_LEGACY);

        assertThat(e.messageLog()).singleElement().satisfies(p -> {
            assertThat(p.getFileName().toString()).contains("-request-");
            assertThat(verifier.verify(p).signer()).isEqualTo(CLIENT);
        });
    }

    @Test
    void theClientProxysRefusalsLogNothingTheProvidersSideLogsTheRequest() {
        fake.expectUnmatched();
        try (XRoadClient stranger = fake.clientBuilder(ClientId.parse("DEV/COM/9999/Nobody")).build()) {
            assertThat(catchThrowable(() -> stranger.rest(PETS).get("/pets/1").execute(String.class)))
                    .isInstanceOf(XRoadException.class);
        }
        assertThat(fake.recordings().last().errorCode()).hasValue("server.clientproxy.unknown_member");
        assertThat(fake.recordings().last().messageLog()).isEmpty();

        assertThat(catchThrowable(() -> client.rest(PETS).delete("/pets/1").execute(String.class)))
                .isInstanceOf(XRoadException.class);
        RecordedExchange denied = fake.recordings().last();
        assertThat(denied.errorCode()).hasValue("server.serverproxy.access_denied");
        assertThat(denied.messageLog()).singleElement()
                .satisfies(p -> assertThat(verifier.verify(p).signer()).isEqualTo(CLIENT));
    }

    @Test
    void metaservicesTheProvidersSideAnswersAreLoggedOnBothSides() {
        assertThat(client.metaservices().listMethods(PROVIDER)).isNotEmpty();
        RecordedExchange rest = fake.recordings().last();
        assertThat(rest.messageLog()).extracting(p -> verifier.verify(p).signer()).containsExactly(CLIENT, PROVIDER);
        assertThat(verifier.verify(rest.messageLog().get(1)).rest()).isTrue();

        assertThat(client.metaservices().soap().listMethods(PROVIDER)).isNotEmpty();
        RecordedExchange soap = fake.recordings().last();
        assertThat(soap.messageLog()).extracting(p -> verifier.verify(p).signer()).containsExactly(CLIENT, PROVIDER);
        assertThat(new String(AsicContainer.read(soap.messageLog().get(1)).message(), StandardCharsets.UTF_8))
                .contains("listMethodsResponse").contains("getPerson");
    }

    @Test
    void namesFollowXRoadsGenerator() {
        assertThat(MessageLogWriter.containerName("abc", false, 1)).isEqualTo("abc-request-1.asice");
        assertThat(MessageLogWriter.containerName("DEV-d75ea6fd", true, 32))
                .isEqualTo("DEV-d75ea6fd-response-10.asice");
        assertThat(MessageLogWriter.containerName("a b/c?d=é*~", false, 1023))
                .isEqualTo("a+b%2Fc%3Fd%3D%C3%A9*%7E-request-vv.asice");
        assertThat(MessageLogWriter.containerName("x".repeat(300), true, 5)).isEqualTo("x".repeat(226)
                + "-response-5.asice");
        assertThat(MessageLogWriter.containerName("%".repeat(100), false, 1)).isEqualTo("%25".repeat(75) + "%"
                + "-request-1.asice");
        assertThat(MessageLogWriter.containerName("q", false, -1)).isEqualTo("q-request-fvvvvvvvvvvvv.asice");
        assertThat(MessageLogWriter.containerName("", false, 1)).isEqualTo("-request-1.asice");
    }

    @Test
    void aClientsMessageIdNamesTheFiles() {
        client.rest(PETS).get("/pets/1").messageId("my id/1").execute(String.class);
        RecordedExchange e = fake.recordings().single(PETS);

        assertThat(e.messageLog()).extracting(p -> p.getFileName().toString().replaceAll("-[0-9a-v]+\\.asice$", ""))
                .containsExactly("my+id%2F1-request", "my+id%2F1-response");
    }

    @Test
    void theMessageLogIsOffByDefaultAndWritesNothing(@TempDir Path work) throws Exception {
        try (FakeSecurityServer plain = FakeSecurityServer.builder().subsystem(CLIENT, "Test client")
                .subsystem(PROVIDER, "Registry")
                .service(ServiceRegistration.rest(PETS).allow(CLIENT).respond(FakeRestResponse.json("{}")))
                .writeClientTlsMaterialTo(work.resolve("tls")).start();
             XRoadClient c = plain.clientBuilder(CLIENT).build()) {
            c.rest(PETS).get("/pets/1").execute(String.class);

            assertThat(plain.messageLogDirectory()).isEmpty();
            RecordedExchange e = plain.recordings().single(PETS);
            assertThat(e.requestHash()).isPresent();
            assertThat(e.messageLog()).isEmpty();
        }
        try (Stream<Path> files = Files.walk(work)) {
            assertThat(files.filter(p -> p.toString().endsWith(".asice"))).isEmpty();
        }
    }

    @Test
    void theTrustIsExportedAlsoWhenTheFakeServesNoGlobalConfiguration(@TempDir Path work) {
        try (FakeSecurityServer quiet = FakeSecurityServer.builder().subsystem(CLIENT, "Test client")
                .subsystem(PROVIDER, "Registry")
                .service(ServiceRegistration.rest(PETS).allow(CLIENT).respond(FakeRestResponse.json("{}")))
                .globalConf(GlobalConfOptions.defaults().withEnabled(false))
                .messageLog(work.resolve("log")).start();
             XRoadClient c = quiet.clientBuilder(CLIENT).build()) {
            c.rest(PETS).get("/pets/1").execute(String.class);
            quiet.writeGlobalConfigurationDirectory(work.resolve("globalconf"));

            AsicContainerVerifier trust = AsicContainerVerifier.of(GlobalConfiguration.readDirectory(
                    work.resolve("globalconf")));
            assertThat(quiet.recordings().single(PETS).messageLog()).extracting(p -> trust.verify(p).signer())
                    .containsExactly(CLIENT, PROVIDER);
        }
    }

    @Test
    void everySampledByteChangeAcrossEveryEntryOfAFakeWrittenContainerIsCaught() {
        client.rest(PETS).post("/pets").body(RequestBody.of("{\"name\":\"Fido\"}".getBytes(StandardCharsets.UTF_8),
                "application/json")).execute(String.class);
        Path rest = fake.recordings().single(PETS).messageLog().get(0);
        try (SoapResponse<String> r = client.soap(GET_PERSON).requestXml("<getPerson><id>2</id></getPerson>")
                .attach(AttachmentSource.ofBytes(random(700, 3), "application/pdf")).execute(String.class)) {
            assertThat(r.attachments()).hasSize(1);
        }
        Path soap = fake.recordings().single(GET_PERSON).messageLog().get(1);

        for (Path container : List.of(rest, soap)) {
            Map<String, byte[]> entries = entries(read(container));
            assertThat(codeOf(zip(entries))).isEqualTo("VALID");
            assertThat(entries.keySet()).contains("mimetype", "message.xml", "META-INF/signatures.xml",
                    "META-INF/manifest.xml", "attachment1");
            List<String> missed = new ArrayList<>();
            int changes = 0;
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                if (entry.getKey().equals("META-INF/manifest.xml")) {
                    continue;   // X-Road's unsigned table of contents, not evidence (ADR 0008)
                }
                List<int[]> flips = sample(entry.getValue().length);
                changes += flips.size();
                missed.addAll(flips.parallelStream().filter(f -> {
                    byte[] changed = entry.getValue().clone();
                    changed[f[0]] ^= (byte) f[1];
                    Map<String, byte[]> tampered = new LinkedHashMap<>(entries);
                    tampered.put(entry.getKey(), changed);
                    return codeOf(zip(tampered)).equals("VALID");
                }).map(f -> container.getFileName() + " " + entry.getKey() + "[" + f[0] + "]^" + f[1]).toList());
            }
            assertThat(missed).as("byte changes that still verify").isEmpty();
            assertThat(changes).isGreaterThan(500);
        }
    }

    /**
     * The positions and bit masks changed in an entry of {@code length} bytes: every byte of a short entry, else the
     * first and last 16 bytes and 120 spread evenly between; at each, the lowest bit and a bit that moves on with the
     * position (so that a change of letter case is among them).
     */
    static List<int[]> sample(int length) {
        java.util.TreeSet<Integer> positions = new java.util.TreeSet<>();
        if (length <= 200) {
            for (int i = 0; i < length; i++) {
                positions.add(i);
            }
        } else {
            for (int i = 0; i < 16; i++) {
                positions.add(i);
                positions.add(length - 1 - i);
            }
            for (int k = 0; k < 120; k++) {
                positions.add((int) ((long) k * length / 120));
            }
        }
        List<int[]> flips = new ArrayList<>();
        for (int p : positions) {
            flips.add(new int[] {p, 0x01});
            if (p % 8 != 0) {
                flips.add(new int[] {p, 1 << (p % 8)});
            }
        }
        return flips;
    }

    static String codeOf(byte[] container) {
        try {
            verifier.verify(container);
            return "VALID";
        } catch (AsicVerificationException e) {
            return e.code();
        }
    }

    static long sequenceOf(Path container) {
        String name = container.getFileName().toString();
        return Long.parseUnsignedLong(name.substring(name.lastIndexOf('-') + 1, name.length() - ".asice".length()),
                32);
    }

    static byte[] sha512(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-512").digest(data);
    }

    static byte[] random(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** A zip of the entries, stored, so that only their content differs from the original. */
    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
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
}
