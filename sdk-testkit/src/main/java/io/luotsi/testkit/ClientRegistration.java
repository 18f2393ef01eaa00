package io.luotsi.testkit;

import io.luotsi.xroad.ClientId;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A member or subsystem known to the fake Security Server. Every registered client is both registered on the
 * Security Server (it may call services through it) and present in global configuration (its services can be
 * reached), because the fake plays the consumer's and the provider's Security Server at once.
 *
 * @param id                the member or subsystem
 * @param memberName        the member's name (global configuration {@code name})
 * @param subsystemName     the subsystem's name (X-Road 7.7+ {@code subsystemName}), or {@code null}
 * @param connectionType    how its information system must connect, or {@code null} for the server's default
 *                          ({@link ConnectionType#HTTPS} when the fake requires client certificates, else
 *                          {@link ConnectionType#HTTP})
 * @param isCertificates    the information system TLS certificates accepted for {@link ConnectionType#HTTPS}; when
 *                          empty, the fake's own client certificate ({@link TestPki#clientCredential()}) is accepted
 */
public record ClientRegistration(ClientId id, String memberName, String subsystemName, ConnectionType connectionType,
                                 List<X509Certificate> isCertificates) {

    public ClientRegistration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(memberName, "memberName");
        if (!id.isSubsystem() && subsystemName != null) {
            throw new IllegalArgumentException("a member has no subsystem name: " + id);
        }
        isCertificates = List.copyOf(isCertificates);
    }

    /** A member with its name. */
    public static ClientRegistration member(ClientId member, String name) {
        if (member.isSubsystem()) {
            throw new IllegalArgumentException("not a member id: " + member);
        }
        return new ClientRegistration(member, name, null, null, List.of());
    }

    /** A subsystem; {@code memberName} is its member's name. */
    public static ClientRegistration subsystem(ClientId subsystem, String memberName, String subsystemName) {
        if (!subsystem.isSubsystem()) {
            throw new IllegalArgumentException("not a subsystem id: " + subsystem);
        }
        return new ClientRegistration(subsystem, memberName, subsystemName, null, List.of());
    }

    public ClientRegistration withConnectionType(ConnectionType type) {
        return new ClientRegistration(id, memberName, subsystemName, type, isCertificates);
    }

    /** A copy that accepts these information system certificates (and no longer the fake's default one). */
    public ClientRegistration withIsCertificates(List<X509Certificate> certificates) {
        return new ClientRegistration(id, memberName, subsystemName, connectionType, certificates);
    }

    public Optional<String> subsystemNameOptional() {
        return Optional.ofNullable(subsystemName);
    }
}
