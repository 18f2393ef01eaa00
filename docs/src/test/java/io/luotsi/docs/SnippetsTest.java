package io.luotsi.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Code shown in the docs comes from compiled samples. A Markdown code block preceded by
 * {@code <!-- snippet: path/to/Source.java#name -->} must equal, line for line (indentation normalised), the lines
 * between {@code // snippet:name} and {@code // end:name} in that source file (path relative to the repository root).
 */
class SnippetsTest {

    private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*(\\S+?)#(\\S+)\\s*-->");

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void everySnippetMatchesItsCompiledSource() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path md : markdownFiles()) {
            List<String> lines = Files.readAllLines(md, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = MARKER.matcher(lines.get(i));
                if (!m.find()) {
                    continue;
                }
                Path source = ROOT.resolve(m.group(1));
                String name = m.group(2);
                int open = i + 1;
                while (open < lines.size() && lines.get(open).isBlank()) {
                    open++;
                }
                if (open >= lines.size() || !lines.get(open).startsWith("```")) {
                    problems.add(ROOT.relativize(md) + ":" + (i + 1) + ": snippet marker not followed by a code block");
                    continue;
                }
                int close = open + 1;
                while (close < lines.size() && !lines.get(close).startsWith("```")) {
                    close++;
                }
                List<String> shown = dedent(lines.subList(open + 1, close));
                if (!Files.exists(source)) {
                    problems.add(ROOT.relativize(md) + ":" + (i + 1) + ": no such source " + m.group(1));
                    continue;
                }
                List<String> region = region(source, name);
                if (region == null) {
                    problems.add(ROOT.relativize(md) + ":" + (i + 1) + ": no region '" + name + "' in " + m.group(1));
                } else if (!region.equals(shown)) {
                    problems.add(ROOT.relativize(md) + ":" + (i + 1) + ": snippet '" + name + "' differs from "
                            + m.group(1) + "\n--- source\n" + String.join("\n", region) + "\n--- docs\n"
                            + String.join("\n", shown));
                }
                checked++;
            }
        }
        assertThat(problems).as("snippet problems").isEmpty();
        assertThat(checked).as("snippets checked").isPositive();
    }

    private static List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> s = Files.walk(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md") && !p.toString().contains("/target/")).sorted()
                    .forEach(files::add);
        }
        return files;
    }

    private static List<String> region(Path source, String name) {
        try {
            List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
            int start = -1;
            for (int i = 0; i < lines.size(); i++) {
                String t = lines.get(i).trim();
                if (t.equals("// snippet:" + name)) {
                    start = i + 1;
                } else if (t.equals("// end:" + name) && start >= 0) {
                    return dedent(lines.subList(start, i));
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                int n = 0;
                while (n < l.length() && l.charAt(n) == ' ') {
                    n++;
                }
                indent = Math.min(indent, n);
            }
        }
        List<String> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            out.add(l.isBlank() ? "" : l.substring(Math.min(indent, l.length())).stripTrailing());
        }
        return out;
    }
}
