package io.luotsi.testkit;

import io.luotsi.testkit.internal.PathGlob;
import io.luotsi.testkit.internal.UriSegments;
import io.luotsi.xroad.ClientId;
import java.net.URI;
import java.util.Objects;

/**
 * One access right of a service: a client may call it with a method on paths that match a pattern, as an X-Road
 * Security Server grants rights per REST endpoint. {@code *} as method means any method; in the path {@code *}
 * matches within one segment and {@code **} matches anything, so {@code ("*", "**")} is the whole service.
 *
 * <p>A right names one client exactly: a right of member {@code DEV/COM/1234} does not cover its subsystems.
 *
 * <pre>{@code
 * AccessRight.all(consumer)                       // every method, every path
 * AccessRight.of(consumer, "GET", "/pets/*")      // GET /pets/1, not GET /pets/1/photos
 * }</pre>
 *
 * @param client the client the right is granted to
 * @param method an HTTP method or {@code *}
 * @param path   a path pattern, matched against the service path after percent-decoding and {@code ./..} removal
 */
public record AccessRight(ClientId client, String method, String path) {

    public AccessRight {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (method.isBlank()) {
            throw new IllegalArgumentException("method is blank (use * for any)");
        }
    }

    /** Every method on every path of the service. */
    public static AccessRight all(ClientId client) {
        return new AccessRight(client, "*", "**");
    }

    public static AccessRight of(ClientId client, String method, String path) {
        return new AccessRight(client, method, path);
    }

    /**
     * Whether this right lets {@code caller} send {@code requestMethod} to {@code rawServicePath} (the part of the
     * request path after the service code, still percent-encoded), the way X-Road's server configuration checks
     * it: the path is normalized and percent-decoded first.
     */
    public boolean permits(ClientId caller, String requestMethod, String rawServicePath) {
        if (!client.equals(caller)) {
            return false;
        }
        if (!method.equals("*") && !method.equalsIgnoreCase(requestMethod)) {
            return false;
        }
        if (path.equals("**")) {
            return true;
        }
        String normalized;
        try {
            normalized = UriSegments.decode(URI.create(rawServicePath).normalize().getRawPath(), true);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return PathGlob.matches(path, normalized);
    }
}
