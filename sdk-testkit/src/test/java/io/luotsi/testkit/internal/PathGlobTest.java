package io.luotsi.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cases of X-Road's {@code PathGlobTest}, and a few endpoint patterns. */
class PathGlobTest {

    @ParameterizedTest(name = "<{0}> matches <{1}>: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "**                | ``                        | true",
        "***               | match/anything/*          | true",
        "**                | /a/b/c                    | true",
        "/*/               | /a/                       | true",
        "/*/               | /a/b/                     | false",
        "``                | ``                        | true",
        "``                | ` `                       | false",
        "**/bar/**         | a/b/c/bar/e/f             | true",
        "**/bar/**         | a/b/c/foo/e/f             | false",
        "**\\*             | /what/ever*               | true",
        "**\\*             | /what/ever!               | false",
        "simple            | simple                    | true",
        "simple            | prefix.simple.suffix      | false",
        "**/*/**           | something/bar/something/else | true",
        "**/*/**           | /bar/                     | true",
        "**/*/**           | //                        | true",
        "**/*/**           | something/else            | false",
        "\\A               | \\A                       | true",
        "\\*               | *                         | true",
        "\\*               | \\*                       | false",
        "\\\\              | \\                        | true",
        "aa\\              | aa\\                      | true",
        "/pets/*           | /pets/1                   | true",
        "/pets/*           | /pets/1/photos            | false",
        "/pets/**          | /pets/1/photos            | true",
        "/pets/*/photos    | /pets/1/photos            | true"})
    void matchesAsXRoad(String glob, String path, boolean expected) {
        assertThat(PathGlob.matches(glob, path)).isEqualTo(expected);
    }

    @Test
    void regexCharactersAreLiteral() {
        assertThat(PathGlob.matches(".^$+{[]|()", ".^$+{[]|()")).isTrue();
        assertThat(PathGlob.matches("/a.b", "/axb")).isFalse();
    }
}
