package io.luotsi.xroad;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The party a client acts for (PR-THIRDPARTY): SOAP {@code repr:representedParty}, REST
 * {@code X-Road-Represented-Party: [class/]code}.
 *
 * @param partyClass the member class of the party, or {@code null}
 * @param partyCode  the party's code (mandatory)
 */
public record RepresentedParty(String partyClass, String partyCode) {

    public RepresentedParty {
        IdentifierRules.optionalValue(partyClass, "partyClass");
        IdentifierRules.requireValue(partyCode, "partyCode");
    }

    public static RepresentedParty of(String partyCode) {
        return new RepresentedParty(null, partyCode);
    }

    public static RepresentedParty of(String partyClass, String partyCode) {
        return new RepresentedParty(partyClass, partyCode);
    }

    /** Parses {@code code} or {@code class/code}, unencoded. */
    public static RepresentedParty parse(String text) {
        Objects.requireNonNull(text, "text");
        return fromParts(IdParts.split(text, false), text);
    }

    /** Parses the REST header form: 1 or 2 percent-encoded parts; 3 parts are invalid (X-Road's RestRequest). */
    public static RepresentedParty parseEncoded(String text) {
        Objects.requireNonNull(text, "text");
        return fromParts(IdParts.split(text, true), text);
    }

    private static RepresentedParty fromParts(List<String> p, String text) {
        return switch (p.size()) {
            case 1 -> new RepresentedParty(null, p.get(0));
            case 2 -> new RepresentedParty(p.get(0), p.get(1));
            default -> throw new IllegalArgumentException("a represented party is CODE or CLASS/CODE, got "
                    + p.size() + " parts: " + text);
        };
    }

    public Optional<String> partyClassOptional() {
        return Optional.ofNullable(partyClass);
    }

    /** {@code [class/]code} with each part percent-encoded. */
    public String toEncodedString() {
        StringBuilder sb = new StringBuilder();
        if (partyClass != null) {
            io.luotsi.xroad.internal.PercentCodec.encodeSegment(partyClass, sb);
            sb.append('/');
        }
        io.luotsi.xroad.internal.PercentCodec.encodeSegment(partyCode, sb);
        return sb.toString();
    }

    /** {@code [class/]code}. */
    @Override
    public String toString() {
        return partyClass == null ? partyCode : partyClass + '/' + partyCode;
    }
}
