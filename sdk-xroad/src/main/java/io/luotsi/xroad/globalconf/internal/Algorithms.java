package io.luotsi.xroad.globalconf.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import java.util.Map;

/**
 * The XML-DSig algorithm URIs X-Road uses in signed directories, mapped to JCA names. Only JDK providers: RSA PKCS#1
 * v1.5, RSASSA-PSS and ECDSA (ASN.1 DER signatures, as X-Road writes them).
 */
public final class Algorithms {

    public static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    public static final String SHA224 = "http://www.w3.org/2001/04/xmldsig-more#sha224";
    public static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public static final String SHA384 = "http://www.w3.org/2001/04/xmldsig-more#sha384";
    public static final String SHA512 = "http://www.w3.org/2001/04/xmlenc#sha512";

    public static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    public static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    public static final String RSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
    public static final String RSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
    public static final String ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    public static final String ECDSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384";
    public static final String ECDSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512";
    public static final String RSA_PSS_SHA256 = "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1";
    public static final String RSA_PSS_SHA384 = "http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1";
    public static final String RSA_PSS_SHA512 = "http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1";

    private static final Map<String, String> DIGESTS = Map.of(
            SHA1, "SHA-1", SHA224, "SHA-224", SHA256, "SHA-256", SHA384, "SHA-384", SHA512, "SHA-512");

    private static final Map<String, String> SIGNATURES = Map.ofEntries(
            Map.entry(RSA_SHA1, "SHA1withRSA"), Map.entry(RSA_SHA256, "SHA256withRSA"),
            Map.entry(RSA_SHA384, "SHA384withRSA"), Map.entry(RSA_SHA512, "SHA512withRSA"),
            Map.entry(ECDSA_SHA256, "SHA256withECDSA"), Map.entry(ECDSA_SHA384, "SHA384withECDSA"),
            Map.entry(ECDSA_SHA512, "SHA512withECDSA"),
            Map.entry(RSA_PSS_SHA256, "SHA-256"), Map.entry(RSA_PSS_SHA384, "SHA-384"),
            Map.entry(RSA_PSS_SHA512, "SHA-512"));

    private Algorithms() {
    }

    /** The JCA digest name for an XML-DSig digest URI, or {@code null} when unknown. */
    public static String digestName(String uri) {
        return uri == null ? null : DIGESTS.get(uri.trim());
    }

    /** A fresh digest for the URI, or {@code null} when the URI is unknown. */
    public static MessageDigest digest(String uri) {
        String name = digestName(uri);
        if (name == null) {
            return null;
        }
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + name, e);
        }
    }

    public static boolean isKnownSignature(String uri) {
        return uri != null && SIGNATURES.containsKey(uri.trim());
    }

    /** A fresh, unkeyed {@link Signature} for the URI, or {@code null} when the URI is unknown. */
    public static Signature signature(String uri) {
        if (uri == null) {
            return null;
        }
        String u = uri.trim();
        String name = SIGNATURES.get(u);
        if (name == null) {
            return null;
        }
        try {
            if (u.endsWith("-rsa-MGF1")) {
                Signature s = Signature.getInstance("RSASSA-PSS");
                int saltLength = switch (name) {
                    case "SHA-256" -> 32;
                    case "SHA-384" -> 48;
                    default -> 64;
                };
                s.setParameter(new PSSParameterSpec(name, "MGF1", new MGF1ParameterSpec(name), saltLength, 1));
                return s;
            }
            return Signature.getInstance(name);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + name, e);
        }
    }

    /** The default signature URI for a key algorithm ({@code RSA} or {@code EC}) with SHA-512. */
    public static String defaultSignatureFor(String keyAlgorithm) {
        return switch (keyAlgorithm.toUpperCase(Locale.ROOT)) {
            case "RSA" -> RSA_SHA512;
            case "EC", "ECDSA" -> ECDSA_SHA512;
            default -> throw new IllegalArgumentException("unsupported key algorithm " + keyAlgorithm
                    + " (RSA or EC)");
        };
    }
}
