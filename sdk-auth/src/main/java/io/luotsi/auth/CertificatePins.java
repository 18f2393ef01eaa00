package io.luotsi.auth;

import io.luotsi.core.http.TlsConfig;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Pins of the Security Server's TLS certificate: SHA-256 hashes of its public key (SPKI) or of the whole certificate.
 * A pinned connection succeeds only when the certificate chain is trusted as usual <em>and</em> the server's own
 * certificate (the chain's first) matches one of the pins. Pins narrow trust; they never replace it.
 *
 * <pre>{@code
 * CertificatePins pins = CertificatePins.parse("sha256/jOvY8lj1Qn6cKLuBq8xOvTMGIWyGsNeIXZRYBdfzXgM=");
 * TlsMaterial tls = TlsMaterial.builder().trustAnchors(anchors).keyMaterial(key).pins(pins).build();
 * // or on any TlsConfig:
 * TlsConfig pinned = pins.applyTo(tlsConfig);
 * }</pre>
 *
 * <p>A pin is written {@code sha256/BASE64} for the public key (the HPKP and OkHttp form, stable across certificate
 * renewals that keep the key) or {@code cert-sha256/BASE64} for the certificate (X-Road's own {@code authCertHash} in
 * global configuration V3+ is this hash of the authentication certificate). Keep a second pin for the next key, or a
 * renewal will lock the client out.
 */
public final class CertificatePins {

    private static final String SPKI_PREFIX = "sha256/";
    private static final String CERT_PREFIX = "cert-sha256/";

    private final List<String> pins;

    private CertificatePins(List<String> pins) {
        this.pins = List.copyOf(pins);
    }

    /**
     * Pins in their text form ({@code sha256/BASE64} or {@code cert-sha256/BASE64}).
     *
     * @throws IllegalArgumentException when there is no pin, or a pin has another form or a hash that is not 32
     *     bytes of base64
     */
    public static CertificatePins parse(String... pins) {
        Objects.requireNonNull(pins, "pins");
        return parse(List.of(pins));
    }

    /** Pins in their text form; see {@link #parse(String...)}. */
    public static CertificatePins parse(Collection<String> pins) {
        Objects.requireNonNull(pins, "pins");
        if (pins.isEmpty()) {
            throw new IllegalArgumentException("at least one pin is needed");
        }
        List<String> normalised = new ArrayList<>();
        for (String pin : pins) {
            Objects.requireNonNull(pin, "pin");
            String prefix = pin.startsWith(CERT_PREFIX) ? CERT_PREFIX : pin.startsWith(SPKI_PREFIX) ? SPKI_PREFIX
                    : null;
            if (prefix == null) {
                throw new IllegalArgumentException("a pin is 'sha256/BASE64' (public key) or 'cert-sha256/BASE64' "
                        + "(certificate), got '" + pin + "'");
            }
            byte[] hash;
            try {
                hash = Base64.getDecoder().decode(pin.substring(prefix.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the hash of pin '" + pin + "' is not base64", e);
            }
            if (hash.length != 32) {
                throw new IllegalArgumentException("the hash of pin '" + pin + "' is " + hash.length
                        + " bytes; SHA-256 has 32");
            }
            normalised.add(prefix + Base64.getEncoder().encodeToString(hash));
        }
        return new CertificatePins(normalised);
    }

    /** Pins of these certificates' public keys. */
    public static CertificatePins ofPublicKeys(X509Certificate... certificates) {
        List<String> pins = new ArrayList<>();
        for (X509Certificate c : certificates) {
            pins.add(publicKeyPin(c));
        }
        return parse(pins);
    }

    /** The public-key pin of a certificate: {@code sha256/} and the base64 SHA-256 of its SubjectPublicKeyInfo. */
    public static String publicKeyPin(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        return SPKI_PREFIX + Base64.getEncoder().encodeToString(sha256(certificate.getPublicKey().getEncoded()));
    }

    /** The certificate pin of a certificate: {@code cert-sha256/} and the base64 SHA-256 of its DER encoding. */
    public static String certificatePin(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        try {
            return CERT_PREFIX + Base64.getEncoder().encodeToString(sha256(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded", e);
        }
    }

    /** The pins in text form. */
    public List<String> pins() {
        return pins;
    }

    /** Whether the certificate matches one of the pins. */
    public boolean matches(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        return pins.contains(publicKeyPin(certificate)) || pins.contains(certificatePin(certificate));
    }

    /**
     * A trust manager that first lets {@code delegate} check the server's chain, then requires the server's
     * certificate to match a pin. Client certificates are checked by the delegate alone.
     */
    public X509TrustManager wrap(X509TrustManager delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return new PinningTrust(delegate, this);
    }

    /** A copy of {@code config} whose trust manager also checks these pins; key manager and protocols stay. */
    public TlsConfig applyTo(TlsConfig config) {
        Objects.requireNonNull(config, "config");
        X509TrustManager pinned = wrap(config.trustManager());
        TlsConfig copy = config.keyManager().isPresent()
                ? TlsConfig.of(config.keyManager().get(), pinned)
                : TlsConfig.trustOnly(pinned);
        return copy.withProtocols(config.protocols());
    }

    @Override
    public String toString() {
        return "CertificatePins" + pins;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Delegates, then checks the pin of the server's certificate. */
    private static final class PinningTrust extends X509ExtendedTrustManager {
        private final X509TrustManager delegate;
        private final CertificatePins pins;

        PinningTrust(X509TrustManager delegate, CertificatePins pins) {
            this.delegate = delegate;
            this.pins = pins;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            if (delegate instanceof X509ExtendedTrustManager extended) {
                extended.checkServerTrusted(chain, authType, socket);
            } else {
                delegate.checkServerTrusted(chain, authType);
            }
            requirePinned(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            if (delegate instanceof X509ExtendedTrustManager extended) {
                extended.checkServerTrusted(chain, authType, engine);
            } else {
                delegate.checkServerTrusted(chain, authType);
            }
            requirePinned(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
            requirePinned(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            if (delegate instanceof X509ExtendedTrustManager extended) {
                extended.checkClientTrusted(chain, authType, socket);
            } else {
                delegate.checkClientTrusted(chain, authType);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            if (delegate instanceof X509ExtendedTrustManager extended) {
                extended.checkClientTrusted(chain, authType, engine);
            } else {
                delegate.checkClientTrusted(chain, authType);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }

        private void requirePinned(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server presented no certificate");
            }
            if (!pins.matches(chain[0])) {
                throw new CertificateException("the server's certificate (" + CertificateChain.describe(chain[0])
                        + ", public key " + publicKeyPin(chain[0]) + ") matches none of the " + pins.pins.size()
                        + " pinned keys or certificates");
            }
        }
    }
}
