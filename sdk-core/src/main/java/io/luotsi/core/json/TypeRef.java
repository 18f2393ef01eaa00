package io.luotsi.core.json;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Captures a generic type for reading, without exposing Jackson's types:
 * {@code new TypeRef<List<Person>>() {}}.
 *
 * @param <T> the type to capture
 */
public abstract class TypeRef<T> {

    private final Type type;

    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType p)) {
            throw new IllegalStateException("TypeRef must be created with a type argument");
        }
        this.type = p.getActualTypeArguments()[0];
    }

    public Type type() {
        return type;
    }
}
