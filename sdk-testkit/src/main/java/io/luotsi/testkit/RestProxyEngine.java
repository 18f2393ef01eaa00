package io.luotsi.testkit;

import io.luotsi.testkit.internal.ErrorBodies;
import io.luotsi.testkit.internal.HeaderField;
import io.luotsi.testkit.internal.RawHandler;
import io.luotsi.testkit.internal.RawRequest;
import io.luotsi.testkit.internal.RawResponse;
import io.luotsi.testkit.internal.XRoadFault;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The X-Road logic of the fake: the client proxy ({@code ClientRestMessageHandler},
 * {@code ClientRestMessageProcessor}) and the provider's server proxy ({@code ServerRestMessageProcessor}) of
 * X-Road 7.8 in one, in their order of checks, with their codes and messages.
 */
final class RestProxyEngine implements RawHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RestProxyEngine.class);
    private static final String REST_PREFIX = "/r1/";
    /** The REST metaservice path of the client proxy; another handler will own it (see {@link #handle}). */
    static final String LIST_CLIENTS = "/listClients";
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    /** What the engine needs to know about its server. */
    record Settings(String instance, SecurityServerId serverId, long maxBodyBytes, ConnectionType defaultConnection,
                    List<X509Certificate> defaultIsCertificates, Clock clock) {
    }

    private final Settings settings;
    private final FakeRegistry registry;
    private final RecordedExchanges recordings;
    private final ProviderCaller provider;
    private final DiscoveryEngine discovery;
    private final AtomicLong sequence = new AtomicLong();
    private final SoapProxyEngine soap;
    /** The message log, or null when it is off. */
    private final MessageLogWriter messageLog;

    RestProxyEngine(Settings settings, FakeRegistry registry, RecordedExchanges recordings, ProviderCaller provider,
                    DiscoveryEngine discovery, SoapProxyEngine soap, MessageLogWriter messageLog) {
        this.settings = settings;
        this.registry = registry;
        this.recordings = recordings;
        this.provider = provider;
        this.discovery = discovery;
        this.soap = soap;
        this.messageLog = messageLog;
    }

    /** Everything learned about one exchange, for its recording. */
    private static final class Trace {
        final RawRequest raw;
        final Instant time;
        ClientId client;
        ServiceId service;
        String messageId;
        String requestId;
        byte[] restHeaderPart;
        String requestHash;
        RecordedRequest providerRequest;
        String unmatched;
        Throwable failure;
        /** What the message log logs: the request, then the response (when there is one). */
        final List<MessageLogWriter.Message> logged = new ArrayList<>(2);

        Trace(RawRequest raw, Instant time) {
            this.raw = raw;
            this.time = time;
        }
    }

    @Override
    public RawResponse handle(RawRequest raw) {
        // As X-Road's client proxy: /r1/... is REST; /listClients the metadata handler, and the Central Server's
        // configuration paths the fake also serves, are answered by the discovery engine; anything else is SOAP.
        boolean isRest = raw.rawPath().startsWith(REST_PREFIX);
        DiscoveryEngine.Answered plain = isRest ? null : discovery.plainHttp(raw);
        if (!isRest && plain == null && soap != null) {
            return soap.handle(raw, sequence);
        }
        Trace trace = new Trace(raw, settings.clock().instant());
        RawResponse response;
        try {
            response = isRest ? rest(raw, trace) : nonRest(raw, trace, plain);
        } catch (RuntimeException | Error e) {
            LOG.warn("the fake Security Server failed on a {} request", raw.method(), e);
            XRoadFault fault = new XRoadFault("server.clientproxy.internal_error", String.valueOf(e),
                    XRoadFault.Kind.UNROUTABLE, e);
            trace.failure = e;
            trace.unmatched = "the fake Security Server failed: " + e;
            response = restError(fault, raw);
        }
        record(trace, response);
        return response;
    }

    private RawResponse rest(RawRequest raw, Trace trace) {
        RestRequestDecoder.Decoded decoded = new RestRequestDecoder.Decoded();
        String xRequestId = UUID.randomUUID().toString();
        try {
            try {
                RestRequestDecoder.decode(raw.method(), raw.rawPath(), raw.headers(), xRequestId, decoded);
            } finally {
                trace.service = decoded.service;
                trace.client = decoded.client;
            }
            trace.requestId = xRequestId;
            ClientId client = decoded.client;
            // ClientRestMessageProcessor.process: verifyClientStatus, verifyClientAuthentication
            if (client == null) {
                throw XRoadFault.unroutable("server.clientproxy.invalid_client_identifier",
                        "The client identifier is missing");
            }
            ClientRegistration registration = registry.client(client).orElseThrow(() -> XRoadFault.unroutable(
                    "server.clientproxy.unknown_member", "Client '" + client + "' not found"));
            verifyIsAuthentication(registration, raw);

            List<HeaderField> headers = decoded.headers;
            String queryId = decoded.queryId;
            if (queryId == null) {
                queryId = settings.instance() + "-" + UUID.randomUUID();
                headers.add(new HeaderField(RestRequestDecoder.QUERY_ID, queryId));
            }
            trace.messageId = queryId;

            // getServiceAddresses: the provider must be in global configuration; targeting must name this server
            ServiceId service = decoded.service;
            if (registry.client(service.provider()).isEmpty()) {
                throw XRoadFault.unroutable("server.clientproxy.unknown_member",
                        "Could not find addresses for service provider \"" + service + "\"");
            }
            if (decoded.targetServer != null && !decoded.targetServer.equals(settings.serverId())) {
                throw XRoadFault.unroutable("server.clientproxy.invalid_security_server",
                        "Could not find security server \"" + decoded.targetServer + "\"");
            }
            // The body is read while the request is sent on; this is where a size limit bites.
            if (raw.bodyOverLimit()) {
                throw XRoadFault.unroutable("server.clientproxy.io_error", "Request body of " + raw.bodyLength()
                        + " bytes exceeds the limit of " + settings.maxBodyBytes() + " bytes");
            }
            byte[] headerPart = serialize(decoded.verb, raw.rawPath(), raw.rawQuery(), headers);
            trace.restHeaderPart = headerPart;
            byte[] hash = requestHash(headerPart, raw.body());
            // The client's Security Server signs and logs the request as it sends it on to the provider's side.
            if (messageLog != null) {
                trace.logged.add(new MessageLogWriter.Message(headerPart, raw.body().length == 0 ? List.of()
                        : List.of(raw.body()), client, false));
            }

            if (DiscoveryEngine.isRestMetaservice(decoded.verb, service)) {
                // RestMetadataServiceHandler: the provider's Security Server answers listMethods, allowedMethods and
                // getOpenAPI itself, without an access check; nothing reaches the provider
                ProviderCaller.Answer meta = discovery.restMetaservice(client, service, raw.rawQuery());
                String metaHash = Base64.getEncoder().encodeToString(hash);
                trace.requestHash = metaHash;
                logResponse(trace, meta, queryId, client, service, xRequestId, metaHash);
                return new RawResponse(meta.status(), responseHeaders(meta.headers(), queryId, client, service,
                        xRequestId, metaHash), meta.body());
            }

            // ServerRestMessageProcessor.verifyAccess
            ServiceRegistration registered = registry.service(service).orElseThrow(() -> XRoadFault.unroutable(
                    "server.serverproxy.unknown_service", "Unknown service: " + service));
            if (registered.type() == ServiceType.WSDL) {
                throw XRoadFault.unroutable("server.serverproxy.service_type",
                        "Service is a SOAP service and cannot be called using REST interface");
            }
            if (!registered.permits(client, decoded.verb, decoded.servicePath)) {
                throw XRoadFault.unroutable("server.serverproxy.access_denied", "Request is not allowed: " + service);
            }
            if (registered.disabledNotice().isPresent()) {
                throw XRoadFault.unroutable("server.serverproxy.service_disabled", "Service " + service
                        + " is disabled: " + registered.disabledNotice().get());
            }

            ProviderCaller.Answer answer = callProvider(registered, decoded, headers, raw, queryId, xRequestId, trace);
            String encodedHash = Base64.getEncoder().encodeToString(hash);
            trace.requestHash = encodedHash;
            logResponse(trace, answer, queryId, client, service, xRequestId, encodedHash);
            return new RawResponse(answer.status(), responseHeaders(answer.headers(), queryId, client, service,
                    xRequestId, encodedHash), answer.body());
        } catch (XRoadFault fault) {
            if (fault.kind() == XRoadFault.Kind.UNROUTABLE) {
                trace.unmatched = fault.code() + ": " + fault.getMessage();
            }
            return restError(fault, raw);
        } catch (IllegalArgumentException malformed) {
            // RestRequest's IllegalArgumentException, translated by AbstractClientProxyHandler (internal_error)
            XRoadFault fault = XRoadFault.unroutable("server.clientproxy.internal_error", malformed.getMessage());
            trace.unmatched = fault.code() + ": " + fault.getMessage();
            return restError(fault, raw);
        }
    }

    private void verifyIsAuthentication(ClientRegistration client, RawRequest raw) {
        ConnectionType type = client.connectionType() != null ? client.connectionType()
                : settings.defaultConnection();
        String id = client.id().toString();
        switch (type) {
            case HTTP -> {
                // NOSSL: anything goes
            }
            case HTTPS_NO_AUTH -> {
                if (!raw.secure()) {
                    throw XRoadFault.unroutable("server.clientproxy.ssl_authentication_failed", "Client (" + id
                            + ") specifies HTTPS NO AUTH but client made plaintext connection");
                }
            }
            case HTTPS -> {
                X509Certificate cert = raw.peerCertificates().isEmpty() ? null : raw.peerCertificates().get(0);
                if (cert == null) {
                    throw XRoadFault.unroutable("server.clientproxy.ssl_authentication_failed", "Client (" + id
                            + ") specifies HTTPS but did not supply TLS certificate");
                }
                List<X509Certificate> accepted = client.isCertificates().isEmpty()
                        ? settings.defaultIsCertificates() : client.isCertificates();
                if (accepted.isEmpty()) {
                    throw XRoadFault.unroutable("server.clientproxy.ssl_authentication_failed", "Client (" + id
                            + ") has no IS certificates");
                }
                if (!accepted.contains(cert)) {
                    throw XRoadFault.unroutable("server.clientproxy.ssl_authentication_failed", "Client (" + id
                            + ") TLS certificate does not match any IS certificates");
                }
            }
            default -> throw new IllegalStateException(type.name());
        }
    }

    private ProviderCaller.Answer callProvider(ServiceRegistration service, RestRequestDecoder.Decoded decoded,
                                               List<HeaderField> headers, RawRequest raw, String queryId,
                                               String xRequestId, Trace trace) {
        byte[] body = ProviderCaller.sendsBody(decoded.verb) ? raw.body() : new byte[0];
        String path = decoded.servicePath.isEmpty() ? "/" : decoded.servicePath;
        RecordedHeaders forwarded = RecordedHeaders.copyOf(headers);
        ServiceBackend backend = service.backend();
        if (backend instanceof ServiceBackend.Forward forward) {
            java.net.URI target;
            try {
                target = java.net.URI.create(ProviderCaller.target(forward.baseUrl(), decoded.servicePath,
                        raw.rawQuery()));
            } catch (IllegalArgumentException e) {
                throw new XRoadFault("server.serverproxy.internal_error", e.getMessage(), XRoadFault.Kind.UNROUTABLE,
                        e);
            }
            List<HeaderField> sent = new ArrayList<>(headers);
            sent.add(new HeaderField("User-Agent", "Luotsi-FakeSecurityServer"));
            trace.providerRequest = new RecordedRequest(decoded.verb, target.getRawPath().isEmpty() ? "/"
                    : target.getRawPath(), target.getRawQuery(), RecordedHeaders.copyOf(sent), body, body.length,
                    "https".equalsIgnoreCase(target.getScheme()), null);
            return provider.call(target, decoded.verb, headers, body);
        }
        trace.providerRequest = new RecordedRequest(decoded.verb, path, raw.rawQuery(), forwarded, body, body.length,
                false, null);
        if (backend instanceof ServiceBackend.Handler handler) {
            FakeRestRequest request = new FakeRestRequest(decoded.verb, path, raw.rawQuery(), forwarded, body,
                    decoded.client, decoded.service, queryId, xRequestId);
            FakeRestResponse response;
            try {
                response = handler.handler().handle(request);
                if (response == null) {
                    throw new IllegalStateException("FakeRestHandler returned null");
                }
            } catch (RuntimeException | AssertionError e) {
                trace.failure = e;
                trace.unmatched = "the handler of " + decoded.service + " threw " + e;
                return text(500, "FakeRestHandler of " + decoded.service + " failed: " + e);
            }
            return answer(response);
        }
        if (backend instanceof ServiceBackend.Stubs stubs) {
            for (RestStub stub : stubs.stubs()) {
                if (stub.matches(decoded.verb, path)) {
                    return answer(stub.response());
                }
            }
            trace.unmatched = "no stub of " + decoded.service + " matches " + decoded.verb + " " + path;
            return text(404, "No stub of " + decoded.service + " matches " + decoded.verb + " " + path);
        }
        throw new IllegalStateException("unknown backend " + backend);
    }

    private static ProviderCaller.Answer answer(FakeRestResponse response) {
        List<HeaderField> headers = new ArrayList<>(response.headers().size());
        response.headers().forEach((n, v) -> headers.add(new HeaderField(n, v)));
        return new ProviderCaller.Answer(response.status(), headers, response.bodyNoCopy());
    }

    private static ProviderCaller.Answer text(int status, String text) {
        return new ProviderCaller.Answer(status, List.of(new HeaderField("Content-Type", "text/plain; charset=UTF-8")),
                text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The provider's headers as the client gets them ({@code RestResponse}): hop-by-hop and the headers the Security
     * Server sets dropped, then {@code x-road-id}, {@code x-road-client}, {@code x-road-service},
     * {@code x-road-request-id}, {@code x-road-request-hash}; exactly one {@code Date}.
     */
    private List<HeaderField> responseHeaders(List<HeaderField> provided, String queryId, ClientId client,
                                              ServiceId service, String xRequestId, String hash) {
        List<HeaderField> out = new ArrayList<>(provided.size() + 6);
        String date = null;
        for (HeaderField h : provided) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (RestRequestDecoder.SKIPPED_HEADERS.contains(name) || name.equals(RestRequestDecoder.QUERY_ID)
                    || name.equals(RestRequestDecoder.REQUEST_HASH) || name.equals(RestRequestDecoder.CLIENT)
                    || name.equals(RestRequestDecoder.REQUEST_ID)) {
                continue;
            }
            if (name.equals("date")) {
                date = h.value();
                continue;
            }
            out.add(h);
        }
        out.add(new HeaderField(RestRequestDecoder.QUERY_ID, queryId));
        out.add(new HeaderField(RestRequestDecoder.CLIENT, RestRequestDecoder.encode(client.parts())));
        out.add(new HeaderField(RestRequestDecoder.SERVICE, RestRequestDecoder.encode(service.parts())));
        out.add(new HeaderField(RestRequestDecoder.REQUEST_ID, xRequestId));
        out.add(new HeaderField(RestRequestDecoder.REQUEST_HASH, hash));
        out.add(new HeaderField("Date", date != null ? date : httpDate()));
        return out;
    }

    /** The response as the provider's Security Server signs it, for the message log. */
    private void logResponse(Trace trace, ProviderCaller.Answer answer, String queryId, ClientId client,
                             ServiceId service, String xRequestId, String hash) {
        if (messageLog != null) {
            byte[] part = serializeResponse(answer.status(), answer.headers(), queryId, client, service, xRequestId,
                    hash);
            trace.logged.add(new MessageLogWriter.Message(part, answer.body().length == 0 ? List.of()
                    : List.of(answer.body()), service.provider(), true));
        }
    }

    /** Answers a path that is not {@code /r1/...}: X-Road hands those to its SOAP handler. */
    private RawResponse nonRest(RawRequest raw, Trace trace, DiscoveryEngine.Answered answered) {
        if (answered != null) {  // listClients, the Central Server's paths
            trace.unmatched = answered.unmatched();
            return answered.response();
        }
        XRoadFault fault;
        if (!raw.method().equalsIgnoreCase("POST")) {
            fault = XRoadFault.unroutable("client.invalid_http_method",
                    "Must use POST request method instead of " + raw.method());
        } else {
            fault = XRoadFault.unroutable("server.clientproxy.internal_error",
                    "SOAP messages are not supported by this FakeSecurityServer yet");
        }
        trace.unmatched = "not an X-Road REST path (/r1/...): " + fault.code();
        List<HeaderField> headers = List.of(new HeaderField("Content-Type", ErrorBodies.SOAP_CONTENT_TYPE),
                new HeaderField("SOAPAction", "\"\""), new HeaderField("Date", httpDate()));
        return new RawResponse(200, headers, ErrorBodies.soapFault(fault));
    }

    private RawResponse restError(XRoadFault fault, RawRequest raw) {
        ErrorBodies.Body body = ErrorBodies.rest(fault, raw.headerValues("Accept"));
        List<HeaderField> headers = List.of(new HeaderField("X-Road-Error", fault.code()),
                new HeaderField("Content-Type", body.contentType()), new HeaderField("Date", httpDate()));
        return new RawResponse(fault.restStatus(), headers, body.bytes());
    }

    private void record(Trace trace, RawResponse response) {
        RawRequest raw = trace.raw;
        RecordedRequest request = new RecordedRequest(raw.method(), raw.rawPath(), raw.rawQuery(),
                RecordedHeaders.copyOf(raw.headers()), raw.body(), raw.bodyLength(), raw.secure(),
                raw.peerCertificates().isEmpty() ? null : raw.peerCertificates().get(0));
        RecordedResponse recordedResponse = new RecordedResponse(response.status(),
                RecordedHeaders.copyOf(response.headers()), response.body());
        List<Path> logged = List.of();
        if (!trace.logged.isEmpty()) {
            try {
                logged = messageLog.log(trace.messageId, trace.logged);
            } catch (RuntimeException e) {
                LOG.warn("the fake Security Server's message log failed", e);
                trace.failure = trace.failure != null ? trace.failure : e;
                trace.unmatched = "the message log failed: " + e;
            }
        }
        RecordedExchange exchange = new RecordedExchange(sequence.incrementAndGet(), trace.time, request,
                trace.providerRequest, recordedResponse, trace.client, trace.service, trace.messageId,
                trace.requestId, trace.restHeaderPart, trace.requestHash, trace.unmatched, trace.failure, logged);
        recordings.add(exchange);
        if (LOG.isDebugEnabled()) {
            // Paths and headers may carry personal codes: only the method, service and outcome are logged.
            LOG.debug("#{} {} {} -> {}{}", exchange.sequence(), raw.method(),
                    trace.service == null ? "(no service)" : trace.service, response.status(),
                    exchange.errorCode().map(c -> " " + c).orElse(""));
        }
    }

    /** {@code RestRequest.toByteArray}: the REST header part the request hash covers. */
    static byte[] serialize(String verb, String rawPath, String rawQuery, List<HeaderField> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(out, verb);
        write(out, "\r\n");
        write(out, rawPath);
        if (rawQuery != null) {
            write(out, "?");
            write(out, rawQuery);
        }
        write(out, "\r\n");
        for (HeaderField h : headers) {
            write(out, h.name());
            write(out, ":");
            write(out, h.value());
            write(out, "\r\n");
        }
        return out.toByteArray();
    }

    /**
     * {@code RestResponse.toByteArray} of the provider's Security Server: {@code STATUS\r\nREASON\r\n}, then the
     * provider's headers without hop-by-hop ones and without {@code x-road-id}, {@code x-road-request-hash},
     * {@code x-road-client}, {@code x-road-request-id}, then those four and {@code x-road-service} as the Security
     * Server sets them ({@code name:value\r\n} each).
     */
    static byte[] serializeResponse(int status, List<HeaderField> provided, String queryId, ClientId client,
                                    ServiceId service, String xRequestId, String hash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        write(out, Integer.toString(status));
        write(out, "\r\n");
        write(out, MessageLogWriter.reasonPhrase(status));
        write(out, "\r\n");
        List<HeaderField> headers = new ArrayList<>(provided.size() + 5);
        for (HeaderField h : provided) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (!RestRequestDecoder.SKIPPED_HEADERS.contains(name) && !name.equals(RestRequestDecoder.QUERY_ID)
                    && !name.equals(RestRequestDecoder.REQUEST_HASH) && !name.equals(RestRequestDecoder.CLIENT)
                    && !name.equals(RestRequestDecoder.REQUEST_ID)) {
                headers.add(h);
            }
        }
        headers.add(new HeaderField(RestRequestDecoder.QUERY_ID, queryId));
        headers.add(new HeaderField(RestRequestDecoder.CLIENT, RestRequestDecoder.encode(client.parts())));
        headers.add(new HeaderField(RestRequestDecoder.SERVICE, RestRequestDecoder.encode(service.parts())));
        headers.add(new HeaderField(RestRequestDecoder.REQUEST_ID, xRequestId));
        headers.add(new HeaderField(RestRequestDecoder.REQUEST_HASH, hash));
        for (HeaderField h : headers) {
            write(out, h.name());
            write(out, ":");
            write(out, h.value());
            write(out, "\r\n");
        }
        return out.toByteArray();
    }

    /** {@code base64(SHA-512(H))}, or with a body {@code base64(SHA-512(SHA-512(H) || SHA-512(body)))}. */
    static byte[] requestHash(byte[] headerPart, byte[] body) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-512").digest(headerPart);
            if (body.length == 0) {
                return h;
            }
            MessageDigest outer = MessageDigest.getInstance("SHA-512");
            outer.update(h);
            outer.update(MessageDigest.getInstance("SHA-512").digest(body));
            return outer.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is not available", e);
        }
    }

    private String httpDate() {
        return HTTP_DATE.format(settings.clock().instant().atZone(ZoneOffset.UTC));
    }

    private static void write(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }
}
