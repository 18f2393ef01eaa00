package io.luotsi.xroad;

import java.util.List;
import java.util.Objects;

/**
 * An X-Road member ({@code MEMBER:EE/GOV/70006317}) or one of its subsystems
 * ({@code SUBSYSTEM:EE/GOV/70006317/consent}): who calls, or who provides.
 *
 * <pre>{@code
 * ClientId me = ClientId.subsystem("FI", "GOV", "0245437-2", "ServiceNow");   // strict characters
 * ClientId p = ClientId.parse("FI/GOV/0245437-2/ServiceNow");                  // lenient
 * ClientId h = ClientId.parseEncoded("EE/GOV/1234/s%2Fub");                      // REST header form
 * }</pre>
 *
 * The canonical constructor checks structure only (no blank parts); the factories also enforce the strict
 * character rules of {@link IdentifierRules}.
 *
 * @param xRoadInstance the X-Road instance, e.g. {@code FI}, {@code EE}, {@code ee-dev}
 * @param memberClass   e.g. {@code GOV}, {@code COM}
 * @param memberCode    the member's registry code
 * @param subsystemCode the subsystem, or {@code null} for the member itself
 */
public record ClientId(String xRoadInstance, String memberClass, String memberCode, String subsystemCode)
        implements XRoadId {

    public ClientId {
        IdentifierRules.requireValue(xRoadInstance, "xRoadInstance");
        IdentifierRules.requireValue(memberClass, "memberClass");
        IdentifierRules.requireValue(memberCode, "memberCode");
        IdentifierRules.optionalValue(subsystemCode, "subsystemCode");
    }

    /** A member, with strict character rules. */
    public static ClientId member(String xRoadInstance, String memberClass, String memberCode) {
        return new ClientId(IdentifierRules.requireStrict(xRoadInstance, "xRoadInstance"),
                IdentifierRules.requireStrict(memberClass, "memberClass"),
                IdentifierRules.requireStrict(memberCode, "memberCode"), null);
    }

    /** A subsystem, with strict character rules. */
    public static ClientId subsystem(String xRoadInstance, String memberClass, String memberCode,
                                     String subsystemCode) {
        return new ClientId(IdentifierRules.requireStrict(xRoadInstance, "xRoadInstance"),
                IdentifierRules.requireStrict(memberClass, "memberClass"),
                IdentifierRules.requireStrict(memberCode, "memberCode"),
                IdentifierRules.requireStrict(subsystemCode, "subsystemCode"));
    }

    /**
     * Parses {@code MEMBER:I/C/M}, {@code SUBSYSTEM:I/C/M/S} or the bare {@code I/C/M[/S]}. Lenient about characters;
     * parts are taken as they are (no percent-decoding, so a value cannot contain {@code /}).
     *
     * @throws IllegalArgumentException when the form is wrong, or the text is the string form of another type
     *     ({@code SERVER:…})
     */
    public static ClientId parse(String text) {
        Objects.requireNonNull(text, "text");
        XRoadObjectType declared = IdParts.declaredType(text, "client", XRoadObjectType.MEMBER,
                XRoadObjectType.SUBSYSTEM);
        return fromParts(IdParts.split(IdParts.body(text, declared), false), declared, text);
    }

    /**
     * Parses the REST header form {@code I/C/M[/S]}, each part percent-decoded separately
     * ({@code EE/GOV/1234/s%2Fub} has subsystem {@code s/ub}). Lenient: raw spaces and non-ASCII are accepted.
     */
    public static ClientId parseEncoded(String text) {
        Objects.requireNonNull(text, "text");
        return fromParts(IdParts.split(text, true), null, text);
    }

    private static ClientId fromParts(List<String> p, XRoadObjectType declared, String text) {
        if (p.size() != 3 && p.size() != 4) {
            throw new IllegalArgumentException("a client id has 3 or 4 parts (INSTANCE/CLASS/MEMBER[/SUBSYSTEM]), got "
                    + p.size() + ": " + text);
        }
        if (declared == XRoadObjectType.MEMBER && p.size() != 3) {
            throw new IllegalArgumentException("a MEMBER id has 3 parts: " + text);
        }
        if (declared == XRoadObjectType.SUBSYSTEM && p.size() != 4) {
            throw new IllegalArgumentException("a SUBSYSTEM id has 4 parts: " + text);
        }
        try {
            return new ClientId(p.get(0), p.get(1), p.get(2), p.size() == 4 ? p.get(3) : null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + text, e);
        }
    }

    public boolean isSubsystem() {
        return subsystemCode != null;
    }

    /** The member this id is, or the member owning this subsystem. */
    public ClientId member() {
        return subsystemCode == null ? this : new ClientId(xRoadInstance, memberClass, memberCode, null);
    }

    /** A subsystem of this id's member. */
    public ClientId withSubsystem(String subsystemCode) {
        return new ClientId(xRoadInstance, memberClass, memberCode,
                IdentifierRules.requireValue(subsystemCode, "subsystemCode"));
    }

    /** A service of this client (the client is then the provider). */
    public ServiceId service(String serviceCode) {
        return new ServiceId(this, serviceCode, null);
    }

    @Override
    public XRoadObjectType objectType() {
        return subsystemCode == null ? XRoadObjectType.MEMBER : XRoadObjectType.SUBSYSTEM;
    }

    @Override
    public List<String> parts() {
        return subsystemCode == null
                ? List.of(xRoadInstance, memberClass, memberCode)
                : List.of(xRoadInstance, memberClass, memberCode, subsystemCode);
    }

    /** {@code MEMBER:I/C/M} or {@code SUBSYSTEM:I/C/M/S}, as X-Road prints identifiers. */
    @Override
    public String toString() {
        return objectType().name() + ':' + toShortString();
    }
}
