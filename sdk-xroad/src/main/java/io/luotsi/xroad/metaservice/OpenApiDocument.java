package io.luotsi.xroad.metaservice;

import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.metaservice.internal.OpenApiScanner;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The OpenAPI description of a REST service as {@code getOpenAPI} returns it: the document as the provider published
 * it (JSON or YAML; the Security Server only rewrites {@code servers[].url} to its path), with minimal typed access to
 * what a client needs without an OpenAPI library: the {@code openapi} version and the server URLs.
 *
 * <pre>{@code
 * OpenApiDocument doc = client.metaservices().getOpenApi(service);
 * if (!doc.isOpenApi3()) { ... }
 * String yamlOrJson = doc.text();            // hand it to the OpenAPI parser of your choice
 * List<String> bases = doc.serverUrls();     // e.g. [/v1/cats]
 * }</pre>
 */
public final class OpenApiDocument implements ServiceDocument {

    /** The syntax of the document. */
    public enum Format { JSON, YAML }

    private final ServiceId service;
    private final byte[] bytes;
    private final String contentType;
    private volatile OpenApiScanner.Info info;

    public OpenApiDocument(ServiceId service, byte[] bytes, String contentType) {
        this.service = Objects.requireNonNull(service, "service");
        this.bytes = Objects.requireNonNull(bytes, "bytes").clone();
        this.contentType = contentType;
    }

    /** The service the document describes. */
    @Override
    public ServiceId service() {
        return service;
    }

    /** {@link ServiceType#OPENAPI}. */
    @Override
    public ServiceType type() {
        return ServiceType.OPENAPI;
    }

    /** The document as received. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The {@code Content-Type} it came with ({@code text/plain} by X-Road's default), or {@code null}. */
    @Override
    public String contentType() {
        return contentType;
    }

    /** The document as text, in the charset the content type names (UTF-8 otherwise). */
    @Override
    public String text() {
        return new String(bytes, charset());
    }

    public Format format() {
        return scan().json() ? Format.JSON : Format.YAML;
    }

    /** The {@code openapi} field, e.g. {@code 3.0.0}. */
    public Optional<String> openApiVersion() {
        return Optional.ofNullable(scan().version());
    }

    /** Whether the document declares OpenAPI 3.x, the only major version X-Road accepts. */
    public boolean isOpenApi3() {
        return openApiVersion().map(v -> v.startsWith("3.")).orElse(false);
    }

    /** The {@code url} of each entry of {@code servers} that is a string, in order (empty strings included). */
    public List<String> serverUrls() {
        return scan().servers();
    }

    private OpenApiScanner.Info scan() {
        OpenApiScanner.Info i = info;
        if (i == null) {
            i = OpenApiScanner.scan(text());
            info = i;
        }
        return i;
    }

    private Charset charset() {
        if (contentType != null) {
            for (String p : contentType.split(";")) {
                String t = p.trim();
                if (t.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(t.substring(8).replace("\"", "").trim());
                    } catch (RuntimeException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public String toString() {
        return "OpenApiDocument[" + service + ", " + bytes.length + " bytes, " + contentType + "]";
    }
}
