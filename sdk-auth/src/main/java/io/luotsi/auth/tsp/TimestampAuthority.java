package io.luotsi.auth.tsp;

/**
 * Something that time-stamps data (RFC 3161): a time-stamping service over HTTP, or a {@link LocalTimestampAuthority}
 * in tests and test kits. Implementations are thread-safe.
 */
@FunctionalInterface
public interface TimestampAuthority {

    /**
     * A time-stamp token over {@code data}: its message imprint is the digest of {@code data}.
     *
     * @throws io.luotsi.core.LuotsiException when no token can be had
     */
    TimestampToken timestamp(byte[] data);
}
