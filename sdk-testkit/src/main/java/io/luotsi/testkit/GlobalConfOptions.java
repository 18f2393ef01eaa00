package io.luotsi.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * How the fake Security Server plays the Central Server: whether it serves a signed global configuration, how long a
 * generated configuration is valid, the key type of the configuration signing key, and the newest configuration
 * version it serves.
 *
 * <pre>{@code
 * FakeSecurityServer.builder()
 *     .globalConf(GlobalConfOptions.defaults().withValidity(Duration.ofHours(1)).withKeyType(TestPki.KeyType.RSA))
 * }</pre>
 *
 * @param enabled    whether {@code /internalconf}, {@code /externalconf}, their content parts and
 *                   {@code /configuration-anchor.xml} are served (default true); {@code listClients} works either way
 * @param validity   {@code Expire-date} minus the generation time (default 10 minutes, X-Road's
 *                   {@code conf-expire-interval-seconds}); a configuration is generated again when half of it is
 *                   used up or the registry changes
 * @param keyType    the configuration signing key: EC (default, signed {@code ecdsa-sha512}) or RSA
 *                   ({@code rsa-sha512})
 * @param maxVersion the newest version served, 2 to 6 (default 6); newer versions answer 404, as a Central Server
 *                   of an older X-Road does, so clients fall back
 */
public record GlobalConfOptions(boolean enabled, Duration validity, TestPki.KeyType keyType, int maxVersion) {

    /** The oldest configuration version the fake serves, and the one served without {@code ?version=}. */
    public static final int MIN_VERSION = 2;
    /** The newest configuration version there is. */
    public static final int MAX_VERSION = 6;

    public GlobalConfOptions {
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(keyType, "keyType");
        if (validity.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("validity must be at least 2 seconds (Expire-date has seconds): "
                    + validity);
        }
        if (maxVersion < MIN_VERSION || maxVersion > MAX_VERSION) {
            throw new IllegalArgumentException("maxVersion must be " + MIN_VERSION + " to " + MAX_VERSION + ": "
                    + maxVersion);
        }
    }

    /** Served, valid for 10 minutes, EC, up to version 6. */
    public static GlobalConfOptions defaults() {
        return new GlobalConfOptions(true, Duration.ofMinutes(10), TestPki.KeyType.EC, MAX_VERSION);
    }

    /** Not served: the configuration paths fall through to the Security Server's SOAP handler. */
    public static GlobalConfOptions disabled() {
        return defaults().withEnabled(false);
    }

    public GlobalConfOptions withEnabled(boolean enabled) {
        return new GlobalConfOptions(enabled, validity, keyType, maxVersion);
    }

    public GlobalConfOptions withValidity(Duration validity) {
        return new GlobalConfOptions(enabled, validity, keyType, maxVersion);
    }

    public GlobalConfOptions withKeyType(TestPki.KeyType keyType) {
        return new GlobalConfOptions(enabled, validity, keyType, maxVersion);
    }

    public GlobalConfOptions withMaxVersion(int maxVersion) {
        return new GlobalConfOptions(enabled, validity, keyType, maxVersion);
    }
}
