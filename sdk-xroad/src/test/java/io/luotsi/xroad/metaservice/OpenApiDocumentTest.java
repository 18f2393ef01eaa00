package io.luotsi.xroad.metaservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.xroad.ServiceId;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    static OpenApiDocument doc(String text, String contentType) {
        return new OpenApiDocument(ServiceId.parse("EE/GOV/1/sub/api"), text.getBytes(StandardCharsets.UTF_8),
                contentType);
    }

    @Test
    void readsFlowStyleServersAndCommentsAndQuotes() {
        OpenApiDocument d = doc("""
                # an API
                openapi: '3.1.0'   # latest
                info: {title: x}
                servers: [{url: "/v1"}, {url: 'https://a.example/v2', description: second}, {url: null}]
                paths: {}
                """, null);
        assertThat(d.openApiVersion()).contains("3.1.0");
        assertThat(d.serverUrls()).containsExactly("/v1", "https://a.example/v2");
    }

    @Test
    void readsBlockServersWhoseUrlIsNotTheFirstKeyAndIgnoresNestedUrls() {
        OpenApiDocument d = doc("""
                openapi: 3.0.3
                servers:
                  - description: production
                    url: https://api.example/v1
                    variables:
                      env:
                        url: not-a-server
                        default: prod
                  -
                    url: /relative
                paths:
                  /x:
                    get:
                      servers:
                        - url: https://operation.example
                """, "application/yaml");
        assertThat(d.serverUrls()).containsExactly("https://api.example/v1", "/relative");
        assertThat(d.openApiVersion()).contains("3.0.3");
    }

    @Test
    void aDocumentWithoutVersionOrServersHasNeither() {
        OpenApiDocument d = doc("swagger: \"2.0\"\nbasePath: /v1\n", null);
        assertThat(d.openApiVersion()).isEmpty();
        assertThat(d.isOpenApi3()).isFalse();
        assertThat(d.serverUrls()).isEmpty();
        OpenApiDocument broken = doc("{not json", "application/json");
        assertThat(broken.format()).isEqualTo(OpenApiDocument.Format.JSON);
        assertThat(broken.openApiVersion()).isEmpty();
    }

    @Test
    void decodesWithTheCharsetOfTheContentType() {
        byte[] latin1 = "openapi: 3.0.0\ninfo:\n  title: Pörssi\n".getBytes(StandardCharsets.ISO_8859_1);
        OpenApiDocument d = new OpenApiDocument(ServiceId.parse("EE/GOV/1/sub/api"), latin1,
                "text/yaml; charset=ISO-8859-1");
        assertThat(d.text()).contains("Pörssi");
        assertThat(d.bytes()).isEqualTo(latin1);
    }
}
