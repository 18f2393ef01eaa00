package io.luotsi.auth.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified, good and fresh OCSP status of one certificate: the evidence that it was not revoked at the validation
 * time. {@link #encoded()} is the DER response, to keep as evidence (for example with a signature it supports).
 */
public final class OcspStatus {

    private final X509Certificate certificate;
    private final byte[] encoded;
    private final Instant producedAt;
    private final Instant thisUpdate;
    private final Instant nextUpdate;
    private final X509Certificate responder;
    private final boolean fetched;

    OcspStatus(X509Certificate certificate, byte[] encoded, Instant producedAt, Instant thisUpdate, Instant nextUpdate,
               X509Certificate responder, boolean fetched) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.encoded = encoded.clone();
        this.producedAt = producedAt;
        this.thisUpdate = thisUpdate;
        this.nextUpdate = nextUpdate;
        this.responder = responder;
        this.fetched = fetched;
    }

    /** The certificate the status is about. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The whole OCSP response, DER-encoded (a copy). */
    public byte[] encoded() {
        return encoded.clone();
    }

    public Instant producedAt() {
        return producedAt;
    }

    /** When the responder knew the status to be correct. */
    public Instant thisUpdate() {
        return thisUpdate;
    }

    /** When newer information will be available, if the response says. */
    public Optional<Instant> nextUpdate() {
        return Optional.ofNullable(nextUpdate);
    }

    /** The certificate that signed the response: the issuing CA's or its delegated responder's. */
    public X509Certificate responder() {
        return responder;
    }

    /** Whether the response was fetched from the responder rather than given by the caller. */
    public boolean fetched() {
        return fetched;
    }

    @Override
    public String toString() {
        return "OcspStatus[good, serial 0x" + certificate.getSerialNumber().toString(16) + ", thisUpdate " + thisUpdate
                + (nextUpdate == null ? "" : ", nextUpdate " + nextUpdate) + (fetched ? ", fetched" : ", given") + "]";
    }
}
