package io.luotsi.xroad.evidence.asic;

import io.luotsi.auth.pki.CertificateValidationException;
import io.luotsi.auth.pki.OcspResponse;
import io.luotsi.auth.xades.HashChainResolver;
import io.luotsi.auth.xades.HashChainVerifier;
import io.luotsi.auth.xades.ReferenceResolver;
import io.luotsi.auth.xades.XadesSignature;
import io.luotsi.auth.xades.XadesVerificationException;
import io.luotsi.xroad.ClientId;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * X-Road's verification of a message signature ({@code SignatureVerifier.verify} with {@code CertChainVerifier} and
 * {@code OcspVerifier}), in its order and with its codes: the batch hash chain, the signing certificate, the signer's
 * name by the CA's certificate profile, the signature value, the time-stamp manifests, then the certificate path and
 * the OCSP response at {@code atDate}.
 */
final class SignatureCheck {

    static final String MESSAGE = "/message.xml";
    static final String SIG_HASH_CHAIN_RESULT = "/sig-hashchainresult.xml";
    private static final String ID_KP_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";

    /** What the verification established. */
    record Verified(X509Certificate signingCertificate, OcspResponse ocspResponse, X509Certificate ocspResponder,
                    List<String> unverifiedReferences) {
    }

    private final TrustMaterial trust;
    private final Map<String, CertificateProfile> profiles;

    SignatureCheck(TrustMaterial trust, Map<String, CertificateProfile> profiles) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
    }

    /**
     * Verifies a signature.
     *
     * @param signature          the signature
     * @param hashChainResult    the batch signature's hash chain result, or null
     * @param hashChainResolver  resolves the hash chain's documents and data
     * @param hashChainInputs    the URIs the hash chain must reference
     * @param referenceResolver  resolves the signature's references other than {@code #ids}
     * @param signerSupplier     the member or subsystem that must have signed (asked for only when it is needed)
     * @param atDate             the time the certificate and its OCSP response must be valid at
     */
    Verified verify(XadesSignature signature, byte[] hashChainResult, HashChainResolver hashChainResolver,
                    List<String> hashChainInputs, ReferenceResolver referenceResolver,
                    java.util.function.Supplier<ClientId> signerSupplier, Instant atDate) {
        List<String> unverified = List.of();
        if (hashChainResult != null && signature.references(SIG_HASH_CHAIN_RESULT)) {
            HashChainVerifier.Builder chain = HashChainVerifier.forResult(hashChainResult).resolver(hashChainResolver);
            hashChainInputs.forEach(chain::input);
            try {
                unverified = chain.verify();
            } catch (XadesVerificationException e) {
                throw new AsicVerificationException("malformed_signature." + e.code(), e.getMessage(), e);
            }
        }

        X509Certificate signingCertificate = signingCertificate(signature);
        ClientId signer = signerSupplier.get();
        verifySignerName(signer, signingCertificate);
        try {
            signature.verify(signingCertificate, referenceResolver);
            signature.verifyTimestampManifests();
        } catch (XadesVerificationException e) {
            throw coded(e);
        }
        OcspResponse ocsp = verifyCertificateChain(signature, signer, signingCertificate, atDate);
        X509Certificate responder = ocsp.responderAmong(responderCandidates()).orElseThrow();
        return new Verified(signingCertificate, ocsp, responder, unverified);
    }

    /** X-Road's {@code getSigningCertificate}: present, and a signing certificate (non-repudiation). */
    X509Certificate signingCertificate(XadesSignature signature) {
        X509Certificate cert;
        try {
            cert = signature.signingCertificate().orElse(null);
        } catch (XadesVerificationException e) {
            throw coded(e);
        }
        if (cert == null) {
            throw new AsicVerificationException("malformed_signature", "Signature does not contain signing "
                    + "certificate");
        }
        boolean[] keyUsage = cert.getKeyUsage();
        if (keyUsage == null) {
            throw new AsicVerificationException("internal_error", "Certificate does not contain keyUsage extension");
        }
        if (keyUsage.length < 2 || !keyUsage[1]) {
            throw new AsicVerificationException("malformed_signature", "Certificate "
                    + cert.getSubjectX500Principal().getName() + " is not a signing certificate");
        }
        return cert;
    }

    /** X-Road's {@code verifySignerName}: the member the CA's profile reads from the certificate is the signer's. */
    void verifySignerName(ClientId signer, X509Certificate certificate) {
        TrustMaterial.Ca ca = trust.issuerOf(signer.xRoadInstance(), certificate);
        String profileClass = ca.certificateProfileInfo();
        if (profileClass == null || profileClass.isBlank()) {
            throw new AsicVerificationException("internal_error", "Could not find certificate profile info for "
                    + "certificate " + certificate.getSubjectX500Principal().getName());
        }
        CertificateProfile profile = profiles.get(profileClass.trim());
        if (profile == null) {
            throw new AsicVerificationException("internal_error", "The certificate profile " + profileClass
                    + " is not known; register it with AsicContainerVerifier.Builder.certificateProfile");
        }
        ClientId named;
        try {
            named = profile.subjectIdentifier(certificate, signer);
        } catch (IllegalArgumentException e) {
            throw new AsicVerificationException("incorrect_certificate", e.getMessage(), e);
        }
        if (named == null || !signer.xRoadInstance().equals(named.xRoadInstance())
                || !signer.memberClass().equals(named.memberClass())
                || !signer.memberCode().equals(named.memberCode())) {
            throw new AsicVerificationException("incorrect_certificate", "Name in certificate (" + named
                    + ") does not match name in message (" + signer + ")");
        }
    }

    /**
     * X-Road's {@code verifyCertificateChain}: the path from the signing certificate to the CA that issued it, then
     * the OCSP response for each certificate of the path, all at {@code atDate}.
     *
     * @return the OCSP response about the signing certificate
     */
    private OcspResponse verifyCertificateChain(XadesSignature signature, ClientId signer,
                                                X509Certificate certificate, Instant atDate) {
        try {
            signature.extraCertificates();
        } catch (XadesVerificationException e) {
            throw coded(e);
        }
        X509Certificate anchor;
        try {
            anchor = trust.issuerOf(signer.xRoadInstance(), certificate).certificate();
        } catch (AsicVerificationException e) {
            throw e.withPrefix("cannot_create_cert_path");
        }
        List<OcspResponse> responses = new ArrayList<>();
        List<byte[]> encoded;
        try {
            encoded = signature.ocspResponses();
        } catch (XadesVerificationException e) {
            throw coded(e);
        }
        if (encoded.isEmpty()) {
            throw new AsicVerificationException("malformed_signature", "Could not get any OCSP elements from "
                    + "signature");
        }
        for (byte[] der : encoded) {
            try {
                responses.add(OcspResponse.parse(der));
            } catch (CertificateValidationException e) {
                throw new AsicVerificationException("malformed_signature", "an OCSP response in the signature "
                        + "cannot be read: " + e.getMessage(), e);
            }
        }
        List<X509Certificate> path;
        try {
            path = trust.validatePath(certificate, anchor, atDate).certificates();
        } catch (CertificateValidationException e) {
            throw new AsicVerificationException("cannot_create_cert_path.internal_error", e.getMessage(), e);
        }
        OcspResponse leafResponse = null;
        for (X509Certificate subject : path) {
            X509Certificate issuer;
            try {
                issuer = trust.issuerOf(signer.xRoadInstance(), subject).certificate();
            } catch (AsicVerificationException e) {
                throw e.withPrefix("invalid_cert_path");
            }
            OcspResponse response = responseFor(subject, issuer, responses);
            if (response == null) {
                throw new AsicVerificationException("invalid_cert_path.cert_validation", "Unable to find OCSP response "
                        + "for certificate " + subject.getSubjectX500Principal().getName());
            }
            verifyOcsp(response, subject, issuer, atDate);
            if (subject.equals(certificate)) {
                leafResponse = response;
            }
        }
        return leafResponse;
    }

    /** X-Road's {@code getOcspResponseForCert}: the first response whose first single response is about the cert. */
    static OcspResponse responseFor(X509Certificate subject, X509Certificate issuer, List<OcspResponse> responses) {
        for (OcspResponse r : responses) {
            OcspResponse.SingleResponse first = r.responses().get(0);
            if ("SHA-1".equals(first.hashAlgorithm()) && first.isFor(subject, issuer)) {
                return r;
            }
        }
        return null;
    }

    /** X-Road's {@code OcspVerifier.verifyValidityAndStatus} at {@code atDate}, with nextUpdate verified. */
    private void verifyOcsp(OcspResponse response, X509Certificate subject, X509Certificate issuer, Instant atDate) {
        OcspResponse.SingleResponse single = response.responses().get(0);
        if (!"SHA-1".equals(single.hashAlgorithm()) || !single.isFor(subject, issuer)) {
            throw validationInfo("OCSP response does not apply to certificate (sn = " + subject.getSerialNumber()
                    + ")");
        }
        X509Certificate responder = response.responderAmong(responderCandidates()).orElseThrow(() ->
                validationInfo("Could not find OCSP certificate for responder ID"));
        if (!response.isSignedBy(responder)) {
            throw validationInfo("Signature on OCSP response is not valid");
        }
        if (!isAuthorizedResponder(responder, issuer)) {
            throw validationInfo("OCSP responder is not authorized for given CA");
        }
        Instant allowedThisUpdate = atDate.minusSeconds(trust.ocspFreshnessSeconds());
        if (single.thisUpdate().isBefore(allowedThisUpdate)) {
            throw validationInfo("OCSP response is too old (thisUpdate: " + single.thisUpdate() + ")");
        }
        if (single.nextUpdate() != null && single.nextUpdate().isBefore(atDate)) {
            throw validationInfo("OCSP nextUpdate is too old, atDate: " + atDate + " nextUpdate: "
                    + single.nextUpdate());
        }
        if (single.status() != OcspResponse.Status.GOOD) {
            throw new AsicVerificationException("invalid_cert_path.cert_validation", "OCSP response indicates "
                    + "certificate status is " + single.status()
                    + (single.revocationTime() == null ? "" : " (date: " + single.revocationTime() + ")"));
        }
    }

    /** Global configuration's responders, every approved CA certificate (the response's own are added by it). */
    private List<X509Certificate> responderCandidates() {
        List<X509Certificate> candidates = new ArrayList<>(trust.ocspResponderCertificates());
        candidates.addAll(trust.allCaCertificates());
        return candidates;
    }

    /** X-Road's {@code isAuthorizedOcspSigner}. */
    private boolean isAuthorizedResponder(X509Certificate responder, X509Certificate issuer) {
        if (trust.isOcspResponderOf(issuer, responder) || responder.equals(issuer)) {
            return true;
        }
        if (!responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            responder.verify(issuer.getPublicKey());
            List<String> eku = responder.getExtendedKeyUsage();
            return eku != null && eku.contains(ID_KP_OCSP_SIGNING);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static AsicVerificationException validationInfo(String message) {
        return new AsicVerificationException("invalid_cert_path.incorrect_validation_info", message);
    }

    static AsicVerificationException coded(XadesVerificationException e) {
        return new AsicVerificationException(e.code(), e.getMessage(), e);
    }
}
