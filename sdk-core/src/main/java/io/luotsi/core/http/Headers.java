package io.luotsi.core.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Immutable HTTP headers: ordered name/value pairs, looked up case-insensitively, repeats kept in order.
 *
 * <pre>{@code
 * Headers h = Headers.builder().add("Accept", "application/json").add("X-Road-Issue", "case-1").build();
 * h.value("accept");   // Optional[application/json]
 * }</pre>
 */
public final class Headers {

    private static final Headers EMPTY = new Headers(new String[0]);

    /** name0, value0, name1, value1, ... */
    private final String[] namesAndValues;

    private Headers(String[] namesAndValues) {
        this.namesAndValues = namesAndValues;
    }

    public static Headers empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Headers from alternating names and values: {@code Headers.of("Accept", "text/xml", "X-A", "1")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected alternating names and values");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    /**
     * Headers as received from the network, taken as they are: a server may send values the builder refuses to send
     * (Latin-1 text in a file name, say), and reading them must not fail. Names and values alternate.
     */
    static Headers received(String[] namesAndValues) {
        return namesAndValues.length == 0 ? EMPTY : new Headers(namesAndValues);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.list.addAll(Arrays.asList(namesAndValues));
        return b;
    }

    public int size() {
        return namesAndValues.length / 2;
    }

    public boolean isEmpty() {
        return namesAndValues.length == 0;
    }

    public String name(int index) {
        return namesAndValues[index * 2];
    }

    public String value(int index) {
        return namesAndValues[index * 2 + 1];
    }

    /** The last value of the header, or empty. The last one wins, as X-Road's proxy reads repeated headers. */
    public Optional<String> value(String name) {
        return Optional.ofNullable(lastValue(name));
    }

    /** The last value of the header, or {@code null}. */
    public String lastValue(String name) {
        for (int i = namesAndValues.length - 2; i >= 0; i -= 2) {
            if (namesAndValues[i].equalsIgnoreCase(name)) {
                return namesAndValues[i + 1];
            }
        }
        return null;
    }

    /** Every value of the header in order. */
    public List<String> values(String name) {
        List<String> result = null;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i].equalsIgnoreCase(name)) {
                if (result == null) {
                    result = new ArrayList<>(2);
                }
                result.add(namesAndValues[i + 1]);
            }
        }
        return result == null ? List.of() : Collections.unmodifiableList(result);
    }

    public boolean contains(String name) {
        return lastValue(name) != null;
    }

    /** Header names in first-seen order, with their original spelling. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            boolean seen = false;
            for (String n : names) {
                if (n.equalsIgnoreCase(namesAndValues[i])) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                names.add(namesAndValues[i]);
            }
        }
        return Collections.unmodifiableSet(names);
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            action.accept(namesAndValues[i], namesAndValues[i + 1]);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers other && Arrays.equals(namesAndValues, other.namesAndValues);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(namesAndValues);
    }

    /**
     * Names only: values may carry personal data or credentials. Use {@link io.luotsi.core.log.Redaction#headers}
     * to print values.
     */
    @Override
    public String toString() {
        return "Headers" + names();
    }

    /** Builds {@link Headers}. Names and values are checked for characters HTTP/1.1 forbids. */
    public static final class Builder {
        private final List<String> list = new ArrayList<>(16);

        private Builder() {
        }

        public Builder add(String name, String value) {
            checkName(name);
            checkValue(name, value);
            list.add(name);
            list.add(value);
            return this;
        }

        /** Removes every header with this name, then adds it once. */
        public Builder set(String name, String value) {
            checkName(name);
            checkValue(name, value);
            removeAll(name);
            return add(name, value);
        }

        public Builder removeAll(String name) {
            Objects.requireNonNull(name, "name");
            for (int i = list.size() - 2; i >= 0; i -= 2) {
                if (list.get(i).equalsIgnoreCase(name)) {
                    list.remove(i + 1);
                    list.remove(i);
                }
            }
            return this;
        }

        public Builder addAll(Headers headers) {
            headers.forEach(this::add);
            return this;
        }

        public Headers build() {
            return list.isEmpty() ? EMPTY : new Headers(list.toArray(new String[0]));
        }

        private static void checkName(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("header name is empty");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                    throw new IllegalArgumentException("invalid character in header name: " + name);
                }
            }
        }

        private static void checkValue(String name, String value) {
            Objects.requireNonNull(value, () -> "value of header " + name);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < ' ' && c != '\t') || c >= 0x7f) {
                    // The value itself is not printed: it may be personal data.
                    throw new IllegalArgumentException("invalid character at index " + i + " in the value of header "
                            + name + ": header values must be printable ASCII (percent-encode other characters)");
                }
            }
        }
    }
}
