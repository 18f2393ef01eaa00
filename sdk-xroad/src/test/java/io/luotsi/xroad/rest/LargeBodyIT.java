package io.luotsi.xroad.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.luotsi.core.http.RequestBody;
import io.luotsi.core.http.Timeouts;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies far larger than the heap stream through the client in both directions: 1 GiB up and 1 GiB down in one
 * exchange, with the JVM capped at 128 MiB (failsafe's argLine), against the JDK's HTTP server on loopback, which
 * streams both bodies (chunked). MockWebServer would buffer them and cannot be used here.
 */
class LargeBodyIT {

    static final long SIZE = 1L << 30;
    static final int CHUNK = 64 * 1024;
    static final ClientId CONSUMER = ClientId.subsystem("EE", "BUSINESS", "consumer", "sub");
    static final ServiceId SERVICE = ServiceId.of("EE", "BUSINESS", "producer", "sub", "archive");

    static long expectedCrc;

    HttpServer server;
    ExecutorService executor;
    final AtomicReference<String> seenTarget = new AtomicReference<>();
    final AtomicReference<String> seenClient = new AtomicReference<>();
    final AtomicReference<String> seenTransferEncoding = new AtomicReference<>();

    @BeforeAll
    static void computeExpectedChecksum() throws IOException {
        assertThat(Runtime.getRuntime().maxMemory()).as("the IT must run with a small heap")
                .isLessThan(256L * 1024 * 1024);
        CRC32 crc = new CRC32();
        byte[] buf = new byte[CHUNK];
        try (InputStream in = new GeneratedStream(SIZE)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                crc.update(buf, 0, n);
            }
        }
        expectedCrc = crc.getValue();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext("/", this::echoSizes);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Reads the whole request body, reports its size and CRC in headers, then streams 1 GiB back, chunked. */
    private void echoSizes(HttpExchange exchange) throws IOException {
        seenTarget.set(exchange.getRequestURI().getRawPath());
        seenClient.set(exchange.getRequestHeaders().getFirst("X-Road-Client"));
        seenTransferEncoding.set(exchange.getRequestHeaders().getFirst("Transfer-Encoding"));
        CRC32 crc = new CRC32();
        long count = 0;
        byte[] buf = new byte[CHUNK];
        try (InputStream in = exchange.getRequestBody()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                crc.update(buf, 0, n);
                count += n;
            }
        }
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().add("X-Received-Bytes", Long.toString(count));
        exchange.getResponseHeaders().add("X-Received-Crc", Long.toString(crc.getValue()));
        exchange.getResponseHeaders().add("X-Road-Id", "big-1");
        exchange.sendResponseHeaders(200, 0); // 0: chunked, length unknown
        try (OutputStream out = exchange.getResponseBody(); InputStream gen = new GeneratedStream(SIZE)) {
            int n;
            while ((n = gen.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        }
    }

    @Test
    void streamsAGibibyteUpAndAGibibyteDownWithASmallHeap() throws IOException {
        try (XRoadClient client = XRoadClient.builder()
                .securityServer("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort())
                .client(CONSUMER)
                .timeouts(Timeouts.DEFAULT.withRead(Duration.ofMinutes(2)).withWrite(Duration.ofMinutes(2)))
                .build()) {

            RequestBody upload = RequestBody.ofStream(() -> new GeneratedStream(SIZE), -1, "application/octet-stream");
            long count = 0;
            CRC32 crc = new CRC32();
            try (RestStreamResponse r = client.rest(SERVICE).post("/documents/{id}", "big 1").body(upload)
                    .executeStreaming()) {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.xroad().messageId()).contains("big-1");
                assertThat(r.contentLength()).isEqualTo(-1);
                assertThat(Long.parseLong(r.headers().value("X-Received-Bytes").orElseThrow())).isEqualTo(SIZE);
                assertThat(Long.parseLong(r.headers().value("X-Received-Crc").orElseThrow())).isEqualTo(expectedCrc);
                byte[] buf = new byte[CHUNK];
                try (InputStream in = r.body()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        crc.update(buf, 0, n);
                        count += n;
                    }
                }
            }
            assertThat(count).isEqualTo(SIZE);
            assertThat(crc.getValue()).isEqualTo(expectedCrc);
            assertThat(seenTarget.get()).isEqualTo("/r1/EE/BUSINESS/producer/sub/archive/documents/big%201");
            assertThat(seenClient.get()).isEqualTo("EE/BUSINESS/consumer/sub");
            assertThat(seenTransferEncoding.get()).isEqualTo("chunked");
        }
    }

    /**
     * {@code size} deterministic pseudo-random bytes, generated on the fly: a 64 KiB random block repeated, each copy
     * stamped with its index so that a lost, repeated or reordered chunk changes the checksum.
     */
    static final class GeneratedStream extends InputStream {
        private static final byte[] PATTERN = new byte[CHUNK];

        static {
            new Random(20260206L).nextBytes(PATTERN);
        }

        private final long size;
        private final byte[] block = new byte[CHUNK];
        private long pos;
        private long blockIndex = -1;

        GeneratedStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            long index = pos / CHUNK;
            if (index != blockIndex) {
                System.arraycopy(PATTERN, 0, block, 0, CHUNK);
                ByteBuffer.wrap(block).putLong(0, index);
                blockIndex = index;
            }
            int inBlock = (int) (pos % CHUNK);
            int n = (int) Math.min(Math.min(len, CHUNK - inBlock), size - pos);
            System.arraycopy(block, inBlock, b, off, n);
            pos += n;
            return n;
        }
    }
}
