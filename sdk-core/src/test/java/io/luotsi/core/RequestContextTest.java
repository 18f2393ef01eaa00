package io.luotsi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RequestContextTest {

    private static final ContextKey<String> PURPOSE = ContextKey.of("purpose", String.class);
    private static final ContextKey<Integer> LEVEL = ContextKey.of("level", Integer.class);

    @Test
    void toStringNeverShowsTheUserIdIssueOrAttributeValues() {
        RequestContext ctx = RequestContext.builder().messageId("msg-1").correlationId("corr-1")
                .userId("EE37702211234").issue("case about EE37702211234")
                .attribute(PURPOSE, "treatment of EE37702211234").build();

        assertThat(ctx.toString()).contains("msg-1", "corr-1", "purpose")
                .doesNotContain("EE37702211234").doesNotContain("treatment");
        assertThat(RequestContext.empty().toString()).doesNotContain("redacted");
    }

    @Test
    void attributesAreTypedAndKeyedByIdentity() {
        ContextKey<String> samePurposeName = ContextKey.of("purpose", String.class);
        RequestContext ctx = RequestContext.builder().attribute(PURPOSE, "care").attribute(LEVEL, 3).build();

        String purpose = ctx.attribute(PURPOSE).orElseThrow();
        int level = ctx.attribute(LEVEL).orElseThrow();

        assertThat(purpose).isEqualTo("care");
        assertThat(level).isEqualTo(3);
        assertThat(ctx.attribute(samePurposeName)).isEmpty();
        assertThat(PURPOSE.toString()).isEqualTo("ContextKey[purpose: String]");
        assertThat(PURPOSE.name()).isEqualTo("purpose");
        assertThat(PURPOSE.type()).isEqualTo(String.class);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void refusesAValueOfTheWrongTypeEvenThroughRawTypes() {
        ContextKey raw = LEVEL;

        assertThatThrownBy(() -> RequestContext.builder().attribute(raw, "three"))
                .isInstanceOf(ClassCastException.class);
    }

    @Test
    void aNullAttributeRemovesIt() {
        RequestContext ctx = RequestContext.builder().attribute(PURPOSE, "care").build()
                .toBuilder().attribute(PURPOSE, null).build();

        assertThat(ctx.attribute(PURPOSE)).isEmpty();
        assertThatThrownBy(() -> ctx.attribute(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void withMessageIdIfAbsentGeneratesOnlyWhenMissing() {
        RequestContext given = RequestContext.builder().messageId("given").build();
        RequestContext none = RequestContext.builder().userId("EE37702211234").attribute(PURPOSE, "care").build();

        RequestContext generated = none.withMessageIdIfAbsent();

        assertThat(given.withMessageIdIfAbsent()).isSameAs(given);
        assertThat(generated.messageId()).hasValueSatisfying(id ->
                assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertThat(generated.userId()).contains("EE37702211234");
        assertThat(generated.attribute(PURPOSE)).contains("care");
        assertThat(none.withMessageIdIfAbsent().messageId()).isNotEqualTo(generated.messageId());
        assertThat(none.messageId()).isEmpty();
    }

    @Test
    void derivingASiblingLeavesTheOriginalUnchanged() {
        Clock fixed = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
        RequestContext original = RequestContext.builder().issue("case-1").clock(fixed).attribute(LEVEL, 1).build();

        RequestContext sibling = original.toBuilder().issue("case-2").attribute(LEVEL, 2).build();

        assertThat(original.issue()).contains("case-1");
        assertThat(original.attribute(LEVEL)).contains(1);
        assertThat(sibling.issue()).contains("case-2");
        assertThat(sibling.attribute(LEVEL)).contains(2);
        assertThat(sibling.clock()).isSameAs(fixed);
    }

    @Test
    void theEmptyContextUsesTheSystemUtcClock() {
        RequestContext empty = RequestContext.empty();

        assertThat(empty.clock().getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(empty.messageId()).isEmpty();
        assertThat(empty.userId()).isEmpty();
        assertThat(empty.correlationId()).isEmpty();
    }

    @Test
    void callInfoCarriesIdsButNoPersonalData() {
        RequestContext ctx = RequestContext.builder().messageId("m").correlationId("c").userId("EE37702211234")
                .build();

        CallInfo first = CallInfo.of("GET", "FI/GOV/1/svc", ctx);
        CallInfo second = CallInfo.of("GET", "FI/GOV/1/svc", ctx);

        assertThat(first.messageId()).isEqualTo("m");
        assertThat(first.correlationId()).isEqualTo("c");
        assertThat(second.callId()).isGreaterThan(first.callId());
        assertThat(first.toString()).doesNotContain("EE37702211234");
    }
}
