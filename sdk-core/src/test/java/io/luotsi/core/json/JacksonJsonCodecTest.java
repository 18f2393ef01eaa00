package io.luotsi.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.core.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class JacksonJsonCodecTest {

    record Address(String street, String city) {
    }

    record Person(String name, int age, LocalDate born, Instant updated, List<Address> addresses) {
    }

    record Holder(Object value) {
    }

    /** An abstract type: without default typing, no class name from the wire can pick an implementation. */
    abstract static class Animal {
    }

    record Zoo(Animal animal) {
    }

    /** Records whether it was ever instantiated. */
    public static final class Gadget {
        static final AtomicBoolean CREATED = new AtomicBoolean();

        public Gadget() {
            CREATED.set(true);
        }
    }

    record Age(int value) {
        Age {
            if (value < 0) {
                throw new IllegalArgumentException("negative age " + value);
            }
        }
    }

    private final JacksonJsonCodec codec = JacksonJsonCodec.create();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recordsRoundTrip() {
        Person p = new Person("Maija Meikäläinen", 42, LocalDate.of(1984, 2, 29),
                Instant.parse("2026-01-02T03:04:05.123Z"), List.of(new Address("Mannerheimintie 1", "Helsinki")));

        byte[] json = codec.writeBytes(p);

        assertThat(codec.read(json, Person.class)).isEqualTo(p);
        assertThat(codec.<Person>read(new ByteArrayInputStream(json), Person.class)).isEqualTo(p);
    }

    @Test
    void writesJavaTimeAsIsoStrings() {
        String json = new String(codec.writeBytes(Map.of(
                "date", LocalDate.of(2026, 5, 1),
                "instant", Instant.parse("2026-05-01T10:15:30Z"),
                "offset", OffsetDateTime.of(2026, 5, 1, 10, 15, 30, 0, ZoneOffset.ofHours(3)))),
                StandardCharsets.UTF_8);

        assertThat(json).contains("\"date\":\"2026-05-01\"", "\"instant\":\"2026-05-01T10:15:30Z\"",
                "\"offset\":\"2026-05-01T10:15:30+03:00\"");
        assertThat(codec.read(utf8("{\"born\":\"1984-02-29\",\"updated\":\"2026-01-02T03:04:05Z\",\"age\":1}"),
                Person.class).born()).isEqualTo(LocalDate.of(1984, 2, 29));
    }

    @Test
    void ignoresUnknownProperties() {
        Address a = codec.read(utf8("{\"street\":\"Pikkukatu 2\",\"city\":\"Turku\",\"added\":{\"in\":[\"v2\"]}}"),
                Address.class);

        assertThat(a).isEqualTo(new Address("Pikkukatu 2", "Turku"));
    }

    @Test
    void refusesNullForPrimitives() {
        assertThatThrownBy(() -> codec.read(utf8("{\"name\":\"x\",\"age\":null}"), Person.class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("Person");
    }

    @Test
    void readsGenericTypesThroughTypeRef() {
        TypeRef<List<Address>> listOfAddresses = new TypeRef<>() {
        };

        List<Address> read = codec.read(new ByteArrayInputStream(utf8("[{\"street\":\"A\",\"city\":\"B\"}]")),
                listOfAddresses.type());

        assertThat(read).containsExactly(new Address("A", "B"));
        assertThat(listOfAddresses.type().getTypeName()).contains("List").contains("Address");
    }

    @Test
    @SuppressWarnings("rawtypes")
    void typeRefNeedsATypeArgument() {
        assertThatThrownBy(() -> new TypeRef() {
        }).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aClassNameOnTheWireInstantiatesNothing() {
        String gadget = Gadget.class.getName();
        Holder h = codec.read(utf8("{\"value\":{\"@class\":\"" + gadget + "\"}}"), Holder.class);
        Holder array = codec.read(utf8("{\"value\":[\"" + gadget + "\",{}]}"), Holder.class);

        assertThat(h.value()).isInstanceOf(Map.class);
        assertThat(array.value()).isInstanceOf(List.class);
        assertThatThrownBy(() -> codec.read(utf8("{\"animal\":{\"@class\":\"" + gadget + "\"}}"), Zoo.class))
                .isInstanceOf(ProtocolException.class);
        assertThat(Gadget.CREATED).isFalse();
        com.fasterxml.jackson.databind.ObjectMapper mapper = codec.mapper();
        assertThat(mapper.getDeserializationConfig().getDefaultTyper(mapper.constructType(Object.class)))
                .as("default typing is off").isNull();
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        JacksonJsonCodec shallow = JacksonJsonCodec.create(new JacksonJsonCodec.Limits(5, 1000, 100, -1, 100));
        String deep = "[".repeat(6) + "]".repeat(6);
        String fine = "[".repeat(5) + "]".repeat(5);

        assertThat(shallow.read(utf8(fine), Object.class)).isInstanceOf(List.class);
        assertThatThrownBy(() -> shallow.read(utf8(deep), Object.class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> shallow.read(new ByteArrayInputStream(utf8(deep)), Object.class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("limit");
    }

    @Test
    void refusesAStringLongerThanTheLimit() {
        JacksonJsonCodec strict = JacksonJsonCodec.create(new JacksonJsonCodec.Limits(10, 100, 100, -1, 100));
        String longValue = "{\"street\":\"" + "x".repeat(101) + "\"}";

        assertThat(strict.read(utf8("{\"street\":\"" + "x".repeat(100) + "\"}"), Address.class).street())
                .hasSize(100);
        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> strict.read(utf8(longValue), Address.class));
        assertThat(e.getMessage()).contains("limit").doesNotContain("xxxxxxxx");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void refusesADocumentLongerThanTheLimit() {
        JacksonJsonCodec small = JacksonJsonCodec.create(new JacksonJsonCodec.Limits(10, 1_000_000, 100, 50, 100));
        String doc = "{\"street\":\"" + "x".repeat(100) + "\"}";
        String big = "{\"street\":\"" + "x".repeat(20_000) + "\"}";

        assertThatThrownBy(() -> small.read(utf8(doc), Address.class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("limit");
        // a streamed document is measured as the parser fills its buffer
        assertThatThrownBy(() -> small.read(new ByteArrayInputStream(utf8(big)), Address.class))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("limit");
    }

    @Test
    void theDefaultLimitsAreTheDocumentedOnes() {
        assertThat(JacksonJsonCodec.Limits.DEFAULT).isEqualTo(
                new JacksonJsonCodec.Limits(200, 10 * 1024 * 1024, 1000, 64L * 1024 * 1024, 50_000));
        assertThatThrownBy(() -> codec.read(utf8("[".repeat(201) + "]".repeat(201)), Object.class))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void failuresNameTheTypeAndWhereButNeverQuoteTheDocument() {
        String code = "EE37702211234";
        List<String> documents = List.of(
                "{\"name\":\"x\",\"age\":\"" + code + "\"}",         // wrong type
                "{\"name\":" + code + "}",                           // malformed
                "{\"name\":\"x\",\"addresses\":[{\"street\":[\"" + code + "\"]}]}",
                "[\"" + code + "\"]");

        for (String doc : documents) {
            ProtocolException e = catchThrowableOfType(ProtocolException.class,
                    () -> codec.read(utf8(doc), Person.class));
            assertThat(e.getMessage()).as(doc).contains("Person").doesNotContain(code).doesNotContain("37702211234");
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                assertThat(cause.getMessage()).as("cause of " + doc).doesNotContain(code);
            }
        }
        ProtocolException wrongType = catchThrowableOfType(ProtocolException.class,
                () -> codec.read(utf8(documents.get(0)), Person.class));
        assertThat(wrongType.getMessage()).contains("$.age").contains("line 1");
        ProtocolException nested = catchThrowableOfType(ProtocolException.class,
                () -> codec.read(utf8(documents.get(2)), Person.class));
        assertThat(nested.getMessage()).contains("$.addresses[0].street");
    }

    @Test
    void mapKeysAreNotPrintedInFailures() {
        TypeRef<Map<String, Integer>> ages = new TypeRef<>() {
        };

        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> codec.read(
                new ByteArrayInputStream(utf8("{\"EE37702211234\":\"not a number\"}")), ages.type()));

        assertThat(e.getMessage()).doesNotContain("EE37702211234").doesNotContain("not a number").contains("[<key>]");
    }

    @Test
    void aValueRefusedByItsConstructorIsAProtocolExceptionWithoutTheValue() {
        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> codec.read(utf8("-4711"), Age.class));

        assertThat(e.getMessage()).contains("Age").doesNotContain("4711");
    }

    @Test
    void writesToAStreamWithoutClosingIt() {
        AtomicBoolean closed = new AtomicBoolean();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream wire = new OutputStream() {
            @Override
            public void write(int b) {
                sink.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sink.write(b, off, len);
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };

        codec.write(new Address("A", "B"), wire);

        assertThat(closed).isFalse();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("{\"street\":\"A\",\"city\":\"B\"}");
    }

    @Test
    void anUnreadableStreamIsAnIoFailureNotAProtocolOne() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertThatThrownBy(() -> codec.read(broken, Address.class)).isInstanceOf(java.io.UncheckedIOException.class);
    }

    @Test
    void anAdapterUsesTheCallersMapperAsIs() {
        com.fasterxml.jackson.databind.ObjectMapper strict = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

        JacksonJsonCodec adapter = JacksonJsonCodec.of(strict);

        assertThat(adapter.mapper()).isSameAs(strict);
        assertThatThrownBy(() -> adapter.read(utf8("{\"street\":\"A\",\"extra\":1}"), Address.class))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> JacksonJsonCodec.of(null)).isInstanceOf(NullPointerException.class);
    }
}
