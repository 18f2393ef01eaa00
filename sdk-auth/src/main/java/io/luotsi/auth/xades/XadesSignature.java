package io.luotsi.auth.xades;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.KeyInfo;
import org.apache.xml.security.signature.Manifest;
import org.apache.xml.security.signature.MissingResourceFailureException;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A XAdES signature in the profile X-Road uses for messages ("Profile for High Performance Digital Signatures"): an
 * {@code asic:XAdESSignatures} document with one {@code ds:Signature}, whose references point at the signed data
 * ({@code /message.xml}, {@code /attachment1}, or a hash chain result) and at its {@code #signed-properties}, with the
 * signing certificate in {@code ds:KeyInfo} and, unsigned, the OCSP responses for it and the signature time-stamp.
 *
 * <pre>{@code
 * XadesSignature signature = XadesSignature.parse(signaturesXml);
 * X509Certificate signer = signature.signingCertificate().orElseThrow();
 * signature.verify(signer, uri -> uri.equals("/message.xml")
 *         ? Optional.of(ReferencedData.bytes(messageXml)) : Optional.empty());
 * }</pre>
 *
 * <p>The document is read as X-Road's {@code Signature} reads it: the first element named {@code ds:Signature} is the
 * signature and the first {@code ds:Object} holds its qualifying properties; same-document references resolve to the
 * first element with that {@code Id}; the unsigned values are found by namespace-aware paths under the object. XML-DSig
 * processing (canonicalisation, reference digests, the signature value) is Apache Santuario's, with its secure
 * validation on. Unlike X-Road, base64 values that a verifier decodes must be canonical (padding present, no stray
 * characters, unused bits zero): otherwise different bytes would decode to the same value.
 *
 * <p>Instances are immutable from the outside, but hold a DOM: use one from one thread at a time.
 */
public final class XadesSignature {

    private static final String SIGNATURE_TAG = "ds:Signature";
    private static final String OBJECT_TAG = "ds:Object";
    private static final String[] UNSIGNED_PATH = {"QualifyingProperties", "UnsignedProperties",
        "UnsignedSignatureProperties"};
    private static final String TS_ROOT_MANIFEST = "ts-root-manifest";

    private final byte[] encoded;
    private final Document document;
    private final Element signatureElement;
    private final Element objectElement;
    private final List<String> referenceUris;

    private XadesSignature(byte[] encoded, Document document, Element signatureElement, Element objectElement,
                           List<String> referenceUris) {
        this.encoded = encoded;
        this.document = document;
        this.signatureElement = signatureElement;
        this.objectElement = objectElement;
        this.referenceUris = referenceUris;
    }

    /**
     * Reads a signature document.
     *
     * @throws XadesVerificationException {@link XadesFailure#INVALID_XML} when it is not well-formed XML,
     *     {@link XadesFailure#MALFORMED_SIGNATURE} when it has no {@code ds:Signature} or {@code ds:Object}, or the
     *     signature's structure is not XML-DSig
     */
    public static XadesSignature parse(byte[] xml) {
        Objects.requireNonNull(xml, "xml");
        SantuarioResolvers.init();
        Document document = XmlDocuments.parse(xml, XadesFailure.INVALID_XML, "the signature document");
        Element signature = XmlDocuments.firstByTagName(document, SIGNATURE_TAG);
        if (signature == null) {
            throw elementNotFound(SIGNATURE_TAG);
        }
        XMLSignature xmlSignature = santuario(signature);
        Element object = XmlDocuments.firstByTagName(document, OBJECT_TAG);
        if (object == null) {
            throw elementNotFound(OBJECT_TAG);
        }
        try {
            new ObjectContainer(object, null);
        } catch (XMLSecurityException e) {
            throw new XadesVerificationException(XadesFailure.MALFORMED_SIGNATURE, "ds:Object is not an XML-DSig "
                    + "object: " + e.getMessage(), e);
        }
        List<String> uris = new ArrayList<>();
        try {
            SignedInfo si = xmlSignature.getSignedInfo();
            for (int i = 0; i < si.getLength(); i++) {
                uris.add(si.item(i).getURI());
            }
        } catch (XMLSecurityException e) {
            throw new XadesVerificationException(XadesFailure.MALFORMED_SIGNATURE, "a reference of the signature "
                    + "cannot be read: " + e.getMessage(), e);
        }
        return new XadesSignature(xml.clone(), document, signature, object, Collections.unmodifiableList(uris));
    }

    static XadesSignature of(byte[] encoded) {
        return parse(encoded);
    }

    private static XMLSignature santuario(Element signature) {
        try {
            return new XMLSignature(signature, null, true);
        } catch (XMLSecurityException | RuntimeException e) {
            throw new XadesVerificationException(XadesFailure.MALFORMED_SIGNATURE, "the signature is not XML-DSig: "
                    + e.getMessage(), e);
        }
    }

    private static XadesVerificationException elementNotFound(String tag) {
        return new XadesVerificationException(XadesFailure.MALFORMED_SIGNATURE, "Could not find element \"" + tag
                + "\"");
    }

    /** The document as it was read (a copy). */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** The URIs of the signature's references, in order ({@code null} for a reference without one). */
    public List<String> referenceUris() {
        return referenceUris;
    }

    /** Whether a reference of the signature has exactly this URI. */
    public boolean references(String uri) {
        return referenceUris.contains(uri);
    }

    /** The {@code Id} of the {@code ds:Signature} element, if it has one. */
    public Optional<String> id() {
        return signatureElement.hasAttributeNS(null, "Id")
                ? Optional.of(signatureElement.getAttributeNS(null, "Id")) : Optional.empty();
    }

    /**
     * The certificate in {@code ds:KeyInfo}, if there is one.
     *
     * @throws XadesVerificationException {@link XadesFailure#MALFORMED_SIGNATURE} when it cannot be read or is not
     *     canonical base64
     */
    public Optional<X509Certificate> signingCertificate() {
        for (Element keyInfo : XmlDocuments.children(signatureElement, XmlDocuments.NS_DS, "KeyInfo")) {
            for (Element data : XmlDocuments.children(keyInfo, XmlDocuments.NS_DS, "X509Data")) {
                for (Element cert : XmlDocuments.children(data, XmlDocuments.NS_DS, "X509Certificate")) {
                    requireCanonicalBase64(cert, "ds:X509Certificate");
                }
            }
        }
        try {
            KeyInfo keyInfo = santuario(signatureElement).getKeyInfo();
            if (keyInfo == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(keyInfo.getX509Certificate());
        } catch (XMLSecurityException | RuntimeException e) {
            throw new XadesVerificationException(XadesFailure.MALFORMED_SIGNATURE, "the signing certificate cannot "
                    + "be read: " + e.getMessage(), e);
        }
    }

    /**
     * The signature value, decoded.
     *
     * @throws XadesVerificationException {@link XadesFailure#MALFORMED_SIGNATURE} when it is missing or not
     *     canonical base64
     */
    public byte[] signatureValue() {
        List<Element> values = XmlDocuments.children(signatureElement, XmlDocuments.NS_DS, "SignatureValue");
        if (values.isEmpty()) {
            throw elementNotFound("ds:SignatureValue");
        }
        return requireCanonicalBase64(values.get(0), "ds:SignatureValue");
    }

    /**
     * The DER-encoded OCSP responses in {@code xades:RevocationValues/xades:OCSPValues}, in order (empty when there
     * are none).
     *
     * @throws XadesVerificationException {@link XadesFailure#MALFORMED_SIGNATURE} when one is not canonical base64
     */
    public List<byte[]> ocspResponses() {
        List<byte[]> result = new ArrayList<>();
        for (Element unsigned : unsignedSignatureProperties()) {
            for (Element rv : XmlDocuments.children(unsigned, XmlDocuments.NS_XADES, "RevocationValues")) {
                for (Element ov : XmlDocuments.children(rv, XmlDocuments.NS_XADES, "OCSPValues")) {
                    for (Element v : XmlDocuments.children(ov, XmlDocuments.NS_XADES, "EncapsulatedOCSPValue")) {
                        result.add(requireCanonicalBase64(v, "xades:EncapsulatedOCSPValue"));
                    }
                }
            }
        }
        return result;
    }

    /**
     * The signature time-stamp token (DER): the first {@code xades:EncapsulatedTimeStamp}, or for documents of the
     * older form the text of {@code xades:SignatureTimeStamp}; empty when there is neither.
     *
     * @throws XadesVerificationException {@link XadesFailure#MALFORMED_SIGNATURE} when it is not canonical base64
     */
    public Optional<byte[]> timestamp() {
        Element e = XmlDocuments.firstByTagName(document, "xades:EncapsulatedTimeStamp");
        if (e == null) {
            e = XmlDocuments.firstByTagName(document, "xades:SignatureTimeStamp");
        }
        return e == null ? Optional.empty() : Optional.of(requireCanonicalBase64(e, e.getTagName()));
    }

    /**
     * The certificates that {@code xades:CompleteCertificateRefs} lists, each found by its {@code URI} among the
     * document's elements and checked against its digest.
     *
     * @throws XadesVerificationException {@link XadesFailure#MALFORMED_SIGNATURE} when a reference has no URI, the
     *     certificate is missing or unreadable, or its digest differs
     */
    public List<X509Certificate> extraCertificates() {
        List<X509Certificate> result = new ArrayList<>();
        for (Element unsigned : unsignedSignatureProperties()) {
            for (Element ccr : XmlDocuments.children(unsigned, XmlDocuments.NS_XADES, "CompleteCertificateRefs")) {
                for (Element refs : XmlDocuments.children(ccr, XmlDocuments.NS_XADES, "CertRefs")) {
                    for (Element cert : XmlDocuments.children(refs, XmlDocuments.NS_XADES, "Cert")) {
                        result.add(extraCertificate(cert));
                    }
                }
            }
        }
        return result;
    }

    private X509Certificate extraCertificate(Element certRef) {
        String id = certRef.getAttributeNS(null, "URI");
        if (id == null || id.isEmpty()) {
            throw new XadesVerificationException(XadesFailure.MALFORMED_SIGNATURE, "Missing certificate id attribute");
        }
        Element certElement = XmlDocuments.byId(document, id.startsWith("#") ? id.substring(1) : id);
        if (certElement == null) {
            throw new XadesVerificationException(XadesFailure.MALFORMED_SIGNATURE, "Could not find certificate with "
                    + "id " + id);
        }
        byte[] der = requireCanonicalBase64(certElement, "xades:EncapsulatedX509Certificate");
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new XadesVerificationException(XadesFailure.MALFORMED_SIGNATURE, "the certificate " + id
                    + " cannot be read", e);
        }
        List<Element> digestParts = XmlDocuments.elements(certRef);
        Element digestAlgAndValue = digestParts.isEmpty() ? null : digestParts.get(0);
        List<Element> dv = digestAlgAndValue == null ? List.of() : XmlDocuments.elements(digestAlgAndValue);
        if (dv.size() < 2) {
            throw new XadesVerificationException(XadesFailure.MALFORMED_SIGNATURE, "the reference to certificate "
                    + id + " has no digest");
        }
        String algorithm = DigestAlgorithms.jcaName(dv.get(0).getAttributeNS(null, "Algorithm"));
        byte[] expected = XmlDocuments.strictBase64(dv.get(dv.size() - 1).getTextContent());
        try {
            if (algorithm == null || expected == null || !java.security.MessageDigest.isEqual(expected,
                    DigestAlgorithms.newDigest(algorithm).digest(certificate.getEncoded()))) {
                throw new XadesVerificationException(XadesFailure.MALFORMED_SIGNATURE, "Certificate ("
                        + certificate.getSerialNumber() + ") digest does not match");
            }
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new XadesVerificationException(XadesFailure.MALFORMED_SIGNATURE, "the certificate " + id
                    + " cannot be encoded", e);
        }
        return certificate;
    }

    /**
     * Verifies the signature value over {@code ds:SignedInfo} with {@code signer}'s public key and the digest of every
     * reference: same-document references ({@code #signed-properties}) within this document, any other with
     * {@code resolver}.
     *
     * @throws XadesVerificationException {@link XadesFailure#INVALID_SIGNATURE_VALUE} when the value or a digest does
     *     not verify, {@link XadesFailure#INVALID_REFERENCE} when a reference cannot be resolved,
     *     {@link XadesFailure#MALFORMED_SIGNATURE} when the value is not canonical base64
     */
    public void verify(X509Certificate signer, ReferenceResolver resolver) {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(resolver, "resolver");
        signatureValue();
        XMLSignature s = santuario(signatureElement);
        s.addResourceResolver(SantuarioResolvers.ids(document));
        s.addResourceResolver(SantuarioResolvers.of(resolver));
        boolean valid;
        try {
            valid = s.checkSignatureValue(signer);
        } catch (XMLSecurityException | RuntimeException e) {
            throw new XadesVerificationException(XadesFailure.INVALID_REFERENCE, "the signature cannot be checked: "
                    + e.getMessage(), e);
        }
        if (!valid) {
            throw new XadesVerificationException(XadesFailure.INVALID_SIGNATURE_VALUE, "Signature is not valid");
        }
    }

    /**
     * Verifies the time-stamp manifests of the older batch time-stamp form: the references of the manifest with
     * {@code Id="ts-root-manifest"}, if the document has one. Nothing to do otherwise.
     *
     * @throws XadesVerificationException {@link XadesFailure#INVALID_REFERENCE} when a manifest does not verify
     */
    public void verifyTimestampManifests() {
        Element root = XmlDocuments.byId(document, TS_ROOT_MANIFEST);
        if (root == null) {
            return;
        }
        try {
            Manifest rootManifest = new Manifest(root, null, true);
            for (int i = 0; i < rootManifest.getLength(); i++) {
                Reference ref = rootManifest.item(i);
                String uri = ref.getURI();
                Element tsManifest = uri == null ? null
                        : XmlDocuments.byId(document, uri.startsWith("#") ? uri.substring(1) : uri);
                if (tsManifest == null) {
                    continue;
                }
                Manifest manifest = new Manifest(tsManifest, null, true);
                manifest.addResourceResolver(SantuarioResolvers.ids(document));
                try {
                    if (!manifest.verifyReferences()) {
                        throw new XadesVerificationException(XadesFailure.INVALID_REFERENCE, "Timestamp manifest "
                                + "verification failed for " + manifest.getId());
                    }
                } catch (MissingResourceFailureException e) {
                    throw new XadesVerificationException(XadesFailure.INVALID_REFERENCE, "Could not find "
                            + e.getReference().getURI(), e);
                }
            }
        } catch (XMLSecurityException e) {
            throw new XadesVerificationException(XadesFailure.INVALID_REFERENCE, "a time-stamp manifest cannot be "
                    + "checked: " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code xades:QualifyingProperties/@Target} names this signature ({@code #} and the signature's
     * {@code Id}), as XAdES requires.
     */
    public boolean qualifyingPropertiesTargetThisSignature() {
        List<Element> qps = XmlDocuments.children(objectElement, XmlDocuments.NS_XADES, "QualifyingProperties");
        if (qps.size() != 1 || id().isEmpty()) {
            return false;
        }
        Element qp = qps.get(0);
        return qp.hasAttributeNS(null, "Target") && qp.getAttributeNS(null, "Target").equals("#" + id().get());
    }

    /** A copy of this signature with a time-stamp token and OCSP responses added as unsigned properties. */
    XadesSignature withUnsignedProperties(byte[] timestampToken, List<byte[]> ocspResponses) {
        Document copy = (Document) document.cloneNode(true);
        Element object = XmlDocuments.firstByTagName(copy, OBJECT_TAG);
        Element unsigned = null;
        for (Element e : XmlDocuments.children(object, XmlDocuments.NS_XADES, "QualifyingProperties")) {
            for (Element up : XmlDocuments.children(e, XmlDocuments.NS_XADES, "UnsignedProperties")) {
                for (Element usp : XmlDocuments.children(up, XmlDocuments.NS_XADES, "UnsignedSignatureProperties")) {
                    unsigned = usp;
                }
            }
        }
        if (unsigned == null) {
            throw new IllegalStateException("the signature has no xades:UnsignedSignatureProperties");
        }
        if (timestampToken != null) {
            Element sts = copy.createElementNS(XmlDocuments.NS_XADES, "xades:SignatureTimeStamp");
            Element ets = copy.createElementNS(XmlDocuments.NS_XADES, "xades:EncapsulatedTimeStamp");
            ets.setTextContent(java.util.Base64.getEncoder().encodeToString(timestampToken));
            sts.appendChild(ets);
            unsigned.appendChild(sts);
        }
        if (!ocspResponses.isEmpty()) {
            Element rv = copy.createElementNS(XmlDocuments.NS_XADES, "xades:RevocationValues");
            Element ov = copy.createElementNS(XmlDocuments.NS_XADES, "xades:OCSPValues");
            for (byte[] der : ocspResponses) {
                Element v = copy.createElementNS(XmlDocuments.NS_XADES, "xades:EncapsulatedOCSPValue");
                v.setTextContent(java.util.Base64.getEncoder().encodeToString(der));
                ov.appendChild(v);
            }
            rv.appendChild(ov);
            unsigned.appendChild(rv);
        }
        return parse(XmlDocuments.serialize(copy));
    }

    private List<Element> unsignedSignatureProperties() {
        List<Element> level = List.of(objectElement);
        for (String name : UNSIGNED_PATH) {
            List<Element> next = new ArrayList<>();
            for (Element e : level) {
                next.addAll(XmlDocuments.children(e, XmlDocuments.NS_XADES, name));
            }
            level = next;
        }
        return level;
    }

    private static byte[] requireCanonicalBase64(Element element, String name) {
        byte[] bytes = XmlDocuments.strictBase64(element.getTextContent());
        if (bytes == null) {
            throw new XadesVerificationException(XadesFailure.MALFORMED_SIGNATURE, name + " is not canonical base64");
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "XadesSignature[references " + referenceUris + "]";
    }
}
