package io.luotsi.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** X-Road's {@code Openapi3Anonymiser} rules, on small documents. */
class OpenApiAnonymiserTest {

    private static String yaml(String doc) {
        return new String(OpenApiAnonymiser.anonymise(doc.getBytes(StandardCharsets.UTF_8), false, "t.yaml"),
                StandardCharsets.UTF_8);
    }

    private static String json(String doc) {
        return new String(OpenApiAnonymiser.anonymise(doc.getBytes(StandardCharsets.UTF_8), true, "t.json"),
                StandardCharsets.UTF_8);
    }

    @Test
    void serverUrlsWithoutVariablesBecomeTheirPath() {
        assertThat(json("{\"openapi\":\"3.1.0\",\"servers\":[{\"url\":\"https://h.example:8443/a/b?x=1\"},"
                + "{\"url\":\"https://{host}/v1\"},{\"url\":\"relative/path\"},{\"url\":\"https://h.example\"}]}"))
                .isEqualTo("{\"openapi\":\"3.1.0\",\"servers\":[{\"url\":\"/a/b\"},{\"url\":\"https://{host}/v1\"},"
                        + "{\"url\":\"relative/path\"},{\"url\":\"\"}]}");
    }

    @Test
    void yamlIsWrittenAgainByJackson() {
        assertThat(yaml("openapi: '3.0.3'\nservers:\n  - url: http://x.example/api\n"))
                .isEqualTo("---\nopenapi: \"3.0.3\"\nservers:\n- url: \"/api\"\n");
    }

    @Test
    void onlyAQuotedThreeDotVersionIsAccepted() {
        assertThatThrownBy(() -> yaml("openapi: 2.0.1\n")).isInstanceOfSatisfying(XRoadFault.class, e -> {
            assertThat(e.code()).isEqualTo("server.serverproxy.internal_error");
            assertThat(e.getMessage()).endsWith("Given openapi document is of version \"2.0.1\"");
            assertThat(e.kind()).isEqualTo(XRoadFault.Kind.PROVIDER_FAILURE);
        });
        // A YAML number is not a string: X-Road compares the JSON text "3.0" with "\"3.".
        assertThatThrownBy(() -> yaml("openapi: 3.0\n")).isInstanceOf(XRoadFault.class)
                .hasMessageEndingWith("of version 3.0");
        assertThat(yaml("info: {title: no version}\n")).contains("title: \"no version\"");
    }

    @Test
    void unparseableServerUrlOrDocumentIsInternalError() {
        assertThatThrownBy(() -> json("{\"openapi\":\"3.0.0\",\"servers\":[{\"url\":\"http://a b/\"}]}"))
                .isInstanceOf(XRoadFault.class).hasMessage("Can't parse url string: http://a b/");
        assertThatThrownBy(() -> json("{not json")).isInstanceOf(XRoadFault.class)
                .hasMessage("Failed overwriting origin URL for the openapi servers for t.json");
    }
}
