package io.luotsi.xroad;

import java.util.List;
import java.util.Objects;

/** A group local to one Security Server, used in its access rights: {@code LOCALGROUP:lokaalgrupp}. No instance. */
public record LocalGroupId(String groupCode) implements XRoadId {

    public LocalGroupId {
        IdentifierRules.requireValue(groupCode, "groupCode");
    }

    /** Parses {@code LOCALGROUP:code} or {@code code}. */
    public static LocalGroupId parse(String text) {
        Objects.requireNonNull(text, "text");
        return new LocalGroupId(text.startsWith("LOCALGROUP:") ? text.substring(11) : text);
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
