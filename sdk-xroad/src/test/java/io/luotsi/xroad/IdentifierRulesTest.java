package io.luotsi.xroad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Character rules for identifier values: the strict set of PR-MESS §2.7 / PR-REST §4.8 (cases of X-Road's
 * {@code StrictIdentifierValidatorTest}), lenient parsing, and the proxy's warnings ({@code IdentifierValidatorTest}).
 */
class IdentifierRulesTest {

    /** Every strict factory, each fed the value in every position. */
    static final List<Function<String, Object>> STRICT_FACTORIES = List.of(
            v -> ClientId.member(v, "GOV", "123"),
            v -> ClientId.member("EE", v, "123"),
            v -> ClientId.member("EE", "GOV", v),
            v -> ClientId.subsystem("EE", "GOV", "123", v),
            v -> ServiceId.of(v, "GOV", "123", "sub", "code"),
            v -> ServiceId.of("EE", "GOV", "123", "sub", v),
            v -> SecurityServerId.of("EE", "GOV", "123", v),
            v -> SecurityServerId.of(v, "GOV", "123", "ss1"));

    @ParameterizedTest
    @ValueSource(strings = {"abcxyz", "ABCXYZ", "0123456789", "'", "(", ")", "+", ",", "-", ".", "=", "?",
            "FOO'()+,-.=?bar09"})
    void strictFactoriesAcceptTheAllowedCharacters(String value) {
        assertThat(IdentifierRules.isStrict(value)).isTrue();
        for (Function<String, Object> factory : STRICT_FACTORIES) {
            assertThat(factory.apply(value)).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {":", "/", "ä", "列", "a b", "a\tb", "a;b", "a%b", "a\\b", "a_b", "a@b", "a*b", "a\u200bb"})
    void strictFactoriesRejectOtherCharacters(String value) {
        assertThat(IdentifierRules.isStrict(value)).isFalse();
        for (Function<String, Object> factory : STRICT_FACTORIES) {
            assertThatThrownBy(() -> factory.apply(value))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PR-MESS");
        }
    }

    @Test
    void strictFactoriesRejectNullWithTheArgumentName() {
        assertThatThrownBy(() -> ClientId.member(null, "GOV", "1"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("xRoadInstance");
        assertThatThrownBy(() -> ClientId.subsystem("EE", "GOV", "1", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("subsystemCode");
        assertThat(IdentifierRules.isStrict("")).isFalse();
        assertThat(IdentifierRules.isStrict(null)).isFalse();
    }

    @Test
    void parseIsLenientAboutCharacters() {
        ClientId legacy = ClientId.parse("SUBSYSTEM:EE/BUSINESS/producer/mgmt service provider");
        assertThat(legacy.subsystemCode()).isEqualTo("mgmt service provider");
        assertThat(ClientId.parse("EE/BUSINESS/ä列/x:y").memberCode()).isEqualTo("ä列");
        assertThat(ServiceId.parse("EE/GOV/1/sub sys/get state").serviceCode()).isEqualTo("get state");
        assertThat(ClientId.parseEncoded("EE/BUSINESS/producer/mgmt service provider").subsystemCode())
                .isEqualTo("mgmt service provider");
        // The canonical constructors check structure only.
        assertThat(new ClientId("EE", "GOV", "1", "a/b").toEncodedString()).isEqualTo("EE/GOV/1/a%2Fb");
    }

    @Test
    void canonicalConstructorsRejectBlankParts() {
        assertThatThrownBy(() -> new ClientId("EE", " ", "1", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientId("EE", "GOV", "1", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceId(ClientId.member("EE", "GOV", "1"), "", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceId(ClientId.member("EE", "GOV", "1"), "x", " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecurityServerId("EE", "GOV", "1", "\t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GlobalGroupId("", "g")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LocalGroupId(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepresentedParty("", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CO\tDE", "SER:VER", "TE/ST", "CLA;SS", "MEM\\BER", "SYS%TEM", "SERVICE\u200b",
            "\ufeffBOM", "NUL\u0000", "DEL\u007f", "LINE\nBREAK"})
    void flagsWhatXRoadsProxyWarnsAbout(String value) {
        assertThat(IdentifierRules.isSuspicious(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CO DE", "CODE", "mgmt service provider", "öäå", "FOO'()+,-.=?bar"})
    void doesNotFlagWhatXRoadsProxyAccepts(String value) {
        assertThat(IdentifierRules.isSuspicious(value)).isFalse();
    }
}
