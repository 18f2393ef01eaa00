package io.luotsi.xroad.metaservice;

import io.luotsi.xroad.ClientId;
import java.util.Objects;

/**
 * One entry of {@code listClients}: a member or subsystem registered in the instance.
 *
 * @param id            {@code MEMBER:...} or {@code SUBSYSTEM:...}
 * @param name          the member's name
 * @param subsystemName the subsystem's name (X-Road 7.7+, configuration V5+), or {@code null}
 */
public record ListedClient(ClientId id, String name, String subsystemName) {
    public ListedClient {
        Objects.requireNonNull(id, "id");
    }
}
