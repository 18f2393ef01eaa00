package io.luotsi.xroad.directory;

import io.luotsi.xroad.ClientId;
import java.util.Locale;

/**
 * Which members or subsystems to find: any combination of exact codes and a free text that matches codes and names
 * case-insensitively. Every field is optional ({@code null} matches everything).
 *
 * <pre>{@code
 * directory.findSubsystems(ClientQuery.all().instance("FI").memberClass("GOV").text("vero"));
 * }</pre>
 *
 * @param instance      the X-Road instance
 * @param memberClass   the member class
 * @param memberCode    the member code
 * @param subsystemCode the subsystem code (subsystems only)
 * @param text          a substring of any code or name, case-insensitive
 */
public record ClientQuery(String instance, String memberClass, String memberCode, String subsystemCode,
                          String text) {

    private static final ClientQuery ALL = new ClientQuery(null, null, null, null, null);

    public static ClientQuery all() {
        return ALL;
    }

    public ClientQuery instance(String instance) {
        return new ClientQuery(instance, memberClass, memberCode, subsystemCode, text);
    }

    public ClientQuery memberClass(String memberClass) {
        return new ClientQuery(instance, memberClass, memberCode, subsystemCode, text);
    }

    public ClientQuery memberCode(String memberCode) {
        return new ClientQuery(instance, memberClass, memberCode, subsystemCode, text);
    }

    public ClientQuery subsystemCode(String subsystemCode) {
        return new ClientQuery(instance, memberClass, memberCode, subsystemCode, text);
    }

    public ClientQuery text(String text) {
        return new ClientQuery(instance, memberClass, memberCode, subsystemCode, text);
    }

    /** Whether the codes of {@code id} match (the text is matched by the directory against names too). */
    boolean matchesCodes(ClientId id) {
        return (instance == null || instance.equals(id.xRoadInstance()))
                && (memberClass == null || memberClass.equals(id.memberClass()))
                && (memberCode == null || memberCode.equals(id.memberCode()))
                && (subsystemCode == null || subsystemCode.equals(id.subsystemCode()));
    }

    boolean matchesText(String... values) {
        if (text == null || text.isEmpty()) {
            return true;
        }
        String t = text.toLowerCase(Locale.ROOT);
        for (String v : values) {
            if (v != null && v.toLowerCase(Locale.ROOT).contains(t)) {
                return true;
            }
        }
        return false;
    }
}
