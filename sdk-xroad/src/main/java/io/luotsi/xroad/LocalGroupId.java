package io.luotsi.xroad;

import java.util.List;
import java.util.Objects;

/** A group local to one Security Server, used in its access rights: {@code LOCALGROUP:lokaalgrupp}. No instance. */
public record LocalGroupId(String groupCode) implements XRoadId {

    public LocalGroupId {
        IdentifierRules.requireValue(groupCode, "groupCode");
    }

    /** A local group, with the strict character rules of {@link IdentifierRules}. */
    public static LocalGroupId of(String groupCode) {
        return new LocalGroupId(IdentifierRules.requireStrict(groupCode, "groupCode"));
    }

    /** Parses {@code LOCALGROUP:code} or {@code code}, leniently; the code is taken whole, {@code /} included. */
    public static LocalGroupId parse(String text) {
        Objects.requireNonNull(text, "text");
        XRoadObjectType declared = IdParts.declaredType(text, "local group", XRoadObjectType.LOCALGROUP);
        return new LocalGroupId(IdParts.body(text, declared));
    }

    /** Parses the encoded form ({@link #toEncodedString()}): the percent-decoded code. */
    public static LocalGroupId parseEncoded(String text) {
        Objects.requireNonNull(text, "text");
        return new LocalGroupId(io.luotsi.xroad.internal.PercentCodec.decodeSegmentLenient(text));
    }

    @Override
    public XRoadObjectType objectType() {
        return XRoadObjectType.LOCALGROUP;
    }

    @Override
    public List<String> parts() {
        return List.of(groupCode);
    }

    @Override
    public String toString() {
        return "LOCALGROUP:" + groupCode;
    }
}
