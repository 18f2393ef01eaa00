package io.luotsi.auth.pki;

import io.luotsi.core.LuotsiException;
import io.luotsi.core.http.HttpRequest;
import io.luotsi.core.http.HttpResponse;
import io.luotsi.core.http.HttpTransport;
import io.luotsi.core.http.RequestBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CRLReason;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCSP for {@link CertificateValidator}: finds a response among those given or fetches one, and checks its responder,
 * signature, status and freshness. Uses Bouncy Castle's OCSP structures with the JDK's own JCA providers.
 */
final class OcspChecker {

    private static final Logger LOG = LoggerFactory.getLogger(OcspChecker.class);
    private static final String ID_KP_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A given response, parsed once per validation. */
    record Parsed(byte[] encoded, BasicOCSPResp basic) {
    }

    private final HttpTransport transport;
    private final Map<X509Certificate, URI> responderUrls;
    private final List<X509Certificate> trustedResponders;
    private final Duration maxAge;
    private final Duration skew;
    private final long maxBytes;
    private final DigestCalculatorProvider digests;

    OcspChecker(HttpTransport transport, Map<X509Certificate, URI> responderUrls,
                List<X509Certificate> trustedResponders, Duration maxAge, Duration skew, long maxBytes) {
        this.transport = transport;
        this.responderUrls = responderUrls;
        this.trustedResponders = trustedResponders;
        this.maxAge = maxAge;
        this.skew = skew;
        this.maxBytes = maxBytes;
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("the JDK's digests are always available", e);
        }
    }

    List<Parsed> parse(List<byte[]> responses, Instant time) {
        List<Parsed> parsed = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            byte[] der = responses.get(i);
            if (der == null) {
                throw new NullPointerException("ocspResponses element " + i);
            }
            if (der.length > maxBytes) {
                throw new CertificateValidationException(CertificateFailure.OCSP_MALFORMED, "OCSP response #" + (i + 1)
                        + " is " + der.length + " bytes, more than the limit of " + maxBytes, null, time, null);
            }
            parsed.add(new Parsed(der.clone(), basic(der, "OCSP response #" + (i + 1), time)));
        }
        return parsed;
    }

    /** The verified good status of {@code certificate}, or a {@link CertificateValidationException}. */
    OcspStatus check(X509Certificate certificate, X509Certificate issuer, Instant time, List<Parsed> given) {
        for (Parsed p : given) {
            SingleResp single = find(p.basic(), certificate, issuer);
            if (single == null) {
                continue;
            }
            if (transport != null && isStale(single, time)) {
                LOG.debug("the given OCSP response for serial {} is stale; fetching a fresh one",
                        certificate.getSerialNumber());
                break;
            }
            return verify(p.encoded(), p.basic(), single, certificate, issuer, time, false);
        }
        if (transport == null) {
            throw new CertificateValidationException(CertificateFailure.OCSP_UNAVAILABLE, "no OCSP response was "
                    + "given for " + CertificateValidator.describe(certificate) + " and fetching is not configured",
                    certificate, time, null);
        }
        return fetch(certificate, issuer, time);
    }

    private OcspStatus fetch(X509Certificate certificate, X509Certificate issuer, Instant time) {
        URI url = responderUrls.get(issuer);
        if (url == null) {
            url = aiaOcspUrl(certificate);
        }
        if (url == null) {
            throw unavailable(certificate, time, "no OCSP response was given and neither the configuration nor the "
                    + "certificate names an OCSP responder", null);
        }
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        byte[] request;
        try {
            OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(certificateId(certificate, issuer));
            // RFC 8954: the extension's value is the DER encoding of an OCTET STRING holding the nonce.
            builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonce).getEncoded())));
            request = builder.build().getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException("cannot encode an OCSP request", e);
        }
        byte[] der;
        HttpRequest http = HttpRequest.builder().uri(url)
                .method("POST", RequestBody.of(request, "application/ocsp-request"))
                .header("Accept", "application/ocsp-response").build();
        try (HttpResponse response = transport.execute(http)) {
            if (response.status() != 200) {
                throw unavailable(certificate, time, "the OCSP responder " + url + " answered HTTP " + response.status(),
                        null);
            }
            der = response.body().bytes(maxBytes);
        } catch (IOException | UncheckedIOException e) {
            throw unavailable(certificate, time, "cannot fetch an OCSP response from " + url + " ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (CertificateValidationException e) {
            throw e;
        } catch (LuotsiException e) {
            throw unavailable(certificate, time, "cannot fetch an OCSP response from " + url + ": " + e.getMessage(),
                    e);
        }
        LOG.debug("fetched an OCSP response for serial {} from {}", certificate.getSerialNumber(), url);
        BasicOCSPResp basic = basic(der, "the OCSP response from " + url, time);
        Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (echoed != null && !MessageDigest.isEqual(nonceValue(echoed), nonce)) {
            throw new CertificateValidationException(CertificateFailure.OCSP_MALFORMED, "the OCSP response from " + url
                    + " has a nonce other than the request's (a replayed response?)", certificate, time, null);
        }
        SingleResp single = find(basic, certificate, issuer);
        if (single == null) {
            throw new CertificateValidationException(CertificateFailure.OCSP_MALFORMED, "the OCSP response from " + url
                    + " is not about " + CertificateValidator.describe(certificate), certificate, time, null);
        }
        return verify(der, basic, single, certificate, issuer, time, true);
    }

    private static byte[] nonceValue(Extension extension) {
        // RFC 8954: the extension value is an OCTET STRING holding the nonce; some responders wrap it once more.
        byte[] value = extension.getExtnValue().getOctets();
        try {
            ASN1Primitive inner = ASN1Primitive.fromByteArray(value);
            if (inner instanceof ASN1OctetString octets) {
                return octets.getOctets();
            }
        } catch (IOException | RuntimeException e) {
            // Not DER: the raw value is the nonce.
        }
        return value;
    }

    private OcspStatus verify(byte[] der, BasicOCSPResp basic, SingleResp single, X509Certificate certificate,
                              X509Certificate issuer, Instant time, boolean fetched) {
        X509Certificate responder = responder(basic, issuer, certificate, time);
        try {
            if (!basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder))) {
                throw new CertificateValidationException(CertificateFailure.OCSP_SIGNATURE_INVALID, "the signature of "
                        + "the OCSP response for " + CertificateValidator.describe(certificate) + " does not verify "
                        + "with the responder's key (" + responder.getSubjectX500Principal().getName() + ")",
                        certificate, time, null);
            }
        } catch (OperatorCreationException | OCSPException | RuntimeException e) {
            throw new CertificateValidationException(CertificateFailure.OCSP_SIGNATURE_INVALID, "the signature of the "
                    + "OCSP response for " + CertificateValidator.describe(certificate) + " cannot be verified ("
                    + e.getClass().getSimpleName() + ")", certificate, time, e);
        }
        Instant producedAt = basic.getProducedAt().toInstant();
        requireAuthorised(responder, issuer, certificate, producedAt, time);

        CertificateStatus status = single.getCertStatus();
        if (status instanceof RevokedStatus revoked) {
            Instant revokedAt = revoked.getRevocationTime().toInstant();
            CRLReason reason = revoked.hasRevocationReason() ? reason(revoked.getRevocationReason()) : null;
            throw new CertificateValidationException(CertificateFailure.REVOKED, CertificateValidator
                    .describe(certificate) + " was revoked at " + revokedAt
                    + (reason == null ? "" : " (reason " + reason + ")"), certificate, time, revokedAt, reason, null);
        }
        Instant thisUpdate = single.getThisUpdate().toInstant();
        Instant nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
        String stale = staleness(thisUpdate, nextUpdate, time);
        if (stale != null) {
            throw new CertificateValidationException(CertificateFailure.OCSP_STALE, "the OCSP response for "
                    + CertificateValidator.describe(certificate) + " " + stale, certificate, time, null);
        }
        if (status != null) {
            throw new CertificateValidationException(CertificateFailure.OCSP_UNKNOWN, "the OCSP responder does not "
                    + "know " + CertificateValidator.describe(certificate), certificate, time, null);
        }
        return new OcspStatus(certificate, der, producedAt, thisUpdate, nextUpdate, responder, fetched);
    }

    private boolean isStale(SingleResp single, Instant time) {
        return staleness(single.getThisUpdate().toInstant(),
                single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant(), time) != null;
    }

    /** Why a response is not fresh at {@code time}, or null when it is. */
    private String staleness(Instant thisUpdate, Instant nextUpdate, Instant time) {
        if (thisUpdate.isAfter(time.plus(skew))) {
            return "is from after the validation time " + time + " (thisUpdate " + thisUpdate + ")";
        }
        if (nextUpdate != null && time.isAfter(nextUpdate.plus(skew))) {
            return "expired at its nextUpdate " + nextUpdate + ", before the validation time " + time;
        }
        if (maxAge != null && thisUpdate.plus(maxAge).plus(skew).isBefore(time)) {
            return "is older than the maximum age of " + maxAge + " at the validation time " + time + " (thisUpdate "
                    + thisUpdate + ")";
        }
        if (maxAge == null && nextUpdate == null) {
            return "has no nextUpdate and no maximum age is configured (thisUpdate " + thisUpdate + ")";
        }
        return null;
    }

    /** The certificate whose key signed the response, identified by the response's responder id. */
    private X509Certificate responder(BasicOCSPResp basic, X509Certificate issuer, X509Certificate certificate,
                                      Instant time) {
        List<X509Certificate> candidates = new ArrayList<>();
        candidates.add(issuer);
        candidates.addAll(trustedResponders);
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (X509CertificateHolder holder : basic.getCerts()) {
            try {
                candidates.add(converter.getCertificate(holder));
            } catch (CertificateException e) {
                throw new CertificateValidationException(CertificateFailure.OCSP_MALFORMED, "the OCSP response for "
                        + CertificateValidator.describe(certificate) + " carries a certificate that cannot be read",
                        certificate, time, e);
            }
        }
        RespID id = basic.getResponderId();
        for (X509Certificate c : candidates) {
            if (identifies(id, c)) {
                return c;
            }
        }
        throw new CertificateValidationException(CertificateFailure.OCSP_RESPONDER_NOT_AUTHORISED, "the OCSP response "
                + "for " + CertificateValidator.describe(certificate) + " is signed by a responder that is neither "
                + "the issuing CA, nor a certificate the response carries, nor a trusted responder", certificate,
                time, null);
    }

    private boolean identifies(RespID id, X509Certificate c) {
        try {
            JcaX509CertificateHolder holder = new JcaX509CertificateHolder(c);
            if (id.equals(new RespID(holder.getSubject()))) {
                return true;
            }
            DigestCalculator sha1 = digests.get(CertificateID.HASH_SHA1);
            return id.equals(new RespID(holder.getSubjectPublicKeyInfo(), sha1));
        } catch (CertificateEncodingException | OperatorCreationException | OCSPException e) {
            return false;
        }
    }

    private void requireAuthorised(X509Certificate responder, X509Certificate issuer, X509Certificate certificate,
                                   Instant producedAt, Instant time) {
        if (responder.equals(issuer) || trustedResponders.contains(responder)) {
            return;
        }
        String problem = null;
        if (!responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()) || !signedBy(responder,
                issuer)) {
            problem = "was not issued by the CA that issued the certificate";
        } else if (!hasOcspSigning(responder)) {
            problem = "lacks the id-kp-OCSPSigning extended key usage";
        } else {
            try {
                responder.checkValidity(Date.from(producedAt));
            } catch (GeneralSecurityException e) {
                problem = "was not valid when the response was produced (" + producedAt + ")";
            }
        }
        if (problem != null) {
            throw new CertificateValidationException(CertificateFailure.OCSP_RESPONDER_NOT_AUTHORISED, "the OCSP "
                    + "responder certificate " + responder.getSubjectX500Principal().getName() + " " + problem
                    + ", so it may not answer for " + CertificateValidator.describe(certificate), certificate, time,
                    null);
        }
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean hasOcspSigning(X509Certificate c) {
        try {
            List<String> purposes = c.getExtendedKeyUsage();
            return purposes != null && purposes.contains(ID_KP_OCSP_SIGNING);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private SingleResp find(BasicOCSPResp basic, X509Certificate certificate, X509Certificate issuer) {
        try {
            JcaX509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            for (SingleResp single : basic.getResponses()) {
                CertificateID id = single.getCertID();
                if (id.getSerialNumber().equals(certificate.getSerialNumber())
                        && id.matchesIssuer(issuerHolder, digests)) {
                    return single;
                }
            }
            return null;
        } catch (CertificateEncodingException | OCSPException e) {
            return null;
        }
    }

    private CertificateID certificateId(X509Certificate certificate, X509Certificate issuer) {
        try {
            return new CertificateID(digests.get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer),
                    certificate.getSerialNumber());
        } catch (OperatorCreationException | CertificateEncodingException | OCSPException e) {
            throw new IllegalStateException("cannot make an OCSP certificate id", e);
        }
    }

    private BasicOCSPResp basic(byte[] der, String what, Instant time) {
        try {
            OCSPResp response = new OCSPResp(der);
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new CertificateValidationException(CertificateFailure.OCSP_UNAVAILABLE, what + " is not a "
                        + "status but an error: " + responseStatus(response.getStatus()), null, time, null);
            }
            Object object = response.getResponseObject();
            if (!(object instanceof BasicOCSPResp basic)) {
                throw new CertificateValidationException(CertificateFailure.OCSP_MALFORMED, what + " is not a basic "
                        + "OCSP response", null, time, null);
            }
            return basic;
        } catch (IOException | OCSPException | RuntimeException e) {
            if (e instanceof CertificateValidationException cve) {
                throw cve;
            }
            throw new CertificateValidationException(CertificateFailure.OCSP_MALFORMED, what + " cannot be parsed ("
                    + e.getClass().getSimpleName() + ")", null, time, e);
        }
    }

    private static String responseStatus(int status) {
        return switch (status) {
            case OCSPResp.MALFORMED_REQUEST -> "malformedRequest (1)";
            case OCSPResp.INTERNAL_ERROR -> "internalError (2)";
            case OCSPResp.TRY_LATER -> "tryLater (3)";
            case OCSPResp.SIG_REQUIRED -> "sigRequired (5)";
            case OCSPResp.UNAUTHORIZED -> "unauthorized (6)";
            default -> "status " + status;
        };
    }

    private static CRLReason reason(int code) {
        CRLReason[] reasons = CRLReason.values();
        return code >= 0 && code < reasons.length ? reasons[code] : CRLReason.UNSPECIFIED;
    }

    private static URI aiaOcspUrl(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (extension == null) {
            return null;
        }
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                    ASN1OctetString.getInstance(extension).getOctets());
            for (AccessDescription d : aia.getAccessDescriptions()) {
                GeneralName name = d.getAccessLocation();
                if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                        && name.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    URI uri = URI.create(name.getName().toString());
                    String scheme = uri.getScheme();
                    if (scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                        return uri;
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("unreadable Authority Information Access in certificate serial {}",
                    certificate.getSerialNumber());
        }
        return null;
    }

    private static CertificateValidationException unavailable(X509Certificate certificate, Instant time,
                                                              String message, Throwable cause) {
        return new CertificateValidationException(CertificateFailure.OCSP_UNAVAILABLE, message + " (for "
                + CertificateValidator.describe(certificate) + ")", certificate, time, cause);
    }
}
