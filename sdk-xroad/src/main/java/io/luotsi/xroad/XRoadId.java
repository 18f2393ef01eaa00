package io.luotsi.xroad;

/**
 * An X-Road identifier. Every identifier has three textual forms:
 * <ul>
 *   <li>{@link #toString()}: X-Road's own form with the object type, {@code SUBSYSTEM:EE/GOV/70006317/consent};
 *   <li>{@link #toShortString()}: the parts joined by {@code /}, {@code EE/GOV/70006317/consent};
 *   <li>{@link #toEncodedString()}: the REST header form, each part percent-encoded separately so that a {@code /}
 *       inside a value survives, {@code EE/GOV/1234/s%2Fub}.
 * </ul>
 * and an XML element form, read and written by {@link IdentifierXml}. Values are case-sensitive.
 */
public sealed interface XRoadId permits ClientId, ServiceId, SecurityServerId, GlobalGroupId, LocalGroupId {

    XRoadObjectType objectType();

    /** The parts in order, without the object type. */
    java.util.List<String> parts();

    /** The parts joined by {@code /}, unencoded. */
    default String toShortString() {
        return String.join("/", parts());
    }

    /** Each part percent-encoded as an RFC 3986 path segment, joined by {@code /} (the REST header form). */
    default String toEncodedString() {
        StringBuilder sb = new StringBuilder();
        for (String part : parts()) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            io.luotsi.xroad.internal.PercentCodec.encodeSegment(part, sb);
        }
        return sb.toString();
    }
}
