package io.luotsi.testkit;

import io.luotsi.xroad.soap.AttachmentSource;
import io.luotsi.xroad.soap.SoapFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stubbed SOAP provider answers on the fake Security Server. Immutable.
 *
 * <ul>
 *   <li>{@link #body(String)}: the content of the response element; the fake writes the envelope as a provider
 *       would: the request's headers repeated, {@code <serviceCode>Response} around the content;
 *   <li>{@link #fault(String, String)}: a SOAP fault of the service (passed to the client unchanged);
 *   <li>{@link #raw(int, String, byte[])}: exactly these bytes, to test what the Security Server makes of a broken
 *       provider (no header, no body, bad content type, ...).
 * </ul>
 *
 * <pre>{@code
 * FakeSoapResponse.body("<state>OK</state>")
 * FakeSoapResponse.body("<doc/>").withAttachment(AttachmentSource.ofBytes(pdf, "application/pdf"))
 * FakeSoapResponse.fault("SOAP-ENV:Server", "backend down")
 * FakeSoapResponse.raw(200, "text/xml", Files.readAllBytes(Path.of("no-header.query")))
 * }</pre>
 */
public final class FakeSoapResponse {

    private final String content;
    private final SoapFault fault;
    private final int status;
    private final String contentType;
    private final byte[] raw;
    private final List<AttachmentSource> attachments;
    private final boolean mtom;

    private FakeSoapResponse(String content, SoapFault fault, int status, String contentType, byte[] raw,
                             List<AttachmentSource> attachments, boolean mtom) {
        this.content = content;
        this.fault = fault;
        this.status = status;
        this.contentType = contentType;
        this.raw = raw;
        this.attachments = List.copyOf(attachments);
        this.mtom = mtom;
    }

    /** The XML content of the response element (it must declare the prefixes it uses). */
    public static FakeSoapResponse body(String contentXml) {
        Objects.requireNonNull(contentXml, "contentXml");
        return new FakeSoapResponse(contentXml, null, 200, null, null, List.of(), false);
    }

    /** A fault of the service, in X-Road's format, with HTTP status 500. */
    public static FakeSoapResponse fault(String code, String faultString) {
        return new FakeSoapResponse(null, SoapFault.of(code, faultString, "", null), 500, null, null, List.of(),
                false);
    }

    /** Exactly these bytes with this status and content type ({@code null}: no Content-Type header). */
    public static FakeSoapResponse raw(int status, String contentType, byte[] body) {
        Objects.requireNonNull(body, "body");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100-599: " + status);
        }
        return new FakeSoapResponse(null, null, status, contentType, body.clone(), List.of(), false);
    }

    /** A copy with an attachment (for {@link #body(String)} responses). */
    public FakeSoapResponse withAttachment(AttachmentSource attachment) {
        Objects.requireNonNull(attachment, "attachment");
        if (content == null) {
            throw new IllegalStateException("only body(...) responses carry attachments");
        }
        List<AttachmentSource> list = new ArrayList<>(attachments);
        list.add(attachment);
        return new FakeSoapResponse(content, fault, status, contentType, raw, list, mtom);
    }

    /** A copy written as MTOM (for {@link #body(String)} responses). */
    public FakeSoapResponse mtom() {
        return new FakeSoapResponse(content, fault, status, contentType, raw, attachments, true);
    }

    Optional<String> content() {
        return Optional.ofNullable(content);
    }

    Optional<SoapFault> faultValue() {
        return Optional.ofNullable(fault);
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    byte[] rawBytes() {
        return raw;
    }

    List<AttachmentSource> attachments() {
        return attachments;
    }

    boolean isMtom() {
        return mtom;
    }

    @Override
    public String toString() {
        return "FakeSoapResponse[" + (content != null ? "body" : fault != null ? "fault " + fault.code()
                : "raw " + status + " " + contentType) + "]";
    }
}
