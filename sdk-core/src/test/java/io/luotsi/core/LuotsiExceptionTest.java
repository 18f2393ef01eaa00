package io.luotsi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class LuotsiExceptionTest {

    @Test
    void theMessageEndsWithTheIdsThatAreKnown() {
        ServiceException both = new ServiceException("failed", null, 500, true, "msg-1", "req-2");
        ServiceException messageOnly = new ServiceException("failed", null, 500, true, "msg-1", " ");
        ServiceException requestOnly = new ServiceException("failed", null, 500, true, null, "req-2");
        ServiceException neither = new ServiceException("failed", null, 500, true, "", null);

        assertThat(both.getMessage()).isEqualTo("failed [messageId=msg-1, requestId=req-2]");
        assertThat(messageOnly.getMessage()).isEqualTo("failed [messageId=msg-1]");
        assertThat(messageOnly.requestId()).isEmpty();
        assertThat(requestOnly.getMessage()).isEqualTo("failed [requestId=req-2]");
        assertThat(neither.getMessage()).isEqualTo("failed");
        assertThat(both.messageId()).contains("msg-1");
        assertThat(both.requestId()).contains("req-2");
    }

    @Test
    void eachBranchSaysWhetherARetryMayHelpAndWhetherTheRequestMayHaveBeenProcessed() {
        IOException cause = new IOException("io");
        TransportException connect = new TransportException("c", cause, TransportException.Phase.CONNECT, true,
                null, null);
        TransportException exchange = new TransportException("e", cause, TransportException.Phase.EXCHANGE, true,
                null, null);
        TransportException notSent = new TransportException("n", null, TransportException.Phase.NOT_SENT, false,
                null, null);

        assertThat(connect.requestMayHaveBeenProcessed()).isFalse();
        assertThat(exchange.requestMayHaveBeenProcessed()).isTrue();
        assertThat(notSent.requestMayHaveBeenProcessed()).isFalse();
        assertThat(notSent.retryable()).isFalse();
        assertThat(connect.getCause()).isSameAs(cause);

        assertThat(new ProtocolException("p").retryable()).isFalse();
        assertThat(new ProtocolException("p").requestMayHaveBeenProcessed()).isTrue();
        assertThat(new ConfigurationException("c").retryable()).isFalse();
        assertThat(new ConfigurationException("c", cause).requestMayHaveBeenProcessed()).isFalse();
        assertThat(new AuthorizationException("a", null, "m").retryable()).isFalse();
        assertThat(new AuthorizationException("a", null, "m").requestMayHaveBeenProcessed()).isFalse();
        assertThat(new AuthorizationException("a", null, "m").messageId()).contains("m");
        VerificationException v = new VerificationException("signature_invalid", "bad signature", null);
        assertThat(v.code()).isEqualTo("signature_invalid");
        assertThat(v.retryable()).isFalse();
        ServiceException s = new ServiceException("s", null, 503, true, null, null);
        assertThat(s.statusCode()).isEqualTo(503);
        assertThat(s.retryable()).isTrue();
        assertThat(s.requestMayHaveBeenProcessed()).isTrue();
    }

    @Test
    void aRejectedCallWasNotSentAndMayBeTriedLater() {
        CallRejectedException open = new CallRejectedException(CallRejectedException.Reason.CIRCUIT_OPEN,
                "FI/GOV/1/svc", "msg-3");
        CallRejectedException full = new CallRejectedException(CallRejectedException.Reason.BULKHEAD_FULL,
                "FI/GOV/1/svc", null);

        assertThat(open).isInstanceOf(TransportException.class);
        assertThat(open.phase()).isEqualTo(TransportException.Phase.NOT_SENT);
        assertThat(open.retryable()).isTrue();
        assertThat(open.requestMayHaveBeenProcessed()).isFalse();
        assertThat(open.getMessage()).contains("circuit breaker is open").endsWith("[messageId=msg-3]");
        assertThat(full.getMessage()).contains("bulkhead full");
        assertThat(CallRejectedException.Reason.CIRCUIT_OPEN.label()).isEqualTo("circuit-open");
        assertThat(CallRejectedException.Reason.BULKHEAD_FULL.label()).isEqualTo("bulkhead-full");
    }

    @Test
    void transportExceptionNeedsAPhaseAndVerificationACode() {
        assertThatThrownBy(() -> new TransportException("x", null, null, true, null, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new VerificationException(null, "x", null)).isInstanceOf(NullPointerException.class);
    }
}
