package io.luotsi.xroad.provider;

import io.luotsi.xroad.soap.AttachmentSource;
import io.luotsi.xroad.soap.SoapBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link SoapHandler} answers. The provider writes it as X-Road requires: the request's header repeated in the
 * request's order, and the content in a body element {@code <serviceCode>Response} in the namespace (and with the
 * prefix) of the request's body element.
 *
 * <pre>{@code
 * SoapReply.of(person)                                       // the object's fields inside <getPersonResponse>
 * SoapReply.xml("<name>Ann</name>")                          // raw content of <getPersonResponse>
 * SoapReply.of(person).withAttachment(AttachmentSource.ofFile(pdf, "application/pdf").withContentId("doc"))
 * }</pre>
 */
public final class SoapReply {

    private final Object value;
    private final SoapBody content;
    private final List<AttachmentSource> attachments;
    private final boolean mtom;

    private SoapReply(Object value, SoapBody content, List<AttachmentSource> attachments, boolean mtom) {
        this.value = value;
        this.content = content;
        this.attachments = List.copyOf(attachments);
        this.mtom = mtom;
    }

    /**
     * An object written by the provider's XML codec as the response element (its own root name is replaced by
     * {@code <serviceCode>Response}; its fields become the element's content).
     */
    public static SoapReply of(Object value) {
        return new SoapReply(Objects.requireNonNull(value, "value"), null, List.of(), false);
    }

    /** Raw XML content of the response element (it must declare the prefixes it uses). */
    public static SoapReply xml(String content) {
        return new SoapReply(null, SoapBody.xml(Objects.requireNonNull(content, "content")), List.of(), false);
    }

    /** Content of the response element from a {@link SoapBody} (e.g. a StAX writer). */
    public static SoapReply content(SoapBody content) {
        return new SoapReply(null, Objects.requireNonNull(content, "content"), List.of(), false);
    }

    /** An empty response element. */
    public static SoapReply empty() {
        return new SoapReply(null, SoapBody.empty(), List.of(), false);
    }

    /** A copy with one more attachment (the response becomes {@code multipart/related}). */
    public SoapReply withAttachment(AttachmentSource attachment) {
        List<AttachmentSource> list = new ArrayList<>(attachments);
        list.add(Objects.requireNonNull(attachment, "attachment"));
        return new SoapReply(value, content, list, mtom);
    }

    /** A copy written as MTOM/XOP. */
    public SoapReply mtom() {
        return new SoapReply(value, content, attachments, true);
    }

    Object value() {
        return value;
    }

    SoapBody content() {
        return content;
    }

    public List<AttachmentSource> attachments() {
        return attachments;
    }

    public boolean isMtom() {
        return mtom;
    }

    @Override
    public String toString() {
        return "SoapReply[" + (value != null ? value.getClass().getSimpleName() : content) + ", "
                + attachments.size() + " attachments" + (mtom ? ", MTOM" : "") + "]";
    }
}
