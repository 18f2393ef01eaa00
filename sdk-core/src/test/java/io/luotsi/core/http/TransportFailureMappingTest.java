package io.luotsi.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.core.HttpPipeline;
import io.luotsi.core.TransportException;
import io.luotsi.core.TransportException.Phase;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How {@link HttpPipeline#transportFailure} classifies what a transport throws. */
class TransportFailureMappingTest {

    private static final HttpRequest REQUEST = HttpRequest.builder()
            .uri("https://ss.test:8443/r1/FI/GOV/1/svc/persons/EE37702211234").build();

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new ConnectException("refused"), Phase.CONNECT, true),
                Arguments.of(new UnknownHostException("ss.test"), Phase.CONNECT, true),
                Arguments.of(new NoRouteToHostException("no route"), Phase.CONNECT, true),
                Arguments.of(new OkHttpTransport.NothingSentException(new SocketTimeoutException("connect timed out")),
                        Phase.CONNECT, true),
                Arguments.of(new OkHttpTransport.NothingSentException(new IOException("reset in handshake")),
                        Phase.CONNECT, true),
                Arguments.of(new SSLHandshakeException("PKIX path building failed"), Phase.CONNECT, false),
                Arguments.of(new OkHttpTransport.NothingSentException(new SSLPeerUnverifiedException("hostname")),
                        Phase.CONNECT, false),
                Arguments.of(new SocketTimeoutException("Read timed out"), Phase.EXCHANGE, true),
                Arguments.of(new InterruptedIOException("timeout"), Phase.EXCHANGE, true),
                Arguments.of(new InterruptedIOException("Canceled"), Phase.EXCHANGE, false),
                Arguments.of(new IOException("unexpected end of stream"), Phase.EXCHANGE, true));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void classifiesByWhatTheFailureProves(IOException failure, Phase phase, boolean retryable) {
        TransportException e = HttpPipeline.transportFailure(failure, REQUEST, "msg-9");

        assertThat(e.phase()).isEqualTo(phase);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.requestMayHaveBeenProcessed()).isEqualTo(phase == Phase.EXCHANGE);
        assertThat(e.messageId()).contains("msg-9");
        assertThat(e.getMessage()).contains("https://ss.test:8443").doesNotContain("EE37702211234");
        IOException expectedCause = failure instanceof OkHttpTransport.NothingSentException
                ? (IOException) failure.getCause() : failure;
        assertThat(e.getCause()).isSameAs(expectedCause);
    }
}
