package io.luotsi.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A checkpoint signer and verifier for core's tests, shaped like compact JWS ({@code header.payload.mac}) with an
 * HMAC: core has no access to sdk-auth's JWS (sdk-auth and sdk-cli test the real thing).
 */
final class TestCheckpoints {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.US_ASCII));

    private final byte[] key;

    TestCheckpoints(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    CheckpointSigner signer() {
        return payload -> {
            String body = HEADER + "." + B64.encodeToString(payload);
            return body + "." + B64.encodeToString(mac(body));
        };
    }

    CheckpointVerifier verifier() {
        return signature -> {
            String[] parts = signature.split("\\.");
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a compact signature");
            }
            byte[] expected = mac(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                throw new IllegalArgumentException("bad signature");
            }
            return Base64.getUrlDecoder().decode(parts[1]);
        };
    }

    private byte[] mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
