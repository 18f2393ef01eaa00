package io.luotsi.xroad.evidence.asic;

import io.luotsi.xroad.ClientId;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A container that verified: who signed it, when it was time-stamped, and the evidence of the signing certificate's
 * status.
 *
 * @param signer                  the member or subsystem that signed: the client of a request, the service provider
 *                                of a response
 * @param request                 whether the message is a request (else a response)
 * @param rest                    whether the message is REST (its header part in {@code message.xml}) rather than SOAP
 * @param timestamp               the time-stamp's time ({@code genTime}): the signature existed then, and everything
 *                                was validated at that time
 * @param ocspProducedAt          when the OCSP responder vouched for the signing certificate
 * @param signingCertificate      the signer's certificate
 * @param timestampingCertificate the certificate of the approved TSA that signed the time-stamp
 * @param ocspResponderCertificate the certificate that signed the OCSP response
 * @param batchSignature          whether the signature covers a batch through a hash chain
 * @param batchTimestamp          whether the time-stamp covers a batch through a hash chain
 * @param unverifiedReferences    hash chain data references taken on the chain's word because the container does not
 *                                hold their data (X-Road verifies the same way and lists them as "unverified"); empty
 *                                for single signatures
 */
public record AsicVerificationResult(ClientId signer, boolean request, boolean rest, Instant timestamp,
                                     Instant ocspProducedAt, X509Certificate signingCertificate,
                                     X509Certificate timestampingCertificate, X509Certificate ocspResponderCertificate,
                                     boolean batchSignature, boolean batchTimestamp,
                                     List<String> unverifiedReferences) {

    public AsicVerificationResult {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(ocspProducedAt, "ocspProducedAt");
        Objects.requireNonNull(signingCertificate, "signingCertificate");
        Objects.requireNonNull(timestampingCertificate, "timestampingCertificate");
        Objects.requireNonNull(ocspResponderCertificate, "ocspResponderCertificate");
        unverifiedReferences = List.copyOf(unverifiedReferences);
    }

    /** {@code VALID signer=<id> ts=<instant>}, the line {@code luotsi asic verify} prints. */
    @Override
    public String toString() {
        return "VALID signer=" + signer + " ts=" + timestamp;
    }
}
