package io.luotsi.core;

import java.util.Objects;

/**
 * A typed key for a value carried in a {@link RequestContext}. Keys compare by identity: declare each once as a
 * constant in the module that owns its meaning, e.g. the represented party in sdk-xroad or the purpose in the consent
 * API.
 *
 * @param <T> the type of the value
 */
public final class ContextKey<T> {

    private final String name;
    private final Class<T> type;

    private ContextKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    public static <T> ContextKey<T> of(String name, Class<T> type) {
        return new ContextKey<>(name, type);
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return "ContextKey[" + name + ": " + type.getSimpleName() + "]";
    }
}
