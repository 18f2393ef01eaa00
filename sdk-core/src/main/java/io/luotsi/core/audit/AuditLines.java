package io.luotsi.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * The line format of {@link JsonLinesAuditLog}, shared by the writer and {@link AuditLogVerifier}. A line is one JSON
 * object in printable ASCII (everything else escaped as {@code \\uXXXX}), with a fixed field order, ending in
 * {@code ,"hash":"<43 base64url characters>"}}. The hash is SHA-256 over every byte of the line before
 * {@code ,"hash":"}, which includes {@code "prev"}, the hash of the line before: a hash chain.
 */
final class AuditLines {

    /** The format version named in checkpoint payloads. */
    static final String LOG_ID = "luotsi-audit/1";
    /** {@code prev} of the first line: 32 zero bytes. */
    static final String GENESIS = "A".repeat(43);
    static final String HASH_FIELD = ",\"hash\":\"";
    /** {@code ,"hash":"} + 43 + {@code "}}. */
    static final int HASH_SUFFIX_LENGTH = HASH_FIELD.length() + 43 + 2;
    static final String TYPE_RECORD = "record";
    static final String TYPE_CHECKPOINT = "checkpoint";
    /** Longest detail kept in a record, in characters; longer ones are cut (details are for people, not proofs). */
    static final int MAX_DETAIL_CHARS = 1000;

    private AuditLines() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String encode(byte[] hash) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    /** Everything of a record line before the hash. */
    static void recordPrefix(StringBuilder sb, long seq, AuditRecord r, String prev) {
        sb.append("{\"seq\":").append(seq).append(",\"type\":\"").append(TYPE_RECORD).append('"');
        field(sb, "time", r.time().toString());
        field(sb, "side", r.side().label());
        field(sb, "outcome", r.outcome().label());
        field(sb, "messageId", r.messageId());
        field(sb, "client", r.client());
        field(sb, "service", r.service());
        field(sb, "subject", r.subject());
        field(sb, "purpose", r.purpose());
        field(sb, "legalBasis", r.legalBasis());
        field(sb, "evidenceType", r.evidenceType());
        field(sb, "evidenceId", r.evidenceId());
        field(sb, "reason", r.reason());
        String detail = r.detail();
        field(sb, "detail", detail != null && detail.length() > MAX_DETAIL_CHARS
                ? detail.substring(0, MAX_DETAIL_CHARS) + "..." : detail);
        field(sb, "prev", prev);
    }

    /** Everything of a checkpoint line before the hash. */
    static void checkpointPrefix(StringBuilder sb, long seq, Instant time, String prev, String signature) {
        sb.append("{\"seq\":").append(seq).append(",\"type\":\"").append(TYPE_CHECKPOINT).append('"');
        field(sb, "time", time.toString());
        field(sb, "prev", prev);
        field(sb, "sig", signature);
    }

    /** What a checkpoint's signature signs: the log format, the position, the time and the chain head. */
    static byte[] checkpointPayload(long seq, String time, String head) {
        StringBuilder sb = new StringBuilder(128).append('{');
        sb.append("\"log\":\"").append(LOG_ID).append("\",\"seq\":").append(seq);
        field(sb, "time", time);
        field(sb, "head", head);
        return sb.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void field(StringBuilder sb, String name, String value) {
        if (value == null) {
            return;
        }
        sb.append(",\"").append(name).append("\":\"");
        escape(sb, value);
        sb.append('"');
    }

    /** JSON string escaping to printable ASCII. */
    static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append("\\u");
                String hex = Integer.toHexString(c);
                for (int k = hex.length(); k < 4; k++) {
                    sb.append('0');
                }
                sb.append(hex);
            }
        }
    }

    /** The ASCII bytes of a builder's content (every char is below 0x80 by construction). */
    static int toAscii(CharSequence s, byte[] into) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            into[i] = (byte) s.charAt(i);
        }
        return n;
    }
}
