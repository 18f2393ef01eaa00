package io.luotsi.auth;

import io.luotsi.core.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A private key and the certificate chain it belongs to: what a client presents in mutual TLS, and later what signs.
 * Immutable; {@link #toString()} never shows the key.
 *
 * <pre>{@code
 * KeyMaterial pem = KeyMaterial.fromPem(Path.of("tls/cert.pem"), Path.of("tls/key.pem"));
 * KeyMaterial p12 = KeyMaterial.fromPkcs12(Path.of("tls/client.p12"), password);
 * }</pre>
 *
 * The key is checked to belong to the chain's leaf certificate when the material is made. Where the key lives is not
 * fixed: a key in a PKCS#11 token comes from {@link Pkcs11Token#keyMaterial(String, char[])} and carries the token's
 * JCA {@link #provider()}, which every operation with the key must use; any other key can be wrapped with
 * {@link #of(PrivateKey, CertificateChain, Provider)}.
 *
 * <p>Whether the chain is valid at a given time is a separate question: {@link #requireValidAt(Clock)}.
 */
public final class KeyMaterial {

    private final PrivateKey privateKey;
    private final CertificateChain chain;
    /** The provider that must use the key (a PKCS#11 token's), or null for keys any provider can use. */
    private final Provider provider;
    /** Where the material came from, for messages: file names or token slots, never content. */
    private final String source;

    private KeyMaterial(PrivateKey privateKey, CertificateChain chain, Provider provider, String source) {
        this.privateKey = privateKey;
        this.chain = chain;
        this.provider = provider;
        this.source = source;
    }

    /**
     * Key material from a key and its chain.
     *
     * @throws IllegalArgumentException when the key does not belong to the chain's leaf certificate
     */
    public static KeyMaterial of(PrivateKey privateKey, CertificateChain chain) {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(chain, "chain");
        if (!matches(privateKey, chain.leaf().getPublicKey(), null)) {
            throw new IllegalArgumentException("the private key does not belong to the leaf certificate ("
                    + CertificateChain.describe(chain.leaf()) + ")");
        }
        return new KeyMaterial(privateKey, chain, null, "the given key and chain");
    }

    /**
     * Key material from a key that only {@code provider} can use (a key of a hardware token or a cloud KMS, for
     * example), and its chain. Signatures made with this material go through {@code provider}; the provider is used
     * as given and never registered JVM-wide.
     *
     * @throws IllegalArgumentException when the key does not belong to the chain's leaf certificate
     */
    public static KeyMaterial of(PrivateKey privateKey, CertificateChain chain, Provider provider) {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(provider, "provider");
        if (!matches(privateKey, chain.leaf().getPublicKey(), provider)) {
            throw new IllegalArgumentException("the private key does not belong to the leaf certificate ("
                    + CertificateChain.describe(chain.leaf()) + ")");
        }
        return new KeyMaterial(privateKey, chain, provider, "the given key and chain");
    }

    /** Material a token has already checked: the key pairs with the leaf. */
    static KeyMaterial fromToken(PrivateKey privateKey, CertificateChain chain, Provider provider, String source) {
        return new KeyMaterial(privateKey, chain, provider, source);
    }

    /**
     * Reads an unencrypted private key and its certificate chain from PEM files.
     *
     * @see #fromPem(Path, Path, char[])
     */
    public static KeyMaterial fromPem(Path certificateFile, Path keyFile) {
        return fromPem(certificateFile, keyFile, null);
    }

    /**
     * Reads a private key and its certificate chain from PEM files. The key may be PKCS#8 ({@code BEGIN PRIVATE KEY}),
     * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), SEC1 ({@code BEGIN EC PRIVATE KEY}), encrypted PKCS#8 ({@code BEGIN
     * ENCRYPTED PRIVATE KEY}) or legacy OpenSSL-encrypted; the certificate file lists the chain leaf first.
     *
     * @param password the key's password, or {@code null} for an unencrypted key; not kept, not cleared
     * @throws ConfigurationException naming the file and the problem: missing, not PEM, no key or several, encrypted
     *     without a password, wrong password, or a key that does not belong to the leaf certificate
     */
    public static KeyMaterial fromPem(Path certificateFile, Path keyFile, char[] password) {
        Objects.requireNonNull(certificateFile, "certificateFile");
        Objects.requireNonNull(keyFile, "keyFile");
        CertificateChain chain = CertificateChain.fromPem(certificateFile);
        PrivateKey key = PemFile.read(keyFile).privateKey(password);
        requireMatch(key, chain, keyFile + " and " + certificateFile, keyFile, certificateFile);
        return new KeyMaterial(key, chain, null, certificateFile.toString());
    }

    /**
     * Reads the one private key entry of a PKCS#12 file and its chain.
     *
     * @throws ConfigurationException naming the file: missing, not PKCS#12, wrong password, no key entry, or several
     *     (then name one with {@link #fromPkcs12(Path, char[], String)})
     */
    public static KeyMaterial fromPkcs12(Path file, char[] password) {
        return fromPkcs12(file, password, null);
    }

    /**
     * Reads a private key entry of a PKCS#12 file and its chain. The file is read with the JDK's PKCS#12 support,
     * which takes ASCII passwords only.
     *
     * @param password the password of the file and its key entry, ASCII; not kept, not cleared
     * @param alias    the entry, or {@code null} when the file holds exactly one key
     */
    public static KeyMaterial fromPkcs12(Path file, char[] password, String alias) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(password, "password");
        for (char c : password) {
            if (c > 0x7e || c < 0x20) {
                throw new ConfigurationException(file + ": the PKCS#12 password has a character that is not "
                        + "printable ASCII, which the JDK's PKCS#12 reader does not take; export the file again with "
                        + "an ASCII password, or use PEM files");
            }
        }
        byte[] bytes = MaterialFiles.read(file);
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new ConfigurationException(file + ": wrong password for the PKCS#12 file");
            }
            throw new ConfigurationException(file + ": not a readable PKCS#12 file (" + e.getClass().getSimpleName()
                    + ")", e);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(file + ": the PKCS#12 file uses an unsupported algorithm ("
                    + e.getClass().getSimpleName() + ")", e);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
        try {
            String entry = alias != null ? alias : onlyKeyEntry(store, file);
            if (!store.isKeyEntry(entry)) {
                throw new ConfigurationException(file + ": has no private key entry named '" + entry + "'");
            }
            Key key = store.getKey(entry, password);
            if (!(key instanceof PrivateKey privateKey)) {
                throw new ConfigurationException(file + ": entry '" + entry + "' is not a private key");
            }
            Certificate[] certificates = store.getCertificateChain(entry);
            if (certificates == null || certificates.length == 0) {
                throw new ConfigurationException(file + ": entry '" + entry + "' has no certificate chain");
            }
            List<X509Certificate> x509 = new ArrayList<>();
            for (Certificate c : certificates) {
                if (!(c instanceof X509Certificate x)) {
                    throw new ConfigurationException(file + ": entry '" + entry + "' has a certificate that is not "
                            + "X.509");
                }
                x509.add(x);
            }
            CertificateChain chain;
            try {
                chain = new CertificateChain(x509);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(file + ": entry '" + entry + "': " + e.getMessage());
            }
            requireMatch(privateKey, chain, file.toString(), file, file);
            return new KeyMaterial(privateKey, chain, null, file.toString());
        } catch (UnrecoverableKeyException e) {
            throw new ConfigurationException(file + ": the key entry has a password other than the file's; "
                    + "Luotsi reads PKCS#12 files whose key and file passwords are the same");
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(file + ": cannot read the key entry (" + e.getClass().getSimpleName()
                    + ")", e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public CertificateChain certificateChain() {
        return chain;
    }

    /** The certificate the key belongs to: the chain's leaf. */
    public X509Certificate certificate() {
        return chain.leaf();
    }

    /**
     * The JCA provider that must perform every operation with the private key, when only one can: a PKCS#11 token's
     * provider. Empty for software keys, which the JDK's own providers use.
     */
    public Optional<Provider> provider() {
        return Optional.ofNullable(provider);
    }

    /**
     * Checks that every certificate of the chain is valid at the clock's time.
     *
     * @return this material
     * @throws ConfigurationException naming where the material came from and the certificate (by serial and issuer),
     *     and when it expired or becomes valid
     */
    public KeyMaterial requireValidAt(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        Instant now = clock.instant();
        List<X509Certificate> certificates = chain.certificates();
        for (int i = 0; i < certificates.size(); i++) {
            X509Certificate c = certificates.get(i);
            String which = source + ": certificate #" + (i + 1) + " (" + CertificateChain.describe(c) + ")";
            try {
                c.checkValidity(Date.from(now));
            } catch (CertificateExpiredException e) {
                throw new ConfigurationException(which + " expired at " + c.getNotAfter().toInstant()
                        + "; it is now " + now);
            } catch (CertificateNotYetValidException e) {
                throw new ConfigurationException(which + " is not valid before " + c.getNotBefore().toInstant()
                        + "; it is now " + now);
            }
        }
        return this;
    }

    /** Where the material was read from (a file name or a token slot), for messages. */
    String source() {
        return source;
    }

    @Override
    public String toString() {
        return "KeyMaterial[" + privateKey.getAlgorithm() + " key" + (provider == null ? "" : " in " + source) + ", "
                + chain + "]";
    }

    private static String onlyKeyEntry(KeyStore store, Path file) throws GeneralSecurityException {
        List<String> keys = new ArrayList<>();
        for (String a : Collections.list(store.aliases())) {
            if (store.isKeyEntry(a)) {
                keys.add(a);
            }
        }
        if (keys.isEmpty()) {
            throw new ConfigurationException(file + ": contains no private key entry");
        }
        if (keys.size() > 1) {
            throw new ConfigurationException(file + ": contains " + keys.size() + " private key entries " + keys
                    + "; name the one to use");
        }
        return keys.get(0);
    }

    private static void requireMatch(PrivateKey key, CertificateChain chain, String where, Path keyFile,
                                     Path certificateFile) {
        if (matches(key, chain.leaf().getPublicKey(), null)) {
            return;
        }
        for (int i = 1; i < chain.size(); i++) {
            if (matches(key, chain.certificates().get(i).getPublicKey(), null)) {
                throw new ConfigurationException(certificateFile + ": the private key in " + keyFile
                        + " belongs to certificate #" + (i + 1) + "; list the key's own certificate first");
            }
        }
        throw new ConfigurationException(where + ": the private key does not belong to the certificate ("
                + CertificateChain.describe(chain.leaf()) + ")");
    }

    /**
     * Whether the key belongs to the public key: a signature made with one verifies with the other. This works for
     * every signing key, including keys that never leave a hardware token (then {@code provider} is the token's).
     */
    static boolean matches(PrivateKey privateKey, PublicKey publicKey, Provider provider) {
        String algorithm = signatureAlgorithm(privateKey.getAlgorithm());
        if (algorithm == null || !sameFamily(privateKey.getAlgorithm(), publicKey.getAlgorithm())) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = provider == null ? Signature.getInstance(algorithm)
                    : Signature.getInstance(algorithm, provider);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
            default -> null;
        };
    }

    private static boolean sameFamily(String a, String b) {
        return a.equals(b) || a.startsWith("Ed") && b.startsWith("Ed");
    }
}
