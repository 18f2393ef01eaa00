package io.luotsi.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.luotsi.core.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link JsonCodec} on Jackson. {@link #create()} configures it safely:
 * <ul>
 *   <li>no default typing (no class names from the wire choose what gets instantiated);
 *   <li>limits: nesting depth 200, a string 10 MiB, a number 1000 digits, a document 64 MiB, a property name 50 000
 *       characters; tighter or looser with {@link #create(Limits)};
 *   <li>unknown properties are ignored (tolerant reader); {@code java.time} types as ISO-8601 strings.
 * </ul>
 */
public final class JacksonJsonCodec implements JsonCodec {

    /**
     * Parser limits.
     *
     * @param maxNestingDepth    objects and arrays nested at most this deep
     * @param maxStringLength    characters in one string value
     * @param maxNumberLength    characters in one number
     * @param maxDocumentLength  bytes in a whole document, -1 for no limit
     * @param maxNameLength      characters in one property name
     */
    public record Limits(int maxNestingDepth, int maxStringLength, int maxNumberLength, long maxDocumentLength,
                         int maxNameLength) {
        public static final Limits DEFAULT = new Limits(200, 10 * 1024 * 1024, 1000, 64L * 1024 * 1024, 50_000);
    }

    private final ObjectMapper mapper;
    private final ConcurrentHashMap<Type, ObjectReader> readers = new ConcurrentHashMap<>();

    private JacksonJsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static JacksonJsonCodec create() {
        return create(Limits.DEFAULT);
    }

    public static JacksonJsonCodec create(Limits limits) {
        Objects.requireNonNull(limits, "limits");
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNumberLength(limits.maxNumberLength())
                        .maxDocumentLength(limits.maxDocumentLength())
                        .maxNameLength(limits.maxNameLength())
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth()).build())
                .build();
        ObjectMapper mapper = JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        return new JacksonJsonCodec(mapper);
    }

    /** Adapter over a caller-configured mapper, used as is. */
    public static JacksonJsonCodec of(ObjectMapper mapper) {
        return new JacksonJsonCodec(Objects.requireNonNull(mapper, "mapper"));
    }

    /** The mapper, for adapters that need Jackson directly (e.g. tree reading). */
    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public <T> T read(InputStream in, Class<T> type) {
        return read(in, (Type) type);
    }

    @Override
    public <T> T read(InputStream in, Type type) {
        try {
            return readerFor(type).readValue(in);
        } catch (StreamConstraintsException e) {
            throw new ProtocolException("JSON body exceeds a parser limit: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ProtocolException("JSON body is not a valid " + typeName(type) + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON body failed", e);
        }
    }

    @Override
    public <T> T read(byte[] json, Class<T> type) {
        try {
            return readerFor(type).readValue(json);
        } catch (StreamConstraintsException e) {
            throw new ProtocolException("JSON body exceeds a parser limit: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ProtocolException("JSON body is not a valid " + typeName(type) + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON body failed", e);
        }
    }

    @Override
    public void write(Object value, OutputStream out) {
        try {
            mapper.writeValue(new NonClosing(out), value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON body failed", e);
        }
    }

    @Override
    public byte[] writeBytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> ObjectReader readerFor(Type type) {
        return readers.computeIfAbsent(type, t -> {
            JavaType javaType = mapper.getTypeFactory().constructType(t);
            return mapper.readerFor(javaType);
        });
    }

    private static String typeName(Type type) {
        return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
    }

    /** Jackson closes the target stream when done; a body writer must not close the wire. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
