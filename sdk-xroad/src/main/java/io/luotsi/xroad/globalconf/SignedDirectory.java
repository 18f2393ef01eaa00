package io.luotsi.xroad.globalconf;

import io.luotsi.xroad.globalconf.internal.Algorithms;
import java.net.URI;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A signed configuration directory whose signature and expiry have been verified: the list of parts (shared
 * parameters, private parameters, optional parts, and unknown ones, which are kept) with the hash each downloaded
 * file must have. Obtained from {@link SignedDirectoryVerifier#verify(byte[])}; immutable.
 *
 * <pre>{@code
 * SignedDirectory dir = verifier.verify(body);
 * for (SignedDirectory.Part part : dir.parts()) {
 *     byte[] file = download(dir.resolve(part, downloadUrl));
 *     part.verifyContent(file);     // global_conf_part_downloaded_file_integrity_failure on mismatch
 * }
 * }</pre>
 */
public final class SignedDirectory {

    /** Content identifier of the private parameters (internal configuration only). */
    public static final String PRIVATE_PARAMETERS = "PRIVATE-PARAMETERS";
    /** Content identifier of the shared parameters; one part per instance. */
    public static final String SHARED_PARAMETERS = "SHARED-PARAMETERS";
    /** Content identifier of the monitoring parameters (monitoring-conf.xsd). */
    public static final String MONITORING = "MONITORING";
    /** Content identifier of the OCSP fetch interval (ocsp-fetchinterval-conf.xsd). */
    public static final String FETCHINTERVAL = "FETCHINTERVAL";
    /** Content identifier of the OCSP next-update parameters (ocsp-nextupdate-conf.xsd). */
    public static final String NEXTUPDATE = "NEXTUPDATE";

    private final Instant expiresAt;
    private final Integer version;
    private final List<Part> parts;
    private final String signatureAlgorithmId;
    private final X509Certificate verificationCertificate;

    SignedDirectory(Instant expiresAt, Integer version, List<Part> parts, String signatureAlgorithmId,
                    X509Certificate verificationCertificate) {
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.version = version;
        this.parts = List.copyOf(parts);
        this.signatureAlgorithmId = Objects.requireNonNull(signatureAlgorithmId, "signatureAlgorithmId");
        this.verificationCertificate = Objects.requireNonNull(verificationCertificate, "verificationCertificate");
    }

    /** {@code Expire-date}: after this instant the directory must not be used. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** The {@code Version} header (the global configuration version, 2 to 6), when present. */
    public OptionalInt version() {
        return version == null ? OptionalInt.empty() : OptionalInt.of(version);
    }

    /** Every content part in order, unknown content identifiers included. */
    public List<Part> parts() {
        return parts;
    }

    /** The parts with this content identifier (e.g. {@link #SHARED_PARAMETERS}, one per instance). */
    public List<Part> parts(String contentIdentifier) {
        return parts.stream().filter(p -> p.contentIdentifier().equals(contentIdentifier)).toList();
    }

    /** The part with this content identifier and instance. */
    public Optional<Part> part(String contentIdentifier, String instance) {
        return parts.stream().filter(p -> p.contentIdentifier().equals(contentIdentifier)
                && Objects.equals(p.instance(), instance)).findFirst();
    }

    /** The XML-DSig URI of the signature algorithm, e.g. {@code http://www.w3.org/2001/04/xmldsig-more#rsa-sha512}. */
    public String signatureAlgorithmId() {
        return signatureAlgorithmId;
    }

    /** The trusted certificate whose key verified the signature. */
    public X509Certificate verificationCertificate() {
        return verificationCertificate;
    }

    @Override
    public String toString() {
        return "SignedDirectory[expires " + expiresAt + ", version " + version + ", " + parts.size() + " parts]";
    }

    /**
     * One content part of the directory.
     *
     * @param contentIdentifier e.g. {@code SHARED-PARAMETERS}; empty when the part has none
     * @param instance          the {@code instance} parameter of {@code Content-identifier}, or {@code null}
     * @param contentLocation   where to download the file, relative to the directory's download URL
     * @param hashAlgorithmId   the XML-DSig URI of the hash algorithm
     * @param hash              base64 hash of the file
     * @param headers           every header of the part, names lower-case
     */
    public record Part(String contentIdentifier, String instance, String contentLocation, String hashAlgorithmId,
                       String hash, Map<String, String> headers) {

        public Part {
            Objects.requireNonNull(contentIdentifier, "contentIdentifier");
            Objects.requireNonNull(contentLocation, "contentLocation");
            Objects.requireNonNull(hashAlgorithmId, "hashAlgorithmId");
            Objects.requireNonNull(hash, "hash");
            headers = Map.copyOf(headers);
        }

        /** The file name of the content location ({@code /V6/2026.../shared-params.xml} gives {@code shared-params.xml}). */
        public String fileName() {
            String path = contentLocation;
            int q = path.indexOf('?');
            if (q >= 0) {
                path = path.substring(0, q);
            }
            return path.substring(path.lastIndexOf('/') + 1);
        }

        /**
         * The URL of the file: {@link #contentLocation()} resolved against the URL the directory was downloaded from.
         *
         * @throws GlobalConfException {@value GlobalConfException#PART_INVALID_CONTENT_LOCATION} when the result leaves
         *     the download URL's origin (scheme, host and port)
         */
        public URI resolve(URI downloadUrl) {
            URI resolved;
            try {
                resolved = downloadUrl.resolve(contentLocation.trim());
            } catch (IllegalArgumentException e) {
                throw new GlobalConfException(GlobalConfException.PART_INVALID_CONTENT_LOCATION,
                        "content location of " + this + " is not a URI reference", e);
            }
            if (resolved.getHost() == null || downloadUrl.getHost() == null
                    || !resolved.getScheme().equalsIgnoreCase(downloadUrl.getScheme())
                    || !resolved.getHost().equalsIgnoreCase(downloadUrl.getHost())
                    || effectivePort(resolved) != effectivePort(downloadUrl)) {
                throw new GlobalConfException(GlobalConfException.PART_INVALID_CONTENT_LOCATION,
                        "content location of " + this + " leaves the origin of " + downloadUrl.getScheme() + "://"
                                + downloadUrl.getRawAuthority());
            }
            return resolved;
        }

        private static int effectivePort(URI uri) {
            if (uri.getPort() != -1) {
                return uri.getPort();
            }
            return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }

        /**
         * Checks that a downloaded file has the hash this part states.
         *
         * @throws GlobalConfException {@value GlobalConfException#PART_INTEGRITY_FAILURE} on a mismatch,
         *     {@value GlobalConfException#HEADER_FIELD_WRONG_VALUE} when the hash algorithm is unknown
         */
        public void verifyContent(byte[] content) {
            Objects.requireNonNull(content, "content");
            MessageDigest digest = Algorithms.digest(hashAlgorithmId);
            if (digest == null) {
                throw new GlobalConfException(GlobalConfException.HEADER_FIELD_WRONG_VALUE,
                        "unknown Hash-algorithm-id " + hashAlgorithmId + " of " + this);
            }
            byte[] expected;
            try {
                expected = io.luotsi.xroad.globalconf.internal.Certificates.decodeBase64(hash);
            } catch (IllegalArgumentException e) {
                throw new GlobalConfException(GlobalConfException.HEADER_FIELD_WRONG_VALUE,
                        "hash of " + this + " is not base64", e);
            }
            if (!MessageDigest.isEqual(expected, digest.digest(content))) {
                throw new GlobalConfException(GlobalConfException.PART_INTEGRITY_FAILURE,
                        "downloaded file " + contentLocation + " (" + this + ") does not have the signed hash");
            }
        }

        /** Whether {@code content} has the hash this part states. */
        public boolean matches(byte[] content) {
            try {
                verifyContent(content);
                return true;
            } catch (GlobalConfException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            String id = contentIdentifier.isEmpty() ? contentLocation : contentIdentifier;
            return instance == null ? id : id + "/" + instance;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Part p && p.contentIdentifier.equals(contentIdentifier)
                    && Objects.equals(p.instance, instance) && p.contentLocation.equals(contentLocation)
                    && p.hashAlgorithmId.equals(hashAlgorithmId) && p.hash.equals(hash);
        }

        @Override
        public int hashCode() {
            return Objects.hash(contentIdentifier, instance, contentLocation, hash);
        }
    }
}
