package io.luotsi.xroad.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB attachment through the multipart writer and decoder in a JVM with 128 MiB of heap (failsafe execution
 * {@code bounded-memory}): streaming must hold.
 */
class AttachmentBoundedMemoryIT {

    private static final long SIZE = 1L << 30;
    private static final SoapHeader HEADER = SoapHeader.builder()
            .client(ClientId.parse("MEMBER:EE/BUSINESS/consumer"))
            .service(ServiceId.parse("SERVICE:EE/BUSINESS/producer/test")).id("big").build();

    @BeforeAll
    static void runsWithSmallHeap() {
        assertThat(Runtime.getRuntime().maxMemory()).as("run by failsafe with -Xmx128m")
                .isLessThanOrEqualTo(160L * 1024 * 1024);
    }

    /**
     * Deterministic bytes: xorshift noise with CRLFs and lines that look like the delimiter (the boundary followed by
     * another character) every few KiB. Keeps the CRC of what it produced.
     */
    static final class Generator extends InputStream {
        private final byte[] trap;
        private final long size;
        private final CRC32 crc = new CRC32();
        private long produced;
        private long state = 0x9E3779B97F4A7C15L;

        Generator(long size, String boundary) {
            this.size = size;
            this.trap = ("\r\n--" + boundary + "X\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (produced >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - produced);
            for (int i = 0; i < n; i++) {
                long pos = produced + i;
                int inTrap = (int) (pos % 4099);
                if (inTrap < trap.length) {
                    b[off + i] = trap[inTrap];
                } else {
                    state ^= state << 13;
                    state ^= state >>> 7;
                    state ^= state << 17;
                    b[off + i] = (byte) state;
                }
            }
            crc.update(b, off, n);
            produced += n;
            return n;
        }

        long crc() {
            return crc.getValue();
        }
    }

    /** Counts and checksums what a handler reads. */
    private static long[] drain(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        int r;
        while ((r = in.read(buf)) >= 0) {
            crc.update(buf, 0, r);
            n += r;
        }
        return new long[] {n, crc.getValue()};
    }

    @Test
    void streamsAOneGibAttachmentFromWriterToDecoder() throws Exception {
        PipedInputStream pipeIn = new PipedInputStream(1 << 20);
        PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
        SoapMultipartWriter mp = SoapMultipartWriter.swa(pipeOut);
        Generator gen = new Generator(SIZE, mp.boundary());
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream o = pipeOut) {
                SoapEnvelopeWriter.create().write(mp.openSoapPart(), HEADER, SoapBody.xml("<test/>"));
                mp.attachment("application/octet-stream", gen);
                mp.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        long[][] seen = new long[1][];
        SoapMessageDecoder.create().decode(pipeIn, mp.contentType(), new SoapMessageDecoder.Handler() {
            @Override
            public void soap(SoapEnvelope soap, MimeHeaders partHeaders) {
                assertThat(((SoapMessage) soap).header().id()).isEqualTo("big");
            }

            @Override
            public void attachment(MimeHeaders headers, InputStream content) throws IOException {
                seen[0] = drain(content);
            }
        });
        writer.get(5, TimeUnit.MINUTES);
        assertThat(seen[0][0]).isEqualTo(SIZE);
        assertThat(seen[0][1]).isEqualTo(gen.crc());
    }

    @Test
    void spoolsAOneGibAttachmentToATemporaryFileAndDeletesIt(@TempDir Path dir) throws Exception {
        PipedInputStream pipeIn = new PipedInputStream(1 << 20);
        PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
        SoapMultipartWriter mp = SoapMultipartWriter.mtom(pipeOut);
        Generator gen = new Generator(SIZE, mp.boundary());
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream o = pipeOut) {
                SoapEnvelopeWriter.create().write(mp.openSoapPart(), HEADER, SoapBody.xml("<test><xop:Include "
                        + "xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:big@luotsi\"/></test>"));
                mp.attachment("big@luotsi", "application/octet-stream", gen);
                mp.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        SoapMessageDecoder decoder = SoapMessageDecoder.builder().tempDirectory(dir).build();
        try (DecodedSoapMessage m = decoder.decode(pipeIn, mp.contentType())) {
            writer.get(5, TimeUnit.MINUTES);
            Attachment a = m.attachment(m.message().xopIncludes().get(0)).orElseThrow();
            assertThat(a.isOnDisk()).isTrue();
            assertThat(a.size()).isEqualTo(SIZE);
            try (InputStream in = a.openStream()) {
                long[] seen = drain(in);
                assertThat(seen[0]).isEqualTo(SIZE);
                assertThat(seen[1]).isEqualTo(gen.crc());
            }
        }
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isZero();
        }
    }
}
