package io.luotsi.testkit;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.GlobalGroupId;
import io.luotsi.xroad.ServiceId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the fake Security Server knows: members and subsystems ({@link ClientRegistration}), services
 * ({@link ServiceRegistration}) and global groups ({@link GlobalGroupRegistration}). Thread-safe; changes apply to the
 * next request, and to the global configuration the fake serves next.
 *
 * <pre>{@code
 * FakeRegistry registry = fake.registry();
 * ClientId consumer = ClientId.parse("DEV/COM/4321/TestClient");
 * registry.member(consumer.member(), "Test Company")
 *         .subsystem(consumer, "Test client");
 * registry.service(ServiceRegistration.rest(ServiceId.parse("DEV/COM/1234/TestService/pets"))
 *         .allow(consumer)
 *         .respond(FakeRestResponse.json("[]"))
 *         .build());
 * }</pre>
 *
 * Registering a service also registers its provider subsystem (and member) when they are not known yet, named after
 * their codes. Inside a JUnit test run by {@link FakeSecurityServerExtension}, what a test registers is removed after
 * it; what is registered before the first test (configuration, {@code @BeforeAll}) stays.
 */
public final class FakeRegistry {

    private final Map<ClientId, ClientRegistration> clients = new LinkedHashMap<>();
    private final Map<ServiceId, ServiceRegistration> services = new LinkedHashMap<>();
    private final Map<GlobalGroupId, GlobalGroupRegistration> globalGroups = new LinkedHashMap<>();
    /** Counts changes, so that what is derived from the registry (global configuration) knows when to rebuild. */
    private long revision;

    FakeRegistry() {
    }

    /** Registers (or replaces) a member. */
    public synchronized FakeRegistry member(ClientId member, String name) {
        return client(ClientRegistration.member(member, name));
    }

    /** Registers (or replaces) a subsystem; its member is registered too when unknown, named after its code. */
    public synchronized FakeRegistry subsystem(ClientId subsystem, String name) {
        ClientRegistration member = clients.get(subsystem.member());
        String memberName = member == null ? subsystem.memberCode() : member.memberName();
        return client(ClientRegistration.subsystem(subsystem, memberName, name));
    }

    /** Registers (or replaces) a client with every detail given. */
    public synchronized FakeRegistry client(ClientRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        ClientId id = registration.id();
        if (id.isSubsystem() && !clients.containsKey(id.member())) {
            clients.put(id.member(), ClientRegistration.member(id.member(), registration.memberName()));
        }
        clients.put(id, registration);
        revision++;
        return this;
    }

    /** Registers (or replaces) a service, and its provider when unknown. */
    public synchronized FakeRegistry service(ServiceRegistration registration) {
        Objects.requireNonNull(registration, "registration");
        ClientId provider = registration.id().provider();
        if (!clients.containsKey(provider)) {
            if (provider.isSubsystem()) {
                subsystem(provider, provider.subsystemCode());
            } else {
                member(provider, provider.memberCode());
            }
        }
        services.put(registration.id(), registration);
        revision++;
        return this;
    }

    /** Registers (or replaces) a service built from {@code builder}. */
    public FakeRegistry service(ServiceRegistration.Builder builder) {
        return service(builder.build());
    }

    public synchronized Optional<ClientRegistration> client(ClientId id) {
        return Optional.ofNullable(clients.get(id));
    }

    public synchronized Optional<ServiceRegistration> service(ServiceId id) {
        return Optional.ofNullable(services.get(id));
    }

    public synchronized List<ClientRegistration> clients() {
        return List.copyOf(clients.values());
    }

    public synchronized List<ServiceRegistration> services() {
        return List.copyOf(services.values());
    }

    /** The services a provider offers, in registration order. */
    public synchronized List<ServiceRegistration> servicesOf(ClientId provider) {
        return services.values().stream().filter(s -> s.id().provider().equals(provider)).toList();
    }

    public synchronized boolean removeService(ServiceId id) {
        revision++;
        return services.remove(id) != null;
    }

    /** Removes a client; its services stay registered (calls to them then fail as to an unknown provider). */
    public synchronized boolean removeClient(ClientId id) {
        revision++;
        return clients.remove(id) != null;
    }

    /** Registers (or replaces) a global group, published in the fake's global configuration. */
    public synchronized FakeRegistry globalGroup(GlobalGroupRegistration group) {
        Objects.requireNonNull(group, "group");
        globalGroups.put(group.id(), group);
        revision++;
        return this;
    }

    public synchronized Optional<GlobalGroupRegistration> globalGroup(GlobalGroupId id) {
        return Optional.ofNullable(globalGroups.get(id));
    }

    public synchronized List<GlobalGroupRegistration> globalGroups() {
        return List.copyOf(globalGroups.values());
    }

    public synchronized boolean removeGlobalGroup(GlobalGroupId id) {
        revision++;
        return globalGroups.remove(id) != null;
    }

    /** Removes everything. */
    public synchronized void clear() {
        clients.clear();
        services.clear();
        globalGroups.clear();
        revision++;
    }

    /** A number that changes whenever the registry does. */
    synchronized long revision() {
        return revision;
    }

    /** An immutable copy of the current state. */
    synchronized Snapshot snapshot() {
        return new Snapshot(Map.copyOf(clients), List.copyOf(clients.keySet()), Map.copyOf(services),
                List.copyOf(services.keySet()), List.copyOf(globalGroups.values()));
    }

    /** Replaces the current state with a snapshot. */
    synchronized void restore(Snapshot snapshot) {
        clients.clear();
        snapshot.clientOrder().forEach(id -> clients.put(id, snapshot.clients().get(id)));
        services.clear();
        snapshot.serviceOrder().forEach(id -> services.put(id, snapshot.services().get(id)));
        globalGroups.clear();
        snapshot.globalGroups().forEach(g -> globalGroups.put(g.id(), g));
        revision++;
    }

    record Snapshot(Map<ClientId, ClientRegistration> clients, List<ClientId> clientOrder,
                    Map<ServiceId, ServiceRegistration> services, List<ServiceId> serviceOrder,
                    List<GlobalGroupRegistration> globalGroups) {
    }

    @Override
    public synchronized String toString() {
        return "FakeRegistry[" + clients.size() + " clients, " + services.size() + " services"
                + (globalGroups.isEmpty() ? "" : ", " + globalGroups.size() + " global groups") + "]";
    }
}
