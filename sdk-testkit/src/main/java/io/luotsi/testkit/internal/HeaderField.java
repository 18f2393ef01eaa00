package io.luotsi.testkit.internal;

import java.util.Objects;

/** One header line as received or sent: the name as spelled on the wire and the value, unvalidated. */
public record HeaderField(String name, String value) {

    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }
}
