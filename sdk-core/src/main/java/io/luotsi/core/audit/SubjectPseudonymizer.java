package io.luotsi.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a data subject's identifier into the pseudonym audit records carry: {@code keyId:base64url(HMAC-SHA256(key,
 * identifier))}. The same identifier and key always give the same pseudonym, so an auditor who holds the key can find
 * every record about one person ({@code pseudonym("EE37702211234")} and search); without the key the pseudonym says
 * nothing about the person. The key id names the key, so that keys can be rotated and old logs still be searched.
 * Thread-safe.
 *
 * <pre>{@code
 * SubjectPseudonymizer p = SubjectPseudonymizer.hmacSha256("audit-2026", keyBytes);   // at least 16 bytes
 * p.pseudonym("EE37702211234");   // "audit-2026:qL8...43 characters"
 * }</pre>
 *
 * Keep the key as secret as the audit log is sensitive: with it, and a list of candidate identity codes, anyone can
 * re-identify the records. Never log it.
 */
public final class SubjectPseudonymizer {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final int MIN_KEY_BYTES = 16;

    private final String keyId;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    private SubjectPseudonymizer(String keyId, byte[] key) {
        this.keyId = keyId;
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fail now, not on first use
    }

    /**
     * A pseudonymizer with this key.
     *
     * @param keyId names the key in every pseudonym: 1-32 characters of {@code A-Z a-z 0-9 . _ -}
     * @param key   the secret, at least 16 bytes (32 random bytes recommended); copied
     * @throws IllegalArgumentException when the key id or the key does not qualify
     */
    public static SubjectPseudonymizer hmacSha256(String keyId, byte[] key) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(key, "key");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("keyId must be 1-32 characters of A-Z a-z 0-9 . _ -");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonymisation key must have at least " + MIN_KEY_BYTES
                    + " bytes, has " + key.length);
        }
        return new SubjectPseudonymizer(keyId, Arrays.copyOf(key, key.length));
    }

    /** The key id every pseudonym starts with. */
    public String keyId() {
        return keyId;
    }

    /** The pseudonym of an identifier, e.g. of {@code EE37702211234}. */
    public String pseudonym(String identifier) {
        Objects.requireNonNull(identifier, "identifier");
        byte[] mac = macs.get().doFinal(identifier.getBytes(StandardCharsets.UTF_8));
        return keyId + ':' + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    @Override
    public String toString() {
        return "SubjectPseudonymizer[" + keyId + ", HMAC-SHA256]";
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
