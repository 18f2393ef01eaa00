package io.luotsi.xroad.globalconf;

import io.luotsi.xroad.globalconf.internal.Algorithms;
import io.luotsi.xroad.globalconf.internal.Certificates;
import io.luotsi.xroad.globalconf.internal.Mime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses and verifies a signed configuration directory exactly as X-Road's configuration client does
 * ({@code ConfigurationParser}, {@code ConfigurationSignature}), with the same error codes
 * ({@link GlobalConfException#code()}), in the same order:
 * <ol>
 *   <li>the outer {@code multipart/related}: its first part is the signed data, its second the signature (a directory
 *       with one part fails with {@value GlobalConfException#MISSING_SIGNED_DATA_EXPIRATION_DATE}, as in X-Road);</li>
 *   <li>the signature: base64 ({@value GlobalConfException#SIGNATURE_DECODE_FAILURE}), the trusted certificate whose
 *       hash is {@code Verification-certificate-hash} ({@value GlobalConfException#MISSING_VERIFICATION_CERT}),
 *       RSA or ECDSA over the exact bytes of the first part's body
 *       ({@value GlobalConfException#SIGNATURE_VERIFICATION_FAILURE});</li>
 *   <li>the signed {@code multipart/mixed}: a headers-only first part with {@code Expire-date}
 *       ({@value GlobalConfException#HEADER_FIELD_MISSING}), checked against the clock
 *       ({@value GlobalConfException#OUTDATED}), and {@code Version}; then one part per file.</li>
 * </ol>
 * CRLF and LF line ends, single and double quotes ({@code instance='EE'}, {@code instance="EE"}), header names in any
 * case and unknown content identifiers are all accepted.
 *
 * <pre>{@code
 * SignedDirectoryVerifier verifier = SignedDirectoryVerifier.builder()
 *     .trust(anchor.verificationCertificates())
 *     .clock(clock)
 *     .build();
 * SignedDirectory dir = verifier.verify(responseBody);
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class SignedDirectoryVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(SignedDirectoryVerifier.class);

    /** Default cap on a directory's size: it lists hashes, not files. */
    public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;

    private final List<X509Certificate> trusted;
    private final Clock clock;
    private final long maxBytes;
    private final String expectedInstance;
    private final boolean requireCertificateValidity;

    private SignedDirectoryVerifier(Builder b) {
        this.trusted = List.copyOf(b.trusted);
        this.clock = b.clock;
        this.maxBytes = b.maxBytes;
        this.expectedInstance = b.expectedInstance;
        this.requireCertificateValidity = b.requireCertificateValidity;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The certificates a signature may be verified with. */
    public List<X509Certificate> trustedCertificates() {
        return trusted;
    }

    /** Reads at most the size limit from {@code in} and verifies it. The stream is not closed. */
    public SignedDirectory verify(InputStream in) {
        return verify(readBounded(in, maxBytes), null);
    }

    /** Verifies a directory that starts with its own {@code Content-Type} header, as the Central Server serves it. */
    public SignedDirectory verify(byte[] directory) {
        return verify(directory, null);
    }

    /**
     * Verifies a directory. When the bytes start with a header block (the Central Server writes
     * {@code Content-Type: multipart/related; ...} into the body), that header is used; otherwise
     * {@code httpContentType}, the {@code Content-Type} of the HTTP response.
     */
    public SignedDirectory verify(byte[] directory, String httpContentType) {
        Objects.requireNonNull(directory, "directory");
        if (directory.length > maxBytes) {
            throw new GlobalConfException(GlobalConfException.PARSING_FAILURE,
                    "directory of " + directory.length + " bytes exceeds the limit of " + maxBytes);
        }
        byte[] data = directory;
        String outerType;
        Mime.Range body;
        if (Mime.startsWithHeaders(data, 0, data.length)) {
            Mime.Entity outer = Mime.entity(data, 0, data.length);
            outerType = outer.header("content-type");
            body = outer.body();
        } else {
            outerType = httpContentType;
            body = new Mime.Range(0, data.length);
        }
        String outerBoundary = multipartBoundary(outerType, "directory");
        List<Mime.Range> outerParts = Mime.split(data, body.start(), body.end(), outerBoundary);
        if (outerParts.isEmpty()) {
            throw new GlobalConfException(GlobalConfException.MISSING_SIGNED_DATA,
                    "the directory has no signed part");
        }
        if (outerParts.size() > 2) {
            throw new GlobalConfException(GlobalConfException.PARSING_FAILURE,
                    "the directory has " + outerParts.size() + " parts; expected the signed data and the signature");
        }
        Mime.Range signedPart = outerParts.get(0);
        Mime.Entity signed = Mime.entity(data, signedPart.start(), signedPart.end());
        if (outerParts.size() == 1) {
            throw new GlobalConfException(GlobalConfException.MISSING_SIGNED_DATA_EXPIRATION_DATE,
                    "the directory has no signature part, so its signed data was never read");
        }
        Mime.Range sigRange = outerParts.get(1);
        Mime.Entity signaturePart = Mime.entity(data, sigRange.start(), sigRange.end());
        byte[] signature = decodeSignature(signaturePart.body().text(data));
        String signatureAlgorithm = requireHeader(signaturePart, "signature-algorithm-id", "signature part");
        checkOctetStreamBase64(signaturePart, "signature part");
        X509Certificate cert = verificationCertificate(signaturePart);
        verifySignature(signatureAlgorithm, cert, data, signed.body(), signature);

        SignedDirectory result = readSignedData(data, signed, signatureAlgorithm, cert);
        if (LOG.isDebugEnabled()) {
            LOG.debug("verified configuration directory: {} parts, expires {}, signed by {}",
                    result.parts().size(), result.expiresAt(), cert.getSubjectX500Principal().getName());
        }
        return result;
    }

    private SignedDirectory readSignedData(byte[] data, Mime.Entity signed, String signatureAlgorithm,
                                           X509Certificate cert) {
        String innerBoundary = multipartBoundary(signed.header("content-type"), "signed data");
        Mime.Range signedData = signed.body();
        List<Mime.Range> inner = Mime.split(data, signedData.start(), signedData.end(), innerBoundary);
        if (inner.isEmpty()) {
            throw new GlobalConfException(GlobalConfException.MISSING_SIGNED_DATA_EXPIRATION_DATE,
                    "the signed data has no parts");
        }
        Mime.Entity header = Mime.entity(data, inner.get(0).start(), inner.get(0).end());
        String expire = header.header("expire-date");
        if (expire == null || expire.isBlank()) {
            throw new GlobalConfException(GlobalConfException.HEADER_FIELD_MISSING, "Missing header Expire-date");
        }
        Instant expiresAt;
        try {
            expiresAt = OffsetDateTime.parse(expire.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new GlobalConfException(GlobalConfException.HEADER_FIELD_WRONG_VALUE,
                    "Expire-date is not an ISO-8601 date-time with offset: " + expire, e);
        }
        Instant now = clock.instant();
        if (now.isAfter(expiresAt)) {
            throw new GlobalConfException(GlobalConfException.OUTDATED,
                    "configuration expired on " + expiresAt + " (now " + now + ")");
        }
        Integer version = parseVersion(header.header("version"));

        List<SignedDirectory.Part> parts = new ArrayList<>(inner.size() - 1);
        for (int i = 1; i < inner.size(); i++) {
            Mime.Range r = inner.get(i);
            parts.add(contentPart(Mime.entity(data, r.start(), r.end()), data));
        }
        return new SignedDirectory(expiresAt, version, parts, signatureAlgorithm.trim(), cert);
    }

    private SignedDirectory.Part contentPart(Mime.Entity e, byte[] data) {
        checkOctetStreamBase64(e, "content part");
        String location = requireHeader(e, "content-location", "content part");
        String hashAlgorithm = requireHeader(e, "hash-algorithm-id", "content part");
        String contentIdHeader = e.header("content-identifier");
        String contentId = "";
        String instance = null;
        if (contentIdHeader != null && !contentIdHeader.isBlank()) {
            Mime.HeaderValue v = Mime.parseHeaderValue(contentIdHeader);
            contentId = v.value();
            String inst = v.parameter("instance");
            instance = inst == null || inst.isBlank() ? null : Mime.unquote(inst.trim());
            if (instance == null && (contentId.equals(SignedDirectory.PRIVATE_PARAMETERS)
                    || contentId.equals(SignedDirectory.SHARED_PARAMETERS))) {
                throw new GlobalConfException(GlobalConfException.HEADER_FIELD_MISSING_PARAMETER,
                        "Field Content-identifier of " + contentId + " is missing parameter instance");
            }
        }
        if (expectedInstance != null && instance != null && !instance.equals(expectedInstance)) {
            throw new GlobalConfException(GlobalConfException.PART_INVALID_INSTANCE_IDENTIFIER,
                    "content part " + contentId + " names instance " + instance + ", but the source is of instance "
                            + expectedInstance);
        }
        String hash = e.body().text(data).trim();
        return new SignedDirectory.Part(contentId, instance, location.trim(), hashAlgorithm.trim(), hash,
                e.headers());
    }

    private static Integer parseVersion(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException("negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new GlobalConfException(GlobalConfException.HEADER_FIELD_WRONG_VALUE,
                    "Version must be a non-negative integer, got: " + v, e);
        }
    }

    private static byte[] decodeSignature(String text) {
        try {
            return Certificates.decodeBase64(text);
        } catch (IllegalArgumentException e) {
            throw new GlobalConfException(GlobalConfException.SIGNATURE_DECODE_FAILURE,
                    "the signature is not base64", e);
        }
    }

    private X509Certificate verificationCertificate(Mime.Entity sig) {
        String value = requireHeader(sig, "verification-certificate-hash", "signature part");
        Mime.HeaderValue hv = Mime.parseHeaderValue(value);
        String algorithm = hv.parameter("hash-algorithm-id");
        if (algorithm == null || algorithm.isBlank()) {
            throw new GlobalConfException(GlobalConfException.HEADER_FIELD_MISSING_PARAMETER,
                    "Field Verification-certificate-hash is missing parameter hash-algorithm-id");
        }
        MessageDigest digest = Algorithms.digest(algorithm);
        if (digest == null) {
            throw new GlobalConfException(GlobalConfException.HEADER_FIELD_WRONG_VALUE,
                    "unknown hash-algorithm-id " + algorithm);
        }
        byte[] wanted;
        try {
            wanted = Certificates.decodeBase64(hv.value());
        } catch (IllegalArgumentException e) {
            throw new GlobalConfException(GlobalConfException.HEADER_FIELD_WRONG_VALUE,
                    "Verification-certificate-hash is not base64", e);
        }
        Instant now = clock.instant();
        for (X509Certificate c : trusted) {
            if (MessageDigest.isEqual(wanted, digest.digest(Certificates.der(c)))) {
                if (requireCertificateValidity && !validAt(c, now)) {
                    LOG.debug("verification certificate {} matches the hash but is not valid at {}",
                            c.getSubjectX500Principal().getName(), now);
                    continue;
                }
                return c;
            }
        }
        throw new GlobalConfException(GlobalConfException.MISSING_VERIFICATION_CERT,
                "could not find verification certificate for certificate hash " + hv.value());
    }

    private static boolean validAt(X509Certificate c, Instant now) {
        return !now.isBefore(c.getNotBefore().toInstant()) && !now.isAfter(c.getNotAfter().toInstant());
    }

    private static void verifySignature(String algorithm, X509Certificate cert, byte[] data, Mime.Range signed,
                                        byte[] signature) {
        Signature verifier = Algorithms.signature(algorithm);
        if (verifier == null) {
            throw new GlobalConfException(GlobalConfException.SIGNATURE_VERIFICATION_FAILURE,
                    "unsupported Signature-Algorithm-Id " + algorithm);
        }
        boolean ok;
        try {
            verifier.initVerify(cert.getPublicKey());
            verifier.update(data, signed.start(), signed.end() - signed.start());
            ok = verifier.verify(signature);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw new GlobalConfException(GlobalConfException.SIGNATURE_VERIFICATION_FAILURE,
                    "failed to verify the signature of the configuration directory: " + e.getMessage(), e);
        }
        if (!ok) {
            throw new GlobalConfException(GlobalConfException.SIGNATURE_VERIFICATION_FAILURE,
                    "failed to verify the signature of the configuration directory");
        }
    }

    private static void checkOctetStreamBase64(Mime.Entity e, String what) {
        String type = requireHeader(e, "content-type", what);
        if (!Mime.parseHeaderValue(type).value().equalsIgnoreCase("application/octet-stream")) {
            throw new GlobalConfException(GlobalConfException.HEADER_FIELD_WRONG_VALUE,
                    "Field Content-Type of the " + what + " must have value application/octet-stream, was " + type);
        }
        String encoding = requireHeader(e, "content-transfer-encoding", what);
        if (!encoding.trim().equalsIgnoreCase("base64")) {
            throw new GlobalConfException(GlobalConfException.HEADER_FIELD_WRONG_VALUE,
                    "Field Content-Transfer-Encoding of the " + what + " must have value base64, was " + encoding);
        }
    }

    private static String requireHeader(Mime.Entity e, String name, String what) {
        String v = e.header(name);
        if (v == null || v.isBlank()) {
            throw new GlobalConfException(GlobalConfException.HEADER_FIELD_MISSING,
                    "Missing field " + name + " in the " + what);
        }
        return v;
    }

    private static String multipartBoundary(String contentType, String what) {
        if (contentType == null) {
            throw new GlobalConfException(GlobalConfException.PARSING_FAILURE, "the " + what + " has no Content-Type");
        }
        Mime.HeaderValue hv = Mime.parseHeaderValue(contentType);
        String boundary = hv.parameter("boundary");
        if (!hv.value().toLowerCase(Locale.ROOT).startsWith("multipart/") || boundary == null || boundary.isEmpty()) {
            throw new GlobalConfException(GlobalConfException.PARSING_FAILURE,
                    "the " + what + " is not a multipart with a boundary: " + contentType);
        }
        return boundary;
    }

    static byte[] readBounded(InputStream in, long max) {
        Objects.requireNonNull(in, "in");
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buf = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buf)) != -1) {
                total += n;
                if (total > max) {
                    throw new GlobalConfException(GlobalConfException.PARSING_FAILURE,
                            "input exceeds the limit of " + max + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the configuration failed", e);
        }
    }

    /** Builds a {@link SignedDirectoryVerifier}; at least one trusted certificate is required. */
    public static final class Builder {
        private final List<X509Certificate> trusted = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private long maxBytes = DEFAULT_MAX_BYTES;
        private String expectedInstance;
        private boolean requireCertificateValidity;

        private Builder() {
        }

        /** Adds certificates whose keys may have signed the directory (from the anchor, or shared-params sources). */
        public Builder trust(Collection<X509Certificate> certificates) {
            Objects.requireNonNull(certificates, "certificates").forEach(this::trust);
            return this;
        }

        public Builder trust(X509Certificate certificate) {
            trusted.add(Objects.requireNonNull(certificate, "certificate"));
            return this;
        }

        /** The clock {@code Expire-date} is checked against (default: the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The largest directory accepted (default 4 MiB). */
        public Builder maxBytes(long maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * Rejects a part whose {@code instance} is another instance than the source's
         * ({@value GlobalConfException#PART_INVALID_INSTANCE_IDENTIFIER}). Off by default.
         */
        public Builder expectedInstance(String instanceIdentifier) {
            this.expectedInstance = instanceIdentifier;
            return this;
        }

        /**
         * Also requires the verification certificate to be within its validity period at the clock's time; an
         * expired one then counts as missing ({@value GlobalConfException#MISSING_VERIFICATION_CERT}), as newer X-Road
         * versions do. Off by default: X-Road 7.x uses anchor certificates only as public-key containers.
         */
        public Builder requireCertificateValidity(boolean require) {
            this.requireCertificateValidity = require;
            return this;
        }

        public SignedDirectoryVerifier build() {
            if (trusted.isEmpty()) {
                throw new IllegalStateException("at least one trusted verification certificate is required");
            }
            return new SignedDirectoryVerifier(this);
        }
    }
}
