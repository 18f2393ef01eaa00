package io.luotsi.auth.xades;

import java.util.Objects;

/**
 * One data object a {@link XadesSigner} signs: its URI in the signature (for ASiC-E, the entry name with a leading
 * slash, e.g. {@code /message.xml}), its data or digest, and optionally its MIME type (recorded as a signed
 * {@code xades:DataObjectFormat}).
 *
 * @param uri      the reference URI; must not start with {@code #}
 * @param data     the bytes, or their digest with the signer's digest algorithm
 * @param mimeType the MIME type, or {@code null}
 */
public record XadesReference(String uri, ReferencedData data, String mimeType) {

    public XadesReference {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(data, "data");
        if (uri.isEmpty() || uri.startsWith("#")) {
            throw new IllegalArgumentException("a data reference names a resource outside the signature, got '" + uri
                    + "'");
        }
    }

    /** A reference to bytes. */
    public static XadesReference of(String uri, byte[] bytes, String mimeType) {
        return new XadesReference(uri, ReferencedData.bytes(bytes), mimeType);
    }
}
