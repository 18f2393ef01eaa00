package io.luotsi.xroad;

import java.util.List;
import java.util.Objects;

/** A global group of the central server: {@code GLOBALGROUP:EE/perearstid}. */
public record GlobalGroupId(String xRoadInstance, String groupCode) implements XRoadId {

    public GlobalGroupId {
        IdentifierRules.requireValue(xRoadInstance, "xRoadInstance");
        IdentifierRules.requireValue(groupCode, "groupCode");
    }

    /** A global group, with the strict character rules of {@link IdentifierRules}. */
    public static GlobalGroupId of(String xRoadInstance, String groupCode) {
        return new GlobalGroupId(IdentifierRules.requireStrict(xRoadInstance, "xRoadInstance"),
                IdentifierRules.requireStrict(groupCode, "groupCode"));
    }

    /** Parses {@code GLOBALGROUP:I/code} or {@code I/code}, leniently, without percent-decoding. */
    public static GlobalGroupId parse(String text) {
        Objects.requireNonNull(text, "text");
        XRoadObjectType declared = IdParts.declaredType(text, "global group", XRoadObjectType.GLOBALGROUP);
        return fromParts(IdParts.split(IdParts.body(text, declared), false), text);
    }

    /** Parses the encoded form {@code I/code}, each part percent-decoded ({@link #toEncodedString()}). */
    public static GlobalGroupId parseEncoded(String text) {
        Objects.requireNonNull(text, "text");
        return fromParts(IdParts.split(text, true), text);
    }

    private static GlobalGroupId fromParts(List<String> p, String text) {
        if (p.size() != 2) {
            throw new IllegalArgumentException("a global group id has 2 parts (INSTANCE/GROUP): " + text);
        }
        try {
            return new GlobalGroupId(p.get(0), p.get(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + text, e);
        }
    }

    @Override
    public XRoadObjectType objectType() {
        return XRoadObjectType.GLOBALGROUP;
    }

    @Override
    public List<String> parts() {
        return List.of(xRoadInstance, groupCode);
    }

    @Override
    public String toString() {
        return "GLOBALGROUP:" + toShortString();
    }
}
