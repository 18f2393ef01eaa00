package io.luotsi.xroad.provider;

import io.luotsi.core.json.JacksonJsonCodec;
import io.luotsi.core.json.JsonCodec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes from a response everything outside the data categories a request may get (GDPR Art. 5(1)(c)). Categories
 * map to JSON paths declaratively; a response object is turned into its JSON tree with the {@link JsonCodec}, and
 * only the paths of the granted categories (and the paths marked {@link Builder#always(String...)}) are kept. A field
 * no category names is removed: the minimiser fails closed when the response grows a field nobody mapped.
 *
 * <pre>{@code
 * DataMinimiser minimiser = DataMinimiser.builder()
 *     .always("$.id")
 *     .category("name", "$.firstName", "$.lastName")
 *     .category("address", "$.address")
 *     .category("income", "$.incomes[*].amount", "$.incomes[*].year")
 *     .build();
 * byte[] json = minimiser.minimiseToJson(person, Set.of("name"));   // {"id":..,"firstName":..,"lastName":..}
 * }</pre>
 *
 * Paths: {@code $} then steps, each {@code .name} (a field; letters, digits, {@code _} and {@code -}) or {@code [*]}
 * (every element of an array). A path keeps the whole value it reaches. Containers that only led to removed values
 * are removed too; array elements keep their positions. Immutable and thread-safe.
 */
public final class DataMinimiser {

    private static final Pattern PATH = Pattern.compile("\\$(\\.[A-Za-z0-9_-]+|\\[\\*])*");
    private static final String ANY_ELEMENT = "[*]";

    private final Map<String, List<String>> categories;
    private final List<String> always;
    private final JsonCodec json;

    private DataMinimiser(Builder b) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        b.categories.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.categories = Map.copyOf(copy);
        this.always = List.copyOf(b.always);
        this.json = b.json;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The categories this minimiser knows. */
    public Set<String> categories() {
        return categories.keySet();
    }

    /**
     * The response as a JSON tree ({@code Map}, {@code List}, strings, numbers, booleans) with only what the granted
     * categories (and the always-kept paths) reach. Unknown categories reach nothing.
     */
    public Object minimise(Object response, Set<String> granted) {
        Objects.requireNonNull(granted, "granted");
        if (response == null) {
            return null;
        }
        Object tree = json.read(json.writeBytes(response), Object.class);
        Node keep = new Node();
        always.forEach(p -> keep.add(p));
        for (String category : granted) {
            categories.getOrDefault(category, List.of()).forEach(keep::add);
        }
        Object kept = prune(tree, keep);
        return kept == REMOVED ? null : kept;
    }

    /** {@link #minimise(Object, Set)} written as JSON. */
    public byte[] minimiseToJson(Object response, Set<String> granted) {
        Object tree = minimise(response, granted);
        return json.writeBytes(tree == null ? Map.of() : tree);
    }

    @Override
    public String toString() {
        return "DataMinimiser" + categories.keySet();
    }

    private static final Object REMOVED = new Object();

    private static Object prune(Object value, Node keep) {
        if (keep.whole) {
            return value;
        }
        if (keep.children.isEmpty()) {
            return REMOVED;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Node child = keep.children.get(String.valueOf(e.getKey()));
                if (child == null) {
                    continue;
                }
                Object v = prune(e.getValue(), child);
                if (v != REMOVED) {
                    out.put(String.valueOf(e.getKey()), v);
                }
            }
            return out.isEmpty() ? REMOVED : out;
        }
        if (value instanceof List<?> list) {
            Node child = keep.children.get(ANY_ELEMENT);
            if (child == null) {
                return REMOVED;
            }
            List<Object> out = new ArrayList<>(list.size());
            boolean any = false;
            for (Object element : list) {
                Object v = prune(element, child);
                any |= v != REMOVED;
                out.add(v == REMOVED ? null : v);
            }
            return any ? out : REMOVED;
        }
        return REMOVED;
    }

    /** A trie of kept paths. */
    private static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();
        boolean whole;

        void add(String path) {
            Node n = this;
            int i = 1;
            while (i < path.length()) {
                String step;
                if (path.charAt(i) == '[') {
                    step = ANY_ELEMENT;
                    i += 3;
                } else {
                    int end = i + 1;
                    while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                        end++;
                    }
                    step = path.substring(i + 1, end);
                    i = end;
                }
                n = n.children.computeIfAbsent(step, s -> new Node());
            }
            n.whole = true;
        }
    }

    /** Builds a {@link DataMinimiser}. */
    public static final class Builder {
        private final Map<String, List<String>> categories = new LinkedHashMap<>();
        private final List<String> always = new ArrayList<>();
        private JsonCodec json = JacksonJsonCodec.create();

        private Builder() {
        }

        /** The paths a category reaches; adds to what the category already has. */
        public Builder category(String category, String... paths) {
            Objects.requireNonNull(category, "category");
            return category(category, List.of(paths));
        }

        public Builder category(String category, Collection<String> paths) {
            Objects.requireNonNull(category, "category");
            paths.forEach(Builder::requirePath);
            categories.computeIfAbsent(category, c -> new ArrayList<>()).addAll(paths);
            return this;
        }

        /** Paths kept whatever the categories (identifiers the response needs, not personal data). */
        public Builder always(String... paths) {
            for (String p : paths) {
                always.add(requirePath(p));
            }
            return this;
        }

        /** The codec that turns response objects into JSON trees; {@link JacksonJsonCodec#create()} by default. */
        public Builder json(JsonCodec json) {
            this.json = Objects.requireNonNull(json, "json");
            return this;
        }

        public DataMinimiser build() {
            return new DataMinimiser(this);
        }

        private static String requirePath(String path) {
            Objects.requireNonNull(path, "path");
            if (!PATH.matcher(path).matches()) {
                throw new IllegalArgumentException("not a path ($, .name, [*]): " + path);
            }
            return path;
        }
    }
}
