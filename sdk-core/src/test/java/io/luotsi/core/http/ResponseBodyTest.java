package io.luotsi.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.core.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseBodyTest {

    /** A body whose stream reports when it is closed and how much was read. */
    private static final class TrackedStream extends ByteArrayInputStream {
        final AtomicBoolean closed = new AtomicBoolean();

        TrackedStream(byte[] bytes) {
            super(bytes);
        }

        int bytesRead() {
            return pos;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void readsTheWholeBodyUpToTheLimitAndCloses() {
        TrackedStream stream = new TrackedStream(new byte[] {1, 2, 3});

        byte[] bytes = ResponseBody.of(stream, 3, null).bytes(3);

        assertThat(bytes).containsExactly(1, 2, 3);
        assertThat(stream.closed).isTrue();
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReading() {
        TrackedStream stream = new TrackedStream(new byte[100]);

        assertThatThrownBy(() -> ResponseBody.of(stream, 100, null).bytes(99))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("100").hasMessageContaining("99");
        assertThat(stream.bytesRead()).isZero();
        assertThat(stream.closed).isTrue();
    }

    @Test
    void refusesAnUndeclaredBodyOnceItPassesTheLimit() {
        TrackedStream stream = new TrackedStream(new byte[50_000]);

        ProtocolException e = org.assertj.core.api.Assertions.catchThrowableOfType(ProtocolException.class,
                () -> ResponseBody.of(stream, -1, null).bytes(10_000));

        assertThat(e.getMessage()).contains("10000");
        assertThat(e.retryable()).isFalse();
        assertThat(stream.bytesRead()).as("stops soon after the limit").isLessThan(10_000 + 8192 + 1);
        assertThat(stream.closed).isTrue();
    }

    @Test
    void refusesABodyLongerThanItsDeclaredLength() {
        // a server that declares 10 bytes and sends more must not slip past the limit
        assertThatThrownBy(() -> ResponseBody.of(new ByteArrayInputStream(new byte[20]), 10, null).bytes(15))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void aHugeDeclaredLengthUnderAHugeLimitDoesNotBreakBuffering() {
        ResponseBody body = ResponseBody.of(new ByteArrayInputStream(new byte[] {1}), 3_000_000_000L, null);

        assertThat(body.bytes(Long.MAX_VALUE)).containsExactly(1);
    }

    @Test
    void anEmptyBodyIsAnEmptyArray() {
        assertThat(ResponseBody.of(new byte[0], null).bytes(0)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "text/plain; charset=ISO-8859-1|ISO-8859-1",
            "text/plain;charset=\"windows-1252\"|windows-1252",
            "application/json; Charset=UTF-16BE|UTF-16BE",
            "application/json|UTF-8",
            "text/plain; charset=no-such-charset|UTF-8",
            "|UTF-8"})
    void takesTheCharsetFromTheContentType(String contentType, String charset) {
        assertThat(ResponseBody.of(new byte[0], contentType).charset().name()).isEqualTo(charset);
    }

    @Test
    void decodesTextInTheNamedCharset() {
        byte[] latin1 = "Pöö".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(ResponseBody.of(latin1, "text/plain; charset=iso-8859-1").string(100)).isEqualTo("Pöö");
        assertThat(ResponseBody.of("Pöö".getBytes(StandardCharsets.UTF_8), "text/plain").string(100))
                .isEqualTo("Pöö");
    }

    @Test
    void closingTheResponseClosesTheBody() {
        TrackedStream stream = new TrackedStream(new byte[1]);
        HttpRequest request = HttpRequest.builder().uri("http://ss.test/").build();
        HttpResponse response = new HttpResponse(request, 204, null, Headers.empty(),
                ResponseBody.of(stream, 1, null));

        response.close();

        assertThat(stream.closed).isTrue();
        assertThat(response.reason()).isEmpty();
        assertThat(response.isSuccessful()).isTrue();
        assertThat(response.isRedirect()).isFalse();
        assertThat(response.toString()).contains("204");
    }

    @Test
    void streamReturnsTheUnderlyingStream() throws Exception {
        InputStream in = new ByteArrayInputStream(new byte[] {5});

        assertThat(ResponseBody.of(in, 1, "a/b").stream()).isSameAs(in);
        assertThat(ResponseBody.of(in, 1, "a/b").contentType()).isEqualTo("a/b");
    }
}
