package io.luotsi.testkit;

import io.luotsi.testkit.internal.HeaderField;
import io.luotsi.testkit.internal.UriSegments;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a REST request as X-Road 7.8's {@code RestRequest} does, failing with its messages
 * ({@link IllegalArgumentException}, which the client proxy reports as {@code server.clientproxy.internal_error}).
 */
final class RestRequestDecoder {

    /** {@code RestMessage.SKIPPED_HEADERS}: never forwarded, never hashed. */
    static final Set<String> SKIPPED_HEADERS = Set.of("transfer-encoding", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "upgrade", "connection", "user-agent", "host", "content-length",
            "server", "expect");

    /** {@code RestRequest.Verb}. */
    static final Set<String> VERBS = Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE");

    static final String REQUEST_ID = "x-road-request-id";
    static final String REQUEST_HASH = "x-road-request-hash";
    static final String QUERY_ID = "x-road-id";
    static final String CLIENT = "x-road-client";
    static final String SERVICE = "x-road-service";
    static final String SECURITY_SERVER = "x-road-security-server";
    static final String REPRESENTED_PARTY = "x-road-represented-party";

    /** What has been decoded so far; filled in step by step, so a failure still leaves what was read. */
    static final class Decoded {
        String verb;
        List<HeaderField> headers;
        ServiceId service;
        String servicePath;
        ClientId client;
        String queryId;
        SecurityServerId targetServer;
    }

    private RestRequestDecoder() {
    }

    /**
     * Decodes into {@code out}.
     *
     * @throws IllegalArgumentException with X-Road's message when the request is malformed
     */
    static void decode(String method, String rawPath, List<HeaderField> received, String xRequestId, Decoded out) {
        if (!VERBS.contains(method)) {
            throw new IllegalArgumentException("No enum constant ee.ria.xroad.common.message.RestRequest.Verb."
                    + method);
        }
        out.verb = method;
        List<HeaderField> headers = new ArrayList<>(received.size() + 2);
        for (HeaderField h : received) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (!SKIPPED_HEADERS.contains(name) && !name.equals(REQUEST_ID) && !name.equals(REQUEST_HASH)) {
                headers.add(h);
            }
        }
        headers.add(new HeaderField(REQUEST_ID, xRequestId));
        out.headers = headers;

        String[] parts = rawPath.split("/", 8);
        if (parts.length < 7) {
            throw new IllegalArgumentException("Invalid request URI");
        }
        String version = parts[1];
        int digit = version.length() == 2 && version.charAt(0) == 'r' ? Character.digit(version.charAt(1), 10) : -1;
        if (digit == -1) {
            throw new IllegalArgumentException("Invalid protocol version " + version);
        }
        if (digit != 1) {
            throw new IllegalArgumentException("Unsupported protocol version " + digit);
        }
        out.service = new ServiceId(new ClientId(UriSegments.decodeSegment(parts[2]),
                UriSegments.decodeSegment(parts[3]), UriSegments.decodeSegment(parts[4]),
                UriSegments.decodeSegment(parts[5])), UriSegments.decodeSegment(parts[6]), null);
        out.servicePath = parts.length == 8 ? "/" + parts[7] : "";

        for (HeaderField h : headers) {
            if (h.is(CLIENT)) {
                out.client = decodeClient(h.value());
            } else if (h.is(QUERY_ID)) {
                out.queryId = h.value();
            } else if (h.is(SECURITY_SERVER)) {
                out.targetServer = decodeServer(h.value());
            } else if (h.is(REPRESENTED_PARTY)) {
                checkRepresentedParty(h.value());
            }
        }
    }

    static ClientId decodeClient(String value) {
        String[] parts = value.split("/", 5);
        if (parts.length < 3 || parts.length > 4) {
            throw new IllegalArgumentException("Invalid Client Id");
        }
        return new ClientId(UriSegments.decodeSegment(parts[0]), UriSegments.decodeSegment(parts[1]),
                UriSegments.decodeSegment(parts[2]), parts.length == 4 ? UriSegments.decodeSegment(parts[3]) : null);
    }

    static SecurityServerId decodeServer(String value) {
        String[] parts = value.split("/", 5);
        if (parts.length != 4) {
            throw new IllegalArgumentException("Invalid SecurityServer Id");
        }
        return new SecurityServerId(UriSegments.decodeSegment(parts[0]), UriSegments.decodeSegment(parts[1]),
                UriSegments.decodeSegment(parts[2]), UriSegments.decodeSegment(parts[3]));
    }

    static void checkRepresentedParty(String value) {
        String[] parts = value.split("/");
        if (parts.length > 2) {
            throw new IllegalArgumentException("Invalid RepresentedParty Id");
        }
        for (String part : parts) {
            UriSegments.decodeSegment(part);
        }
    }

    /** An X-Road identifier for a response header: each part percent-encoded as a path segment. */
    static String encode(List<String> parts) {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(UriSegments.encodeSegment(part));
        }
        return sb.toString();
    }
}
