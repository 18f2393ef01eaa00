package io.luotsi.auth.pki;

import io.luotsi.auth.CertificateChain;
import io.luotsi.auth.TrustAnchors;
import io.luotsi.core.http.HttpTransport;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates certificate chains at a given time: builds a PKIX path to a trust anchor (the JDK's
 * {@link CertPathBuilder}) and checks revocation with OCSP. Immutable and thread-safe; build one and share it.
 *
 * <pre>{@code
 * CertificateValidator validator = CertificateValidator.builder()
 *     .trustedCas(approvedTopCas)                   // or .trustAnchors(TrustAnchors.fromPem(...))
 *     .intermediates(approvedIntermediates)
 *     .revocationChecking(RevocationChecking.LEAF)
 *     .ocspMaxAge(Duration.ofSeconds(3600))        // X-Road's ocspFreshnessSeconds
 *     .ocspFetching(transport)                      // fetch when the caller has no response
 *     .build();
 *
 * ValidatedPath path = validator.validate(chain, signingTime, embeddedOcspResponses);
 * }</pre>
 *
 * <p>Every check happens at the validation time the caller passes: a signature is validated at the time it was made
 * (its timestamp), not at today's date. A failure is a {@link CertificateValidationException} whose
 * {@link CertificateFailure} says which check failed: a certificate expired or not yet valid at that time, no path to
 * a trust anchor, revoked (with reason and time), or an OCSP response that is stale, unknown, badly signed, signed by
 * an unauthorised responder, missing or malformed.
 *
 * <p><b>Trust anchors</b> must themselves be valid at the validation time, as every certificate of the path must (the
 * JDK's path builder checks them too, unlike the TLS trust manager). Intermediates come from the chain being validated
 * and from {@link Builder#intermediates(Collection)}; both are only candidates for path building and are trusted only
 * if they chain to an anchor.
 *
 * <p><b>OCSP</b>: for each certificate revocation checking covers, a response is taken from those the caller passes
 * (for example embedded in the evidence), else fetched (HTTP POST, RFC 6960 appendix A) from the responder the
 * builder names for the issuing CA or from the certificate's Authority Information Access extension, when
 * {@link Builder#ocspFetching(HttpTransport)} is set. A response is accepted when:
 * <ol>
 *   <li>it is signed by the issuing CA, by a certificate the issuing CA issued with {@code id-kp-OCSPSigning} that
 *       was valid when the response was produced, or by a responder trusted with
 *       {@link Builder#trustedOcspResponders(Collection)} (X-Road global configuration lists them per CA), and the
 *       signature verifies;
 *   <li>its status is good (revoked fails with {@link CertificateFailure#REVOKED} whatever the response's age);
 *   <li>it is fresh at the validation time: {@code thisUpdate} is not after it, {@code nextUpdate} (when present) not
 *       before it, and {@code thisUpdate} not older than {@link Builder#ocspMaxAge(Duration)}, each with
 *       {@link Builder#clockSkew(Duration)} of tolerance. A response with no {@code nextUpdate} needs a maximum age.
 * </ol>
 * Any revoked status fails, even one revoked after the validation time (as X-Road's verifier does). The revocation
 * status of delegated responder certificates is not checked ({@code id-pkix-ocsp-nocheck} is assumed).
 */
public final class CertificateValidator {

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> anchorCertificates;
    private final List<X509Certificate> intermediates;
    private final RevocationChecking revocationChecking;
    private final OcspChecker ocsp;

    private CertificateValidator(Builder b) {
        this.anchorCertificates = List.copyOf(b.anchors);
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate c : anchorCertificates) {
            set.add(new TrustAnchor(c, null));
        }
        this.anchors = Set.copyOf(set);
        this.intermediates = List.copyOf(b.intermediates);
        this.revocationChecking = b.revocationChecking;
        this.ocsp = new OcspChecker(b.transport, Map.copyOf(b.responderUrls), List.copyOf(b.trustedResponders),
                b.ocspMaxAge, b.clockSkew, b.maxOcspResponseBytes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Validates the chain at {@code time} with no OCSP responses given. */
    public ValidatedPath validate(CertificateChain chain, Instant time) {
        return validate(chain, time, List.of());
    }

    /**
     * Validates the chain at {@code time}.
     *
     * @param chain         the certificate to validate, followed by any intermediates it came with (leaf first)
     * @param time          the time at which the chain must be valid
     * @param ocspResponses DER-encoded OCSP responses to use before fetching any (each may cover any certificate of
     *                      the path; responses about other certificates are ignored)
     * @return the validated path with the OCSP statuses revocation checking required
     * @throws CertificateValidationException when the chain is not valid at {@code time}
     */
    public ValidatedPath validate(CertificateChain chain, Instant time, List<byte[]> ocspResponses) {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(ocspResponses, "ocspResponses");
        X509Certificate leaf = chain.leaf();
        requireValidAt(leaf, time);
        List<X509Certificate> path;
        X509Certificate anchor;
        if (anchorCertificates.contains(leaf)) {
            path = List.of(leaf);
            anchor = leaf;
        } else {
            PKIXCertPathBuilderResult result = buildPath(chain, time);
            path = new ArrayList<>();
            for (var c : result.getCertPath().getCertificates()) {
                path.add((X509Certificate) c);
            }
            anchor = result.getTrustAnchor().getTrustedCert();
        }
        List<OcspStatus> statuses = new ArrayList<>();
        if (revocationChecking != RevocationChecking.NONE && anchor != leaf) {
            List<OcspChecker.Parsed> given = ocsp.parse(ocspResponses, time);
            int checked = revocationChecking == RevocationChecking.LEAF ? 1 : path.size();
            for (int i = 0; i < checked; i++) {
                X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor;
                statuses.add(ocsp.check(path.get(i), issuer, time, given));
            }
        }
        return new ValidatedPath(path, anchor, time, statuses);
    }

    /** The trust anchors, as given to the builder. */
    public List<X509Certificate> trustAnchors() {
        return anchorCertificates;
    }

    public RevocationChecking revocationChecking() {
        return revocationChecking;
    }

    @Override
    public String toString() {
        return "CertificateValidator[" + anchorCertificates.size() + " trust anchors, " + intermediates.size()
                + " intermediates, revocation " + revocationChecking + "]";
    }

    private PKIXCertPathBuilderResult buildPath(CertificateChain chain, Instant time) {
        X509Certificate leaf = chain.leaf();
        Set<X509Certificate> candidates = new LinkedHashSet<>(chain.certificates());
        candidates.addAll(intermediates);
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(time));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(candidates)));
            return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
        } catch (CertPathBuilderException e) {
            throw diagnose(leaf, candidates, time, e);
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("PKIX parameters are built from non-empty anchors", e);
        } catch (GeneralSecurityException e) {
            throw new CertificateValidationException(CertificateFailure.UNTRUSTED, "cannot build a certification "
                    + "path for " + describe(leaf) + " (" + e.getClass().getSimpleName() + ")", leaf, time, e);
        }
    }

    /**
     * The JDK's path builder says only that it found no valid path. Walk up from the leaf by issuer to say why: a
     * missing issuer, or an issuer that was not valid at the time. If the walk reaches an anchor, the path broke a
     * rule the walk does not check (key usage, basic constraints, path length, an algorithm not allowed).
     */
    private CertificateValidationException diagnose(X509Certificate leaf, Set<X509Certificate> candidates,
                                                    Instant time, CertPathBuilderException cause) {
        X509Certificate current = leaf;
        Set<X509Certificate> seen = new HashSet<>();
        while (seen.add(current)) {
            X509Certificate anchor = issuerAmong(current, anchorCertificates);
            if (anchor != null) {
                try {
                    requireValidAt(anchor, time);
                } catch (CertificateValidationException e) {
                    return e;
                }
                return new CertificateValidationException(CertificateFailure.UNTRUSTED, describe(leaf)
                        + " leads to trust anchor " + anchor.getSubjectX500Principal().getName() + ", but the path is "
                        + "not valid at " + time + ": " + cause.getMessage(), leaf, time, cause);
            }
            X509Certificate issuer = issuerAmong(current, candidates);
            if (issuer == null) {
                return new CertificateValidationException(CertificateFailure.UNTRUSTED, describe(current)
                        + (current == leaf ? "" : " (on the path of " + describe(leaf) + ")") + " was issued by "
                        + current.getIssuerX500Principal().getName() + ", which is neither a trust anchor nor an "
                        + "intermediate CA certificate that was given", leaf, time, cause);
            }
            try {
                requireValidAt(issuer, time);
            } catch (CertificateValidationException e) {
                return e;
            }
            current = issuer;
        }
        return new CertificateValidationException(CertificateFailure.UNTRUSTED, describe(leaf) + ": the issuer "
                + "certificates form a loop", leaf, time, cause);
    }

    private static X509Certificate issuerAmong(X509Certificate certificate, Collection<X509Certificate> candidates) {
        for (X509Certificate c : candidates) {
            if (c.equals(certificate)
                    || !c.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                continue;
            }
            try {
                certificate.verify(c.getPublicKey());
                return c;
            } catch (GeneralSecurityException | RuntimeException e) {
                // Same name, other key: not the issuer.
            }
        }
        return null;
    }

    static void requireValidAt(X509Certificate certificate, Instant time) {
        try {
            certificate.checkValidity(Date.from(time));
        } catch (CertificateExpiredException e) {
            throw new CertificateValidationException(CertificateFailure.EXPIRED, describe(certificate) + " expired at "
                    + certificate.getNotAfter().toInstant() + ", before the validation time " + time, certificate,
                    time, null);
        } catch (CertificateNotYetValidException e) {
            throw new CertificateValidationException(CertificateFailure.NOT_YET_VALID, describe(certificate)
                    + " is not valid before " + certificate.getNotBefore().toInstant() + ", after the validation time "
                    + time, certificate, time, null);
        }
    }

    /** A certificate as messages name it: subject, serial and issuer. */
    static String describe(X509Certificate c) {
        return "certificate " + c.getSubjectX500Principal().getName() + " (serial 0x" + c.getSerialNumber().toString(16)
                + ", issued by " + c.getIssuerX500Principal().getName() + ")";
    }

    /** Builds a {@link CertificateValidator}. Trust anchors are required; everything else has a default. */
    public static final class Builder {
        private final Set<X509Certificate> anchors = new LinkedHashSet<>();
        private final Set<X509Certificate> intermediates = new LinkedHashSet<>();
        private RevocationChecking revocationChecking = RevocationChecking.NONE;
        private HttpTransport transport;
        private final Map<X509Certificate, URI> responderUrls = new HashMap<>();
        private final Set<X509Certificate> trustedResponders = new LinkedHashSet<>();
        private Duration ocspMaxAge;
        private Duration clockSkew = Duration.ofMinutes(1);
        private long maxOcspResponseBytes = 1024 * 1024;

        private Builder() {
        }

        /** Adds the certificates of a trust store as trust anchors. */
        public Builder trustAnchors(TrustAnchors trustAnchors) {
            Objects.requireNonNull(trustAnchors, "trustAnchors");
            anchors.addAll(trustAnchors.certificates());
            return this;
        }

        /**
         * Adds CA certificates as trust anchors: for X-Road, the top CAs of the global configuration's approved CAs.
         */
        public Builder trustedCas(Collection<X509Certificate> topCas) {
            Objects.requireNonNull(topCas, "topCas");
            topCas.forEach(c -> anchors.add(Objects.requireNonNull(c, "topCas element")));
            return this;
        }

        /** Adds intermediate CA certificates that paths may go through (they are trusted only via an anchor). */
        public Builder intermediates(Collection<X509Certificate> intermediates) {
            Objects.requireNonNull(intermediates, "intermediates");
            intermediates.forEach(c -> this.intermediates.add(Objects.requireNonNull(c, "intermediates element")));
            return this;
        }

        /** Which certificates need a good OCSP status; {@link RevocationChecking#NONE} by default. */
        public Builder revocationChecking(RevocationChecking revocationChecking) {
            this.revocationChecking = Objects.requireNonNull(revocationChecking, "revocationChecking");
            return this;
        }

        /**
         * Fetches OCSP responses that were not given, over this transport (its timeouts apply). Without it, a
         * certificate that needs a status and has no given response fails with {@link CertificateFailure#OCSP_UNAVAILABLE}.
         */
        public Builder ocspFetching(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * The OCSP responder for certificates that {@code ca} issued, instead of the URL in their Authority
         * Information Access extension (X-Road global configuration names one per approved CA).
         */
        public Builder ocspResponder(X509Certificate ca, URI url) {
            Objects.requireNonNull(ca, "ca");
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("an OCSP responder URL is http or https, got " + url);
            }
            responderUrls.put(ca, url);
            return this;
        }

        /** OCSP responder certificates trusted to sign responses for any CA (X-Road global configuration's). */
        public Builder trustedOcspResponders(Collection<X509Certificate> responders) {
            Objects.requireNonNull(responders, "responders");
            responders.forEach(c -> trustedResponders.add(Objects.requireNonNull(c, "responders element")));
            return this;
        }

        /**
         * The oldest an OCSP response's {@code thisUpdate} may be at the validation time (X-Road's
         * {@code ocspFreshnessSeconds}). Not set by default: then {@code nextUpdate} alone limits a response, and a
         * response without one is stale.
         */
        public Builder ocspMaxAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("ocspMaxAge must be positive, was " + maxAge);
            }
            this.ocspMaxAge = maxAge;
            return this;
        }

        /** Tolerance for clocks that differ, applied to OCSP times; one minute by default. */
        public Builder clockSkew(Duration skew) {
            Objects.requireNonNull(skew, "skew");
            if (skew.isNegative()) {
                throw new IllegalArgumentException("clockSkew must not be negative, was " + skew);
            }
            this.clockSkew = skew;
            return this;
        }

        /** The largest OCSP response accepted, given or fetched; 1 MiB by default. */
        public Builder maxOcspResponseBytes(long maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxOcspResponseBytes must be positive, was " + maxBytes);
            }
            this.maxOcspResponseBytes = maxBytes;
            return this;
        }

        /** @throws IllegalStateException when no trust anchor was given */
        public CertificateValidator build() {
            if (anchors.isEmpty()) {
                throw new IllegalStateException("at least one trust anchor is required (trustAnchors or trustedCas)");
            }
            return new CertificateValidator(this);
        }
    }
}
