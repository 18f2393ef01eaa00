package io.luotsi.auth;

import io.luotsi.core.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.login.FailedLoginException;

/**
 * One slot of a PKCS#11 token (a hardware security module, a smart card, SoftHSM), reached through the JDK's SunPKCS11
 * provider. The provider is configured for this token alone and handed to every operation that uses its keys; it is
 * never registered JVM-wide, so two tokens (or two slots of one token) can be used side by side.
 *
 * <pre>{@code
 * Pkcs11Token token = Pkcs11Token.builder()
 *     .library(Path.of("/usr/lib/softhsm/libsofthsm2.so"))
 *     .slot(1544083581L)                     // or .slotListIndex(0)
 *     .build();
 * KeyMaterial signing = token.keyMaterial("signing", pin).requireValidAt(clock);
 * JwsSigner signer = JwsSigner.builder().keyMaterial(signing).build();
 * }</pre>
 *
 * <p>The private key never leaves the token: {@link KeyMaterial#privateKey()} is a handle, and signatures are made
 * by the token through {@link KeyMaterial#provider()}. RSA and EC (P-256) keys work; the JDK 17 SunPKCS11 provider
 * has no EdDSA. The PIN is used to log in and is neither kept nor cleared: clear it when done.
 *
 * <p>PKCS#11 logs a whole process in to a token, not one session or one provider: once any code in the JVM has
 * logged in to the slot, the token checks no PIN again until it is logged out. A wrong PIN is therefore reported
 * only while the token is logged out.
 *
 * <p>Failures are {@link ConfigurationException}s that name the library and slot and the problem (library missing,
 * no such slot, wrong or locked PIN, no such key, key and certificate that do not belong together), never the PIN.
 * See {@code docs/how-to/pkcs11.md} for a walk-through with SoftHSM.
 */
public final class Pkcs11Token {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Path library;
    private final Long slot;
    private final int slotListIndex;
    private final Provider provider;
    private final String description;

    private Pkcs11Token(Path library, Long slot, int slotListIndex, Provider provider) {
        this.library = library;
        this.slot = slot;
        this.slotListIndex = slotListIndex;
        this.provider = provider;
        this.description = "PKCS#11 " + (slot != null ? "slot " + slot : "slot list index " + slotListIndex)
                + " of " + library;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Logs in with the PIN and reads the private key entry {@code alias} with the certificate chain the token holds
     * for it, checking that the key belongs to the chain's leaf.
     *
     * @param alias the key entry's label on the token
     * @param pin   the user PIN; not kept, not cleared
     * @throws ConfigurationException naming the slot and the problem
     */
    public KeyMaterial keyMaterial(String alias, char[] pin) {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(pin, "pin");
        KeyStore store = login(pin);
        try {
            X509Certificate[] chain = chainOf(store, alias);
            return keyMaterial(store, alias, pin, new CertificateChain(List.of(chain)));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(description + ": entry '" + alias + "': " + e.getMessage());
        }
    }

    /**
     * Logs in with the PIN and reads the private key entry {@code alias}, paired with a chain kept outside the token
     * (many tokens hold only the key, or only the leaf certificate).
     *
     * @param chain the key's certificate chain, leaf first
     * @throws ConfigurationException naming the slot and the problem
     */
    public KeyMaterial keyMaterial(String alias, char[] pin, CertificateChain chain) {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(chain, "chain");
        return keyMaterial(login(pin), alias, pin, chain);
    }

    /** The labels of the private key entries on the token. */
    public List<String> keyAliases(char[] pin) {
        Objects.requireNonNull(pin, "pin");
        KeyStore store = login(pin);
        try {
            List<String> keys = new ArrayList<>();
            for (String a : Collections.list(store.aliases())) {
                if (store.isKeyEntry(a)) {
                    keys.add(a);
                }
            }
            return List.copyOf(keys);
        } catch (KeyStoreException e) {
            throw new ConfigurationException(description + ": cannot list the token's keys ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * The SunPKCS11 provider configured for this slot. It is not registered with {@link Security}; pass it to JCA
     * calls explicitly ({@code Signature.getInstance("SHA256withRSA", token.provider())}).
     */
    public Provider provider() {
        return provider;
    }

    @Override
    public String toString() {
        return "Pkcs11Token[" + description + "]";
    }

    private KeyMaterial keyMaterial(KeyStore store, String alias, char[] pin, CertificateChain chain) {
        String entry = description + ": entry '" + alias + "'";
        try {
            if (!store.containsAlias(alias) || !store.isKeyEntry(alias)) {
                throw new ConfigurationException(entry + ": no such private key on the token; its keys are "
                        + keyAliasesOf(store));
            }
            Key key = store.getKey(alias, pin);
            if (!(key instanceof PrivateKey privateKey)) {
                throw new ConfigurationException(entry + ": is not a private key");
            }
            if (!KeyMaterial.matches(privateKey, chain.leaf().getPublicKey(), provider)) {
                throw new ConfigurationException(entry + ": the private key does not belong to the certificate ("
                        + CertificateChain.describe(chain.leaf()) + ")");
            }
            return KeyMaterial.fromToken(privateKey, chain, provider, entry);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException(entry + ": cannot read the key (" + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    private X509Certificate[] chainOf(KeyStore store, String alias) {
        try {
            if (!store.containsAlias(alias) || !store.isKeyEntry(alias)) {
                throw new ConfigurationException(description + ": entry '" + alias + "': no such private key on the "
                        + "token; its keys are " + keyAliasesOf(store));
            }
            Certificate[] certificates = store.getCertificateChain(alias);
            if (certificates == null || certificates.length == 0) {
                throw new ConfigurationException(description + ": entry '" + alias + "': the token holds no "
                        + "certificate for the key; pass the chain to keyMaterial(alias, pin, chain)");
            }
            X509Certificate[] x509 = new X509Certificate[certificates.length];
            for (int i = 0; i < certificates.length; i++) {
                if (!(certificates[i] instanceof X509Certificate c)) {
                    throw new ConfigurationException(description + ": entry '" + alias + "': a certificate that is "
                            + "not X.509");
                }
                x509[i] = c;
            }
            return x509;
        } catch (KeyStoreException e) {
            throw new ConfigurationException(description + ": cannot read entry '" + alias + "' ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static List<String> keyAliasesOf(KeyStore store) throws KeyStoreException {
        List<String> keys = new ArrayList<>();
        for (String a : Collections.list(store.aliases())) {
            if (store.isKeyEntry(a)) {
                keys.add(a);
            }
        }
        return keys;
    }

    private KeyStore login(char[] pin) {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS11", provider);
        } catch (KeyStoreException e) {
            throw new ConfigurationException(description + ": no token in the slot, or the token cannot be used ("
                    + rootMessage(e) + ")", e);
        }
        try {
            store.load(null, pin);
            return store;
        } catch (IOException e) {
            String why = rootMessage(e);
            if (hasCause(e, FailedLoginException.class) || why.contains("CKR_PIN_INCORRECT")) {
                throw new ConfigurationException(description + ": wrong PIN");
            }
            if (why.contains("CKR_PIN_LOCKED")) {
                throw new ConfigurationException(description + ": the PIN is locked (too many wrong attempts); "
                        + "the security officer must unlock it");
            }
            throw new ConfigurationException(description + ": cannot log in (" + why + ")", e);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new ConfigurationException(description + ": cannot open the token (" + rootMessage(e) + ")", e);
        }
    }

    /** The innermost message: PKCS#11 return codes (CKR_...) show there. Never carries the PIN. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Builds a {@link Pkcs11Token}: the library is required; the slot is chosen by id or by list index (0). */
    public static final class Builder {
        private Path library;
        private Long slot;
        private Integer slotListIndex;
        private String name;

        private Builder() {
        }

        /** The token's PKCS#11 library, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}. */
        public Builder library(Path library) {
            this.library = Objects.requireNonNull(library, "library");
            return this;
        }

        /** The slot by its id, as {@code softhsm2-util --show-slots} or {@code pkcs11-tool -L} print it. */
        public Builder slot(long slot) {
            if (slot < 0) {
                throw new IllegalArgumentException("slot must not be negative, was " + slot);
            }
            this.slot = slot;
            this.slotListIndex = null;
            return this;
        }

        /** The slot by its position in the library's slot list (0 is the first); the default. */
        public Builder slotListIndex(int index) {
            if (index < 0) {
                throw new IllegalArgumentException("slotListIndex must not be negative, was " + index);
            }
            this.slotListIndex = index;
            this.slot = null;
            return this;
        }

        /** A name for the provider (letters, digits, '-', '_', '.'), shown in its name; generated by default. */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("a token name has 1 to 64 letters, digits, '.', '_' or '-'");
            }
            this.name = name;
            return this;
        }

        /**
         * Configures a SunPKCS11 provider for the slot. The library is loaded here; logging in waits for the PIN.
         *
         * @throws IllegalStateException  when no library was given
         * @throws ConfigurationException naming the library when it is missing or cannot be loaded, or the slot when
         *     it does not exist
         */
        public Pkcs11Token build() {
            if (library == null) {
                throw new IllegalStateException("library is required");
            }
            int index = slotListIndex == null ? 0 : slotListIndex;
            String where = "PKCS#11 " + (slot != null ? "slot " + slot : "slot list index " + index) + " of "
                    + library;
            if (!Files.isRegularFile(library)) {
                throw new ConfigurationException(library + ": PKCS#11 library not found");
            }
            String path = library.toAbsolutePath().toString();
            if (path.contains("\"") || path.contains("\n") || path.contains("\r") || path.contains("\\")) {
                throw new ConfigurationException(library + ": the library path has a quote, backslash or line break, "
                        + "which the SunPKCS11 configuration cannot express");
            }
            Provider template = Security.getProvider("SunPKCS11");
            if (template == null) {
                throw new ConfigurationException(where + ": this JDK has no SunPKCS11 provider");
            }
            String providerName = name != null ? name
                    : "Luotsi-" + INSTANCES.incrementAndGet();
            StringBuilder config = new StringBuilder("--")
                    .append("name = ").append(providerName).append('\n')
                    .append("library = \"").append(path).append("\"\n");
            if (slot != null) {
                config.append("slot = ").append(slot).append('\n');
            } else {
                config.append("slotListIndex = ").append(index).append('\n');
            }
            Provider provider;
            try {
                provider = template.configure(config.toString());
            } catch (RuntimeException e) {
                // InvalidParameterException, ProviderException: a library that does not load or initialise, or a
                // slot the library does not have.
                String why = rootMessage(e);
                if (why.contains("CKR_SLOT_ID_INVALID") || why.toLowerCase(Locale.ROOT).contains("slot")) {
                    throw new ConfigurationException(where + ": no such slot (" + why + ")", e);
                }
                throw new ConfigurationException(where + ": cannot load the PKCS#11 library (" + why + ")", e);
            }
            return new Pkcs11Token(library, slot, index, provider);
        }
    }
}
