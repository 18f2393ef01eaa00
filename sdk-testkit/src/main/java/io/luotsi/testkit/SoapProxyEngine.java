package io.luotsi.testkit;

import io.luotsi.core.TransportException;
import io.luotsi.testkit.internal.ErrorBodies;
import io.luotsi.testkit.internal.HeaderField;
import io.luotsi.testkit.internal.RawRequest;
import io.luotsi.testkit.internal.RawResponse;
import io.luotsi.testkit.internal.XRoadFault;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.IdentifierXml;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.soap.Attachment;
import io.luotsi.xroad.soap.AttachmentSource;
import io.luotsi.xroad.soap.DecodedSoapMessage;
import io.luotsi.xroad.soap.SoapAction;
import io.luotsi.xroad.soap.SoapBody;
import io.luotsi.xroad.soap.SoapEnvelope;
import io.luotsi.xroad.soap.SoapEnvelopeReader;
import io.luotsi.xroad.soap.SoapEnvelopeWriter;
import io.luotsi.xroad.soap.SoapFault;
import io.luotsi.xroad.soap.SoapHeader;
import io.luotsi.xroad.soap.SoapMessage;
import io.luotsi.xroad.soap.SoapMessageDecoder;
import io.luotsi.xroad.soap.SoapMultipartWriter;
import io.luotsi.xroad.soap.RequestHash;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOAP side of the fake: X-Road 7.8's client proxy ({@code ClientSoapMessageHandler},
 * {@code ClientMessageProcessor}) and the provider's server proxy ({@code ServerMessageProcessor}, the SOAP metaservice
 * handler) in one, in their order of checks, with their codes. Every answer is HTTP 200; faults are in X-Road's
 * format with a fresh UUID as {@code faultDetail}.
 *
 * <p>Requests are held in memory up to the fake's body limit; a longer one is answered
 * {@code server.clientproxy.io_error}, as the REST side does.
 */
final class SoapProxyEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SoapProxyEngine.class);
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);
    static final Set<String> METASERVICES = Set.of("listMethods", "allowedMethods", "getWsdl");
    static final String WSDL_ENDPOINT = "http://example.org/xroad-endpoint";
    private static final Pattern BOUNDARY = Pattern.compile(
            "(?i)(?:^|;)\\s*boundary\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))");
    private static final Pattern SOAP_ADDRESS = Pattern.compile(
            "(<(?:[A-Za-z_][\\w.-]*:)?address\\b[^>]*?\\blocation\\s*=\\s*)(\"[^\"]*\"|'[^']*')");

    private final RestProxyEngine.Settings settings;
    private final FakeRegistry registry;
    private final RecordedExchanges recordings;
    private final ProviderCaller provider;
    private final SoapMessageDecoder decoder;
    /** The message log, or null when it is off. */
    private final MessageLogWriter messageLog;

    SoapProxyEngine(RestProxyEngine.Settings settings, FakeRegistry registry, RecordedExchanges recordings,
                    ProviderCaller provider, MessageLogWriter messageLog) {
        this.settings = settings;
        this.registry = registry;
        this.recordings = recordings;
        this.provider = provider;
        this.messageLog = messageLog;
        int max = (int) Math.min(settings.maxBodyBytes(), Integer.MAX_VALUE - 16);
        this.decoder = SoapMessageDecoder.builder()
                .envelopeReader(SoapEnvelopeReader.builder().maxBytes(max).build())
                .attachmentMemoryThreshold(max)
                .build();
    }

    /** Everything learned about one exchange, for its recording. */
    private static final class Trace {
        final RawRequest raw;
        final Instant time;
        ClientId client;
        ServiceId service;
        String messageId;
        String requestHash;
        RecordedRequest providerRequest;
        String unmatched;
        Throwable failure;
        String faultCode;
        /** What the message log logs: the request, then the response (when there is one). */
        final List<MessageLogWriter.Message> logged = new ArrayList<>(2);

        Trace(RawRequest raw, Instant time) {
            this.raw = raw;
            this.time = time;
        }
    }

    /** What goes back to the client. */
    private record Reply(String contentType, byte[] body) {
    }

    RawResponse handle(RawRequest raw, AtomicLong sequence) {
        Trace trace = new Trace(raw, settings.clock().instant());
        Reply reply;
        try {
            reply = process(raw, trace);
        } catch (XRoadFault fault) {
            reply = fault(fault, trace);
        } catch (RuntimeException | Error e) {
            LOG.warn("the fake Security Server failed on a SOAP request", e);
            trace.failure = e;
            reply = fault(new XRoadFault("server.clientproxy.internal_error", String.valueOf(e),
                    XRoadFault.Kind.UNROUTABLE, e), trace);
        }
        List<HeaderField> headers = List.of(new HeaderField("Content-Type", reply.contentType()),
                new HeaderField("SOAPAction", "\"\""), new HeaderField("Date", httpDate()));
        RawResponse response = new RawResponse(200, headers, reply.body());
        record(trace, response, sequence);
        return response;
    }

    private Reply fault(XRoadFault fault, Trace trace) {
        if (fault.kind() == XRoadFault.Kind.UNROUTABLE && trace.unmatched == null) {
            trace.unmatched = fault.code() + ": " + fault.getMessage();
        }
        trace.faultCode = fault.code();
        return new Reply(ErrorBodies.SOAP_CONTENT_TYPE, ErrorBodies.soapFault(fault));
    }

    private Reply process(RawRequest raw, Trace trace) {
        // ClientSoapMessageHandler.verifyCanProcess
        if (!raw.method().equals("POST")) {
            throw XRoadFault.unroutable("client.invalid_http_method",
                    "Must use POST request method instead of " + raw.method());
        }
        // ClientMessageProcessor.handleSoap: SOAPAction, then the message; every failure gets the client. prefix
        List<String> actions = raw.headerValues("SOAPAction");
        String soapAction = actions.isEmpty() ? null : actions.get(0);
        if (!SoapAction.isValid(soapAction)) {
            throw XRoadFault.unroutable("client.invalid_soap_action", "Malformed SOAPAction header");
        }
        if (raw.bodyOverLimit()) {
            throw XRoadFault.unroutable("server.clientproxy.io_error", "Request body of " + raw.bodyLength()
                    + " bytes exceeds the limit of " + settings.maxBodyBytes() + " bytes");
        }
        List<String> types = raw.headerValues("Content-Type");
        String contentType = types.isEmpty() ? null : types.get(0);
        DecodedSoapMessage request;
        try {
            request = decoder.decode(new ByteArrayInputStream(raw.body()), contentType);
        } catch (XRoadProtocolException e) {
            throw XRoadFault.unroutable("client." + e.code(), e.getMessage());
        } catch (TransportException e) {
            throw XRoadFault.unroutable("client.io_error", e.getMessage());
        }
        try (request) {
            if (request.soap() instanceof SoapFault f) {
                // SoapMessageHandler.fault: the client's fault becomes the error, with the client. prefix
                throw XRoadFault.unroutable("client." + f.code().toLowerCase(Locale.ROOT),
                        f.faultString() == null ? "" : f.faultString());
            }
            SoapMessage message = request.message();
            SoapHeader header = message.header();
            trace.client = header.client();
            trace.service = header.service();
            trace.messageId = header.id();
            return route(request, message, soapAction, contentType, raw, trace);
        }
    }

    private Reply route(DecodedSoapMessage request, SoapMessage message, String soapAction, String contentType,
                        RawRequest raw, Trace trace) {
        SoapHeader header = message.header();
        ClientId client = header.client();
        ServiceId service = header.service();
        // ClientMessageProcessor.process: verifyClientStatus, verifyClientAuthentication
        ClientRegistration registration = registry.client(client).orElseThrow(() -> XRoadFault.unroutable(
                "server.clientproxy.unknown_member", "Client '" + client + "' not found"));
        verifyIsAuthentication(registration, raw);
        // prepareRequest: the provider must be known; a target server must be this one
        if (registry.client(service.provider()).isEmpty()) {
            throw XRoadFault.unroutable("server.clientproxy.unknown_member",
                    "Could not find addresses for service provider \"" + service + "\"");
        }
        if (header.securityServer().isPresent() && !header.securityServer().get().equals(settings.serverId())) {
            throw XRoadFault.unroutable("server.clientproxy.invalid_security_server",
                    "Could not find security server \"" + header.securityServer().get() + "\"");
        }
        // The provider's Security Server hashes the SOAP part as the client sent it.
        RequestHash hash = request.soap().requestHash();
        trace.requestHash = hash.value();
        // The client's Security Server signs and logs the request as it sends it on to the provider's side: the SOAP
        // part as text (X-Road keeps it as a string, stored as UTF-8) and the attachments' content.
        if (messageLog != null) {
            trace.logged.add(new MessageLogWriter.Message(request.soap().xml().getBytes(StandardCharsets.UTF_8),
                    contents(request.attachments()), client, false));
        }
        if (METASERVICES.contains(service.serviceCode())) {
            return metaservice(message, hash, trace);
        }
        // ServerMessageProcessor.verifyAccess
        ServiceRegistration registered = registry.service(service).orElseThrow(() -> XRoadFault.unroutable(
                "server.serverproxy.unknown_service", "Unknown service: " + service));
        if (registered.type() != ServiceType.WSDL) {
            throw XRoadFault.unroutable("server.serverproxy.service_type",
                    "Service is a REST service and cannot be called using SOAP interface");
        }
        if (registered.accessRights().stream().noneMatch(r -> r.client().equals(client))) {
            throw XRoadFault.unroutable("server.serverproxy.access_denied", "Request is not allowed: " + service);
        }
        if (registered.disabledNotice().isPresent()) {
            throw XRoadFault.unroutable("server.serverproxy.service_disabled", "Service " + service
                    + " is disabled: " + registered.disabledNotice().get());
        }
        ProviderCaller.Answer answer = callProvider(registered, request, message, soapAction, contentType, raw,
                trace);
        return checkAnswer(answer, message, hash, trace);
    }

    private void verifyIsAuthentication(ClientRegistration client, RawRequest raw) {
        ConnectionType type = client.connectionType() != null ? client.connectionType()
                : settings.defaultConnection();
        String id = client.id().toString();
        switch (type) {
            case HTTP -> {
                // NOSSL
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
                if (!accepted.contains(cert)) {
                    throw XRoadFault.unroutable("server.clientproxy.ssl_authentication_failed", "Client (" + id
                            + ") TLS certificate does not match any IS certificates");
                }
            }
            default -> throw new IllegalStateException(type.name());
        }
    }

    private ProviderCaller.Answer callProvider(ServiceRegistration service, DecodedSoapMessage request,
                                               SoapMessage message, String soapAction, String contentType,
                                               RawRequest raw, Trace trace) {
        List<HeaderField> headers = new ArrayList<>(2);
        headers.add(new HeaderField("Content-Type", contentType));
        if (soapAction != null) {
            headers.add(new HeaderField("x-original-soapaction", soapAction));
        }
        ServiceBackend backend = service.backend();
        if (backend instanceof ServiceBackend.Forward forward) {
            URI target = forward.baseUrl();
            byte[] flat = request.isMultipart() ? flatten(request, contentType) : null;
            byte[] body = flat != null ? flat : raw.body();
            List<HeaderField> sent = new ArrayList<>(headers);
            sent.add(new HeaderField("User-Agent", "Luotsi-FakeSecurityServer"));
            trace.providerRequest = new RecordedRequest("POST", target.getRawPath().isEmpty() ? "/"
                    : target.getRawPath(), target.getRawQuery(), RecordedHeaders.copyOf(sent), body,
                    body.length, "https".equalsIgnoreCase(target.getScheme()), null);
            try {
                return provider.call(target, "POST", headers, body);
            } catch (XRoadFault f) {
                // the server proxy reports a failing service as service_failed
                String code = f.code().replace("server.serverproxy.", "server.serverproxy.service_failed.");
                throw new XRoadFault(code, f.getMessage(), XRoadFault.Kind.PROVIDER_FAILURE, f.getCause());
            }
        }
        trace.providerRequest = new RecordedRequest("POST", "/", null, RecordedHeaders.copyOf(headers), raw.body(),
                raw.body().length, false, null);
        FakeSoapResponse response;
        if (backend instanceof ServiceBackend.SoapStub stub) {
            response = stub.response();
        } else if (backend instanceof ServiceBackend.SoapHandler handler) {
            try {
                response = handler.handler().handle(new FakeSoapRequest(request, soapAction));
                if (response == null) {
                    throw new IllegalStateException("FakeSoapHandler returned null");
                }
            } catch (RuntimeException | AssertionError e) {
                trace.failure = e;
                trace.unmatched = "the handler of " + message.header().service() + " threw " + e;
                response = FakeSoapResponse.fault("SOAP-ENV:Server", "FakeSoapHandler of "
                        + message.header().service() + " failed: " + e);
            }
        } else {
            trace.unmatched = "no SOAP stub or handler answers " + message.header().service();
            response = FakeSoapResponse.fault("SOAP-ENV:Server", "No stub or handler of "
                    + message.header().service() + " on the fake Security Server");
        }
        return render(response, message);
    }

    /**
     * A multipart request as the provider's Security Server passes it on ({@code ProxyMessage.writeSoapContent}):
     * under the client's content type and boundary, the SOAP part byte for byte with the MIME headers it came with,
     * then every attachment with its headers, a nested {@code multipart/*} part flattened into its leaves; {@code null}
     * (the client's bytes go as they are) when the boundary is not one a MIME writer may use.
     */
    private static byte[] flatten(DecodedSoapMessage request, String contentType) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            return null;
        }
        String boundary = m.group(1) != null ? m.group(1) : m.group(2);
        ByteArrayOutputStream out = new ByteArrayOutputStream(request.soap().size() + 1024);
        SoapMultipartWriter mp;
        try {
            mp = SoapMultipartWriter.swa(out, boundary);
        } catch (IllegalArgumentException e) {
            LOG.debug("boundary {} kept as sent: {}", boundary, e.getMessage());
            return null;
        }
        try (OutputStream soap = mp.openSoapPart(request.soapPartHeaders())) {
            request.soap().writeTo(soap);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (Attachment a : request.attachments()) {
            try (InputStream in = a.openStream()) {
                mp.attachment(a.headers(), in);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        mp.close();
        return out.toByteArray();
    }

    /** A stub's or handler's answer as the provider would have sent it over HTTP. */
    private static ProviderCaller.Answer render(FakeSoapResponse response, SoapMessage request) {
        if (response.faultValue().isPresent()) {
            return answer(response.status(), SoapEnvelopeWriter.TEXT_XML_UTF8, response.faultValue().get().bytes());
        }
        if (response.content().isEmpty()) {
            return answer(response.status(), response.contentType(), response.rawBytes());
        }
        byte[] envelope = SoapEnvelopeWriter.create().toResponseBytes(request, SoapBody.xml(response.content().get()));
        if (response.attachments().isEmpty() && !response.isMtom()) {
            return answer(200, SoapEnvelopeWriter.TEXT_XML_UTF8, envelope);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(envelope.length + 1024);
        SoapMultipartWriter mp = response.isMtom() ? SoapMultipartWriter.mtom(out) : SoapMultipartWriter.swa(out);
        mp.soapPart(envelope);
        for (AttachmentSource a : response.attachments()) {
            try (InputStream in = a.open()) {
                mp.attachment(a.headers(), in);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        mp.close();
        return answer(200, mp.contentType(), out.toByteArray());
    }

    private static ProviderCaller.Answer answer(int status, String contentType, byte[] body) {
        List<HeaderField> h = contentType == null ? List.of() : List.of(new HeaderField("Content-Type",
                contentType));
        return new ProviderCaller.Answer(status, h, body);
    }

    /**
     * The provider's answer as the provider's Security Server checks it ({@code service_failed.*}), and as the
     * consumer's then does (consistency); a SOAP fault passes unchanged; otherwise the request hash goes in after
     * {@code id}.
     */
    private Reply checkAnswer(ProviderCaller.Answer answer, SoapMessage request, RequestHash hash, Trace trace) {
        String ct = answer.headers().stream().filter(h -> h.is("Content-Type")).map(HeaderField::value)
                .findFirst().orElse(null);
        String prefix = "server.serverproxy.service_failed.";
        if (ct == null) {
            throw new XRoadFault(prefix + "invalid_content_type", "Could not get content type from response",
                    XRoadFault.Kind.PROVIDER_FAILURE);
        }
        DecodedSoapMessage response;
        try {
            response = decoder.decode(new ByteArrayInputStream(answer.body()), ct);
        } catch (XRoadProtocolException e) {
            if (answer.status() / 100 != 2) {
                throw httpError(answer);
            }
            String code = e.code().equals("missing_soap") ? "invalid_message" : e.code();
            String message = e.code().equals("missing_soap") ? "Response does not have SOAP message"
                    : e.getMessage();
            throw new XRoadFault(prefix + code, message, XRoadFault.Kind.PROVIDER_FAILURE);
        }
        try (response) {
            if (response.soap() instanceof SoapFault f) {
                trace.faultCode = f.code();
                return new Reply(ct, answer.body());
            }
            if (answer.status() / 100 != 2) {
                throw httpError(answer);
            }
            SoapMessage message = response.message();
            if (!request.header().inconsistentFields(message.header()).isEmpty()) {
                throw new XRoadFault("server.clientproxy.service_failed.inconsistent_response",
                        "Response from server proxy is not consistent with request",
                        XRoadFault.Kind.PROVIDER_FAILURE);
            }
            byte[] soap = SoapEnvelopeWriter.insertRequestHash(message.bytes(), message.contentType(), hash);
            if (!response.isMultipart()) {
                logResponse(trace, request, text(soap, message.charset()), List.of());
                return new Reply(ct, soap);
            }
            SoapEnvelope hashed = SoapEnvelopeReader.create().read(soap, message.contentType());
            ByteArrayOutputStream out = new ByteArrayOutputStream(answer.body().length + 256);
            SoapMultipartWriter mp = response.isMtom() ? SoapMultipartWriter.mtom(out)
                    : SoapMultipartWriter.swa(out);
            mp.soapPart(hashed);
            for (Attachment a : response.attachments()) {
                try (InputStream in = a.openStream()) {
                    mp.attachment(a.headers(), in);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            mp.close();
            logResponse(trace, request, hashed.xml().getBytes(StandardCharsets.UTF_8),
                    contents(response.attachments()));
            return new Reply(mp.contentType(), out.toByteArray());
        }
    }

    /** The response as the provider's Security Server signs it, for the message log. */
    private void logResponse(Trace trace, SoapMessage request, byte[] messageXml, List<byte[]> attachments) {
        if (messageLog != null) {
            trace.logged.add(new MessageLogWriter.Message(messageXml, attachments,
                    request.header().service().provider(), true));
        }
    }

    /** The attachments' content, for the message log (empty when it is off). */
    private List<byte[]> contents(List<Attachment> attachments) {
        if (messageLog == null) {
            return List.of();
        }
        List<byte[]> contents = new ArrayList<>(attachments.size());
        attachments.forEach(a -> contents.add(a.bytes()));
        return contents;
    }

    /** SOAP bytes as the text X-Road keeps (decoded with the part's charset, without a byte order mark), as UTF-8. */
    private static byte[] text(byte[] soap, Charset charset) {
        String xml = new String(soap, charset);
        if (!xml.isEmpty() && xml.charAt(0) == '\uFEFF') {
            xml = xml.substring(1);
        }
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static XRoadFault httpError(ProviderCaller.Answer answer) {
        return new XRoadFault("server.serverproxy.service_failed.http_error", "Server responded with HTTP status "
                + answer.status(), XRoadFault.Kind.PROVIDER_FAILURE);
    }

    // ------------------------------------------------------------------------------------------------ metaservices

    private Reply metaservice(SoapMessage request, RequestHash hash, Trace trace) {
        SoapHeader header = request.header().withRequestHash(hash);
        ClientId provider = request.header().service().provider();
        String code = request.header().service().serviceCode();
        String xrd = SoapHeader.XROAD_NS;
        trace.providerRequest = null;
        if (code.equals("getWsdl")) {
            return getWsdl(request, header, provider, trace);
        }
        boolean allowedOnly = code.equals("allowedMethods");
        ClientId caller = request.header().client();
        List<ServiceId> services = new ArrayList<>();
        for (ServiceRegistration s : registry.servicesOf(provider)) {
            if (s.type() == ServiceType.WSDL && !METASERVICES.contains(s.id().serviceCode())
                    && (!allowedOnly || s.accessRights().stream().anyMatch(r -> r.client().equals(caller)))) {
                services.add(s.id());
            }
        }
        byte[] envelope = envelope(header, SoapBody.of(w -> {
            w.writeStartElement("xrd", code + "Response", xrd);
            for (ServiceId s : services) {
                IdentifierXml.write(w, "xrd", "service", xrd, "id", s);
            }
            w.writeEndElement();
        }));
        logResponse(trace, request, envelope, List.of());
        return new Reply(SoapEnvelopeWriter.TEXT_XML_UTF8, envelope);
    }

    private Reply getWsdl(SoapMessage request, SoapHeader header, ClientId provider, Trace trace) {
        String[] asked = readGetWsdl(request);
        if (asked[0] == null || asked[0].isBlank()) {
            throw new XRoadFault("server.serverproxy.invalid_request", "Missing serviceCode in message body",
                    XRoadFault.Kind.UNROUTABLE);
        }
        ServiceId wanted = new ServiceId(provider, asked[0], asked[1]);
        ServiceRegistration registration = registry.service(wanted).filter(s -> s.wsdl().isPresent())
                .orElseThrow(() -> new XRoadFault("server.serverproxy.unknown_service",
                        "Could not find wsdl URL for service " + wanted, XRoadFault.Kind.UNROUTABLE));
        String xrd = SoapHeader.XROAD_NS;
        byte[] envelope = envelope(header, SoapBody.of(w -> {
            w.writeStartElement("xrd", "getWsdlResponse", xrd);
            w.writeStartElement("xrd", "serviceCode", xrd);
            w.writeCharacters(asked[0]);
            w.writeEndElement();
            if (asked[1] != null) {
                w.writeStartElement("xrd", "serviceVersion", xrd);
                w.writeCharacters(asked[1]);
                w.writeEndElement();
            }
            w.writeEndElement();
        }));
        byte[] wsdl = rewriteEndpoint(registration.wsdl().get()).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(envelope.length + wsdl.length + 512);
        SoapMultipartWriter mp = SoapMultipartWriter.swa(out);
        mp.soapPart(envelope);
        mp.attachment(io.luotsi.xroad.soap.MimeHeaders.of("content-type", "text/xml"),
                new ByteArrayInputStream(wsdl));
        mp.close();
        logResponse(trace, request, envelope, List.of(wsdl));
        return new Reply(mp.contentType(), out.toByteArray());
    }

    /** {@code soap:address/@location} of every port set to X-Road's placeholder endpoint. */
    static String rewriteEndpoint(String wsdl) {
        Matcher m = SOAP_ADDRESS.matcher(wsdl);
        StringBuilder sb = new StringBuilder(wsdl.length());
        while (m.find()) {
            char quote = m.group(2).charAt(0);
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + quote + WSDL_ENDPOINT + quote));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** {serviceCode, serviceVersion} of a getWsdl body. */
    private static String[] readGetWsdl(SoapMessage request) {
        String[] out = new String[2];
        XMLStreamReader r = request.bodyReader();
        try {
            int depth = 0;
            while (r.hasNext()) {
                int e = r.next();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 1) {
                        String name = r.getLocalName();
                        String text = r.getElementText().trim();
                        depth--;
                        if (name.equals("serviceCode")) {
                            out[0] = text;
                        } else if (name.equals("serviceVersion")) {
                            out[1] = text.isEmpty() ? null : text;
                        }
                    }
                } else if (e == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            throw new XRoadFault("server.serverproxy.invalid_request", "Malformed getWsdl request",
                    XRoadFault.Kind.UNROUTABLE, e);
        }
        return out;
    }

    private static byte[] envelope(SoapHeader header, SoapBody body) {
        return SoapEnvelopeWriter.create().toBytes(header, body);
    }

    private void record(Trace trace, RawResponse response, AtomicLong sequence) {
        RawRequest raw = trace.raw;
        RecordedRequest request = new RecordedRequest(raw.method(), raw.rawPath(), raw.rawQuery(),
                RecordedHeaders.copyOf(raw.headers()), raw.body(), raw.bodyLength(), raw.secure(),
                raw.peerCertificates().isEmpty() ? null : raw.peerCertificates().get(0));
        RecordedResponse recordedResponse = new RecordedResponse(response.status(),
                RecordedHeaders.copyOf(response.headers()), response.body(), trace.faultCode);
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
                trace.providerRequest, recordedResponse, trace.client, trace.service, trace.messageId, null, null,
                trace.requestHash, trace.unmatched, trace.failure, logged);
        recordings.add(exchange);
        if (LOG.isDebugEnabled()) {
            LOG.debug("#{} SOAP {} -> {}", exchange.sequence(),
                    trace.service == null ? "(no service)" : trace.service,
                    trace.faultCode == null ? "ok" : trace.faultCode);
        }
    }

    private String httpDate() {
        return HTTP_DATE.format(settings.clock().instant().atZone(ZoneOffset.UTC));
    }
}
