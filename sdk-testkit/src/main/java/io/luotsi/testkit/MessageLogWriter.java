package io.luotsi.testkit;

import io.luotsi.auth.CertificateChain;
import io.luotsi.auth.KeyMaterial;
import io.luotsi.auth.tsp.LocalTimestampAuthority;
import io.luotsi.auth.tsp.TimestampAuthority;
import io.luotsi.core.ConfigurationException;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.evidence.asic.AsicContainerWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fake Security Server's message log: an ASiC-E container per logged message, in X-Road's layout and with X-Road's
 * file names, signed with the member's signing key from the {@link TestPki}, with a good OCSP response from the test
 * OCSP responder and a time-stamp from the test TSA, all at the fake's clock. Thread-safe.
 *
 * <p>What is logged follows X-Road's client Security Server: the request once it passed the client proxy's checks and
 * was signed and sent on (whatever the provider's Security Server then makes of it), signed by the client's member; the
 * response once the provider's Security Server signed it (a REST response of any status, a SOAP response that is not
 * a fault), signed by the provider's member.
 */
final class MessageLogWriter {

    /** X-Road's {@code AsicContainerNameGenerator}: the longest escaped query id in a file name. */
    static final int MAX_QUERY_ID_LENGTH = 226;

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(100, "Continue"), Map.entry(101, "Switching Protocols"),
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"),
            Map.entry(203, "Non-Authoritative Information"), Map.entry(204, "No Content"),
            Map.entry(205, "Reset Content"), Map.entry(206, "Partial Content"),
            Map.entry(300, "Multiple Choices"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
            Map.entry(303, "See Other"), Map.entry(304, "Not Modified"), Map.entry(305, "Use Proxy"),
            Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(402, "Payment Required"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(406, "Not Acceptable"), Map.entry(407, "Proxy Authentication Required"),
            Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"), Map.entry(410, "Gone"),
            Map.entry(411, "Length Required"), Map.entry(412, "Precondition Failed"),
            Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"),
            Map.entry(415, "Unsupported Media Type"), Map.entry(416, "Range Not Satisfiable"),
            Map.entry(417, "Expectation Failed"), Map.entry(421, "Misdirected Request"),
            Map.entry(422, "Unprocessable Content"), Map.entry(426, "Upgrade Required"),
            Map.entry(428, "Precondition Required"), Map.entry(429, "Too Many Requests"),
            Map.entry(431, "Request Header Fields Too Large"), Map.entry(451, "Unavailable For Legal Reasons"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"),
            Map.entry(505, "HTTP Version Not Supported"), Map.entry(511, "Network Authentication Required"));

    private final Path directory;
    private final TestPki pki;
    private final Clock clock;
    private final TimestampAuthority tsa;
    private final AtomicLong records = new AtomicLong();
    private final Map<ClientId, AsicContainerWriter> writers = new ConcurrentHashMap<>();

    /** One message to log: {@code message.xml} and the attachments, and the member that signs them. */
    record Message(byte[] messageXml, List<byte[]> attachments, ClientId signer, boolean response) {
        Message {
            attachments = List.copyOf(attachments);
        }
    }

    /**
     * @throws ConfigurationException when the directory cannot be created
     */
    MessageLogWriter(Path directory, TestPki pki, Clock clock) {
        this.directory = directory;
        this.pki = pki;
        this.clock = clock;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ConfigurationException("cannot create the message log directory " + directory + ": "
                    + e.getMessage(), e);
        }
        TestPki.Credential ts = pki.timeStampingCredential();
        this.tsa = LocalTimestampAuthority.builder()
                .keyMaterial(KeyMaterial.of(ts.privateKey(), CertificateChain.of(ts.certificate())))
                .digestAlgorithm("SHA-512")
                .clock(clock)
                .build();
    }

    Path directory() {
        return directory;
    }

    /**
     * Writes a container for each message, in order, named after {@code queryId}.
     *
     * @return the files written
     * @throws java.io.UncheckedIOException when a file cannot be written
     */
    List<Path> log(String queryId, List<Message> messages) {
        List<Path> written = new ArrayList<>(messages.size());
        for (Message m : messages) {
            AsicContainerWriter writer = writers.computeIfAbsent(m.signer().member(), member -> {
                TestPki.Credential signing = pki.memberSigningCredential(member);
                return AsicContainerWriter.builder()
                        .signer(KeyMaterial.of(signing.privateKey(), CertificateChain.of(signing.certificate())))
                        .timestampAuthority(tsa)
                        .clock(clock)
                        .build();
            });
            byte[] ocsp = pki.ocspResponse(pki.memberSigningCredential(m.signer()).certificate(), clock.instant());
            byte[] container = writer.write(m.messageXml(), m.attachments(), ocsp);
            written.add(store(queryId == null ? "" : queryId, m.response(), container));
        }
        return List.copyOf(written);
    }

    /** Writes under a new name: the next record number, never over an existing file. */
    private Path store(String queryId, boolean response, byte[] container) {
        while (true) {
            Path file = directory.resolve(containerName(queryId, response, records.incrementAndGet()));
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                out.write(container);
                return file;
            } catch (FileAlreadyExistsException e) {
                // a container of an earlier run with the same query id and number: take the next number
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + file, e);
            }
        }
    }

    /**
     * X-Road's {@code AsicContainerNameGenerator.getArchiveFilename}: the query id URL-encoded ({@code URLEncoder},
     * UTF-8, {@code /} as {@code %2F}) and cut at 226 characters, {@code -request-} or {@code -response-}, the record
     * number in base 32 ({@code Long.toUnsignedString(seq, 32)}) and {@code .asice}.
     */
    static String containerName(String queryId, boolean response, long sequence) {
        String escaped = URLEncoder.encode(queryId, StandardCharsets.UTF_8).replace("/", "%2F");
        if (escaped.length() > MAX_QUERY_ID_LENGTH) {
            escaped = escaped.substring(0, MAX_QUERY_ID_LENGTH);
        }
        return escaped + '-' + (response ? "response" : "request") + '-' + Long.toUnsignedString(sequence, 32)
                + ".asice";
    }

    /**
     * The reason phrase of a REST response's status line as X-Road logs it (the provider's; the fake's providers give
     * none it could keep, so the standard one of RFC 9110, or empty for an unregistered status).
     */
    static String reasonPhrase(int status) {
        return REASONS.getOrDefault(status, "");
    }

    @Override
    public String toString() {
        return "MessageLogWriter[" + directory + "]";
    }
}
