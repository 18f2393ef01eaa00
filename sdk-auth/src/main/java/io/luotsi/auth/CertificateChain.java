package io.luotsi.auth;

import io.luotsi.core.ConfigurationException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * An X.509 certificate chain, leaf first, each certificate followed by the one that issued it (the root may be left
 * out). Immutable.
 *
 * <pre>{@code
 * CertificateChain chain = CertificateChain.fromPem(Path.of("tls/cert.pem"));
 * chain.leaf().getNotAfter();
 * }</pre>
 *
 * @param certificates the chain, leaf first; not empty
 */
public record CertificateChain(List<X509Certificate> certificates) {

    /**
     * @throws IllegalArgumentException when the chain is empty or out of order (a certificate not followed by its
     *     issuer)
     */
    public CertificateChain {
        Objects.requireNonNull(certificates, "certificates");
        certificates = List.copyOf(certificates);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least one certificate");
        }
        int misordered = firstMisordered(certificates);
        if (misordered >= 0) {
            throw new IllegalArgumentException("certificate #" + (misordered + 2) + " did not issue certificate #"
                    + (misordered + 1) + ": a chain lists the leaf first, each certificate followed by its issuer");
        }
    }

    public static CertificateChain of(X509Certificate... certificates) {
        return new CertificateChain(List.of(certificates));
    }

    /**
     * Reads a chain from a PEM file of {@code CERTIFICATE} blocks, leaf first.
     *
     * @throws ConfigurationException naming the file when it is missing, is not PEM, holds anything but certificates,
     *     or lists them out of order
     */
    public static CertificateChain fromPem(Path file) {
        Objects.requireNonNull(file, "file");
        List<X509Certificate> certificates = PemFile.read(file).certificates();
        int misordered = firstMisordered(certificates);
        if (misordered >= 0) {
            throw new ConfigurationException(file + ": certificate #" + (misordered + 2) + " ("
                    + describe(certificates.get(misordered + 1)) + ") did not issue certificate #" + (misordered + 1)
                    + " (" + describe(certificates.get(misordered)) + "); list the chain leaf first, each certificate "
                    + "followed by its issuer");
        }
        return new CertificateChain(certificates);
    }

    /** The end-entity certificate: the first of the chain. */
    public X509Certificate leaf() {
        return certificates.get(0);
    }

    public int size() {
        return certificates.size();
    }

    @Override
    public String toString() {
        // Serial and issuer identify a certificate without printing its subject, which may name a person.
        return "CertificateChain[" + certificates.size() + (certificates.size() == 1 ? " certificate" : " certificates")
                + ", leaf " + describe(leaf()) + ", valid until " + leaf().getNotAfter().toInstant() + "]";
    }

    /** A certificate as error messages name it: serial number and issuer. */
    static String describe(X509Certificate certificate) {
        return "serial 0x" + certificate.getSerialNumber().toString(16) + " issued by "
                + certificate.getIssuerX500Principal().getName();
    }

    private static int firstMisordered(List<X509Certificate> certificates) {
        for (int i = 0; i + 1 < certificates.size(); i++) {
            if (!certificates.get(i).getIssuerX500Principal().equals(
                    certificates.get(i + 1).getSubjectX500Principal())) {
                return i;
            }
        }
        return -1;
    }
}
