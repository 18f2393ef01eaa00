package io.luotsi.auth;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The Bouncy Castle provider, handed explicitly to the operations that need it (PEM decryption). It is never
 * registered with {@link java.security.Security}: Luotsi changes no JVM-wide setting.
 */
final class CryptoProviders {

    private CryptoProviders() {
    }

    static Provider bouncyCastle() {
        return Holder.BC;
    }

    /** Created on first use: building the provider takes a while. */
    private static final class Holder {
        static final Provider BC = new BouncyCastleProvider();
    }
}
