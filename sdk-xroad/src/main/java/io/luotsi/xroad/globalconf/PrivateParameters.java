package io.luotsi.xroad.globalconf;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.globalconf.internal.PrivateParametersXml;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The private parameters of the own instance ({@code PRIVATE-PARAMETERS}, {@code private-params.xml}, internal
 * configuration only). A client SDK rarely needs them; they carry the anchors of federated instances and the
 * management service.
 *
 * @param instanceIdentifier          the instance
 * @param configurationAnchors        anchors of federated instances' external configuration (certificates that do not
 *                                    parse are dropped)
 * @param managementService           the management service, or {@code null}
 * @param timeStampingIntervalSeconds how often security servers time-stamp, or {@code null}
 */
public record PrivateParameters(String instanceIdentifier, List<ConfigurationAnchor> configurationAnchors,
                                ManagementService managementService, Integer timeStampingIntervalSeconds) {

    public PrivateParameters {
        Objects.requireNonNull(instanceIdentifier, "instanceIdentifier");
        configurationAnchors = List.copyOf(configurationAnchors);
    }

    /**
     * The management service of the Central Server.
     *
     * @param authCertRegServiceAddress         where authentication certificates are registered
     * @param authCertRegServiceCertificate     its TLS certificate, or {@code null}
     * @param managementRequestServiceProviderId the member or subsystem providing management services, or {@code null}
     */
    public record ManagementService(String authCertRegServiceAddress, X509Certificate authCertRegServiceCertificate,
                                    ClientId managementRequestServiceProviderId) {
    }

    public static PrivateParameters parse(byte[] xml) {
        return parse(new ByteArrayInputStream(Objects.requireNonNull(xml, "xml")));
    }

    /** Parses at most 16 MiB of a private-params document. */
    public static PrivateParameters parse(InputStream in) {
        return PrivateParametersXml.read(in, 16L * 1024 * 1024);
    }
}
