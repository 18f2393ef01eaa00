package io.luotsi.auth;

import io.luotsi.core.ConfigurationException;
import io.luotsi.core.http.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS material of a connection to a Security Server: the certificates trusted for the Security Server and,
 * for mutual TLS, the key and certificate chain the information system presents. Built once, immutable; yields the
 * JDK key and trust managers and the {@link TlsConfig} that {@code OkHttpTransport} takes.
 *
 * <pre>{@code
 * TlsMaterial tls = TlsMaterial.fromDirectory(Path.of("/etc/myapp/tls"), Clock.systemUTC());
 * OkHttpTransport transport = OkHttpTransport.builder().tls(tls.toTlsConfig()).build();
 * }</pre>
 *
 * <p>A TLS directory, as {@code luotsi rest --tls-dir DIR} reads it and the test kit's fake Security Server writes it:
 * <ul>
 *   <li>{@value #TRUSTED_CERTIFICATES_FILE}: the certificates trusted for the Security Server (required);
 *   <li>{@value #CERTIFICATE_FILE} and {@value #KEY_FILE}: the client certificate chain, leaf first, and its
 *       unencrypted private key in PEM, for mutual TLS; both or neither;
 *   <li>or instead {@value #PKCS12_FILE} with its password in {@value #PKCS12_PASSWORD_FILE}.
 * </ul>
 * Without a client key the connection authenticates the server only.
 *
 * <p>The client chain must be valid at the time of the given {@link Clock}; trusted certificates are taken as they
 * are. The key manager presents the client certificate when the server names no acceptable issuers (as X-Road
 * Security Servers do) or names an issuer in the chain. Hostname verification stays on, as {@link TlsConfig} demands.
 */
public final class TlsMaterial {

    /** The PEM file of certificates trusted for the Security Server, in a TLS directory. */
    public static final String TRUSTED_CERTIFICATES_FILE = "ca.pem";
    /** The PEM file of the client certificate chain, leaf first, in a TLS directory. */
    public static final String CERTIFICATE_FILE = "cert.pem";
    /** The PEM file of the client's unencrypted private key, in a TLS directory. */
    public static final String KEY_FILE = "key.pem";
    /** The PKCS#12 file holding the client key and chain, an alternative to the two PEM files. */
    public static final String PKCS12_FILE = "client.p12";
    /** The file holding the PKCS#12 password (UTF-8; trailing line breaks are ignored). */
    public static final String PKCS12_PASSWORD_FILE = "client.p12.password";

    private final KeyMaterial keyMaterial;
    private final TrustAnchors trustAnchors;
    private final TlsConfig tlsConfig;

    private TlsMaterial(KeyMaterial keyMaterial, TrustAnchors trustAnchors, TlsConfig tlsConfig) {
        this.keyMaterial = keyMaterial;
        this.trustAnchors = trustAnchors;
        this.tlsConfig = tlsConfig;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads a TLS directory, checking the client chain against the system UTC clock. */
    public static TlsMaterial fromDirectory(Path directory) {
        return fromDirectory(directory, Clock.systemUTC());
    }

    /**
     * Reads a TLS directory (see the class description for its layout).
     *
     * @param clock the time at which the client certificate chain must be valid
     * @throws ConfigurationException naming the file and the problem: a missing or unexpected file, a file that is not
     *     PEM or PKCS#12, a wrong password, a key that does not belong to its certificate, or a certificate that has
     *     expired or is not yet valid
     */
    public static TlsMaterial fromDirectory(Path directory, Clock clock) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(clock, "clock");
        if (!Files.isDirectory(directory)) {
            throw new ConfigurationException(directory + ": not a directory; a TLS directory holds "
                    + TRUSTED_CERTIFICATES_FILE + ", and " + CERTIFICATE_FILE + " with " + KEY_FILE + " or "
                    + PKCS12_FILE + " with " + PKCS12_PASSWORD_FILE + " for mutual TLS");
        }
        Path trusted = directory.resolve(TRUSTED_CERTIFICATES_FILE);
        if (!Files.exists(trusted)) {
            throw new ConfigurationException(trusted + ": file not found; a TLS directory must hold the "
                    + "certificates trusted for the Security Server");
        }
        Builder builder = builder().trustAnchors(TrustAnchors.fromPem(trusted)).clock(clock);
        clientKey(directory).ifPresent(builder::keyMaterial);
        return builder.build();
    }

    private static Optional<KeyMaterial> clientKey(Path directory) {
        Path certificate = directory.resolve(CERTIFICATE_FILE);
        Path key = directory.resolve(KEY_FILE);
        Path pkcs12 = directory.resolve(PKCS12_FILE);
        Path password = directory.resolve(PKCS12_PASSWORD_FILE);
        boolean pem = Files.exists(certificate) || Files.exists(key);
        if (pem && Files.exists(pkcs12)) {
            throw new ConfigurationException(directory + ": holds both " + CERTIFICATE_FILE + "/" + KEY_FILE + " and "
                    + PKCS12_FILE + "; keep one of them");
        }
        if (pem) {
            if (!Files.exists(certificate)) {
                throw new ConfigurationException(certificate + ": file not found; " + KEY_FILE
                        + " needs the certificate chain it belongs to");
            }
            if (!Files.exists(key)) {
                throw new ConfigurationException(key + ": file not found; " + CERTIFICATE_FILE
                        + " needs its private key");
            }
            return Optional.of(KeyMaterial.fromPem(certificate, key));
        }
        if (Files.exists(pkcs12)) {
            if (!Files.exists(password)) {
                throw new ConfigurationException(password + ": file not found; " + PKCS12_FILE
                        + " needs its password in this file");
            }
            char[] secret = MaterialFiles.readPassword(password);
            try {
                return Optional.of(KeyMaterial.fromPkcs12(pkcs12, secret));
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
        return Optional.empty();
    }

    /** The client's key and chain, when this material does mutual TLS. */
    public Optional<KeyMaterial> keyMaterial() {
        return Optional.ofNullable(keyMaterial);
    }

    public TrustAnchors trustAnchors() {
        return trustAnchors;
    }

    /** The JDK key manager over the client key, when this material does mutual TLS. */
    public Optional<X509KeyManager> keyManager() {
        return tlsConfig.keyManager();
    }

    /** The JDK trust manager over the trust anchors (PKIX). */
    public X509TrustManager trustManager() {
        return tlsConfig.trustManager();
    }

    /** The configuration {@code OkHttpTransport.Builder.tls(...)} takes. */
    public TlsConfig toTlsConfig() {
        return tlsConfig;
    }

    @Override
    public String toString() {
        return "TlsMaterial[" + (keyMaterial == null ? "server authentication only" : keyMaterial) + ", "
                + trustAnchors + "]";
    }

    /** Builds {@link TlsMaterial}; the trust anchors are required, the key material and pins are optional. */
    public static final class Builder {
        private KeyMaterial keyMaterial;
        private TrustAnchors trustAnchors;
        private CertificatePins pins;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The key and chain to present for mutual TLS. */
        public Builder keyMaterial(KeyMaterial keyMaterial) {
            this.keyMaterial = Objects.requireNonNull(keyMaterial, "keyMaterial");
            return this;
        }

        public Builder trustAnchors(TrustAnchors trustAnchors) {
            this.trustAnchors = Objects.requireNonNull(trustAnchors, "trustAnchors");
            return this;
        }

        /**
         * Also require the Security Server's certificate to match one of these pins, on top of being trusted by the
         * trust anchors.
         */
        public Builder pins(CertificatePins pins) {
            this.pins = Objects.requireNonNull(pins, "pins");
            return this;
        }

        /** The time at which the client chain must be valid; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @throws IllegalStateException  when no trust anchors were given
         * @throws ConfigurationException when a certificate of the client chain is not valid at the clock's time, or
         *     the key lives in a PKCS#11 token (see below)
         */
        public TlsMaterial build() {
            if (trustAnchors == null) {
                throw new IllegalStateException("trustAnchors are required");
            }
            if (keyMaterial != null) {
                keyMaterial.requireValidAt(clock);
                if (keyMaterial.provider().isPresent()) {
                    // JSSE signs the handshake with Signature.getInstance(alg) and so finds only JVM-wide providers;
                    // a token provider that Luotsi keeps private cannot take part. Say so now, not in a handshake.
                    throw new ConfigurationException(keyMaterial.source() + ": a key held by a PKCS#11 token cannot "
                            + "be used for mutual TLS without registering the token's provider JVM-wide, which Luotsi "
                            + "does not do; use a TLS key in a PEM or PKCS#12 file (the token can keep the signing key)");
                }
            }
            TlsConfig config = tlsConfig(keyMaterial, trustAnchors);
            return new TlsMaterial(keyMaterial, trustAnchors, pins == null ? config : pins.applyTo(config));
        }

        /** Key and trust managers over in-memory key stores. */
        private static TlsConfig tlsConfig(KeyMaterial material, TrustAnchors anchors) {
            try {
                KeyStore trustStore = emptyStore();
                List<X509Certificate> trusted = anchors.certificates();
                for (int i = 0; i < trusted.size(); i++) {
                    trustStore.setCertificateEntry("trusted-" + i, trusted.get(i));
                }
                if (material == null) {
                    return TlsConfig.fromKeyStores(null, null, trustStore);
                }
                // The store never leaves this method; its password only satisfies the KeyStore API.
                char[] storePassword = UUID.randomUUID().toString().toCharArray();
                try {
                    KeyStore keyStore = emptyStore();
                    keyStore.setKeyEntry("client", material.privateKey(), storePassword,
                            material.certificateChain().certificates().toArray(new X509Certificate[0]));
                    return TlsConfig.fromKeyStores(keyStore, storePassword, trustStore);
                } finally {
                    Arrays.fill(storePassword, '\0');
                }
            } catch (GeneralSecurityException e) {
                throw new ConfigurationException("cannot build TLS key or trust managers ("
                        + e.getClass().getSimpleName() + ")", e);
            }
        }

        private static KeyStore emptyStore() throws GeneralSecurityException {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try {
                store.load(null, null);
            } catch (IOException e) {
                throw new IllegalStateException("an empty in-memory key store cannot fail to load", e);
            }
            return store;
        }
    }
}
