package io.luotsi.auth.xades;

import io.luotsi.auth.KeyMaterial;
import io.luotsi.auth.tsp.TimestampAuthority;
import io.luotsi.core.ConfigurationException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Makes XAdES signatures in the profile X-Road uses for messages, the counterpart of {@link XadesSignature}:
 * RSA-SHA512 (or ECDSA, EdDSA by key type) over C14N 1.0 {@code ds:SignedInfo}, SHA-512 reference digests, signed
 * properties with the signing time, the signing certificate's digest and issuer/serial, the X-Road signature policy
 * ({@code urn:oid:1.3.6.1.4.1.3516.16.2}) and each data object's MIME type. Immutable and thread-safe.
 *
 * <pre>{@code
 * XadesSigner signer = XadesSigner.builder().keyMaterial(memberSigningKey).clock(clock).build();
 * XadesSignature signature = signer.sign(
 *         List.of(XadesReference.of("/message.xml", messageXml, "text/xml")),
 *         timestampAuthority,                    // stamps the signature value
 *         List.of(ocspResponseForSigningCert));  // unsigned xades:RevocationValues
 * byte[] signaturesXml = signature.encoded();
 * }</pre>
 *
 * <p>The output is as small as the profile allows: no XML declaration, no whitespace outside the signed parts and no
 * attributes nobody checks, so that every byte of it is either signed or read by a verifier.
 */
public final class XadesSigner {

    private static final String NS_ASIC = "http://uri.etsi.org/02918/v1.2.1#";
    private static final String NS_XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties";
    private static final String POLICY_ID = "urn:oid:1.3.6.1.4.1.3516.16.2";
    private static final String POLICY_DESCRIPTION = "Profile for High Performance Digital Signatures (version 1.2)";
    /** The SHA-512 digest of the policy document, as X-Road states it. */
    private static final String POLICY_DIGEST =
            "BuO0EDNfkxSVlUbxCzmQPzX1AUF1/xx9ytWHk3/6SAOePxQiniEfDYk+90QeYb3lWpV3Izhuz9fKaYyE+lTcXw==";
    private static final String POLICY_URI = "https://repo.cyber.ee/dsig-profile-1.2.pdf";
    private static final DateTimeFormatter SIGNING_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> DIGESTS = Set.of("SHA-256", "SHA-384", "SHA-512");

    private final KeyMaterial keyMaterial;
    private final String digestAlgorithm;
    private final Clock clock;

    private XadesSigner(Builder b) {
        this.keyMaterial = b.keyMaterial;
        this.digestAlgorithm = b.digestAlgorithm;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Signs the data objects, time-stamps the signature value with {@code timestampAuthority} and adds the token and
     * the OCSP responses as unsigned properties.
     */
    public XadesSignature sign(List<XadesReference> references, TimestampAuthority timestampAuthority,
                               List<byte[]> ocspResponses) {
        Objects.requireNonNull(timestampAuthority, "timestampAuthority");
        Objects.requireNonNull(ocspResponses, "ocspResponses");
        XadesSignature signature = sign(references);
        byte[] token = timestampAuthority.timestamp(signature.signatureValue()).encoded();
        return signature.withUnsignedProperties(token, List.copyOf(ocspResponses));
    }

    /**
     * Signs the data objects; the signature has empty unsigned properties.
     *
     * @throws ConfigurationException when the signing certificate is not valid at the clock's time or the key cannot
     *     sign
     */
    public XadesSignature sign(List<XadesReference> references) {
        Objects.requireNonNull(references, "references");
        if (references.isEmpty()) {
            throw new IllegalArgumentException("a signature signs at least one data object");
        }
        keyMaterial.requireValidAt(clock);
        SantuarioResolvers.init();
        X509Certificate certificate = keyMaterial.certificate();
        String digestUri = DigestAlgorithms.uri(digestAlgorithm);
        Document doc = XmlDocuments.newDocument();
        Element root = doc.createElementNS(NS_ASIC, "asic:XAdESSignatures");
        root.setAttributeNS(XmlDocuments.NS_XMLNS, "xmlns:asic", NS_ASIC);
        root.setAttributeNS(XmlDocuments.NS_XMLNS, "xmlns:ds", XmlDocuments.NS_DS);
        root.setAttributeNS(XmlDocuments.NS_XMLNS, "xmlns:xades", XmlDocuments.NS_XADES);
        root.setAttributeNS(XmlDocuments.NS_XMLNS, "xmlns:xsi", NS_XSI);
        doc.appendChild(root);
        try {
            XMLSignature signature = keyMaterial.provider().isPresent()
                    ? new XMLSignature(doc, null, signatureAlgorithm(), Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS,
                            keyMaterial.provider().get())
                    : new XMLSignature(doc, null, signatureAlgorithm(), Canonicalizer.ALGO_ID_C14N_OMIT_COMMENTS);
            signature.setId("signature");
            root.appendChild(signature.getElement());

            List<String> referenceIds = new ArrayList<>();
            for (int i = 0; i < references.size(); i++) {
                String id = "signature-reference-" + i;
                referenceIds.add(id);
                signature.addDocument(references.get(i).uri(), null, digestUri, id, null);
            }
            signature.addDocument("#signed-properties", null, digestUri, "signature-reference-" + references.size(),
                    SIGNED_PROPERTIES_TYPE);
            signature.addKeyInfo(certificate);

            ObjectContainer object = new ObjectContainer(doc);
            object.appendChild(qualifyingProperties(doc, certificate, references, referenceIds));
            signature.appendObject(object);

            signature.addResourceResolver(SantuarioResolvers.ids(doc));
            signature.addResourceResolver(SantuarioResolvers.of(uri -> references.stream()
                    .filter(r -> r.uri().equals(uri)).findFirst().map(XadesReference::data)));
            signature.sign(keyMaterial.privateKey());
        } catch (XMLSecurityException e) {
            throw new ConfigurationException("cannot make a XAdES signature with " + keyMaterial + ": "
                    + e.getMessage(), e);
        }
        return XadesSignature.of(XmlDocuments.serialize(doc));
    }

    private Element qualifyingProperties(Document doc, X509Certificate certificate, List<XadesReference> references,
                                         List<String> referenceIds) {
        Element qp = xades(doc, "QualifyingProperties");
        qp.setAttributeNS(null, "Target", "#signature");
        Element sp = xades(doc, "SignedProperties");
        sp.setAttributeNS(null, "Id", "signed-properties");
        qp.appendChild(sp);

        Element ssp = xades(doc, "SignedSignatureProperties");
        sp.appendChild(ssp);
        ssp.appendChild(text(xades(doc, "SigningTime"), SIGNING_TIME.format(clock.instant())));

        Element cert = xades(doc, "Cert");
        Element certDigest = xades(doc, "CertDigest");
        try {
            certDigest.appendChild(digestMethod(doc));
            certDigest.appendChild(text(ds(doc, "DigestValue"), Base64.getEncoder().encodeToString(
                    DigestAlgorithms.newDigest(digestAlgorithm).digest(certificate.getEncoded()))));
        } catch (CertificateEncodingException e) {
            throw new ConfigurationException("the signing certificate cannot be encoded", e);
        }
        cert.appendChild(certDigest);
        Element issuerSerial = xades(doc, "IssuerSerial");
        issuerSerial.appendChild(text(ds(doc, "X509IssuerName"), certificate.getIssuerX500Principal().getName()));
        issuerSerial.appendChild(text(ds(doc, "X509SerialNumber"), certificate.getSerialNumber().toString()));
        cert.appendChild(issuerSerial);
        Element signingCertificate = xades(doc, "SigningCertificate");
        signingCertificate.appendChild(cert);
        ssp.appendChild(signingCertificate);

        Element policyId = xades(doc, "SignaturePolicyId");
        Element sigPolicyId = xades(doc, "SigPolicyId");
        Element identifier = text(xades(doc, "Identifier"), POLICY_ID);
        identifier.setAttributeNS(null, "Qualifier", "OIDAsURN");
        sigPolicyId.appendChild(identifier);
        sigPolicyId.appendChild(text(xades(doc, "Description"), POLICY_DESCRIPTION));
        policyId.appendChild(sigPolicyId);
        Element policyHash = xades(doc, "SigPolicyHash");
        Element policyDigestMethod = ds(doc, "DigestMethod");
        policyDigestMethod.setAttributeNS(null, "Algorithm", DigestAlgorithms.SHA512);
        policyHash.appendChild(policyDigestMethod);
        policyHash.appendChild(text(ds(doc, "DigestValue"), POLICY_DIGEST));
        policyId.appendChild(policyHash);
        Element qualifiers = xades(doc, "SigPolicyQualifiers");
        Element qualifier = xades(doc, "SigPolicyQualifier");
        qualifier.appendChild(text(xades(doc, "SPURI"), POLICY_URI));
        qualifiers.appendChild(qualifier);
        policyId.appendChild(qualifiers);
        Element policy = xades(doc, "SignaturePolicyIdentifier");
        policy.appendChild(policyId);
        ssp.appendChild(policy);

        Element sdop = xades(doc, "SignedDataObjectProperties");
        for (int i = 0; i < references.size(); i++) {
            if (references.get(i).mimeType() == null) {
                continue;
            }
            Element format = xades(doc, "DataObjectFormat");
            format.setAttributeNS(null, "ObjectReference", "#" + referenceIds.get(i));
            format.appendChild(text(xades(doc, "MimeType"), references.get(i).mimeType()));
            sdop.appendChild(format);
        }
        if (sdop.hasChildNodes()) {
            sp.appendChild(sdop);
        }

        Element up = xades(doc, "UnsignedProperties");
        up.appendChild(xades(doc, "UnsignedSignatureProperties"));
        qp.appendChild(up);
        return qp;
    }

    private Element digestMethod(Document doc) {
        Element e = ds(doc, "DigestMethod");
        e.setAttributeNS(null, "Algorithm", DigestAlgorithms.uri(digestAlgorithm));
        return e;
    }

    private static Element xades(Document doc, String name) {
        return doc.createElementNS(XmlDocuments.NS_XADES, "xades:" + name);
    }

    private static Element ds(Document doc, String name) {
        return doc.createElementNS(XmlDocuments.NS_DS, "ds:" + name);
    }

    private static Element text(Element e, String text) {
        e.setTextContent(text);
        return e;
    }

    private String signatureAlgorithm() {
        String keyAlgorithm = keyMaterial.privateKey().getAlgorithm();
        return switch (keyAlgorithm) {
            case "RSA" -> switch (digestAlgorithm) {
                case "SHA-256" -> XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256;
                case "SHA-384" -> XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA384;
                default -> XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512;
            };
            case "EC" -> switch (digestAlgorithm) {
                case "SHA-256" -> XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256;
                case "SHA-384" -> XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA384;
                default -> XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA512;
            };
            case "Ed25519", "EdDSA" -> XMLSignature.ALGO_ID_SIGNATURE_EDDSA_ED25519;
            default -> throw new ConfigurationException("cannot make a XAdES signature with a " + keyAlgorithm
                    + " key");
        };
    }

    @Override
    public String toString() {
        return "XadesSigner[" + keyMaterial.certificate().getSubjectX500Principal().getName() + ", " + digestAlgorithm
                + "]";
    }

    /** Builds a {@link XadesSigner}; the key material is required. */
    public static final class Builder {
        private KeyMaterial keyMaterial;
        private String digestAlgorithm = "SHA-512";
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The signing key and certificate (for X-Road, a member's signing certificate). */
        public Builder keyMaterial(KeyMaterial keyMaterial) {
            this.keyMaterial = Objects.requireNonNull(keyMaterial, "keyMaterial");
            return this;
        }

        /** The digest of references and of the signature: {@code SHA-512} (X-Road's, the default), -384 or -256. */
        public Builder digestAlgorithm(String algorithm) {
            Objects.requireNonNull(algorithm, "algorithm");
            if (!DIGESTS.contains(algorithm)) {
                throw new IllegalArgumentException("digest algorithm must be one of " + DIGESTS + ", was " + algorithm);
            }
            this.digestAlgorithm = algorithm;
            return this;
        }

        /** The clock for the signing time and the certificate validity check; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws IllegalStateException without key material */
        public XadesSigner build() {
            if (keyMaterial == null) {
                throw new IllegalStateException("keyMaterial is required");
            }
            return new XadesSigner(this);
        }
    }
}
