package io.luotsi.core.json;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;

/**
 * Reads and writes JSON bodies. The default, {@link JacksonJsonCodec#create()}, has safe limits and no polymorphic
 * typing; give a client your own through {@link JacksonJsonCodec#of(com.fasterxml.jackson.databind.ObjectMapper)}.
 * Failures are {@link io.luotsi.core.ProtocolException}s naming the type, never the content.
 */
public interface JsonCodec {

    <T> T read(InputStream in, Class<T> type);

    /** Reads a generic type, e.g. {@code new TypeReference<List<Person>>(){}.getType()}. */
    <T> T read(InputStream in, Type type);

    <T> T read(byte[] json, Class<T> type);

    void write(Object value, OutputStream out);

    byte[] writeBytes(Object value);
}
