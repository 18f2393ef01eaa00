package io.luotsi.xroad.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The MIME headers of a part of a multipart message, in order, names and values as written (values unfolded).
 * Lookups ignore the case of names.
 *
 * @param all the headers in order
 */
public record MimeHeaders(List<MimeHeaders.Header> all) {

    /** One header. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty() || name.indexOf(':') >= 0 || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("invalid header name: " + name);
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header value contains a line break: " + name);
            }
        }
    }

    public MimeHeaders {
        all = List.copyOf(all);
    }

    public static MimeHeaders of() {
        return new MimeHeaders(List.of());
    }

    /** Headers from name/value pairs: {@code of("Content-Type", "text/plain", "Content-ID", "<a@b>")}. */
    public static MimeHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        List<Header> h = new ArrayList<>(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(new Header(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new MimeHeaders(h);
    }

    /** The first value of a header. */
    public Optional<String> get(String name) {
        for (Header h : all) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** {@code Content-Type}, as written. */
    public Optional<String> contentType() {
        return get("Content-Type");
    }

    /** {@code Content-ID} without its angle brackets. */
    public Optional<String> contentId() {
        return get("Content-ID").map(MimeHeaders::stripAngles);
    }

    static String stripAngles(String id) {
        String s = id.trim();
        return s.length() >= 2 && s.charAt(0) == '<' && s.charAt(s.length() - 1) == '>'
                ? s.substring(1, s.length() - 1) : s;
    }

    /** The names of the headers other than {@code Content-Type}, in order (X-Road's "additional headers"). */
    public List<String> otherNames() {
        List<String> out = new ArrayList<>(all.size());
        for (Header h : all) {
            if (!h.name().equalsIgnoreCase("Content-Type")) {
                out.add(h.name());
            }
        }
        return out;
    }

    /** These headers plus one more. */
    public MimeHeaders with(String name, String value) {
        List<Header> h = new ArrayList<>(all);
        h.add(new Header(name, value));
        return new MimeHeaders(h);
    }
}
