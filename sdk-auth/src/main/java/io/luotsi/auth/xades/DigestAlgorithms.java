package io.luotsi.auth.xades;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/** XML-DSig digest algorithm URIs and their JCA names. */
final class DigestAlgorithms {

    static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    static final String SHA224 = "http://www.w3.org/2001/04/xmldsig-more#sha224";
    static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    static final String SHA384 = "http://www.w3.org/2001/04/xmldsig-more#sha384";
    static final String SHA512 = "http://www.w3.org/2001/04/xmlenc#sha512";

    private static final Map<String, String> JCA = Map.of(
            SHA1, "SHA-1", SHA224, "SHA-224", SHA256, "SHA-256", SHA384, "SHA-384", SHA512, "SHA-512");
    private static final Map<String, String> URIS = Map.of(
            "SHA-1", SHA1, "SHA-224", SHA224, "SHA-256", SHA256, "SHA-384", SHA384, "SHA-512", SHA512);

    private DigestAlgorithms() {
    }

    /** The JCA name of the algorithm the URI names, or null when it is not one of the SHA-1/SHA-2 digests. */
    static String jcaName(String uri) {
        return uri == null ? null : JCA.get(uri);
    }

    /** The URI of a JCA digest name, or null. */
    static String uri(String jcaName) {
        return jcaName == null ? null : URIS.get(jcaName);
    }

    static MessageDigest newDigest(String jcaName) {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK provides " + jcaName, e);
        }
    }
}
