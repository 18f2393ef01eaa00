package io.luotsi.xroad.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathTemplateTest {

    @Test
    void encodesPlaceholdersAsOnePathSegment() {
        assertThat(PathTemplate.expand("/persons/{id}", "a/b")).isEqualTo("/persons/a%2Fb");
        assertThat(PathTemplate.expand("/persons/{id}/x", "öäå ?#")).isEqualTo("/persons/%C3%B6%C3%A4%C3%A5%20%3F%23/x");
        assertThat(PathTemplate.expand("/a/{x}/{y}", 1, 2L)).isEqualTo("/a/1/2");
        assertThat(PathTemplate.expand("/{x}", "...")).isEqualTo("/...");
    }

    @Test
    void encodesQueryPlaceholdersAsQueryComponents() {
        assertThat(PathTemplate.expand("/search?q={q}&n={n}", "a b&c=d+e/f?#ä", 5))
                .isEqualTo("/search?q=a%20b%26c%3Dd%2Be/f?%23%C3%A4&n=5");
        assertThat(PathTemplate.expand("/s?q={q}", "")).isEqualTo("/s?q=");
    }

    @Test
    void appendsEncodedQueryParameters() {
        String p = PathTemplate.appendQuery("/search", "full name", "Ann & Bob=1+1");
        assertThat(p).isEqualTo("/search?full%20name=Ann%20%26%20Bob%3D1%2B1");
        assertThat(PathTemplate.appendQuery(p, "x", "ä")).isEqualTo(p + "&x=%C3%A4");
    }

    @Test
    void keepsLiteralTextAndExistingEscapes() {
        assertThat(PathTemplate.expand("/path%3B/")).isEqualTo("/path%3B/");
        assertThat(PathTemplate.expand("/a;b=c/d:e@f")).isEqualTo("/a;b=c/d:e@f");
        assertThat(PathTemplate.expand("")).isEqualTo("/");
    }

    @Test
    void encodesLiteralCharactersThatMayNotAppearRawInAUri() {
        String p = PathTemplate.expand("/a b/ä/[x]/100%/%zz/\"|\\^`");
        assertThat(p).isEqualTo("/a%20b/%C3%A4/%5Bx%5D/100%25/%25zz/%22%7C%5C%5E%60");
        assertThat(URI.create("http://h" + p).getRawPath()).isEqualTo(p);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "%2e", "%2E%2e", ".%2E"})
    void refusesDotSegmentsFromPlaceholders(String value) {
        // OkHttp and X-Road both resolve dot segments: "/persons/.." would leave the intended resource, and enough
        // of them would even change the service the call goes to.
        String arg = PercentCodec.decodeSegmentLenient(value);
        assertThatThrownBy(() -> PathTemplate.expand("/persons/{id}", arg))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a/../b", "/a/./b", "/..", "/a/%2e%2E/b", "/a/.%2e", "/a/%2E"})
    void refusesDotSegmentsInLiteralPaths(String path) {
        assertThatThrownBy(() -> PathTemplate.expand(path))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dot");
    }

    @Test
    void allowsDotsInsideSegmentsAndInTheQuery() {
        assertThat(PathTemplate.expand("/files/{f}", "a..b")).isEqualTo("/files/a..b");
        assertThat(PathTemplate.expand("/files/.hidden/x.y")).isEqualTo("/files/.hidden/x.y");
        assertThat(PathTemplate.expand("/files?p={p}", "../..")).isEqualTo("/files?p=../..");
    }

    @Test
    void checksArgumentsAgainstPlaceholders() {
        assertThatThrownBy(() -> PathTemplate.expand("/a/{x}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.expand("/a/{x}", "1", "2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.expand("/a/{x}", (Object) null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.expand("/a/{x}", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.expand("/a/{x", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.expand("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.expand("/a#frag")).isInstanceOf(IllegalArgumentException.class);
    }
}
