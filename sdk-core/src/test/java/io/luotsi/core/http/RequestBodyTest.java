package io.luotsi.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestBodyTest {

    private static byte[] write(RequestBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void textIsUtf8WithItsLengthKnownAndRepeatable() throws IOException {
        RequestBody body = RequestBody.of("Pöö €", "text/plain; charset=utf-8");

        assertThat(body.contentLength()).isEqualTo("Pöö €".getBytes(StandardCharsets.UTF_8).length);
        assertThat(body.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(body.isOneShot()).isFalse();
        assertThat(new String(write(body), StandardCharsets.UTF_8)).isEqualTo("Pöö €");
        assertThat(new String(write(body), StandardCharsets.UTF_8)).as("written again").isEqualTo("Pöö €");
    }

    @Test
    void bytesAreWrittenAsGiven() throws IOException {
        byte[] bytes = {0, 1, (byte) 0xff};

        RequestBody body = RequestBody.of(bytes, null);

        assertThat(write(body)).containsExactly(0, 1, 0xff);
        assertThat(body.contentType()).isNull();
        assertThat(body.contentLength()).isEqualTo(3);
    }

    @Test
    void aFileIsStreamedAgainOnEveryWrite(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("payload.bin");
        Files.write(file, new byte[] {1, 2, 3, 4});

        RequestBody body = RequestBody.ofFile(file, "application/octet-stream");

        assertThat(body.contentLength()).isEqualTo(4);
        assertThat(body.isOneShot()).isFalse();
        assertThat(write(body)).containsExactly(1, 2, 3, 4);
        Files.write(file, new byte[] {9});
        assertThat(write(body)).as("read when written, not when created").containsExactly(9);
    }

    @Test
    void aMissingFileFailsWhenItsLengthIsAsked(@TempDir Path dir) {
        RequestBody body = RequestBody.ofFile(dir.resolve("missing.bin"), null);

        assertThatThrownBy(body::contentLength).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing.bin");
    }

    @Test
    void aStreamSupplierOpensAFreshStreamPerWriteAndClosesIt() throws IOException {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        RequestBody body = RequestBody.ofStream(() -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)) {
                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }, 3, "text/plain");

        assertThat(body.isOneShot()).isFalse();
        assertThat(write(body)).asString().isEqualTo("abc");
        assertThat(write(body)).asString().isEqualTo("abc");
        assertThat(opened).hasValue(2);
        assertThat(closed).hasValue(2);
    }

    @Test
    void aPlainStreamIsOneShotAndClosedAfterWriting() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream stream = new ByteArrayInputStream(new byte[] {7, 8}) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        RequestBody body = RequestBody.ofStream(stream, -1, "application/pdf");

        assertThat(body.isOneShot()).isTrue();
        assertThat(body.contentLength()).isEqualTo(-1);
        assertThat(write(body)).containsExactly(7, 8);
        assertThat(closed).isTrue();
        assertThatThrownBy(() -> write(body)).isInstanceOf(IOException.class).hasMessageContaining("one-shot");
    }

    @Test
    void aWriterIsOneShotOfUnknownLength() throws IOException {
        RequestBody body = RequestBody.ofWriter(out -> out.write("streamed".getBytes(StandardCharsets.US_ASCII)),
                "text/plain");

        assertThat(body.isOneShot()).isTrue();
        assertThat(body.contentLength()).isEqualTo(-1);
        assertThat(write(body)).asString().isEqualTo("streamed");
    }

    @Test
    void rejectsNullSources() {
        assertThatThrownBy(() -> RequestBody.of((byte[]) null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RequestBody.of((String) null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RequestBody.ofFile(null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RequestBody.ofStream((InputStream) null, 1, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> RequestBody.ofWriter(null, null)).isInstanceOf(NullPointerException.class);
    }
}
