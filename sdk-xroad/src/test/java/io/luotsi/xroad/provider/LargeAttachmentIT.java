package io.luotsi.xroad.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.soap.AttachmentSource;
import io.luotsi.xroad.soap.SoapResponse;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB attachment from the consumer API to the provider API over loopback, with 128 MiB of heap on each side: the
 * test JVM (failsafe argLine) calls a provider in a child JVM started with -Xmx128m. Both must stream.
 */
class LargeAttachmentIT {

    static final long SIZE = 1L << 30;

    /** Deterministic pseudo-random bytes, generated as they are read. */
    static final class Generated extends InputStream {
        private final Random random = new Random(42);
        private final byte[] block = new byte[64 * 1024];
        private long left = SIZE;
        private int pos = block.length;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            if (pos == block.length) {
                random.nextBytes(block);
                pos = 0;
            }
            int n = (int) Math.min(Math.min(len, block.length - pos), left);
            System.arraycopy(block, pos, b, off, n);
            pos += n;
            left -= n;
            return n;
        }
    }

    @Test
    void aGibibyteAttachmentPassesFromConsumerToProviderWithBoundedMemory() throws Exception {
        CRC32 expected = new CRC32();
        try (InputStream in = new Generated()) {
            byte[] buf = new byte[64 * 1024];
            int r;
            while ((r = in.read(buf)) >= 0) {
                expected.update(buf, 0, r);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                LargeAttachmentProvider.class.getName())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            int port = Integer.parseInt(new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine().trim());
            assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(160L * 1024 * 1024);
            try (XRoadClient client = XRoadClient.builder().securityServer("http://127.0.0.1:" + port)
                    .client(ClientId.parse("EE/GOV/1234")).build();
                 SoapResponse<String> r = client.soap(ServiceId.parse("EE/GOV/5678/big/upload"))
                         .requestXml("<upload/>")
                         .attach(AttachmentSource.ofStream(Generated::new, "application/octet-stream"))
                         .execute(String.class)) {
                assertThat(r.body()).contains("<n>" + SIZE + "</n>")
                        .contains("<crc>" + expected.getValue() + "</crc>")
                        .contains("<onDisk>true</onDisk>");
                long childHeap = Long.parseLong(r.body().replaceAll(".*<maxHeap>(\\d+)</maxHeap>.*", "$1"));
                assertThat(childHeap).isLessThanOrEqualTo(160L * 1024 * 1024);
            }
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }
}
