package io.luotsi.xroad.globalconf;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.GlobalGroupId;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.globalconf.internal.Certificates;
import io.luotsi.xroad.globalconf.internal.SharedParametersXml;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The shared parameters of one X-Road instance ({@code SHARED-PARAMETERS}, {@code shared-params.xml}, versions 2 to 6):
 * who the members and subsystems are, which security servers serve them and where, the global groups, and the trust
 * material (approved CAs with their OCSP responders, approved time-stamping authorities). Elements a version does not
 * have are empty or {@code null}; unknown elements (V3+ {@code <any>}) and the legacy {@code centralService} are
 * skipped.
 *
 * <pre>{@code
 * SharedParameters sp = SharedParameters.parse(Files.readAllBytes(path));
 * sp.members().forEach(m -> report.add(m.id() + " " + m.name()));
 * }</pre>
 *
 * @param instanceIdentifier the instance, e.g. {@code EE}
 * @param version            the configuration version the file was published as (2 to 6; 2 when not known)
 * @param sources            configuration sources with their verification certificates (V3+; key rotation)
 * @param approvedCas        approved certification authorities
 * @param approvedTsas       approved time-stamping authorities
 * @param members            members, each with its subsystems
 * @param securityServers    registered security servers
 * @param globalGroups       global groups
 * @param globalSettings     member classes and the OCSP freshness
 */
public record SharedParameters(String instanceIdentifier, int version, List<Source> sources,
                               List<ApprovedCa> approvedCas, List<ApprovedTsa> approvedTsas, List<Member> members,
                               List<SecurityServer> securityServers, List<GlobalGroup> globalGroups,
                               GlobalSettings globalSettings) {

    /** Default cap on the size of one shared-params file. */
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

    public SharedParameters {
        Objects.requireNonNull(instanceIdentifier, "instanceIdentifier");
        sources = List.copyOf(sources);
        approvedCas = List.copyOf(approvedCas);
        approvedTsas = List.copyOf(approvedTsas);
        members = List.copyOf(members);
        securityServers = List.copyOf(securityServers);
        globalGroups = List.copyOf(globalGroups);
        Objects.requireNonNull(globalSettings, "globalSettings");
    }

    /** Parses a shared-params document of an unknown version (recorded as 2). */
    public static SharedParameters parse(byte[] xml) {
        return parse(new ByteArrayInputStream(Objects.requireNonNull(xml, "xml")), 2);
    }

    /** Parses a shared-params document published as {@code version}, reading at most {@link #DEFAULT_MAX_BYTES}. */
    public static SharedParameters parse(InputStream in, int version) {
        return SharedParametersXml.read(in, version, DEFAULT_MAX_BYTES);
    }

    /** Parses at most {@code maxBytes} of a shared-params document published as {@code version}. */
    public static SharedParameters parse(InputStream in, int version, long maxBytes) {
        return SharedParametersXml.read(in, version, maxBytes);
    }

    /**
     * Writes this as a shared-params document of {@code version} (2 to 6); fields the version lacks are left out.
     * Members and subsystems get generated {@code ID}s that the security servers refer to.
     *
     * @throws IllegalArgumentException when V3+ is asked for without a source (the schema requires one), or a
     *     security server refers to a client that is not one of these members or subsystems
     */
    public byte[] toXml(int version) {
        return SharedParametersXml.write(this, version);
    }

    /** Writes this as a shared-params document of its own {@link #version()}. */
    public byte[] toXml() {
        return toXml(version);
    }

    /**
     * A configuration source (V3+): the Central Server address and the certificates that may sign its internal and
     * external configuration, for rotating the configuration signing key.
     */
    public record Source(String address, List<X509Certificate> internalVerificationCertificates,
                         List<X509Certificate> externalVerificationCertificates) {
        public Source {
            Objects.requireNonNull(address, "address");
            internalVerificationCertificates = List.copyOf(internalVerificationCertificates);
            externalVerificationCertificates = List.copyOf(externalVerificationCertificates);
        }
    }

    /**
     * An approved certification authority.
     *
     * @param name                   the name shown in user interfaces
     * @param authenticationOnly     certificates of this CA only authenticate TLS, they do not sign
     * @param topCa                  the trust anchor
     * @param intermediateCas        intermediate CAs, for path building and OCSP
     * @param certificateProfileInfo the Java class name of X-Road's certificate profile provider
     * @param acmeServer             ACME settings (V3+), or {@code null}
     * @param defaultCsrFormat       {@code PEM} or {@code DER} (V6), or {@code null}
     */
    public record ApprovedCa(String name, boolean authenticationOnly, CaInfo topCa, List<CaInfo> intermediateCas,
                             String certificateProfileInfo, AcmeServer acmeServer, String defaultCsrFormat) {
        public ApprovedCa {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(topCa, "topCa");
            intermediateCas = List.copyOf(intermediateCas);
        }
    }

    /** A CA certificate with the OCSP responders for the certificates it issues. */
    public record CaInfo(X509Certificate certificate, List<Ocsp> ocspResponders) {
        public CaInfo {
            Objects.requireNonNull(certificate, "certificate");
            ocspResponders = List.copyOf(ocspResponders);
        }
    }

    /**
     * An OCSP responder.
     *
     * @param url         where to ask
     * @param certificate the responder's signing certificate, or {@code null}
     * @param costType    free or paid (V6); {@link CostType#UNDEFINED} when not stated
     */
    public record Ocsp(String url, X509Certificate certificate, CostType costType) {
        public Ocsp {
            Objects.requireNonNull(url, "url");
            costType = costType == null ? CostType.UNDEFINED : costType;
        }
    }

    /** ACME settings of a CA (V3+; the profile ids from V4). Fields other than the directory URL may be {@code null}. */
    public record AcmeServer(String directoryUrl, String ipAddress, String authenticationCertificateProfileId,
                             String signingCertificateProfileId) {
        public AcmeServer {
            Objects.requireNonNull(directoryUrl, "directoryUrl");
        }
    }

    /** An approved time-stamping authority; {@code costType} from V6. */
    public record ApprovedTsa(String name, String url, X509Certificate certificate, CostType costType) {
        public ApprovedTsa {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(certificate, "certificate");
            costType = costType == null ? CostType.UNDEFINED : costType;
        }
    }

    /**
     * A member.
     *
     * @param id                     {@code MEMBER:instance/class/code}
     * @param memberClassDescription the description given with the member's class, or {@code null}
     * @param name                   the official name
     * @param subsystems             its subsystems
     */
    public record Member(ClientId id, String memberClassDescription, String name, List<Subsystem> subsystems) {
        public Member {
            Objects.requireNonNull(id, "id");
            if (id.isSubsystem()) {
                throw new IllegalArgumentException("a member id has no subsystem: " + id);
            }
            Objects.requireNonNull(name, "name");
            subsystems = List.copyOf(subsystems);
        }
    }

    /**
     * A subsystem.
     *
     * @param id   {@code SUBSYSTEM:instance/class/code/subsystem}
     * @param name the subsystem's name (V5+), or {@code null}
     */
    public record Subsystem(ClientId id, String name) {
        public Subsystem {
            Objects.requireNonNull(id, "id");
            if (!id.isSubsystem()) {
                throw new IllegalArgumentException("a subsystem id has a subsystem code: " + id);
            }
        }
    }

    /**
     * A security server.
     *
     * @param id                 {@code SERVER:instance/ownerClass/ownerCode/serverCode}
     * @param address            its address: a host name, an IP address or even a URL; {@code null} when not
     *                           published
     * @param authCertHashes     base64 hashes of its authentication certificates (SHA-1 in V2 files, SHA-256 from V3;
     *                           the length tells which)
     * @param clients            its registered clients (members or subsystems), not counting the owner
     * @param inMaintenanceMode  whether it is in maintenance mode (V5+)
     * @param maintenanceMessage the message shown to consumers in maintenance mode, or {@code null}
     */
    public record SecurityServer(SecurityServerId id, String address, List<String> authCertHashes,
                                 List<ClientId> clients, boolean inMaintenanceMode, String maintenanceMessage) {
        public SecurityServer {
            Objects.requireNonNull(id, "id");
            authCertHashes = List.copyOf(authCertHashes);
            clients = List.copyOf(clients);
        }

        /** The owner member; X-Road treats it as a client of its own server. */
        public ClientId owner() {
            return id.owner();
        }

        /** Whether {@code client} is served by this server: a registered client, or the owner. */
        public boolean serves(ClientId client) {
            return owner().equals(client) || clients.contains(client);
        }

        /** Whether {@code certificate} is one of this server's authentication certificates. */
        public boolean hasAuthCertificate(X509Certificate certificate) {
            byte[] der = Certificates.der(certificate);
            for (String h : authCertHashes) {
                byte[] hash;
                try {
                    hash = Base64.getMimeDecoder().decode(h);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                String algorithm = switch (hash.length) {
                    case 20 -> "SHA-1";
                    case 32 -> "SHA-256";
                    case 48 -> "SHA-384";
                    case 64 -> "SHA-512";
                    default -> null;
                };
                if (algorithm != null && MessageDigest.isEqual(hash, digest(algorithm, der))) {
                    return true;
                }
            }
            return false;
        }

        private static byte[] digest(String algorithm, byte[] data) {
            try {
                return MessageDigest.getInstance(algorithm).digest(data);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A global group; members may be members or subsystems. */
    public record GlobalGroup(GlobalGroupId id, String description, List<ClientId> members) {
        public GlobalGroup {
            Objects.requireNonNull(id, "id");
            members = List.copyOf(members);
        }

        /** Whether {@code client} is listed in the group (a member's subsystems are not implied). */
        public boolean contains(ClientId client) {
            return members.contains(client);
        }
    }

    /** A member class and its description. */
    public record MemberClass(String code, String description) {
        public MemberClass {
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * Instance-wide settings.
     *
     * @param memberClasses        the member classes in use
     * @param ocspFreshnessSeconds how old an OCSP response may be, or {@code null} when not stated
     */
    public record GlobalSettings(List<MemberClass> memberClasses, Integer ocspFreshnessSeconds) {
        public static final GlobalSettings EMPTY = new GlobalSettings(List.of(), null);

        public GlobalSettings {
            memberClasses = List.copyOf(memberClasses);
        }
    }
}
