package io.luotsi.xroad.soap;

import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.core.CallInfo;
import io.luotsi.core.HttpPipeline;
import io.luotsi.core.RequestContext;
import io.luotsi.core.http.HttpRequest;
import io.luotsi.core.http.HttpResponse;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadCall;
import io.luotsi.xroad.XRoadContextKeys;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.consent.CallAuthorization;
import io.luotsi.xroad.consent.ConsentBinding;
import io.luotsi.xroad.consent.ConsentHeaders;
import io.luotsi.xroad.evidence.Digest;
import io.luotsi.xroad.evidence.RequestHashReceipt;
import io.luotsi.xroad.internal.ClientRuntime;
import io.luotsi.xroad.internal.EvidenceRecorder;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings of one SOAP call, shared by {@link SoapCall} and {@link AsyncSoapCall}: the body, the X-Road header
 * values (from a {@link RequestContext} or the setters), attachments, SOAPAction. A call object is used by one thread
 * and executed once.
 *
 * <p>When the client fails fast on unknown services ({@code XRoadClientBuilder.directory(...)
 * .failFastOnUnknownService(true)}), the service, with its version, is checked before anything is sent: a service the
 * directory knows does not exist ends in {@link io.luotsi.xroad.directory.UnknownServiceException} naming close
 * matches (the same code in another version among them).
 *
 * <p>The header is built as X-Road expects it: {@code client} (the client's), {@code service}, {@code id} (the
 * context's message id, or a random UUID), {@code userId} and {@code issue} when set, {@code protocolVersion 4.0},
 * then {@code securityServer} (PR-TARGETSS), {@code representedParty} (PR-THIRDPARTY) and {@code securityToken}
 * (PR-SECTOKEN) when set, then extra header elements.
 *
 * @param <S> the concrete call type, for fluent chaining
 */
public abstract class AbstractSoapCall<S extends AbstractSoapCall<S>> extends XRoadCall<S> {

    final ClientRuntime runtime;
    final ServiceId service;
    private Object typedBody;
    private SoapBody body;
    private final List<SoapHeaderElement> extraHeaders = new ArrayList<>();
    private final List<AttachmentSource> attachments = new ArrayList<>();
    private boolean mtom;
    private String soapAction = "\"\"";
    private boolean verifyRequestHash;
    private SoapMessageDecoder decoder;

    AbstractSoapCall(ClientRuntime runtime, ServiceId service) {
        super(service);
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.service = service;
    }

    /**
     * The body: an object the client's {@link io.luotsi.core.xml.XmlCodec} writes as the body element. The element
     * is named after the service code (in the namespace of the object's root element) unless the object's root name
     * already starts with it ({@code getPersonRequest} for {@code getPerson}).
     */
    public S body(Object value) {
        this.typedBody = Objects.requireNonNull(value, "value");
        this.body = null;
        return self();
    }

    /** The body as raw XML (the body element; it must declare the prefixes it uses). */
    public S bodyXml(String xml) {
        return body(SoapBody.xml(Objects.requireNonNull(xml, "xml")));
    }

    /** The body from a {@link SoapBody} (StAX writer, XML text or UTF-8 bytes). */
    public S body(SoapBody body) {
        this.body = Objects.requireNonNull(body, "body");
        this.typedBody = null;
        return self();
    }


    /** {@code userId}: the end user on whose behalf the call is made. */

    /** {@code issue}: the case or matter the call is about. */

    /** {@code representedParty} (PR-THIRDPARTY). */

    /**
     * Why the call is made: sent in the SOAP {@code issue} when no issue is set (the same text as the REST
     * {@code Luotsi-Purpose} header). Required with {@link #dataSubject(DataSubject)}.
     */

    /**
     * Whom the call is about. Before anything is sent, the client's authorization providers must yield evidence that
     * covers the subject, the purpose, this client and the purpose's data categories now; otherwise the call fails
     * with {@link io.luotsi.auth.consent.ConsentException} and nothing leaves the process. The decision is audited;
     * the evidence travels as the {@code securityToken} header (PR-SECTOKEN). See {@link ConsentBinding}.
     */

    /** {@code securityServer} (PR-TARGETSS): route to this Security Server of the provider. */

    /** {@code securityToken} (PR-SECTOKEN) with its {@code tokenType}, e.g. {@link SecurityToken#jwt(String)}. */
    public S securityToken(SecurityToken token) {
        attribute(XRoadContextKeys.SECURITY_TOKEN, token);
        return self();
    }

    /** {@code id}; a random UUID when not given (or {@code null}). */


    /** Adds a header element of your own, written verbatim after X-Road's. */
    public S header(SoapHeaderElement element) {
        extraHeaders.add(Objects.requireNonNull(element, "element"));
        return self();
    }

    /** Adds an attachment; the request becomes {@code multipart/related} (SwA unless {@link #mtom()}). */
    public S attach(AttachmentSource attachment) {
        attachments.add(Objects.requireNonNull(attachment, "attachment"));
        return self();
    }

    /** Sends the message as MTOM/XOP (the body refers to attachments with {@code xop:Include href="cid:..."}). */
    public S mtom() {
        this.mtom = true;
        return self();
    }

    /**
     * The HTTP {@code SOAPAction} header: {@code ""} by default; a URI is sent quoted ({@code "urn:foo"}); an
     * already quoted value is sent as it is; {@code null} sends none. X-Road forwards it as
     * {@code x-original-soapaction}.
     *
     * @throws IllegalArgumentException when X-Road would refuse it ({@code invalid_soap_action})
     */
    public S soapAction(String action) {
        if (action == null) {
            this.soapAction = null;
            return self();
        }
        String value = action.startsWith("\"") ? action : "\"" + action + "\"";
        try {
            this.soapAction = SoapAction.validate(value);
        } catch (XRoadProtocolException e) {
            throw new IllegalArgumentException("invalid SOAPAction: " + action, e);
        }
        return self();
    }

    /**
     * Whether to check the response's {@code requestHash} against base64(SHA-512) of the SOAP part this call sent
     * (off by default: the consumer's Security Server checks it). A missing or different hash is
     * {@code inconsistent_response}.
     */
    public S verifyRequestHash(boolean verify) {
        this.verifyRequestHash = verify;
        return self();
    }

    /** The decoder of the response (its SOAP part limit, attachment memory threshold, temporary directory). */
    public S responseDecoder(SoapMessageDecoder decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        return self();
    }


    /** The request exactly as it will be sent, for inspection and tests. */
    public HttpRequest toHttpRequest() {
        return prepare().call().request();
    }

    /** What {@link #prepare()} builds: the pipeline call, its classifier, and the consent decision if any. */
    record SoapPrepared(HttpPipeline.Call call, SoapResponseClassifier classifier, CallAuthorization consent) {
    }

    SoapPrepared prepare() {
        if (typedBody == null && body == null) {
            throw new IllegalStateException("the call has no body: set one with body(...) or bodyXml(...)");
        }
        // Once only, fail fast on an unknown service (or version), a message id, and consent (fail closed): a call
        // about a data subject is decided and audited here, before anything is sent.
        Prepared prepared = prepareContext(runtime);
        RequestContext ctx = prepared.context();
        CallAuthorization consent = prepared.consent();
        if (consent != null) {
            if (consent.securityToken().isPresent()) {
                if (ctx.attribute(XRoadContextKeys.SECURITY_TOKEN).isPresent()) {
                    throw new IllegalStateException("the call sets a securityToken and carries consent evidence, "
                            + "which travels as the securityToken: set one or the other");
                }
                ctx = ctx.toBuilder().attribute(XRoadContextKeys.SECURITY_TOKEN, consent.securityToken().get())
                        .build();
            }
        }
        SoapHeader.Builder h = SoapHeader.builder().client(runtime.clientId()).service(service)
                .id(ctx.messageId().orElseThrow());
        ctx.userId().ifPresent(h::userId);
        ctx.issue().ifPresent(h::issue);
        h.protocolVersion(SoapHeader.PROTOCOL_VERSION);
        ctx.attribute(XRoadContextKeys.SECURITY_SERVER).ifPresent(h::securityServer);
        ctx.attribute(XRoadContextKeys.REPRESENTED_PARTY).ifPresent(h::representedParty);
        ctx.attribute(XRoadContextKeys.SECURITY_TOKEN).ifPresent(h::securityToken);
        extraHeaders.forEach(h::addElement);
        if (consent != null) {
            h.addElement(SoapHeaderElement.of(ConsentHeaders.soapPurposeElement(consent.purpose())));
        }
        SoapHeader header = h.build();

        SoapBody content = body != null ? body : TypedBody.request(runtime.xml(), typedBody, service.serviceCode());
        SoapRequestBody requestBody = new SoapRequestBody(SoapEnvelopeWriter.create(), header, content, attachments,
                mtom);
        HttpRequest.Builder rb = HttpRequest.builder().method("POST", requestBody)
                .uri(runtime.securityServerBase() + "/");
        if (soapAction != null) {
            rb.header("SOAPAction", soapAction);
        }
        SoapMessageDecoder d = decoder != null ? decoder : SoapMessageDecoder.builder()
                .envelopeReader(SoapEnvelopeReader.builder().maxBytes(Math.min(runtime.maxBodyBytes(),
                        Integer.MAX_VALUE - 16)).build())
                .build();
        SoapResponseClassifier classifier = new SoapResponseClassifier(d, header, requestBody, verifyRequestHash,
                runtime.json(), runtime.maxErrorBodyBytes());
        CallInfo info = CallInfo.of("POST", service.toShortString(), ctx);
        return new SoapPrepared(new HttpPipeline.Call(rb.build(), ctx, info, policy(), classifier), classifier,
                consent);
    }

    /** Builds the caller's response from a classified HTTP response. */
    <T> SoapResponse<T> finish(SoapPrepared p, HttpResponse response, BodyMapper<T> mapper) {
        response.close();
        DecodedSoapMessage decoded = p.classifier().decoded();
        if (runtime.evidence() != null) {
            recordEvidence(p, decoded);
        }
        if (p.consent() != null && p.consent().evidence().isPresent()) {
            // Tells the evidence's provider about the successful transmission (a consent service may want a report).
            p.consent().transmitted(p.call().context().clock().instant());
        }
        try {
            T value = mapper.map(decoded.message());
            return new SoapResponse<>(response.status(), value, decoded);
        } catch (RuntimeException e) {
            decoded.close();
            throw e;
        }
    }

    /**
     * Records the exchange in the client's evidence store: SHA-512 of the SOAP parts sent and received, and the
     * requestHash receipt of the response. On failure the response's spooled attachments are released first.
     */
    private void recordEvidence(SoapPrepared p, DecodedSoapMessage decoded) {
        byte[] sent = p.classifier().sentSoapPartDigest();
        SoapMessage message = decoded.message();
        Digest requestDigest = sent == null ? null : new Digest(Digest.SHA512, Base64.getEncoder().encodeToString(sent));
        RequestHashReceipt receipt = message.header().requestHash()
                .map(h -> RequestHashReceipt.soap(h.algorithmId(), h.value())).orElse(null);
        try {
            new EvidenceRecorder(runtime, service, p.call().context().messageId().orElseThrow(),
                    p.call().context().clock(), null)
                    .record(null, requestDigest, Digest.sha512(message.bytes()), receipt);
        } catch (RuntimeException e) {
            decoded.close();
            throw e;
        }
    }

    /** Maps the response message to the caller's body type. */
    interface BodyMapper<T> {
        T map(SoapMessage message);
    }

    <T> BodyMapper<T> typed(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return m -> TypedBody.read(runtime.xml(), m, type);
    }

    static <T> BodyMapper<T> stax(SoapMessage.SoapBodyReader<T> reader) {
        Objects.requireNonNull(reader, "reader");
        return m -> m.readBody(reader);
    }
}
