package io.luotsi.auth.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certification path that validated: from the end-entity certificate to a trust anchor, at a time, with the OCSP
 * statuses that revocation checking required.
 *
 * @param certificates   the path, end-entity certificate first, without the trust anchor (a certificate trusted
 *                       directly is its own one-element path)
 * @param trustAnchor    the trusted certificate the path leads to
 * @param validationTime the time the path was valid at
 * @param ocspStatuses   the good OCSP status of each certificate revocation checking covered, in path order
 */
public record ValidatedPath(List<X509Certificate> certificates, X509Certificate trustAnchor, Instant validationTime,
                            List<OcspStatus> ocspStatuses) {

    public ValidatedPath {
        certificates = List.copyOf(certificates);
        Objects.requireNonNull(trustAnchor, "trustAnchor");
        Objects.requireNonNull(validationTime, "validationTime");
        ocspStatuses = List.copyOf(ocspStatuses);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a path has at least one certificate");
        }
    }

    /** The end-entity certificate. */
    public X509Certificate leaf() {
        return certificates.get(0);
    }
}
