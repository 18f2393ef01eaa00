package io.luotsi.testkit;

import io.luotsi.testkit.internal.PathGlob;
import java.util.Objects;

/**
 * A declarative answer of a stubbed REST service: requests whose method and service path match get
 * {@code response}. Stubs of a service are tried in order; the first match answers. A request that matches none is
 * answered with 404 by the "provider" and counts as unmatched (strict mode fails the test).
 *
 * @param method   an HTTP method or {@code *}
 * @param path     a path pattern on the raw service path ({@code *} within a segment, {@code **} across), e.g.
 *                 {@code /pets/*}; {@code **} matches every path
 * @param response what to answer
 */
public record RestStub(String method, String path, FakeRestResponse response) {

    public RestStub {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(response, "response");
    }

    /** Any method, any path. */
    public static RestStub always(FakeRestResponse response) {
        return new RestStub("*", "**", response);
    }

    public boolean matches(String requestMethod, String rawServicePath) {
        return (method.equals("*") || method.equalsIgnoreCase(requestMethod))
                && (path.equals("**") || PathGlob.matches(path, rawServicePath));
    }
}
