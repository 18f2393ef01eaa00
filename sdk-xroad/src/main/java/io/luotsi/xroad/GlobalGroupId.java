package io.luotsi.xroad;

import java.util.List;
import java.util.Objects;

/** A global group of the central server: {@code GLOBALGROUP:EE/perearstid}. */
public record GlobalGroupId(String xRoadInstance, String groupCode) implements XRoadId {

    public GlobalGroupId {
        IdentifierRules.requireValue(xRoadInstance, "xRoadInstance");
        IdentifierRules.requireValue(groupCode, "groupCode");
    }

    /** Parses {@code GLOBALGROUP:I/code} or {@code I/code}. */
    public static GlobalGroupId parse(String text) {
        Objects.requireNonNull(text, "text");
        String body = text.startsWith("GLOBALGROUP:") ? text.substring(12) : text;
        List<String> p = IdParts.split(body, false);
        if (p.size() != 2) {
            throw new IllegalArgumentException("a global group id has 2 parts (INSTANCE/GROUP): " + text);
        }
        return new GlobalGroupId(p.get(0), p.get(1));
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
