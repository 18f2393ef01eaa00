package io.luotsi.testkit;

import io.luotsi.core.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The OpenAPI 3 description of an {@link ServiceType#OPENAPI3} service, as its Security Server would hold it (served
 * by the {@code getOpenAPI} metaservice). Kept as the original bytes; {@code getOpenAPI} answers it with
 * {@code servers[].url} reduced to its path, as X-Road does.
 */
public final class OpenApiDocument {

    private final String location;
    private final byte[] content;
    private final String contentType;

    private OpenApiDocument(String location, byte[] content) {
        this(location, content, null);
    }

    private OpenApiDocument(String location, byte[] content, String contentType) {
        this.location = Objects.requireNonNull(location, "location");
        this.content = Objects.requireNonNull(content, "content").clone();
        this.contentType = contentType;
    }

    /**
     * Reads the document from a file now.
     *
     * @throws ConfigurationException when the file cannot be read
     */
    public static OpenApiDocument read(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return new OpenApiDocument(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigurationException("cannot read OpenAPI document " + file + ": " + e.getMessage(), e);
        }
    }

    /** A document given as text; {@code location} names it (e.g. {@code petstore.yaml}) and tells its format. */
    public static OpenApiDocument of(String location, String content) {
        return new OpenApiDocument(location, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Where the document came from, e.g. its file name. */
    public String location() {
        return location;
    }

    public byte[] content() {
        return content.clone();
    }

    public String contentAsString() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /**
     * The {@code Content-Type} the provider's web server would serve the document with, which {@code getOpenAPI}
     * passes on; absent by default, and then {@code getOpenAPI} answers {@code text/plain}, as X-Road does for a
     * description served without one.
     */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /**
     * A copy served with this {@code Content-Type}. As in X-Road, {@code application/json} (anywhere in it) makes the
     * document JSON and {@code application/x-yaml} YAML; otherwise the location's {@code .json} suffix decides.
     */
    public OpenApiDocument withContentType(String contentType) {
        return new OpenApiDocument(location, content, Objects.requireNonNull(contentType, "contentType"));
    }

    /** {@code application/json} for {@code .json} documents, {@code application/yaml} otherwise. */
    public String mediaType() {
        return location.toLowerCase(Locale.ROOT).endsWith(".json") ? "application/json" : "application/yaml";
    }

    @Override
    public String toString() {
        return "OpenApiDocument[" + location + ", " + content.length + " bytes]";
    }
}
