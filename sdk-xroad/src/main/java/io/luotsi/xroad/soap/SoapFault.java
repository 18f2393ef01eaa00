package io.luotsi.xroad.soap;

import io.luotsi.xroad.XRoadErrorCode;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.soap.internal.XmlText;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A SOAP 1.1 fault: one from a Security Server (X-Road codes, in either casing:
 * {@code Server.ClientProxy.ServiceFailed.MissingBody} up to 7.7, {@code server.clientproxy.service_failed.missing_body}
 * from 7.8) or one from a provider's service (its own QName codes: {@code soap:Server}, {@code foo:FOOCODE},
 * {@code CODE}). Security Servers send faults with HTTP status 200.
 *
 * <pre>{@code
 * if (envelope instanceof SoapFault f) {
 *     throw f.toException();                // XRoadException: origin, retryable, detail
 * }
 * // as a provider or a fake Security Server, in X-Road's own format:
 * byte[] xml = SoapFault.of("server.clientproxy.service_failed.missing_body",
 *         "Malformed SOAP message: body missing").bytes();
 * }</pre>
 */
public final class SoapFault implements SoapEnvelope {

    private final String code;
    private final String faultString;
    private final String faultActor;
    private final String faultDetail;
    private final String detailXml;
    private final SoapPart part;

    SoapFault(String code, String faultString, String faultActor, String faultDetail, String detailXml,
              SoapPart part) {
        this.code = code;
        this.faultString = faultString;
        this.faultActor = faultActor;
        this.faultDetail = faultDetail;
        this.detailXml = detailXml;
        this.part = part;
    }

    /** A fault as X-Road writes it, with a new random UUID as {@code faultDetail} and an empty {@code faultactor}. */
    public static SoapFault of(String code, String faultString) {
        return of(code, faultString, "", UUID.randomUUID().toString());
    }

    /**
     * A fault in X-Road's format ({@code SoapFault.createFaultXml}): unqualified {@code faultcode}, and
     * {@code <detail><faultDetail xmlns="">...</faultDetail></detail>} when {@code faultDetail} is not null.
     *
     * @param faultActor  {@code null} to leave the element out
     * @param faultDetail X-Road puts a UUID here to find the event in its log; {@code null} leaves detail out
     */
    public static SoapFault of(String code, String faultString, String faultActor, String faultDetail) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(faultString, "faultString");
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + SoapEnvelopeReader.SOAP_ENV_NS + "\">"
                + "<SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>" + XmlText.escape(code) + "</faultcode>"
                + "<faultstring>" + XmlText.escape(faultString) + "</faultstring>"
                + (faultActor != null ? "<faultactor>" + XmlText.escape(faultActor) + "</faultactor>" : "")
                + (faultDetail != null ? "<detail><faultDetail xmlns=\"\">" + XmlText.escape(faultDetail)
                + "</faultDetail></detail>" : "")
                + "</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>";
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        String detailXml = faultDetail == null ? null
                : "<faultDetail xmlns=\"\">" + XmlText.escape(faultDetail) + "</faultDetail>";
        return new SoapFault(code, faultString, faultActor, faultDetail, detailXml,
                new SoapPart(bytes, 0, bytes.length, StandardCharsets.UTF_8, "text/xml; charset=UTF-8", 0,
                        xml));
    }

    /** The fault for a rejected message, as X-Road writes it: code with prefix, a new UUID as detail. */
    public static SoapFault of(io.luotsi.xroad.XRoadProtocolException e, String prefix) {
        Objects.requireNonNull(e, "e");
        Objects.requireNonNull(prefix, "prefix");
        return of(prefix.isEmpty() ? e.code() : prefix + "." + e.code(), e.getMessage());
    }

    /** {@code faultcode} as written ({@code server.clientproxy.network_error}, {@code soap:Server}, ...). */
    public String code() {
        return code;
    }

    /** {@code faultcode} normalised to the X-Road 7.8 form; a service's own QName code is kept as it is. */
    public XRoadErrorCode errorCode() {
        String c = code == null || code.isBlank() ? "Server" : code.trim();
        return XRoadErrorCode.parse(c);
    }

    /** {@code faultstring}, or {@code null} when absent. */
    public String faultString() {
        return faultString;
    }

    /** {@code faultactor}, or {@code null} when absent. */
    public Optional<String> faultActor() {
        return Optional.ofNullable(faultActor);
    }

    /**
     * The detail X-Road reads: the text of a {@code faultDetail} element inside {@code detail}, else the text
     * directly inside {@code detail}; for Security Server faults a UUID to find the event in its log.
     */
    public Optional<String> faultDetail() {
        return Optional.ofNullable(faultDetail);
    }

    /** {@link #faultDetail()} as a UUID, when it is one. */
    public Optional<UUID> faultDetailUuid() {
        if (faultDetail == null) {
            return Optional.empty();
        }
        try {
            String s = faultDetail.trim();
            UUID u = UUID.fromString(s);
            return u.toString().equalsIgnoreCase(s) ? Optional.of(u) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Everything inside {@code <detail>}, exactly as received, or empty when there is no {@code detail}. */
    public Optional<String> detailXml() {
        return Optional.ofNullable(detailXml);
    }

    /** Whether the code is one of X-Road's ({@code client.*}/{@code server.*} in either casing). */
    public boolean isXRoadFault() {
        return errorCode().isXRoadCode();
    }

    /** This fault as an exception: origin and retryability from the code; HTTP status 200 as X-Road sends it. */
    public XRoadException toException() {
        return toException(200, null, null);
    }

    public XRoadException toException(int statusCode, String messageId, String requestId) {
        return new XRoadException(errorCode(), faultString, faultDetail, statusCode, messageId, requestId);
    }

    @Override
    public String contentType() {
        return part.contentType;
    }

    @Override
    public Charset charset() {
        return part.charset;
    }

    @Override
    public int size() {
        return part.len;
    }

    @Override
    public byte[] bytes() {
        return part.bytes();
    }

    @Override
    public InputStream openStream() {
        return part.openStream();
    }

    @Override
    public void writeTo(OutputStream out) {
        part.writeTo(out);
    }

    @Override
    public String xml() {
        return part.text();
    }

    @Override
    public RequestHash requestHash() {
        return part.requestHash();
    }

    @Override
    public String toString() {
        return "SoapFault[code=" + code + ", faultString=" + faultString + ", faultDetail=" + faultDetail + "]";
    }
}
