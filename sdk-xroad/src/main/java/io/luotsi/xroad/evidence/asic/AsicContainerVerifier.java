package io.luotsi.xroad.evidence.asic;

import io.luotsi.auth.tsp.TimestampToken;
import io.luotsi.auth.tsp.TimestampVerificationException;
import io.luotsi.auth.xades.HashChainResolver;
import io.luotsi.auth.xades.HashChainVerifier;
import io.luotsi.auth.xades.ReferenceResolver;
import io.luotsi.auth.xades.ReferencedData;
import io.luotsi.auth.xades.XadesSignature;
import io.luotsi.auth.xades.XadesVerificationException;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies ASiC-E containers of X-Road's message log as X-Road's own {@code asicverifier} does
 * ({@code AsicContainerVerifier}), against a global configuration, at the time the container was time-stamped: the
 * result does not depend on today's date, and no network is used (the OCSP response is the one in the signature).
 *
 * <pre>{@code
 * AsicContainerVerifier verifier = AsicContainerVerifier.builder()
 *     .globalConfiguration(GlobalConfiguration.readDirectory(Path.of("/etc/xroad/globalconf")))
 *     .build();                                          // immutable, thread-safe: build once, share
 * try {
 *     AsicVerificationResult r = verifier.verify(Path.of("1234-request-Q7RH.asice"));
 *     log.info("signed by {} before {}", r.signer(), r.timestamp());
 * } catch (AsicVerificationException e) {
 *     log.warn("not valid evidence: {}", e.code());     // X-Road's code, e.g. invalid_signature_value
 * }
 * }</pre>
 *
 * <p>The steps and codes are X-Road's, in X-Road's order:
 * <ol>
 *   <li>the structure ({@link AsicContainer#read(byte[])}: {@code asic_*} codes);
 *   <li>the signature document ({@code invalid_xml}, {@code malformed_signature}) and the signer from
 *       {@code message.xml}: the client of a request, the provider of a response, SOAP or REST;
 *   <li>a reference to {@code /message.xml} or {@code /sig-hashchainresult.xml} ({@code malformed_signature});
 *   <li>the time-stamp (the signature's {@code xades:EncapsulatedTimeStamp}, or a batch time-stamp
 *       {@code META-INF/timestamp.tst} over {@code ts-hashchainresult.xml} whose hash chain must reference
 *       {@code /META-INF/signatures.xml}) against the approved TSAs: {@code malformed_signature},
 *       {@code mlog.tsp_certificate_not_found}, {@code mlog.timestamp_signer_verification_failed}, ...;
 *   <li>a batch signature's hash chain, which must reference {@code /message.xml}
 *       ({@code malformed_signature.invalid_hash_chain_ref}, {@code malformed_signature.hashchain_unused_inputs},
 *       ...);
 *   <li>the signing certificate (non-repudiation) and the signer's name in it, read with the certificate profile of
 *       the approved CA that issued it ({@code incorrect_certificate});
 *   <li>the signature value and every reference digest, attachments by their SHA-512 digest
 *       ({@code invalid_signature_value});
 *   <li>at the time-stamp's time: the path to the issuing approved CA ({@code cannot_create_cert_path.*}) and the OCSP
 *       response (responder authorised for the CA, signature, not older than {@code ocspFreshnessSeconds}, not past
 *       {@code nextUpdate}, status good: {@code invalid_cert_path.*}).
 * </ol>
 * Where X-Road lets a byte change pass without effect on the verdict, this verifier is stricter, in ways that no
 * container X-Road writes can fail: base64 values must be canonical, a time-stamp token's unsigned fields must agree
 * with its signer, {@code xades:QualifyingProperties} must target the signature, and the {@code mimetype} entry must
 * match in letter case too. {@code META-INF/manifest.xml} and
 * {@code META-INF/ASiCManifest.xml} are, as in X-Road, only checked to be non-empty: they are not evidence.
 */
public final class AsicContainerVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(AsicContainerVerifier.class);
    private static final String SIGNATURE = "/META-INF/signatures.xml";

    private final TrustMaterial trust;
    private final SignatureCheck signatureCheck;

    private AsicContainerVerifier(Builder b) {
        this.trust = new TrustMaterial(b.conf);
        this.signatureCheck = new SignatureCheck(trust, Map.copyOf(b.profiles));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A verifier that trusts {@code conf}, with the built-in certificate profiles. */
    public static AsicContainerVerifier of(GlobalConfiguration conf) {
        return builder().globalConfiguration(conf).build();
    }

    /**
     * Verifies a container.
     *
     * @throws AsicVerificationException with X-Road's code when it is not valid evidence
     */
    public AsicVerificationResult verify(byte[] container) {
        return verify(AsicContainer.read(container));
    }

    /** Verifies a container file. */
    public AsicVerificationResult verify(Path file) {
        return verify(AsicContainer.read(file));
    }

    /** Verifies a container read from a stream (not closed). */
    public AsicVerificationResult verify(InputStream in) {
        return verify(AsicContainer.read(in));
    }

    /** Verifies a container that was read already. */
    public AsicVerificationResult verify(AsicContainer asic) {
        Objects.requireNonNull(asic, "asic");
        XadesSignature signature;
        try {
            signature = asic.parsedSignature();
        } catch (XadesVerificationException e) {
            throw SignatureCheck.coded(e);
        }
        MessageSigner.Signer signer = MessageSigner.of(asic.entryBytes(AsicContainer.ENTRY_MESSAGE));
        if (!signature.references(SignatureCheck.MESSAGE) && !signature.references(SignatureCheck
                .SIG_HASH_CHAIN_RESULT)) {
            throw new AsicVerificationException("malformed_signature", "Signature does not reference '/message.xml' "
                    + "or '/sig-hashchainresult.xml'");
        }
        if (!signature.qualifyingPropertiesTargetThisSignature()) {
            throw new AsicVerificationException("malformed_signature", "xades:QualifyingProperties does not target "
                    + "the signature");
        }

        TimestampToken token = timestampToken(asic, signature);
        X509Certificate tsa = verifyTimestamp(asic, signature, token);
        Instant atDate = token.genTime();

        HashChainResolver chainResolver = new HashChainResolver() {
            @Override
            public Optional<byte[]> resolve(String uri) {
                return Optional.ofNullable(asic.entryBytes(uri));
            }

            @Override
            public boolean shouldResolve(String uri, byte[] digestValue) {
                return asic.hasEntry(uri);
            }
        };
        ReferenceResolver references = uri -> {
            if (uri.startsWith("/attachment")) {
                return Optional.ofNullable(asic.attachmentDigestBytes(uri)).map(ReferencedData::digest);
            }
            return Optional.ofNullable(asic.entryBytes(uri)).map(ReferencedData::bytes);
        };
        SignatureCheck.Verified verified = signatureCheck.verify(signature,
                asic.entryBytes(AsicContainer.ENTRY_SIG_HASH_CHAIN_RESULT), chainResolver,
                List.of(SignatureCheck.MESSAGE), references, signer::id, atDate);
        if (!verified.unverifiedReferences().isEmpty() && LOG.isDebugEnabled()) {
            LOG.debug("hash chain references taken on the chain's word (data not in the container): {}",
                    verified.unverifiedReferences());
        }
        MessageSigner.Kind kind = signer.kind();
        return new AsicVerificationResult(signer.id(),
                kind == MessageSigner.Kind.SOAP_REQUEST || kind == MessageSigner.Kind.REST_REQUEST,
                kind == MessageSigner.Kind.REST_REQUEST || kind == MessageSigner.Kind.REST_RESPONSE, atDate,
                verified.ocspResponse().producedAt(), verified.signingCertificate(), tsa, verified.ocspResponder(),
                asic.hasBatchSignature() && signature.references(SignatureCheck.SIG_HASH_CHAIN_RESULT),
                asic.hasBatchTimestamp(), verified.unverifiedReferences());
    }

    /** The batch time-stamp {@code META-INF/timestamp.tst}, else the signature's; X-Road's codes for bad tokens. */
    private static TimestampToken timestampToken(AsicContainer asic, XadesSignature signature) {
        byte[] der = asic.entryBytes(AsicContainer.ENTRY_TIMESTAMP);
        try {
            if (der == null) {
                der = signature.timestamp().orElseThrow(() -> new AsicVerificationException("malformed_signature",
                        "Could not find element \"xades:EncapsulatedTimeStamp\""));
            }
            return TimestampToken.parse(der);
        } catch (XadesVerificationException e) {
            throw SignatureCheck.coded(e);
        } catch (TimestampVerificationException e) {
            throw timestampFailure(e);
        }
    }

    /** X-Road's {@code verifyTimestamp}: the stamped data, then the token against the approved TSAs. */
    private X509Certificate verifyTimestamp(AsicContainer asic, XadesSignature signature, TimestampToken token) {
        byte[] stamped = asic.entryBytes(AsicContainer.ENTRY_TS_HASH_CHAIN_RESULT);
        if (stamped != null) {
            try {
                HashChainVerifier.forResult(stamped)
                        .resolver(new HashChainResolver() {
                            @Override
                            public Optional<byte[]> resolve(String uri) {
                                return Optional.ofNullable(asic.entryBytes(uri));
                            }

                            @Override
                            public boolean shouldResolve(String uri, byte[] digestValue) {
                                return asic.hasEntry(uri);
                            }
                        })
                        .input(SIGNATURE)
                        .verify();
            } catch (XadesVerificationException e) {
                throw new AsicVerificationException("malformed_signature", "Failed to verify time-stamp hash chain: "
                        + e.code() + ": " + e.getMessage(), e);
            }
        } else {
            try {
                stamped = signature.signatureValue();
            } catch (XadesVerificationException e) {
                throw SignatureCheck.coded(e);
            }
        }
        try {
            return token.verify(stamped, trust.tspCertificates());
        } catch (TimestampVerificationException e) {
            throw timestampFailure(e);
        }
    }

    private static AsicVerificationException timestampFailure(TimestampVerificationException e) {
        String code = switch (e.failure()) {
            case UNREADABLE -> "io_error";
            case MALFORMED -> "internal_error";
            case IMPRINT_MISMATCH -> "malformed_signature";
            case NO_TRUSTED_AUTHORITY -> "mlog.no_timestamping_provider_found";
            case SIGNER_NOT_TRUSTED -> "mlog.tsp_certificate_not_found";
            case SIGNER_INFO_NOT_FOUND -> "mlog.timestamp_token_signer_info_not_found";
            case SIGNATURE_INVALID -> "mlog.timestamp_signer_verification_failed";
        };
        String message = switch (e.failure()) {
            case IMPRINT_MISMATCH -> "Timestamp hashes do not match";
            case SIGNER_NOT_TRUSTED -> "Could not find TSP certificate for timestamp";
            case NO_TRUSTED_AUTHORITY -> "No TSP service providers are configured.";
            default -> e.getMessage();
        };
        return new AsicVerificationException(code, message, e);
    }

    @Override
    public String toString() {
        return "AsicContainerVerifier[" + trust.tspCertificates().size() + " approved TSAs, "
                + trust.allCaCertificates().size() + " approved CA certificates]";
    }

    /** Builds an {@link AsicContainerVerifier}; the global configuration is required. */
    public static final class Builder {
        private GlobalConfiguration conf;
        private final Map<String, CertificateProfile> profiles = new HashMap<>(CertificateProfile.builtIn());

        private Builder() {
        }

        /** The trust: approved CAs (with OCSP responders and certificate profiles), approved TSAs, OCSP freshness. */
        public Builder globalConfiguration(GlobalConfiguration conf) {
            this.conf = Objects.requireNonNull(conf, "conf");
            return this;
        }

        /**
         * Reads the members of signing certificates of CAs whose {@code certificateProfileInfo} is {@code className}
         * with {@code profile} (in addition to, or instead of, a built-in one).
         */
        public Builder certificateProfile(String className, CertificateProfile profile) {
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(profile, "profile");
            if (className.isBlank()) {
                throw new IllegalArgumentException("className is blank");
            }
            profiles.put(className, profile);
            return this;
        }

        /** @throws IllegalStateException without a global configuration */
        public AsicContainerVerifier build() {
            if (conf == null) {
                throw new IllegalStateException("globalConfiguration is required");
            }
            return new AsicContainerVerifier(this);
        }
    }
}
