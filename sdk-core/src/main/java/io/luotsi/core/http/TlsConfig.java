package io.luotsi.core.http;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import io.luotsi.core.ConfigurationException;

/**
 * TLS material for the connection to the Security Server, from JDK key and trust managers: the client certificate
 * (mTLS: the Security Server authenticates the information system by it) and the certificates trusted for the
 * Security Server. Hostname verification is always on.
 *
 * <pre>{@code
 * TlsConfig tls = TlsConfig.of(keyManager, trustManager);
 * }</pre>
 *
 * sdk-auth builds key and trust managers from PKCS#12, PEM and PKCS#11.
 */
public final class TlsConfig {

    private final X509KeyManager keyManager;
    private final X509TrustManager trustManager;
    private final List<String> protocols;

    private TlsConfig(X509KeyManager keyManager, X509TrustManager trustManager, List<String> protocols) {
        this.keyManager = keyManager;
        this.trustManager = Objects.requireNonNull(trustManager, "trustManager");
        this.protocols = List.copyOf(protocols);
    }

    /** Mutual TLS: present the key manager's certificate, trust what the trust manager trusts. */
    public static TlsConfig of(X509KeyManager keyManager, X509TrustManager trustManager) {
        Objects.requireNonNull(keyManager, "keyManager");
        return new TlsConfig(keyManager, trustManager, List.of("TLSv1.3", "TLSv1.2"));
    }

    /** Server authentication only: no client certificate. */
    public static TlsConfig trustOnly(X509TrustManager trustManager) {
        return new TlsConfig(null, trustManager, List.of("TLSv1.3", "TLSv1.2"));
    }

    /** TLS material from JDK key stores; {@code keyStore} may be null for server authentication only. */
    public static TlsConfig fromKeyStores(KeyStore keyStore, char[] keyPassword, KeyStore trustStore) {
        Objects.requireNonNull(trustStore, "trustStore");
        try {
            X509KeyManager km = null;
            if (keyStore != null) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, keyPassword);
                km = firstOf(kmf.getKeyManagers(), X509KeyManager.class);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            X509TrustManager tm = firstOf(tmf.getTrustManagers(), X509TrustManager.class);
            return new TlsConfig(km, tm, List.of("TLSv1.3", "TLSv1.2"));
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("cannot initialise TLS key or trust managers: " + e.getMessage(), e);
        }
    }

    /** A copy that offers only these TLS protocol versions. */
    public TlsConfig withProtocols(List<String> protocols) {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("protocols is empty");
        }
        return new TlsConfig(keyManager, trustManager, protocols);
    }

    public Optional<X509KeyManager> keyManager() {
        return Optional.ofNullable(keyManager);
    }

    public X509TrustManager trustManager() {
        return trustManager;
    }

    public List<String> protocols() {
        return protocols;
    }

    /** A fresh SSL context over this material. */
    public SSLContext sslContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManager == null ? null : new KeyManager[] {keyManager}, new TrustManager[] {trustManager}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("cannot create TLS context: " + e.getMessage(), e);
        }
    }

    private static <T> T firstOf(Object[] managers, Class<T> type) {
        for (Object m : managers) {
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
        throw new ConfigurationException("no " + type.getSimpleName() + " available");
    }
}
