package io.luotsi.xroad.consent;

import io.luotsi.auth.consent.AuthorizationEvidence;
import io.luotsi.auth.consent.LegalBasis;
import io.luotsi.auth.consent.Purpose;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The two headers in which Luotsi carries consent over X-Road REST, and their format. Neither has the
 * {@code X-Road-} prefix: those names belong to the X-Road protocol, and Security Servers rewrite some of them; any
 * other header passes both Security Servers unchanged (PR-REST), so the provider receives these as the consumer sent
 * them.
 *
 * <pre>
 * Luotsi-Purpose: benefit-eligibility; basis=A6-1-a; categories=address,name
 * Luotsi-Purpose: tax-assessment; basis=A6-1-c; categories=address,income; ref=Taxation%20Act%20%C2%A7%2059
 * Luotsi-Authorization: consent-receipt eyJhbGciOiJFUzI1NiIsIng1YyI6WyJNSUlC...
 * Luotsi-Authorization: consent-reference 91e9844d-3b5e-4df8-9254-42316b1607b6
 * Luotsi-Authorization: mandate http://valtuusrekisteri.suomi.fi/hakemuksen_jattaminen
 * Luotsi-Authorization: legal-basis A6-1-c
 * </pre>
 *
 * {@value #PURPOSE}: the purpose code, then {@code ;}-separated parameters: {@code basis} (the DPV code of the legal
 * basis, required), {@code categories} (the data categories, comma-separated, required) and {@code ref} (the legal
 * reference, percent-encoded UTF-8, when there is one). Unknown parameters are ignored. The same text is the
 * {@code X-Road-Issue} (SOAP {@code issue}) when the caller gives none.
 *
 * <p>{@value #AUTHORIZATION}: the evidence type, one space, the token (printable ASCII without spaces): a compact JWS
 * for {@code consent-receipt}, the consent reference, the mandate issue URI, the legal basis code.
 */
public final class ConsentHeaders {

    /** {@value} */
    public static final String PURPOSE = "Luotsi-Purpose";
    /** {@value} */
    public static final String AUTHORIZATION = "Luotsi-Authorization";

    /**
     * {@value}: the namespace of the SOAP header element that carries the purpose, {@code <luotsi:purpose>}, whose
     * text is the {@value #PURPOSE} value. X-Road passes unknown header elements through unchanged (PR-MESS §2.3), as
     * it passes unknown REST headers. The evidence travels in the standard {@code securityToken} (PR-SECTOKEN).
     */
    public static final String SOAP_NAMESPACE = "urn:luotsi:consent";

    /** The local name of the SOAP purpose header element. */
    public static final String SOAP_PURPOSE_ELEMENT = "purpose";

    /** The {@code tokenType} prefix of Luotsi's non-JWT evidence: {@code urn:luotsi:evidence:<type>}. */
    public static final String EVIDENCE_TOKEN_TYPE_PREFIX = "urn:luotsi:evidence:";

    private ConsentHeaders() {
    }

    /** The evidence a request presents: its type and token, not yet verified. */
    public record PresentedEvidence(String type, String token) {
        public PresentedEvidence {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(token, "token");
        }

        /** The token is not printed: it can be a receipt naming the data subject. */
        @Override
        public String toString() {
            return "PresentedEvidence[" + type + ", " + token.length() + " chars]";
        }
    }

    /** The {@value #PURPOSE} value of a purpose (its description is not sent). */
    public static String purposeValue(Purpose purpose) {
        StringBuilder sb = new StringBuilder(purpose.code()).append("; basis=").append(purpose.legalBasis().code())
                .append("; categories=").append(String.join(",", purpose.dataCategories()));
        if (purpose.legalReference() != null) {
            sb.append("; ref=");
            percentEncode(purpose.legalReference(), sb);
        }
        return sb.toString();
    }

    /**
     * Reads a {@value #PURPOSE} value.
     *
     * @throws IllegalArgumentException when it is malformed
     */
    public static Purpose parsePurpose(String value) {
        Objects.requireNonNull(value, "value");
        String[] parts = value.split(";");
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(PURPOSE + ": parameter without a value");
            }
            params.putIfAbsent(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
        }
        String basis = params.get("basis");
        String categories = params.get("categories");
        if (basis == null || categories == null) {
            throw new IllegalArgumentException(PURPOSE + " needs basis= and categories=");
        }
        String ref = params.get("ref");
        return Purpose.builder(parts[0].trim())
                .legalBasis(LegalBasis.parse(basis))
                .legalReference(ref == null ? null : percentDecode(ref))
                .dataCategories(Arrays.stream(categories.split(",")).map(String::trim).toList())
                .build();
    }

    /** The SOAP header element carrying a purpose: {@code <luotsi:purpose xmlns:luotsi="urn:luotsi:consent">…}. */
    public static String soapPurposeElement(Purpose purpose) {
        String value = purposeValue(purpose).replace("&", "&amp;").replace("<", "&lt;");
        return "<luotsi:" + SOAP_PURPOSE_ELEMENT + " xmlns:luotsi=\"" + SOAP_NAMESPACE + "\">" + value + "</luotsi:"
                + SOAP_PURPOSE_ELEMENT + ">";
    }

    /**
     * The evidence type a SOAP {@code securityToken}'s {@code tokenType} stands for: a JWT is a
     * {@code consent-receipt}, {@code urn:luotsi:evidence:<type>} is {@code <type>}.
     *
     * @throws IllegalArgumentException for any other token type
     */
    public static String evidenceType(String tokenType) {
        Objects.requireNonNull(tokenType, "tokenType");
        if (tokenType.equals(AuthorizationEvidence.JWT_TOKEN_TYPE)) {
            return "consent-receipt";
        }
        if (tokenType.startsWith(EVIDENCE_TOKEN_TYPE_PREFIX) && tokenType.length() > EVIDENCE_TOKEN_TYPE_PREFIX.length()) {
            return tokenType.substring(EVIDENCE_TOKEN_TYPE_PREFIX.length());
        }
        throw new IllegalArgumentException("securityToken tokenType " + tokenType + " is not consent evidence");
    }

    /** The {@value #AUTHORIZATION} value of evidence. */
    public static String authorizationValue(AuthorizationEvidence evidence) {
        return authorizationValue(evidence.type(), evidence.token());
    }

    static String authorizationValue(String type, String token) {
        requireToken(type, "type");
        requireToken(token, "token");
        return type + " " + token;
    }

    /**
     * Reads a {@value #AUTHORIZATION} value.
     *
     * @throws IllegalArgumentException when it is not {@code <type> <token>}
     */
    public static PresentedEvidence parseAuthorization(String value) {
        Objects.requireNonNull(value, "value");
        int space = value.indexOf(' ');
        if (space <= 0 || space == value.length() - 1 || value.indexOf(' ', space + 1) >= 0) {
            throw new IllegalArgumentException(AUTHORIZATION + " is not '<type> <token>'");
        }
        return new PresentedEvidence(value.substring(0, space), value.substring(space + 1));
    }

    private static void requireToken(String s, String name) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException("the evidence " + name + " must be printable ASCII without spaces");
        }
    }

    private static void percentEncode(String s, StringBuilder out) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
    }

    private static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException(PURPOSE + ": incomplete percent-encoding in ref");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException(PURPOSE + ": invalid percent-encoding in ref");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
