package io.luotsi.auth.jws;

import io.luotsi.core.audit.CheckpointSigner;
import io.luotsi.core.audit.CheckpointVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs and verifies the checkpoints of an audit log ({@link io.luotsi.core.audit.JsonLinesAuditLog}) as compact JWS
 * with the signer's chain in {@code x5c}.
 *
 * <pre>{@code
 * JsonLinesAuditLog log = JsonLinesAuditLog.builder(file)
 *     .checkpointSigner(AuditCheckpoints.signer(jwsSigner))
 *     .build();
 * AuditVerification v = AuditLogVerifier.builder()
 *     .checkpointVerifier(AuditCheckpoints.verifier(JwsVerifier.builder()
 *         .certificateValidator(CertificateValidator.builder().trustAnchors(anchors).build()).build()))
 *     .build()
 *     .verify(file);
 * }</pre>
 *
 * The verifier validates the signer's chain at the checkpoint's own (signed) time, so that a log stays verifiable
 * after the signing certificate expires.
 */
public final class AuditCheckpoints {

    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]{1,64})\"");

    private AuditCheckpoints() {
    }

    public static CheckpointSigner signer(JwsSigner signer) {
        Objects.requireNonNull(signer, "signer");
        return signer::sign;
    }

    /**
     * A verifier that checks the JWS (signature, allowed algorithm, chain to the verifier's trust anchors at the
     * checkpoint's time) and returns its payload.
     */
    public static CheckpointVerifier verifier(JwsVerifier verifier) {
        Objects.requireNonNull(verifier, "verifier");
        return jws -> {
            Instant at = signedTime(jws);
            JwsVerifier v = at == null ? verifier : verifier.withClock(Clock.fixed(at, ZoneOffset.UTC));
            return v.verify(jws).payload().orElseThrow(() ->
                    new IllegalArgumentException("the checkpoint signature carries no payload"));
        };
    }

    /** The {@code time} of the (not yet verified) payload; the signature check then proves it. */
    private static Instant signedTime(String jws) {
        int first = jws.indexOf('.');
        int second = first < 0 ? -1 : jws.indexOf('.', first + 1);
        if (second < 0 || second - first > 4096) {
            return null;
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(jws.substring(first + 1, second)),
                    StandardCharsets.UTF_8);
            Matcher m = TIME.matcher(payload);
            return m.find() ? Instant.parse(m.group(1)) : null;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }
}
