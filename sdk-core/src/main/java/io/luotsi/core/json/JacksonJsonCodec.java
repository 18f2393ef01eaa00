package io.luotsi.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.luotsi.core.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link JsonCodec} on Jackson. {@link #create()} configures it safely:
 * <ul>
 *   <li>no default typing (no class names from the wire choose what gets instantiated);
 *   <li>limits: nesting depth 200, a string 10 MiB, a number 1000 digits, a document 64 MiB, a property name 50 000
 *       characters; tighter or looser with {@link #create(Limits)};
 *   <li>unknown properties are ignored (tolerant reader); {@code java.time} types as ISO-8601 strings;
 *   <li>a read failure is a {@link ProtocolException} that names the target type, the kind of problem, the JSON path
 *       (property names and indexes; map keys are not printed) and the line and column, never a value from the
 *       document: Jackson's own messages quote the offending input, so they are not passed on.
 * </ul>
 * The document length limit is checked as the parser fills its buffer, so a streamed document may exceed it by up to
 * one buffer (8 000 bytes) before it is refused.
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
        } catch (JsonProcessingException e) {
            throw readFailure(e, type);
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON body failed", e);
        }
    }

    @Override
    public <T> T read(byte[] json, Class<T> type) {
        try {
            return readerFor(type).readValue(json);
        } catch (JsonProcessingException e) {
            throw readFailure(e, type);
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

    /**
     * The exception for a document that could not be read. Jackson's messages quote the input ({@code from String
     * "EE37702211234"}), which may be personal data that would end up in logs, so the message is built from the kind
     * of failure and where it happened, and the Jackson exception is chained only when it carries no input.
     */
    private static ProtocolException readFailure(JsonProcessingException e, Type type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                // Its message has numbers only: the length found and the limit.
                return new ProtocolException("JSON body exceeds a parser limit: " + limit.getOriginalMessage(), limit);
            }
        }
        String prefix = "JSON body is not a valid " + typeName(type) + ": ";
        if (e instanceof InvalidDefinitionException) {
            // A problem of the target type (no creator, conflicting properties), described by type names only.
            return new ProtocolException(prefix + "the type cannot be read from JSON: " + e.getOriginalMessage(), e);
        }
        String kind;
        if (e instanceof JsonParseException) {
            kind = "malformed JSON";
        } else if (e instanceof ValueInstantiationException) {
            kind = "a value was refused by its constructor";
        } else if (e instanceof MismatchedInputException m) {
            kind = m.getTargetType() == null
                    ? "a value of the wrong type or shape"
                    : "a value of the wrong type or shape for " + m.getTargetType().getSimpleName();
        } else {
            kind = e.getClass().getSimpleName();
        }
        return new ProtocolException(prefix + kind + where(e));
    }

    private static String where(JsonProcessingException e) {
        StringBuilder sb = new StringBuilder();
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            sb.append(" at $");
            for (JsonMappingException.Reference ref : m.getPath()) {
                Object from = ref.getFrom();
                boolean mapKey = from instanceof Map<?, ?>
                        || from instanceof Class<?> c && Map.class.isAssignableFrom(c);
                if (ref.getIndex() >= 0) {
                    sb.append('[').append(ref.getIndex()).append(']');
                } else if (ref.getFieldName() == null) {
                    sb.append(".?");
                } else if (mapKey) {
                    sb.append("[<key>]"); // map keys are data (often identifiers), not names
                } else {
                    sb.append('.').append(ref.getFieldName());
                }
            }
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            sb.append(" (line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr())
                    .append(')');
        }
        return sb.toString();
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
