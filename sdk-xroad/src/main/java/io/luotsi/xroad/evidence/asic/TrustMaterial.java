package io.luotsi.xroad.evidence.asic;

import io.luotsi.auth.CertificateChain;
import io.luotsi.auth.pki.CertificateValidator;
import io.luotsi.auth.pki.RevocationChecking;
import io.luotsi.auth.pki.ValidatedPath;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import io.luotsi.xroad.globalconf.SharedParameters;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;

/**
 * What a verifier trusts, taken once from a global configuration (X-Road's {@code GlobalConfImpl} and
 * {@code SharedParametersCache} answers): the approved CAs of each instance by subject name, with their certificate
 * profile and OCSP responders; the approved time-stamping authorities; the OCSP freshness. Immutable and thread-safe;
 * one PKIX validator per CA certificate is made on first use and kept.
 */
final class TrustMaterial {

    /** X-Road's default when global configuration does not state {@code ocspFreshnessSeconds}. */
    static final int DEFAULT_OCSP_FRESHNESS_SECONDS = 3600;

    /** An approved CA certificate (top or intermediate) with what its approved CA entry says. */
    record Ca(X509Certificate certificate, String certificateProfileInfo, List<X509Certificate> ocspResponders) {
    }

    private final Map<String, Map<X500Principal, Ca>> casByInstance;
    private final List<X509Certificate> tspCertificates;
    private final List<X509Certificate> ocspResponderCertificates;
    private final List<X509Certificate> allCaCertificates;
    private final int ocspFreshnessSeconds;
    private final Map<X509Certificate, CertificateValidator> validators = new ConcurrentHashMap<>();

    TrustMaterial(GlobalConfiguration conf) {
        Objects.requireNonNull(conf, "conf");
        Map<String, Map<X500Principal, Ca>> byInstance = new LinkedHashMap<>();
        List<X509Certificate> tsps = new ArrayList<>();
        List<X509Certificate> all = new ArrayList<>();
        for (String instance : conf.instances()) {
            SharedParameters sp = conf.sharedParameters(instance).orElseThrow();
            Map<X500Principal, Ca> cas = new HashMap<>();
            for (SharedParameters.ApprovedCa approved : sp.approvedCas()) {
                add(cas, all, approved.topCa(), approved.certificateProfileInfo());
                for (SharedParameters.CaInfo intermediate : approved.intermediateCas()) {
                    add(cas, all, intermediate, approved.certificateProfileInfo());
                }
            }
            byInstance.put(instance, Map.copyOf(cas));
            for (SharedParameters.ApprovedTsa tsa : sp.approvedTsas()) {
                tsps.add(tsa.certificate());
            }
        }
        this.casByInstance = Map.copyOf(byInstance);
        this.tspCertificates = List.copyOf(tsps);
        this.ocspResponderCertificates = conf.ocspResponderCertificates();
        this.allCaCertificates = List.copyOf(all);
        this.ocspFreshnessSeconds = conf.ocspFreshnessSeconds().orElse(DEFAULT_OCSP_FRESHNESS_SECONDS);
    }

    private static void add(Map<X500Principal, Ca> cas, List<X509Certificate> all, SharedParameters.CaInfo info,
                            String profile) {
        List<X509Certificate> responders = new ArrayList<>();
        for (SharedParameters.Ocsp o : info.ocspResponders()) {
            if (o.certificate() != null) {
                responders.add(o.certificate());
            }
        }
        X509Certificate c = info.certificate();
        cas.putIfAbsent(c.getSubjectX500Principal(), new Ca(c, profile, List.copyOf(responders)));
        all.add(c);
    }

    /** The certificates of the approved time-stamping authorities of every instance. */
    List<X509Certificate> tspCertificates() {
        return tspCertificates;
    }

    /** The OCSP responder certificates of every CA of every instance. */
    List<X509Certificate> ocspResponderCertificates() {
        return ocspResponderCertificates;
    }

    /** Every approved CA certificate (top and intermediate) of every instance. */
    List<X509Certificate> allCaCertificates() {
        return allCaCertificates;
    }

    int ocspFreshnessSeconds() {
        return ocspFreshnessSeconds;
    }

    /**
     * The approved CA of {@code instance} that issued {@code certificate} (X-Road's {@code getCaCert}).
     *
     * @throws AsicVerificationException {@code internal_error} when the instance has no shared parameters or no such CA
     */
    Ca issuerOf(String instance, X509Certificate certificate) {
        Map<X500Principal, Ca> cas = casByInstance.get(instance);
        if (cas == null) {
            throw new AsicVerificationException("internal_error", "Shared params for instance identifier " + instance
                    + " not found");
        }
        Ca ca = cas.get(certificate.getIssuerX500Principal());
        if (ca == null) {
            throw new AsicVerificationException("internal_error",
                    "Certificate is not issued by approved certification service provider.");
        }
        return ca;
    }

    /** Whether global configuration names {@code responder} as an OCSP responder of {@code ca}, in any instance. */
    boolean isOcspResponderOf(X509Certificate ca, X509Certificate responder) {
        for (Map<X500Principal, Ca> cas : casByInstance.values()) {
            Ca entry = cas.get(ca.getSubjectX500Principal());
            if (entry != null && entry.certificate().equals(ca) && entry.ocspResponders().contains(responder)) {
                return true;
            }
        }
        return false;
    }

    /** A PKIX path from {@code certificate} to {@code anchor} at {@code time}, no revocation checking. */
    ValidatedPath validatePath(X509Certificate certificate, X509Certificate anchor, Instant time) {
        CertificateValidator validator = validators.computeIfAbsent(anchor, a -> CertificateValidator.builder()
                .trustedCas(List.of(a))
                .revocationChecking(RevocationChecking.NONE)
                .clockSkew(Duration.ZERO)
                .build());
        return validator.validate(CertificateChain.of(certificate), time);
    }
}
