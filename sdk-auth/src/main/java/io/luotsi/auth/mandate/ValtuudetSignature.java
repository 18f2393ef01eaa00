package io.luotsi.auth.mandate;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The request signature of the Suomi.fi e-Authorizations (Valtuudet) web APIs, header
 * {@value #HEADER}:
 * <pre>
 * X-AsiointivaltuudetAuthorization: &lt;clientId&gt; &lt;timestamp&gt; &lt;base64(HMAC-SHA256(key = API key,
 *                                    message = &lt;path incl. query&gt; + " " + &lt;timestamp&gt;))&gt;
 * </pre>
 * The path and query are the request target exactly as sent (raw, percent-encoded), the timestamp ISO-8601; the
 * service accepts a timestamp within ±5 minutes of its own time. Luotsi writes timestamps as
 * {@code 2026-03-02T10:15:30.123Z} (UTC, milliseconds); {@link #verify} accepts any ISO-8601 date-time with an
 * offset, as the reference clients send ({@code ZonedDateTime.format(ISO_DATE_TIME)}, {@code moment().format()}).
 * The API key is used as the UTF-8 bytes of its text. Immutable and thread-safe; {@link #toString()} never shows the
 * key.
 */
public final class ValtuudetSignature {

    /** {@value} */
    public static final String HEADER = "X-AsiointivaltuudetAuthorization";
    /** How far the timestamp may be from the service's clock: 5 minutes. */
    public static final Duration MAX_CLOCK_DIFFERENCE = Duration.ofMinutes(5);

    private static final String ALGORITHM = "HmacSHA256";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final String clientId;
    private final SecretKeySpec key;

    private ValtuudetSignature(String clientId, SecretKeySpec key) {
        this.clientId = clientId;
        this.key = key;
    }

    /**
     * @param clientId the Web API client id issued at deployment
     * @param apiKey   the API key issued with it
     */
    public static ValtuudetSignature of(String clientId, String apiKey) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(apiKey, "apiKey");
        if (clientId.isEmpty() || !clientId.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException("a client id is printable ASCII without spaces");
        }
        if (apiKey.isEmpty()) {
            throw new IllegalArgumentException("the API key is empty");
        }
        return new ValtuudetSignature(clientId, new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8),
                ALGORITHM));
    }

    public String clientId() {
        return clientId;
    }

    /** The timestamp form Luotsi sends: {@code 2026-03-02T10:15:30.123Z}. */
    public static String timestamp(Instant time) {
        return TIMESTAMP.format(time);
    }

    /** The header value for a request to {@code pathAndQuery} (raw, as sent) at {@code time}. */
    public String headerValue(String pathAndQuery, Instant time) {
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        String timestamp = timestamp(time);
        return clientId + " " + timestamp + " " + mac(pathAndQuery, timestamp);
    }

    /**
     * Checks a header value as the service does: three parts separated by single spaces, this client id, a timestamp
     * within {@link #MAX_CLOCK_DIFFERENCE} of {@code now}, and the HMAC over {@code pathAndQuery} and that exact
     * timestamp text.
     *
     * @return why it is refused, or empty when it is valid
     */
    public Optional<String> verify(String headerValue, String pathAndQuery, Instant now) {
        if (headerValue == null) {
            return Optional.of("no " + HEADER + " header");
        }
        String[] parts = headerValue.split(" ", -1);
        if (parts.length != 3) {
            return Optional.of("the header is not '<clientId> <timestamp> <signature>'");
        }
        if (!parts[0].equals(clientId)) {
            return Optional.of("unknown client id");
        }
        Instant timestamp;
        try {
            timestamp = OffsetDateTime.parse(parts[1], DateTimeFormatter.ISO_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return Optional.of("the timestamp is not an ISO-8601 date-time with an offset");
        }
        if (Duration.between(timestamp, now).abs().compareTo(MAX_CLOCK_DIFFERENCE) > 0) {
            return Optional.of("the timestamp is more than " + MAX_CLOCK_DIFFERENCE.toMinutes() + " minutes from the "
                    + "service's time");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Optional.of("the signature is not base64");
        }
        byte[] expected = Base64.getDecoder().decode(mac(pathAndQuery, parts[1]));
        if (!MessageDigest.isEqual(given, expected)) {
            return Optional.of("the signature does not match the path, query and timestamp");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "ValtuudetSignature[" + clientId + ", HMAC-SHA256]";
    }

    private String mac(String pathAndQuery, String timestamp) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] h = mac.doFinal((pathAndQuery + " " + timestamp).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
