package io.luotsi.testkit;

import io.luotsi.core.http.Headers;
import io.luotsi.testkit.internal.HeaderField;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Header lines exactly as they travelled: in order, with their original spelling, repeats kept, and values not
 * validated (a client may send raw non-ASCII, and the fake must record what it got). Names are looked up
 * case-insensitively.
 *
 * <pre>{@code
 * RecordedHeaders h = exchange.providerRequest().orElseThrow().headers();
 * h.value("X-Road-Client");          // Optional[DEV/COM/4321/TestClient] (the last one, as X-Road reads it)
 * h.values("X-Road-Client");         // every value, in order
 * }</pre>
 */
public final class RecordedHeaders implements Iterable<Map.Entry<String, String>> {

    private static final RecordedHeaders EMPTY = new RecordedHeaders(List.of());

    private final List<Map.Entry<String, String>> fields;

    private RecordedHeaders(List<Map.Entry<String, String>> fields) {
        this.fields = fields;
    }

    public static RecordedHeaders empty() {
        return EMPTY;
    }

    /** Headers from alternating names and values. */
    public static RecordedHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected alternating names and values");
        }
        List<Map.Entry<String, String>> list = new ArrayList<>(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(entry(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new RecordedHeaders(List.copyOf(list));
    }

    /** A copy of core {@link Headers}. */
    public static RecordedHeaders of(Headers headers) {
        List<Map.Entry<String, String>> list = new ArrayList<>(headers.size());
        headers.forEach((n, v) -> list.add(entry(n, v)));
        return new RecordedHeaders(List.copyOf(list));
    }

    static RecordedHeaders copyOf(List<HeaderField> fields) {
        List<Map.Entry<String, String>> list = new ArrayList<>(fields.size());
        for (HeaderField f : fields) {
            list.add(entry(f.name(), f.value()));
        }
        return new RecordedHeaders(List.copyOf(list));
    }

    private static Map.Entry<String, String> entry(String name, String value) {
        return new AbstractMap.SimpleImmutableEntry<>(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(value, "value"));
    }

    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public String name(int index) {
        return fields.get(index).getKey();
    }

    public String value(int index) {
        return fields.get(index).getValue();
    }

    /** The last value of the header (X-Road reads repeated headers that way), or empty. */
    public Optional<String> value(String name) {
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (fields.get(i).getKey().equalsIgnoreCase(name)) {
                return Optional.of(fields.get(i).getValue());
            }
        }
        return Optional.empty();
    }

    /** Every value of the header, in order. */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>(2);
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equalsIgnoreCase(name)) {
                values.add(f.getValue());
            }
        }
        return List.copyOf(values);
    }

    public boolean contains(String name) {
        return value(name).isPresent();
    }

    /** Header names in first-seen order, as spelled. */
    public Set<String> names() {
        Set<String> lower = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, String> f : fields) {
            if (lower.add(f.getKey().toLowerCase(java.util.Locale.ROOT))) {
                names.add(f.getKey());
            }
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    /** The lines as name/value entries, in order. */
    public List<Map.Entry<String, String>> asList() {
        return fields;
    }

    /**
     * The same headers as core {@link Headers}.
     *
     * @throws IllegalArgumentException when a value holds characters HTTP/1.1 header values may not carry
     */
    public Headers toHeaders() {
        Headers.Builder b = Headers.builder();
        fields.forEach(f -> b.add(f.getKey(), f.getValue()));
        return b.build();
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return fields.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedHeaders other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    /** Names only: values may carry personal data or credentials. */
    @Override
    public String toString() {
        return "RecordedHeaders" + names();
    }
}
