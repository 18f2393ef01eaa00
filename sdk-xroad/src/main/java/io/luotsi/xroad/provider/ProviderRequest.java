package io.luotsi.xroad.provider;

import io.luotsi.auth.consent.Purpose;
import io.luotsi.core.ProtocolException;
import io.luotsi.core.http.Headers;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.XRoadHeaders;
import io.luotsi.xroad.consent.ConsentHeaders;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A REST request as a provider's service receives it from its Security Server, with the X-Road headers the Security
 * Server adds read into typed values: the authenticated client ({@code X-Road-Client}), the message id
 * ({@code X-Road-Id}), the Security Server's request id ({@code X-Road-Request-Id}), and what the client sent along:
 * {@code X-Road-UserId}, {@code X-Road-Issue}, {@code X-Road-Represented-Party}, and Luotsi's
 * {@value ConsentHeaders#PURPOSE} and {@value ConsentHeaders#AUTHORIZATION}. No web framework is needed: read it from
 * the JDK HTTP server's exchange or from any header map.
 *
 * <pre>{@code
 * server.createContext("/persons", exchange -> {
 *     ProviderRequest request = JdkHttpExchanges.providerRequest(exchange);
 *     ClientId caller = request.client();
 *     ...
 * });
 * }</pre>
 *
 * The body is not read. {@code X-Road-Client} and {@code X-Road-Id} are required (a provider Security Server always
 * sets both); a request without them, or with a malformed X-Road header, is a {@link ProtocolException}. Repeated
 * headers: the last value counts, as X-Road reads them.
 */
public final class ProviderRequest {

    private final String method;
    private final String path;
    private final String query;
    private final Headers headers;
    private final ClientId client;
    private final String messageId;
    private final String requestId;
    private final String userId;
    private final String issue;
    private final RepresentedParty representedParty;

    private ProviderRequest(String method, String path, String query, Headers headers) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = headers;
        String clientHeader = headers.lastValue(XRoadHeaders.CLIENT);
        if (clientHeader == null) {
            throw new ProtocolException("the request has no X-Road-Client header: it did not come through a "
                    + "Security Server");
        }
        try {
            this.client = ClientId.parseEncoded(clientHeader);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("X-Road-Client is not a client identifier", e);
        }
        this.messageId = headers.lastValue(XRoadHeaders.ID);
        if (messageId == null || messageId.isBlank()) {
            throw new ProtocolException("the request has no X-Road-Id header: it did not come through a Security "
                    + "Server");
        }
        this.requestId = headers.lastValue(XRoadHeaders.REQUEST_ID);
        this.userId = headers.lastValue(XRoadHeaders.USER_ID);
        this.issue = headers.lastValue(XRoadHeaders.ISSUE);
        String party = headers.lastValue(XRoadHeaders.REPRESENTED_PARTY);
        try {
            this.representedParty = party == null ? null : RepresentedParty.parseEncoded(party);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("X-Road-Represented-Party is not [class/]code", e);
        }
    }

    /**
     * Reads a request from its method, raw path and query (or {@code null}), and headers (names in any case).
     *
     * @throws ProtocolException when the X-Road headers are missing or malformed
     */
    public static ProviderRequest from(String method, String rawPath, String rawQuery,
                                       Map<String, List<String>> headers) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(headers, "headers");
        Headers.Builder b = Headers.builder();
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                values.forEach(v -> b.add(name, v));
            }
        });
        return new ProviderRequest(method, rawPath, rawQuery, b.build());
    }

    /**
     * The same view of a SOAP request, so one {@link ConsentEnforcer} serves both protocols: the header fields become
     * the REST headers the provider's Security Server would have added ({@code X-Road-Client}, {@code X-Road-Id},
     * {@code X-Road-UserId}, {@code X-Road-Issue}, {@code X-Road-Represented-Party}); the {@code <luotsi:purpose>}
     * header element becomes {@value ConsentHeaders#PURPOSE}, and the {@code securityToken} with its
     * {@code tokenType} becomes {@value ConsentHeaders#AUTHORIZATION}. The method is POST, the path
     * {@code /<serviceCode>}.
     */
    public static ProviderRequest from(SoapRequest request) {
        Objects.requireNonNull(request, "request");
        io.luotsi.xroad.soap.SoapHeader h = request.header();
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        headers.put("X-Road-Client", List.of(h.client().toEncodedString()));
        headers.put("X-Road-Id", List.of(h.id()));
        h.userId().ifPresent(v -> headers.put("X-Road-UserId", List.of(v)));
        h.issue().ifPresent(v -> headers.put("X-Road-Issue", List.of(v)));
        h.representedParty().ifPresent(v -> headers.put("X-Road-Represented-Party", List.of(v.toEncodedString())));
        for (io.luotsi.xroad.soap.SoapHeaderElement e : h.otherElements()) {
            if (ConsentHeaders.SOAP_NAMESPACE.equals(e.name().getNamespaceURI())
                    && ConsentHeaders.SOAP_PURPOSE_ELEMENT.equals(e.name().getLocalPart())) {
                headers.put(ConsentHeaders.PURPOSE, List.of(elementText(e.xml())));
            }
        }
        h.securityToken().ifPresent(t -> headers.put(ConsentHeaders.AUTHORIZATION, List.of(
                ConsentHeaders.evidenceType(t.tokenType() == null ? "" : t.tokenType()) + " " + t.token().strip())));
        return from("POST", "/" + h.service().serviceCode(), null, headers);
    }

    /** The text of a simple element written as {@code <p:e ...>text</p:e>} (entities of the writer undone). */
    private static String elementText(String xml) {
        int open = xml.indexOf('>');
        int close = xml.lastIndexOf("</");
        if (open < 0 || close < open) {
            return "";
        }
        return xml.substring(open + 1, close).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&amp;", "&").strip();
    }

    public String method() {
        return method;
    }

    /** The path, raw (percent-encoded as received). */
    public String path() {
        return path;
    }

    /** The raw query, when there is one. */
    public Optional<String> query() {
        return Optional.ofNullable(query);
    }

    public Headers headers() {
        return headers;
    }

    /** The client the Security Servers authenticated ({@code X-Road-Client}). */
    public ClientId client() {
        return client;
    }

    /** {@code X-Road-Id}. */
    public String messageId() {
        return messageId;
    }

    /** {@code X-Road-Request-Id}, which the consumer's Security Server assigns. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** {@code X-Road-UserId}: the user the client acts for. Personal data: never log it. */
    public Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    /** {@code X-Road-Issue}. */
    public Optional<String> issue() {
        return Optional.ofNullable(issue);
    }

    /** {@code X-Road-Represented-Party}. */
    public Optional<RepresentedParty> representedParty() {
        return Optional.ofNullable(representedParty);
    }

    /**
     * The purpose from {@value ConsentHeaders#PURPOSE}.
     *
     * @throws IllegalArgumentException when the header is malformed
     */
    public Optional<Purpose> purpose() {
        String value = headers.lastValue(ConsentHeaders.PURPOSE);
        return value == null ? Optional.empty() : Optional.of(ConsentHeaders.parsePurpose(value));
    }

    /**
     * The evidence from {@value ConsentHeaders#AUTHORIZATION}, not yet verified.
     *
     * @throws IllegalArgumentException when the header is malformed
     */
    public Optional<ConsentHeaders.PresentedEvidence> authorization() {
        String value = headers.lastValue(ConsentHeaders.AUTHORIZATION);
        return value == null ? Optional.empty() : Optional.of(ConsentHeaders.parseAuthorization(value));
    }

    @Override
    public String toString() {
        return "ProviderRequest[" + method + " from " + client.toShortString() + ", " + messageId + "]";
    }
}
