package io.luotsi.xroad.provider;

import io.luotsi.core.LuotsiException;
import io.luotsi.core.xml.JacksonXmlCodec;
import io.luotsi.core.xml.XmlCodec;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.soap.AttachmentSource;
import io.luotsi.xroad.soap.Callback;
import io.luotsi.xroad.soap.DecodedSoapMessage;
import io.luotsi.xroad.soap.SoapBody;
import io.luotsi.xroad.soap.SoapEnvelopeWriter;
import io.luotsi.xroad.soap.SoapFault;
import io.luotsi.xroad.soap.SoapMessage;
import io.luotsi.xroad.soap.SoapMessageDecoder;
import io.luotsi.xroad.soap.SoapMultipartWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.xml.namespace.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider side of X-Road SOAP (PR-MESS 4.0), without a web framework: parses a request as the provider's
 * Security Server forwards it ({@code text/xml}, or {@code multipart/related} SwA or MTOM; {@code x-original-soapaction}),
 * hands the typed header, body and attachments to the {@link SoapHandler} registered for the service code, and writes
 * its {@link SoapReply} with the request's headers repeated in order and the body element
 * {@code <serviceCode>Response}; attachments are streamed. Faults are written in X-Road's format.
 *
 * <pre>{@code
 * SoapProvider provider = SoapProvider.builder()
 *         .handler("getPerson", request -> SoapReply.of(registry.find(request.body(GetPerson.class).code())))
 *         .build();
 *
 * HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8081), 0);   // the JDK's server
 * server.createContext("/", JdkHttpServerAdapter.of(provider));
 * server.start();
 * // or in a servlet container: new SoapServlet(provider)
 * }</pre>
 *
 * <p>Answers: a handled request 200; a request that is not POST, not a valid X-Road request, addressed to a service
 * code without a handler, or answered with a fault: HTTP 500 with a SOAP fault ({@code client.<code>} with X-Road's
 * code for a request X-Road's own parser would refuse, the handler's fault, or {@code SOAP-ENV:Server} with a UUID as
 * detail when the handler failed). The provider is immutable and thread-safe.
 */
public final class SoapProvider {

    private static final Logger LOG = LoggerFactory.getLogger(SoapProvider.class);
    private static final String TEXT_XML = SoapEnvelopeWriter.TEXT_XML_UTF8;

    private final Map<String, SoapHandler> handlers;
    private final SoapHandler fallback;
    private final XmlCodec xml;
    private final SoapMessageDecoder decoder;
    private final SoapEnvelopeWriter writer;

    private SoapProvider(Builder b) {
        this.handlers = Map.copyOf(b.handlers);
        this.fallback = b.fallback;
        this.xml = b.xml != null ? b.xml : JacksonXmlCodec.create();
        this.decoder = b.decoder != null ? b.decoder : SoapMessageDecoder.create();
        this.writer = b.writer;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The service codes with a handler of their own. */
    public java.util.Set<String> serviceCodes() {
        return handlers.keySet();
    }

    /**
     * One HTTP exchange as an adapter sees it. Adapters for servers other than the JDK's and Jakarta Servlet
     * implement it in a few lines.
     */
    @Callback
    public interface Exchange {
        /** The HTTP method. */
        String method();

        /** The first value of a request header (case-insensitive), or {@code null}. */
        String header(String name);

        /** The request body. */
        InputStream body() throws IOException;

        /** Sends status and content type, and returns the stream for the response body (closed by the caller). */
        OutputStream respond(int status, String contentType) throws IOException;
    }

    /**
     * Handles one exchange: reads the request, runs the handler, writes the response. Never throws for a bad request
     * or a failing handler (they are answered with faults).
     *
     * @throws UncheckedIOException when the response cannot be written (the client went away)
     */
    public void handle(Exchange exchange) {
        Objects.requireNonNull(exchange, "exchange");
        try {
            if (!"POST".equalsIgnoreCase(exchange.method())) {
                fault(exchange, SoapFault.of("client.invalid_http_method",
                        "Must use POST request method instead of " + exchange.method()));
                return;
            }
            String soapAction = exchange.header("x-original-soapaction");
            if (soapAction == null) {
                soapAction = exchange.header("SOAPAction");
            }
            DecodedSoapMessage decoded;
            try (InputStream in = exchange.body()) {
                decoded = decoder.decode(in, exchange.header("Content-Type"));
            } catch (XRoadProtocolException e) {
                fault(exchange, SoapFault.of(e, "client"));
                return;
            }
            try (decoded) {
                if (decoded.soap() instanceof SoapFault f) {
                    fault(exchange, SoapFault.of("client.invalid_message", "Expected a request, got a SOAP fault "
                            + "with code " + f.code()));
                    return;
                }
                SoapMessage m = decoded.message();
                if (m.isResponse()) {
                    fault(exchange, SoapFault.of("client.invalid_message", "Expected a request, got the response "
                            + m.bodyElementName().getLocalPart()));
                    return;
                }
                String code = m.header().service().serviceCode();
                SoapHandler handler = handlers.getOrDefault(code, fallback);
                if (handler == null) {
                    fault(exchange, SoapFault.of("SOAP-ENV:Client", "No handler for service code " + code));
                    return;
                }
                SoapReply reply = run(handler, new SoapRequest(decoded, soapAction, xml), code, exchange);
                if (reply != null) {
                    respond(exchange, m, reply);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot answer the SOAP request", e);
        }
    }

    private SoapReply run(SoapHandler handler, SoapRequest request, String code, Exchange exchange)
            throws IOException {
        SoapReply reply;
        try {
            reply = handler.handle(request);
            if (reply == null) {
                throw new IllegalStateException("the handler returned null");
            }
            return reply;
        } catch (SoapFaultException f) {
            fault(exchange, f.toFault());
        } catch (Exception e) {
            String id = UUID.randomUUID().toString();
            // The exception's message may carry request data: the stack trace goes to DEBUG only.
            LOG.warn("handler of service code {} failed ({}); answered fault detail {}", code,
                    e.getClass().getName(), id);
            LOG.debug("handler failure {}", id, e);
            fault(exchange, SoapFault.of("SOAP-ENV:Server", "Internal error", "", id));
        }
        return null;
    }

    private void respond(Exchange exchange, SoapMessage request, SoapReply reply) throws IOException {
        QName element = SoapEnvelopeWriter.responseElementName(request.header(), request.bodyElementName());
        SoapBody body;
        boolean wrapped;
        if (reply.value() != null) {
            body = SoapBody.object(xml, reply.value(), element);
            wrapped = false;
        } else {
            body = reply.content();
            wrapped = true;
        }
        // Serialise before the status is sent, so that a codec failure can still become a fault.
        byte[] envelope;
        try {
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(1024);
            if (wrapped) {
                writer.writeResponse(buf, request.header(), request.bodyElementName(), body);
            } else {
                writer.write(buf, request.header(), body);
            }
            envelope = buf.toByteArray();
        } catch (LuotsiException | IllegalArgumentException e) {
            String id = UUID.randomUUID().toString();
            LOG.warn("the response of {} could not be written ({}); answered fault detail {}",
                    request.header().service().serviceCode(), e.getClass().getName(), id);
            fault(exchange, SoapFault.of("SOAP-ENV:Server", "Internal error", "", id));
            return;
        }
        if (reply.attachments().isEmpty() && !reply.isMtom()) {
            try (OutputStream out = exchange.respond(200, TEXT_XML)) {
                out.write(envelope);
            }
            return;
        }
        String boundary = SoapMultipartWriter.newBoundary();
        String contentType = (reply.isMtom() ? SoapMultipartWriter.mtom(OutputStream.nullOutputStream(), boundary)
                : SoapMultipartWriter.swa(OutputStream.nullOutputStream(), boundary)).contentType();
        try (OutputStream out = exchange.respond(200, contentType)) {
            SoapMultipartWriter mp = reply.isMtom() ? SoapMultipartWriter.mtom(out, boundary)
                    : SoapMultipartWriter.swa(out, boundary);
            mp.soapPart(envelope);
            for (AttachmentSource a : reply.attachments()) {
                try (InputStream in = a.open()) {
                    mp.attachment(a.headers(), in);
                }
            }
            mp.close();
        }
    }

    private static void fault(Exchange exchange, SoapFault fault) throws IOException {
        try (OutputStream out = exchange.respond(500, TEXT_XML)) {
            fault.writeTo(out);
        }
    }

    @Override
    public String toString() {
        return "SoapProvider" + handlers.keySet() + (fallback != null ? "+default" : "");
    }

    /** Builds a {@link SoapProvider}. */
    public static final class Builder {
        private final Map<String, SoapHandler> handlers = new LinkedHashMap<>();
        private SoapHandler fallback;
        private XmlCodec xml;
        private SoapMessageDecoder decoder;
        private SoapEnvelopeWriter writer = SoapEnvelopeWriter.create();

        private Builder() {
        }

        /** The handler of one service code (every version). */
        public Builder handler(String serviceCode, SoapHandler handler) {
            Objects.requireNonNull(serviceCode, "serviceCode");
            Objects.requireNonNull(handler, "handler");
            if (serviceCode.isBlank()) {
                throw new IllegalArgumentException("serviceCode is blank");
            }
            if (handlers.putIfAbsent(serviceCode, handler) != null) {
                throw new IllegalArgumentException("a handler for " + serviceCode + " is registered already");
            }
            return this;
        }

        /** The handler of every service code without one of its own. */
        public Builder defaultHandler(SoapHandler handler) {
            this.fallback = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** The XML codec for typed bodies; {@link JacksonXmlCodec#create()} by default. */
        public Builder xml(XmlCodec xml) {
            this.xml = Objects.requireNonNull(xml, "xml");
            return this;
        }

        /** The request decoder: SOAP part limits, attachment memory threshold, temporary directory. */
        public Builder decoder(SoapMessageDecoder decoder) {
            this.decoder = Objects.requireNonNull(decoder, "decoder");
            return this;
        }

        /** The envelope writer (its X-Road prefix). */
        public Builder writer(SoapEnvelopeWriter writer) {
            this.writer = Objects.requireNonNull(writer, "writer");
            return this;
        }

        /**
         * @throws IllegalStateException without any handler
         */
        public SoapProvider build() {
            if (handlers.isEmpty() && fallback == null) {
                throw new IllegalStateException("a SoapProvider needs at least one handler");
            }
            return new SoapProvider(this);
        }
    }

}
