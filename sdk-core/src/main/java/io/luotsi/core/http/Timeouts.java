package io.luotsi.core.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts of one call. {@link Duration#ZERO} means none.
 *
 * @param connect to establish the TCP connection and TLS session
 * @param read    between two reads of the response (also waiting for the first byte)
 * @param write   between two writes of the request
 * @param call    for the whole call, including the body; zero for streaming calls whose length is unknown
 */
public record Timeouts(Duration connect, Duration read, Duration write, Duration call) {

    /** 10 s connect, 60 s read and write, no overall limit. */
    public static final Timeouts DEFAULT =
            new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ZERO);

    public Timeouts {
        check(connect, "connect");
        check(read, "read");
        check(write, "write");
        check(call, "call");
    }

    public Timeouts withConnect(Duration d) {
        return new Timeouts(d, read, write, call);
    }

    public Timeouts withRead(Duration d) {
        return new Timeouts(connect, d, write, call);
    }

    public Timeouts withWrite(Duration d) {
        return new Timeouts(connect, read, d, call);
    }

    public Timeouts withCall(Duration d) {
        return new Timeouts(connect, read, write, d);
    }

    private static void check(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " timeout is negative: " + d);
        }
    }
}
