package io.luotsi.xroad.globalconf.internal;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** X.509 certificates from DER, base64 (whitespace allowed) or PEM, through the JDK's {@link CertificateFactory}. */
public final class Certificates {

    private static final ThreadLocal<CertificateFactory> FACTORY = ThreadLocal.withInitial(() -> {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("JDK lacks X.509", e);
        }
    });

    private Certificates() {
    }

    /** Parses DER or PEM bytes. */
    public static X509Certificate parse(byte[] derOrPem) throws CertificateException {
        java.security.cert.Certificate c = FACTORY.get().generateCertificate(new ByteArrayInputStream(derOrPem));
        if (!(c instanceof X509Certificate x)) {
            throw new CertificateException("not an X.509 certificate");
        }
        return x;
    }

    /** Parses base64 DER as it appears in XML (line breaks and indentation allowed). */
    public static X509Certificate parseBase64(String base64) throws CertificateException {
        byte[] der;
        try {
            der = decodeBase64(base64);
        } catch (IllegalArgumentException e) {
            throw new CertificateException("certificate is not base64: " + e.getMessage(), e);
        }
        return parse(der);
    }

    /** Base64 with any whitespace ignored; strict otherwise. */
    public static byte[] decodeBase64(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        return Base64.getDecoder().decode(sb.toString());
    }

    public static byte[] der(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    public static String base64(X509Certificate cert) {
        return Base64.getEncoder().encodeToString(der(cert));
    }
}
