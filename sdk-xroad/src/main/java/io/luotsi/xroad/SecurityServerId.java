package io.luotsi.xroad;

import java.util.List;
import java.util.Objects;

/**
 * A Security Server: {@code SERVER:EE/BUSINESS/123456789/bambi}. Used to target one server of a clustered provider
 * (PR-TARGETSS: SOAP {@code securityServer} header, REST {@code X-Road-Security-Server}).
 */
public record SecurityServerId(String xRoadInstance, String memberClass, String memberCode, String serverCode)
        implements XRoadId {

    public SecurityServerId {
        IdentifierRules.requireValue(xRoadInstance, "xRoadInstance");
        IdentifierRules.requireValue(memberClass, "memberClass");
        IdentifierRules.requireValue(memberCode, "memberCode");
        IdentifierRules.requireValue(serverCode, "serverCode");
    }

    public static SecurityServerId of(String xRoadInstance, String memberClass, String memberCode, String serverCode) {
        return new SecurityServerId(IdentifierRules.requireStrict(xRoadInstance, "xRoadInstance"),
                IdentifierRules.requireStrict(memberClass, "memberClass"),
                IdentifierRules.requireStrict(memberCode, "memberCode"),
                IdentifierRules.requireStrict(serverCode, "serverCode"));
    }

    /** Parses {@code SERVER:I/C/M/S} or {@code I/C/M/S}, leniently. */
    public static SecurityServerId parse(String text) {
        Objects.requireNonNull(text, "text");
        XRoadObjectType declared = IdParts.declaredType(text, "security server", XRoadObjectType.SERVER);
        return fromParts(IdParts.split(IdParts.body(text, declared), false), text);
    }

    /** Parses the REST header form, each part percent-decoded. */
    public static SecurityServerId parseEncoded(String text) {
        Objects.requireNonNull(text, "text");
        return fromParts(IdParts.split(text, true), text);
    }

    private static SecurityServerId fromParts(List<String> p, String text) {
        if (p.size() != 4) {
            throw new IllegalArgumentException("a security server id has 4 parts "
                    + "(INSTANCE/CLASS/MEMBER/SERVERCODE), got " + p.size() + ": " + text);
        }
        try {
            return new SecurityServerId(p.get(0), p.get(1), p.get(2), p.get(3));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + text, e);
        }
    }

    /** The member that owns the server. */
    public ClientId owner() {
        return new ClientId(xRoadInstance, memberClass, memberCode, null);
    }

    @Override
    public XRoadObjectType objectType() {
        return XRoadObjectType.SERVER;
    }

    @Override
    public List<String> parts() {
        return List.of(xRoadInstance, memberClass, memberCode, serverCode);
    }

    @Override
    public String toString() {
        return "SERVER:" + toShortString();
    }
}
