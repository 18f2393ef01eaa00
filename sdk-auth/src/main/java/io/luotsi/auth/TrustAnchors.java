package io.luotsi.auth;

import io.luotsi.core.ConfigurationException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Certificates trusted as they are: for TLS, the certificates (or CA certificates) trusted for the Security Server;
 * later also the roots that signatures are verified against. Immutable. An anchor is trusted whatever its validity
 * period, as the JDK's PKIX validation treats trust anchors.
 *
 * @param certificates the trusted certificates; not empty
 */
public record TrustAnchors(List<X509Certificate> certificates) {

    public TrustAnchors {
        Objects.requireNonNull(certificates, "certificates");
        certificates = List.copyOf(certificates);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("trust anchors need at least one certificate");
        }
    }

    public static TrustAnchors of(X509Certificate... certificates) {
        return new TrustAnchors(List.of(certificates));
    }

    /**
     * Reads the trusted certificates from a PEM file of {@code CERTIFICATE} blocks.
     *
     * @throws ConfigurationException naming the file when it is missing, is not PEM or holds anything but
     *     certificates (a private key in a trust file is refused)
     */
    public static TrustAnchors fromPem(Path file) {
        Objects.requireNonNull(file, "file");
        return new TrustAnchors(PemFile.read(file).certificates());
    }

    @Override
    public String toString() {
        return "TrustAnchors" + certificates.stream().map(c -> c.getSubjectX500Principal().getName())
                .collect(Collectors.joining("; ", "[", "]"));
    }
}
