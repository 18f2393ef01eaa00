package io.luotsi.xroad.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.XRoadProtocolException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** X-Road's ValidateSoapActionTest cases. */
class SoapActionTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(null, true),
                Arguments.of("", true),
                Arguments.of("\"\"", true),
                Arguments.of("\"http://example.org/test\"", true),
                Arguments.of("\"urn:foo\"", true),
                Arguments.of("http://quotes/missing", false),
                Arguments.of("\"http://extra/quote\"\"", false),
                Arguments.of("\"spaces \"", false));
    }

    @ParameterizedTest(name = "<{0}> valid: {1}")
    @MethodSource("cases")
    void acceptsExactlyWhatXRoadAccepts(String header, boolean valid) {
        assertThat(SoapAction.isValid(header)).isEqualTo(valid);
        if (valid) {
            assertThat(SoapAction.validate(header)).isEqualTo(header);
        } else {
            assertThatThrownBy(() -> SoapAction.validate(header)).isInstanceOf(XRoadProtocolException.class)
                    .hasMessage("Malformed SOAPAction header")
                    .extracting(e -> ((XRoadProtocolException) e).code()).isEqualTo("invalid_soap_action");
        }
    }
}
