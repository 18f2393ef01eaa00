package io.luotsi.testkit;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.GlobalGroupId;
import java.util.List;
import java.util.Objects;

/**
 * A global group the fake publishes in its global configuration ({@code globalGroup} of the shared parameters), as a
 * Central Server defines it: a code, a description and its members, which may be members or subsystems of any
 * instance.
 *
 * <pre>{@code
 * fake.registry().globalGroup(GlobalGroupRegistration.of(GlobalGroupId.of("DEV", "security-server-owners"),
 *         "Security server owners", ClientId.parse("DEV/GOV/FAKE")));
 * }</pre>
 *
 * @param id          the group, {@code GLOBALGROUP:INSTANCE/code}
 * @param description what the group is for
 * @param members     the group's members, in order
 */
public record GlobalGroupRegistration(GlobalGroupId id, String description, List<ClientId> members) {

    public GlobalGroupRegistration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        members = List.copyOf(members);
    }

    public static GlobalGroupRegistration of(GlobalGroupId id, String description, ClientId... members) {
        return new GlobalGroupRegistration(id, description, List.of(members));
    }
}
