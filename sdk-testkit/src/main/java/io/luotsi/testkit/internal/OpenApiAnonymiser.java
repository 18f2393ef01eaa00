package io.luotsi.testkit.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * What the provider's Security Server does to an OpenAPI description before {@code getOpenAPI} returns it
 * ({@code Openapi3Anonymiser}): the document is parsed (JSON or YAML), its {@code openapi} version must be a 3.x
 * string, every {@code servers[].url} that is a string without a {@code {variable}} is replaced by its path part
 * ({@code http://petstore.swagger.io/v1/cats} becomes {@code /v1/cats}), and the document is written again by Jackson
 * (compact JSON; YAML with a {@code ---} start and quoted strings). URLs with variables, {@code null}, empty strings and
 * non-strings are left alone.
 */
public final class OpenApiAnonymiser {

    private static final String INTERNAL_ERROR = "server.serverproxy.internal_error";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true);

    private OpenApiAnonymiser() {
    }

    /**
     * The document as {@code getOpenAPI} answers it.
     *
     * @param content  the document as registered
     * @param json     whether it is JSON (else YAML)
     * @param location where it came from, for the error message
     * @throws XRoadFault {@code server.serverproxy.internal_error} with X-Road's message when the version is not 3.x,
     *     a server URL does not parse, or the document does not parse
     */
    public static byte[] anonymise(byte[] content, boolean json, String location) {
        ObjectMapper mapper = json ? JSON : YAML;
        JsonNode tree;
        try {
            tree = mapper.readTree(content);
        } catch (IOException e) {
            throw failedOverwriting(location, e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw failedOverwriting(location, null);
        }
        JsonNode version = tree.get("openapi");
        // X-Road compares the node's JSON text: a quoted string starting with 3.
        if (version != null && !version.toString().startsWith("\"3.")) {
            throw new XRoadFault(INTERNAL_ERROR, "Incompatible openapi version. Openapi version 3 or greater "
                    + "expected. Given openapi document is of version " + version, XRoadFault.Kind.PROVIDER_FAILURE);
        }
        JsonNode servers = tree.get("servers");
        if (servers != null && servers.isArray()) {
            for (JsonNode server : servers) {
                String url = server.has("url") ? server.get("url").textValue() : null;
                if (url != null && !(url.contains("{") && url.contains("}"))) {
                    try {
                        ((ObjectNode) server).put("url", new URI(url).getPath());
                    } catch (URISyntaxException e) {
                        throw new XRoadFault(INTERNAL_ERROR, "Can't parse url string: " + url,
                                XRoadFault.Kind.PROVIDER_FAILURE, e);
                    }
                }
            }
        }
        try {
            return mapper.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw failedOverwriting(location, e);
        }
    }

    private static XRoadFault failedOverwriting(String location, Throwable cause) {
        return new XRoadFault(INTERNAL_ERROR, "Failed overwriting origin URL for the openapi servers for " + location,
                XRoadFault.Kind.PROVIDER_FAILURE, cause);
    }
}
