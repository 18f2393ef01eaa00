package io.luotsi.xroad.globalconf;

import io.luotsi.xroad.globalconf.internal.Algorithms;
import io.luotsi.xroad.globalconf.internal.Certificates;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a signed configuration directory in the Central Server's format ({@code DirectoryContentBuilder},
 * {@code DirectoryContentSigner}): CRLF line ends, {@code instance='EE'} in single quotes, a {@code Version} header,
 * the {@code Content-Type} header inside the body, signed with a {@link PrivateKey} (RSA PKCS#1 v1.5 or ECDSA, SHA-512
 * by default). The output verifies with {@link SignedDirectoryVerifier} and with X-Road's own configuration client.
 * This is what a test double of a Central Server or Security Server serves.
 *
 * <pre>{@code
 * SignedDirectoryWriter writer = SignedDirectoryWriter.builder()
 *     .signingKey(privateKey, certificate)
 *     .expiresAt(clock.instant().plus(Duration.ofMinutes(10)))
 *     .version(6)
 *     .build();
 * SignedDirectoryWriter.Output out = writer.write(List.of(
 *     new SignedDirectoryWriter.Content(SignedDirectory.SHARED_PARAMETERS, "EE", "/V6/1/shared-params.xml", xml)));
 * // serve out.body() with out.contentType() at the download URL, and each of out.files() at its location
 * }</pre>
 */
public final class SignedDirectoryWriter {

    private static final char[] BOUNDARY_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String signatureAlgorithmId;
    private final String hashAlgorithmId;
    private final Instant expiresAt;
    private final Integer version;
    private final String eol;
    private final boolean singleQuotes;
    private final String outerBoundary;
    private final String innerBoundary;

    private SignedDirectoryWriter(Builder b) {
        this.key = b.key;
        this.certificate = b.certificate;
        this.signatureAlgorithmId = b.signatureAlgorithmId != null ? b.signatureAlgorithmId
                : Algorithms.defaultSignatureFor(b.key.getAlgorithm());
        this.hashAlgorithmId = b.hashAlgorithmId;
        this.expiresAt = b.expiresAt;
        this.version = b.version;
        this.eol = b.crlf ? "\r\n" : "\n";
        this.singleQuotes = b.singleQuotes;
        this.outerBoundary = b.outerBoundary;
        this.innerBoundary = b.innerBoundary;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * One file of the directory.
     *
     * @param contentIdentifier e.g. {@link SignedDirectory#SHARED_PARAMETERS}, or any other identifier
     * @param instance          the instance the file belongs to, or {@code null}
     * @param contentLocation   where the file will be served, relative to the directory's URL
     * @param bytes             the file
     */
    public record Content(String contentIdentifier, String instance, String contentLocation, byte[] bytes) {
        public Content {
            Objects.requireNonNull(contentIdentifier, "contentIdentifier");
            Objects.requireNonNull(contentLocation, "contentLocation");
            Objects.requireNonNull(bytes, "bytes");
            if (contentLocation.isBlank() || contentLocation.contains("\n") || contentLocation.contains("\r")) {
                throw new IllegalArgumentException("invalid content location: " + contentLocation);
            }
        }
    }

    /**
     * A written directory.
     *
     * @param body        the HTTP body to serve (it begins with its own {@code Content-Type} header, as the Central
     *                    Server's does)
     * @param contentType the {@code Content-Type} to serve it with
     * @param parts       the parts as a verifier will see them
     * @param files       each file by its content location
     */
    public record Output(byte[] body, String contentType, List<SignedDirectory.Part> parts, Map<String, byte[]> files) {
    }

    public Output write(List<Content> contents) {
        Objects.requireNonNull(contents, "contents");
        String outer = outerBoundary != null ? outerBoundary : randomBoundary();
        String inner = innerBoundary != null ? innerBoundary : randomBoundary();
        MessageDigest digest = Algorithms.digest(hashAlgorithmId);

        StringBuilder signable = new StringBuilder(512 + contents.size() * 320);
        signable.append("--").append(inner).append(eol);
        signable.append("Expire-date: ").append(expiresAt.truncatedTo(ChronoUnit.SECONDS)).append(eol);
        if (version != null) {
            signable.append("Version: ").append(version).append(eol);
        }
        signable.append(eol);
        List<SignedDirectory.Part> parts = new ArrayList<>(contents.size());
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Content c : contents) {
            String hash = Base64.getEncoder().encodeToString(digest.digest(c.bytes()));
            String contentId = c.contentIdentifier();
            if (c.instance() != null) {
                String q = singleQuotes ? "'" : "\"";
                contentId = contentId + "; instance=" + q + c.instance() + q;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("content-type", "application/octet-stream");
            headers.put("content-transfer-encoding", "base64");
            headers.put("content-identifier", contentId);
            headers.put("content-location", c.contentLocation());
            headers.put("hash-algorithm-id", hashAlgorithmId);
            signable.append("--").append(inner).append(eol)
                    .append("Content-type: application/octet-stream").append(eol)
                    .append("Content-transfer-encoding: base64").append(eol)
                    .append("Content-identifier: ").append(contentId).append(eol)
                    .append("Content-location: ").append(c.contentLocation()).append(eol)
                    .append("Hash-algorithm-id: ").append(hashAlgorithmId).append(eol)
                    .append(eol)
                    .append(hash).append(eol);
            parts.add(new SignedDirectory.Part(c.contentIdentifier(), c.instance(), c.contentLocation(),
                    hashAlgorithmId, hash, headers));
            files.put(c.contentLocation(), c.bytes().clone());
        }
        signable.append("--").append(inner).append("--");
        byte[] signedBytes = signable.toString().getBytes(StandardCharsets.UTF_8);

        String signature = Base64.getEncoder().encodeToString(sign(signedBytes));
        String certHash = Base64.getEncoder().encodeToString(digest.digest(Certificates.der(certificate)));

        String contentType = "multipart/related; charset=UTF-8; boundary=" + outer;
        StringBuilder doc = new StringBuilder(signable.length() + 1024);
        doc.append("Content-Type: ").append(contentType).append(eol).append(eol)
                .append("--").append(outer).append(eol)
                .append("Content-Type: multipart/mixed; charset=UTF-8; boundary=").append(inner).append(eol)
                .append(eol);
        StringBuilder tail = new StringBuilder(1024);
        tail.append(eol).append("--").append(outer).append(eol)
                .append("Content-Type: application/octet-stream").append(eol)
                .append("Content-Transfer-Encoding: base64").append(eol)
                .append("Signature-Algorithm-Id: ").append(signatureAlgorithmId).append(eol)
                .append("Verification-certificate-hash: ").append(certHash)
                .append("; hash-algorithm-id=\"").append(hashAlgorithmId).append('"').append(eol)
                .append(eol)
                .append(signature).append(eol)
                .append("--").append(outer).append("--").append(eol);
        byte[] head = doc.toString().getBytes(StandardCharsets.UTF_8);
        byte[] end = tail.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + signedBytes.length + end.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(signedBytes, 0, body, head.length, signedBytes.length);
        System.arraycopy(end, 0, body, head.length + signedBytes.length, end.length);
        return new Output(body, contentType, List.copyOf(parts), java.util.Collections.unmodifiableMap(files));
    }

    private byte[] sign(byte[] data) {
        Signature s = Algorithms.signature(signatureAlgorithmId);
        try {
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the configuration directory with " + signatureAlgorithmId
                    + ": " + e.getMessage(), e);
        }
    }

    private static String randomBoundary() {
        SecureRandom r = new SecureRandom();
        char[] c = new char[20];
        for (int i = 0; i < c.length; i++) {
            c[i] = BOUNDARY_CHARS[r.nextInt(BOUNDARY_CHARS.length)];
        }
        return new String(c);
    }

    /** Builds a {@link SignedDirectoryWriter}; the signing key, its certificate and the expiry are required. */
    public static final class Builder {
        private PrivateKey key;
        private X509Certificate certificate;
        private String signatureAlgorithmId;
        private String hashAlgorithmId = Algorithms.SHA512;
        private Instant expiresAt;
        private Integer version = 6;
        private boolean crlf = true;
        private boolean singleQuotes = true;
        private String outerBoundary;
        private String innerBoundary;

        private Builder() {
        }

        /** The key that signs, and the certificate a verifier will find it by (by its SHA-512 hash). */
        public Builder signingKey(PrivateKey key, X509Certificate certificate) {
            this.key = Objects.requireNonNull(key, "key");
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /**
         * The XML-DSig signature URI; by default {@code ...xmldsig-more#rsa-sha512} for an RSA key and
         * {@code ...xmldsig-more#ecdsa-sha512} for an EC key.
         */
        public Builder signatureAlgorithmId(String uri) {
            if (!Algorithms.isKnownSignature(Objects.requireNonNull(uri, "uri"))) {
                throw new IllegalArgumentException("unsupported signature algorithm " + uri);
            }
            this.signatureAlgorithmId = uri;
            return this;
        }

        /** The hash of the files and of the verification certificate (default SHA-512). */
        public Builder hashAlgorithmId(String uri) {
            if (Algorithms.digestName(Objects.requireNonNull(uri, "uri")) == null) {
                throw new IllegalArgumentException("unsupported hash algorithm " + uri);
            }
            this.hashAlgorithmId = uri;
            return this;
        }

        /** {@code Expire-date}, written to the second. */
        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
            return this;
        }

        /** The {@code Version} header (default 6); {@code null} leaves it out, as directories before 7.x did. */
        public Builder version(Integer version) {
            this.version = version;
            return this;
        }

        /** CRLF line ends (default, as the Central Server) or LF (as X-Road's test fixtures). */
        public Builder crlf(boolean crlf) {
            this.crlf = crlf;
            return this;
        }

        /** {@code instance='EE'} (default, as the Central Server) or {@code instance="EE"} (as the spec). */
        public Builder singleQuotes(boolean singleQuotes) {
            this.singleQuotes = singleQuotes;
            return this;
        }

        /** Fixed boundaries, for reproducible output; random by default. */
        public Builder boundaries(String outer, String inner) {
            this.outerBoundary = requireBoundary(outer);
            this.innerBoundary = requireBoundary(inner);
            if (outer.equals(inner)) {
                throw new IllegalArgumentException("outer and inner boundaries must differ");
            }
            return this;
        }

        private static String requireBoundary(String b) {
            Objects.requireNonNull(b, "boundary");
            if (b.isEmpty() || b.length() > 70 || !b.chars().allMatch(c -> c >= '0' && c <= '9'
                    || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-' || c == '.')) {
                throw new IllegalArgumentException("invalid boundary: " + b);
            }
            return b;
        }

        public SignedDirectoryWriter build() {
            if (key == null) {
                throw new IllegalStateException("signingKey is required");
            }
            if (expiresAt == null) {
                throw new IllegalStateException("expiresAt is required");
            }
            return new SignedDirectoryWriter(this);
        }
    }
}
