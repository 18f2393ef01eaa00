package io.luotsi.auth;

import io.luotsi.core.ConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The objects of one PEM file, parsed with Bouncy Castle. Every failure is a {@link ConfigurationException} that names
 * the file and the problem, and never quotes the file's content or a password.
 */
final class PemFile {

    /** Key algorithms by OID, as the JDK's key factories name them. */
    private static final Map<ASN1ObjectIdentifier, String> JDK_KEY_ALGORITHMS = Map.of(
            PKCSObjectIdentifiers.rsaEncryption, "RSA",
            X9ObjectIdentifiers.id_ecPublicKey, "EC",
            EdECObjectIdentifiers.id_Ed25519, "Ed25519",
            EdECObjectIdentifiers.id_Ed448, "Ed448");

    private final Path path;
    private final List<Object> objects;

    private PemFile(Path path, List<Object> objects) {
        this.path = path;
        this.objects = objects;
    }

    static PemFile read(Path path) {
        byte[] bytes = MaterialFiles.read(path);
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(new String(bytes, StandardCharsets.ISO_8859_1)))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                objects.add(o);
            }
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle's messages name the block type or the encoding problem, not the data.
            throw new ConfigurationException(path + ": not valid PEM (" + e.getMessage() + ")", e);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
        if (objects.isEmpty()) {
            throw new ConfigurationException(path + ": contains no PEM data (expected blocks such as "
                    + "'-----BEGIN CERTIFICATE-----'; a DER file can be converted with openssl)");
        }
        return new PemFile(path, List.copyOf(objects));
    }

    Path path() {
        return path;
    }

    /** The certificates in file order; any private key in the file is an error (a certificate file gets shared). */
    List<X509Certificate> certificates() {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object o : objects) {
            X509CertificateHolder holder;
            if (o instanceof X509CertificateHolder h) {
                holder = h;
            } else if (o instanceof X509TrustedCertificateBlock t) {
                holder = t.getCertificateHolder();
            } else if (isPrivateKey(o)) {
                throw new ConfigurationException(path + ": contains a private key; a certificate file must hold "
                        + "certificates only (keep the key in its own file)");
            } else {
                throw new ConfigurationException(path + ": contains a " + describe(o)
                        + " where only certificates are expected");
            }
            try {
                certificates.add(converter.getCertificate(holder));
            } catch (CertificateException e) {
                throw new ConfigurationException(path + ": certificate #" + (certificates.size() + 1)
                        + " cannot be read (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        return certificates;
    }

    /**
     * The one private key of the file: PKCS#8, PKCS#1 (RSA), SEC1 (EC), encrypted PKCS#8 or legacy OpenSSL-encrypted.
     * Certificates and EC parameter blocks beside it are ignored.
     *
     * @param password for an encrypted key; may be null when the key is not encrypted
     */
    PrivateKey privateKey(char[] password) {
        List<Object> keys = objects.stream().filter(PemFile::isPrivateKey).toList();
        if (keys.isEmpty()) {
            String found = objects.stream().map(PemFile::describe).distinct().collect(Collectors.joining(", "));
            throw new ConfigurationException(path + ": contains no private key (found: " + found + ")");
        }
        if (keys.size() > 1) {
            throw new ConfigurationException(path + ": contains " + keys.size() + " private keys; expected one");
        }
        for (Object o : objects) {
            if (!isPrivateKey(o) && !(o instanceof X509CertificateHolder) && !(o instanceof ASN1ObjectIdentifier)
                    && !(o instanceof X9ECParameters)) {
                throw new ConfigurationException(path + ": contains a " + describe(o) + " beside the private key");
            }
        }
        Object key = keys.get(0);
        PrivateKeyInfo info;
        if (key instanceof PrivateKeyInfo plain) {
            info = plain;
        } else if (key instanceof PEMKeyPair pair) {
            info = pair.getPrivateKeyInfo();
        } else {
            if (password == null) {
                throw new ConfigurationException(path + ": the private key is encrypted; a password is needed "
                        + "(or store the key unencrypted)");
            }
            info = decrypt(key, password);
        }
        return toJdkKey(withCurve(info));
    }

    /**
     * An EC key names its curve in its algorithm identifier; a SEC1 key written without one can take it from an
     * {@code EC PARAMETERS} block in the same file, as {@code openssl ecparam -genkey} writes.
     */
    private PrivateKeyInfo withCurve(PrivateKeyInfo info) {
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        if (!algorithm.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
                || algorithm.getParameters() != null && !(algorithm.getParameters() instanceof ASN1Null)) {
            return info;
        }
        ASN1Encodable curve = objects.stream()
                .filter(o -> o instanceof ASN1ObjectIdentifier || o instanceof X9ECParameters)
                .map(o -> (ASN1Encodable) o).findFirst()
                .orElseThrow(() -> new ConfigurationException(path + ": the EC private key does not name its curve "
                        + "(and the file has no EC PARAMETERS block)"));
        try {
            return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve),
                    info.parsePrivateKey());
        } catch (IOException e) {
            throw new ConfigurationException(path + ": the EC private key cannot be read", e);
        }
    }

    /**
     * A key object of the JDK's own providers (SunRsaSign, SunEC), which JSSE and every JCA provider accept. Bouncy
     * Castle's converter would ask for an "ECDSA" key factory, which the JDK does not have.
     */
    private PrivateKey toJdkKey(PrivateKeyInfo info) {
        ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        String algorithm = JDK_KEY_ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new ConfigurationException(path + ": the private key's algorithm (" + oid + ") is not supported");
        }
        byte[] encoded = null;
        try {
            encoded = info.getEncoded();
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException(path + ": the " + algorithm + " private key cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        } finally {
            if (encoded != null) {
                java.util.Arrays.fill(encoded, (byte) 0);
            }
        }
    }

    private PrivateKeyInfo decrypt(Object key, char[] password) {
        try {
            if (key instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                return encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                        .setProvider(CryptoProviders.bouncyCastle()).build(password));
            }
            PEMEncryptedKeyPair legacy = (PEMEncryptedKeyPair) key;
            return legacy.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                    .setProvider(CryptoProviders.bouncyCastle()).build(password)).getPrivateKeyInfo();
        } catch (Exception e) {
            // A wrong password shows up as a padding, MAC or ASN.1 error; none of them is worth more detail here, and
            // the exception is not chained: decryption errors can carry fragments of the (wrongly) decrypted data.
            throw new ConfigurationException(path + ": cannot decrypt the private key: wrong password, or an "
                    + "encryption scheme that is not supported (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static boolean isPrivateKey(Object o) {
        return o instanceof PrivateKeyInfo || o instanceof PEMKeyPair || o instanceof PEMEncryptedKeyPair
                || o instanceof PKCS8EncryptedPrivateKeyInfo;
    }

    /** What a parsed PEM object is, in words (never its content). */
    private static String describe(Object o) {
        if (o instanceof X509CertificateHolder || o instanceof X509TrustedCertificateBlock) {
            return "certificate";
        }
        if (isPrivateKey(o)) {
            return "private key";
        }
        if (o instanceof org.bouncycastle.asn1.x509.SubjectPublicKeyInfo) {
            return "public key";
        }
        if (o instanceof org.bouncycastle.pkcs.PKCS10CertificationRequest) {
            return "certificate request";
        }
        if (o instanceof org.bouncycastle.cert.X509CRLHolder) {
            return "certificate revocation list";
        }
        if (o instanceof ASN1ObjectIdentifier || o instanceof X9ECParameters) {
            return "EC parameters block";
        }
        return "PEM block of type " + o.getClass().getSimpleName();
    }
}
