package io.luotsi.auth.xades;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignatureByteInput;
import org.apache.xml.security.signature.XMLSignatureInput;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Verifies a hash chain (namespace {@code http://cyber.ee/hashchain}): the structure X-Road uses to sign or
 * time-stamp a batch of messages with one signature (Freudenthal, "Using Batch Hashing for Signing and
 * Time-Stamping", 2013). A hash chain result states a digest of a hash step; each hash step is a list of digests of
 * other steps ({@code StepRef}), of data ({@code DataRef}) and given values ({@code HashValue}), combined as a DER
 * {@code DigestList}.
 *
 * <pre>{@code
 * List<String> unverified = HashChainVerifier.forResult(hashChainResultXml)
 *     .resolver(uri -> Optional.ofNullable(container.get(uri)))
 *     .input("/message.xml")                  // must be referenced by the chain
 *     .verify();
 * }</pre>
 *
 * <p>The rules are X-Road's {@code HashChainVerifier}: every input must be referenced by a data reference, an input
 * with a digest of the reference's algorithm is used as it is, other data references are resolved (through their
 * {@code ds:Transforms} when they have some) and their digest checked, unless the resolver declines to resolve them.
 * Documents are checked against the hash chain schema; chains deeper than 64 steps, with more than 1024 steps or
 * more than 10,000 values, and chains with cycles are refused.
 */
public final class HashChainVerifier {

    static final String NS_HC = "http://cyber.ee/hashchain";
    static final int MAX_DEPTH = 64;
    static final int MAX_STEPS = 1024;
    static final int MAX_VALUES = 10_000;

    private final byte[] resultXml;
    private final HashChainResolver resolver;
    private final Map<String, DigestInput> inputs;

    private record DigestInput(String algorithmUri, byte[] digest) {
    }

    private record Value(String algorithmUri, byte[] digest) {
    }

    private record Step(Element element, Chain chain) {
    }

    /** A parsed hash chain document and where it came from. */
    private record Chain(String baseUri, Element root, String defaultAlgorithmUri, Map<String, Element> steps) {
    }

    private HashChainVerifier(Builder b) {
        this.resultXml = b.resultXml;
        this.resolver = b.resolver;
        this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.inputs));
    }

    /** Starts a verification of the hash chain result document {@code hashChainResultXml}. */
    public static Builder forResult(byte[] hashChainResultXml) {
        return new Builder(Objects.requireNonNull(hashChainResultXml, "hashChainResultXml"));
    }

    /**
     * Verifies the chain.
     *
     * @return the URIs of data references that were not checked because the resolver declined to resolve them
     * @throws XadesVerificationException {@link XadesFailure#MALFORMED_HASH_CHAIN},
     *     {@link XadesFailure#INVALID_HASH_CHAIN}, {@link XadesFailure#HASH_CHAIN_UNUSED_INPUTS},
     *     {@link XadesFailure#INVALID_HASH_CHAIN_REF} or {@link XadesFailure#INVALID_REFERENCE}
     */
    public List<String> verify() {
        return new Run().verify();
    }

    /** One verification: its caches and counters. */
    private final class Run {
        private final Map<String, Chain> chains = new HashMap<>();
        private final Map<String, byte[]> resolvedSteps = new HashMap<>();
        private final Set<String> activePath = new HashSet<>();
        private final Set<String> usedInputs = new HashSet<>();
        private final Set<String> unverified = new LinkedHashSet<>();
        private int steps;
        private int values;

        List<String> verify() {
            Document doc = XmlDocuments.parse(resultXml, XadesFailure.MALFORMED_HASH_CHAIN, "the hash chain result");
            Element root = doc.getDocumentElement();
            requireElement(root, NS_HC, "HashChainResult");
            requireAttributes(root, "URI");
            List<Element> children = children(root);
            if (children.size() != 2 || !is(children.get(0), XmlDocuments.NS_DS, "DigestMethod")
                    || !is(children.get(1), XmlDocuments.NS_DS, "DigestValue")) {
                throw malformed("HashChainResult must contain ds:DigestMethod and ds:DigestValue");
            }
            String algorithm = algorithmOf(children.get(0));
            byte[] expected = base64(children.get(1));
            byte[] stepData = resolveStep(root.getAttributeNS(null, "URI"), null);
            byte[] actual = digest(algorithm, stepData);
            if (!MessageDigest.isEqual(actual, expected)) {
                throw new XadesVerificationException(XadesFailure.INVALID_HASH_CHAIN,
                        "Hash chain result does not match hash chain calculation");
            }
            Set<String> unused = new LinkedHashSet<>(inputs.keySet());
            unused.removeAll(usedInputs);
            if (!unused.isEmpty()) {
                throw new XadesVerificationException(XadesFailure.HASH_CHAIN_UNUSED_INPUTS,
                        "Some inputs were not referenced by hash chain: " + String.join(", ", unused));
            }
            return List.copyOf(unverified);
        }

        private byte[] resolveStep(String uri, Chain current) {
            int hash = uri.indexOf('#');
            String base = hash < 0 ? uri : uri.substring(0, hash);
            String fragment = hash < 0 ? null : uri.substring(hash + 1);
            String fullUri;
            if (fragment == null || !base.isEmpty()) {
                fullUri = uri;
            } else {
                fullUri = (current == null ? "" : current.baseUri()) + "#" + fragment;
            }
            byte[] memo = resolvedSteps.get(fullUri);
            if (memo != null) {
                return memo;
            }
            if (activePath.contains(fullUri)) {
                throw malformed("Cycle detected in hash chain at step: " + fullUri);
            }
            if (activePath.size() >= MAX_DEPTH) {
                throw malformed("Hash chain exceeds maximum depth of " + MAX_DEPTH);
            }
            if (steps >= MAX_STEPS) {
                throw malformed("Hash chain exceeds maximum step count of " + MAX_STEPS);
            }
            activePath.add(fullUri);
            steps++;
            try {
                Step step = fetchStep(base, fragment, uri, current);
                List<Element> items = children(step.element());
                if (items.size() > MAX_VALUES - values) {
                    throw malformed("Hash chain exceeds maximum value count of " + MAX_VALUES);
                }
                List<Value> digests = new ArrayList<>(items.size());
                for (Element item : items) {
                    values++;
                    digests.add(resolveValue(item, step.chain()));
                }
                byte[] result = digestList(digests);
                resolvedSteps.put(fullUri, result);
                return result;
            } finally {
                activePath.remove(fullUri);
            }
        }

        private Step fetchStep(String base, String fragment, String rawUri, Chain current) {
            if (fragment == null || fragment.isEmpty()) {
                throw malformed("Invalid hash step URI: " + rawUri);
            }
            Chain chain = base.isEmpty() ? current : chain(base);
            if (chain == null) {
                throw malformed("Invalid hash step URI: " + rawUri);
            }
            Element step = chain.steps().get(fragment);
            if (step == null) {
                throw malformed("Invalid hash step URI: " + rawUri);
            }
            return new Step(step, chain);
        }

        private Chain chain(String uri) {
            Chain chain = chains.get(uri);
            if (chain == null) {
                byte[] xml = resolver.resolve(uri).orElseThrow(() -> new XadesVerificationException(
                        XadesFailure.INVALID_REFERENCE, "Cannot resolve URI: " + uri));
                chain = parseChain(uri, xml);
                chains.put(uri, chain);
            }
            return chain;
        }

        private Value resolveValue(Element item, Chain chain) {
            String name = item.getLocalName();
            switch (name) {
                case "HashValue": {
                    return new Value(algorithmUri(item, chain), base64(child(item, "DigestValue")));
                }
                case "StepRef": {
                    byte[] resolved = resolveStep(item.getAttributeNS(null, "URI"), chain);
                    String algorithm = algorithmUri(item, chain);
                    return new Value(algorithm, digest(algorithm, resolved));
                }
                default:
                    return resolveDataRef(item, chain);
            }
        }

        private Value resolveDataRef(Element dataRef, Chain chain) {
            String uri = dataRef.getAttributeNS(null, "URI");
            if (inputs.containsKey(uri)) {
                usedInputs.add(uri);
            }
            String algorithm = algorithmUri(dataRef, chain);
            DigestInput input = inputs.get(uri);
            if (input != null && input.algorithmUri().equals(algorithm)) {
                return new Value(algorithm, input.digest());
            }
            byte[] stated = base64(child(dataRef, "DigestValue"));
            if (!resolver.shouldResolve(uri, stated.clone())) {
                unverified.add(uri);
                return new Value(algorithm, stated);
            }
            byte[] data = resolver.resolve(uri).orElseThrow(() -> new XadesVerificationException(
                    XadesFailure.INVALID_REFERENCE, "Cannot resolve URI: " + uri));
            Element transforms = optionalChild(dataRef, "Transforms");
            if (transforms != null) {
                data = transform(uri, transforms, data);
            }
            if (!MessageDigest.isEqual(digest(algorithm, data), stated)) {
                throw new XadesVerificationException(XadesFailure.INVALID_HASH_CHAIN_REF,
                        "Invalid digest value in hash chain reference to " + uri);
            }
            return new Value(algorithm, stated);
        }
    }

    private static byte[] transform(String uri, Element transformsElement, byte[] data) {
        SantuarioResolvers.init();
        try {
            Transforms transforms = new Transforms(transformsElement, null);
            transforms.setSecureValidation(true);
            XMLSignatureInput out = transforms.performTransforms(new XMLSignatureByteInput(data));
            return out.getBytes();
        } catch (XMLSecurityException | java.io.IOException | RuntimeException e) {
            throw new XadesVerificationException(XadesFailure.INVALID_HASH_CHAIN_REF, "the transforms of the hash "
                    + "chain reference to " + uri + " cannot be applied: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- documents and their schema

    private static Chain parseChain(String uri, byte[] xml) {
        Document doc = XmlDocuments.parse(xml, XadesFailure.MALFORMED_HASH_CHAIN, "the hash chain " + uri);
        Element root = doc.getDocumentElement();
        requireElement(root, NS_HC, "HashChain");
        requireAttributes(root);
        List<Element> children = children(root);
        int i = 0;
        String defaultAlgorithm = null;
        if (!children.isEmpty() && is(children.get(0), NS_HC, "DefaultDigestMethod")) {
            defaultAlgorithm = algorithmOf(children.get(0));
            i = 1;
        }
        if (i >= children.size()) {
            throw malformed("HashChain has no HashStep");
        }
        Map<String, Element> steps = new HashMap<>();
        for (; i < children.size(); i++) {
            Element step = children.get(i);
            requireElement(step, NS_HC, "HashStep");
            requireAttributes(step, "id");
            String id = step.getAttributeNS(null, "id");
            if (id.isEmpty() || steps.putIfAbsent(id, step) != null) {
                throw malformed("HashStep id '" + id + "' is empty or not unique");
            }
            List<Element> items = children(step);
            if (items.isEmpty()) {
                throw malformed("HashStep " + id + " is empty");
            }
            for (Element item : items) {
                checkValue(item);
            }
        }
        return new Chain(uri, root, defaultAlgorithm, steps);
    }

    /** HashValue: DigestMethod?, DigestValue. StepRef: @URI, DigestMethod?. DataRef: @URI, DigestMethod?, Transforms?, DigestValue. */
    private static void checkValue(Element item) {
        if (!NS_HC.equals(item.getNamespaceURI())) {
            throw malformed("unexpected element " + item.getTagName() + " in HashStep");
        }
        List<Element> c = children(item);
        int i = 0;
        if (i < c.size() && is(c.get(i), XmlDocuments.NS_DS, "DigestMethod")) {
            algorithmOf(c.get(i));
            i++;
        }
        switch (item.getLocalName()) {
            case "HashValue" -> {
                requireAttributes(item);
                i = expectDigestValue(c, i, item);
            }
            case "StepRef" -> requireAttributes(item, "URI");
            case "DataRef" -> {
                requireAttributes(item, "URI");
                if (i < c.size() && is(c.get(i), XmlDocuments.NS_DS, "Transforms")) {
                    i++;
                }
                i = expectDigestValue(c, i, item);
            }
            default -> throw malformed("unexpected element " + item.getTagName() + " in HashStep");
        }
        if (i != c.size()) {
            throw malformed("unexpected element " + c.get(i).getTagName() + " in " + item.getTagName());
        }
    }

    private static int expectDigestValue(List<Element> c, int i, Element parent) {
        if (i >= c.size() || !is(c.get(i), XmlDocuments.NS_DS, "DigestValue")) {
            throw malformed(parent.getTagName() + " has no ds:DigestValue");
        }
        base64(c.get(i));
        return i + 1;
    }

    private static void requireElement(Element e, String ns, String localName) {
        if (!is(e, ns, localName)) {
            throw malformed("expected {" + ns + "}" + localName + ", found " + e.getTagName());
        }
    }

    /** Exactly the named attributes (no namespace), each non-empty; namespace declarations aside. */
    private static void requireAttributes(Element e, String... names) {
        Set<String> required = new HashSet<>(List.of(names));
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (XmlDocuments.NS_XMLNS.equals(a.getNamespaceURI())) {
                continue;
            }
            if (a.getNamespaceURI() != null || !required.remove(a.getLocalName())) {
                throw malformed("unexpected attribute " + a.getName() + " on " + e.getTagName());
            }
        }
        if (!required.isEmpty()) {
            throw malformed(e.getTagName() + " lacks the attribute " + required.iterator().next());
        }
    }

    private static boolean is(Element e, String ns, String localName) {
        return localName.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI());
    }

    /** Element children; non-whitespace text where only elements belong is a schema violation. */
    private static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                result.add(e);
            } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                if (!n.getNodeValue().isBlank()) {
                    throw malformed("text where only elements belong in " + parent.getTagName());
                }
            }
        }
        return result;
    }

    private static Element child(Element parent, String dsLocalName) {
        Element e = optionalChild(parent, dsLocalName);
        if (e == null) {
            throw malformed(parent.getTagName() + " has no ds:" + dsLocalName);
        }
        return e;
    }

    private static Element optionalChild(Element parent, String dsLocalName) {
        for (Element e : children(parent)) {
            if (is(e, XmlDocuments.NS_DS, dsLocalName)) {
                return e;
            }
        }
        return null;
    }

    private static String algorithmOf(Element digestMethod) {
        if (!digestMethod.hasAttributeNS(null, "Algorithm")) {
            throw malformed(digestMethod.getTagName() + " has no Algorithm");
        }
        return digestMethod.getAttributeNS(null, "Algorithm");
    }

    private static String algorithmUri(Element value, Chain chain) {
        for (Element e : children(value)) {
            if (is(e, XmlDocuments.NS_DS, "DigestMethod")) {
                return e.getAttributeNS(null, "Algorithm");
            }
        }
        if (chain == null || chain.defaultAlgorithmUri() == null) {
            throw malformed(value.getTagName() + " has no digest method and its chain no default");
        }
        return chain.defaultAlgorithmUri();
    }

    private static byte[] base64(Element digestValue) {
        byte[] bytes = XmlDocuments.strictBase64(digestValue.getTextContent());
        if (bytes == null) {
            throw malformed(digestValue.getTagName() + " is not base64");
        }
        return bytes;
    }

    private static byte[] digest(String algorithmUri, byte[] data) {
        String jca = DigestAlgorithms.jcaName(algorithmUri);
        if (jca == null) {
            throw malformed("unsupported digest algorithm " + algorithmUri);
        }
        return DigestAlgorithms.newDigest(jca).digest(data);
    }

    private static XadesVerificationException malformed(String message) {
        return new XadesVerificationException(XadesFailure.MALFORMED_HASH_CHAIN, message);
    }

    // ---------------------------------------------------------------- DigestList (DER)

    /** DigestList ::= SEQUENCE OF SEQUENCE { digest OCTET STRING, method UTF8String, transforms SEQUENCE {} }. */
    private static byte[] digestList(List<Value> values) {
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        for (Value v : values) {
            ByteArrayOutputStream single = new ByteArrayOutputStream();
            tlv(single, 0x04, v.digest());
            tlv(single, 0x0C, v.algorithmUri().getBytes(StandardCharsets.UTF_8));
            tlv(single, 0x30, new byte[0]);
            tlv(items, 0x30, single.toByteArray());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tlv(out, 0x30, items.toByteArray());
        return out.toByteArray();
    }

    private static void tlv(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else {
            int bytes = len > 0xFFFFFF ? 4 : len > 0xFFFF ? 3 : len > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((len >>> (8 * i)) & 0xFF);
            }
        }
        out.writeBytes(content);
    }

    /** Configures a hash chain verification. */
    public static final class Builder {
        private final byte[] resultXml;
        private HashChainResolver resolver = uri -> Optional.empty();
        private final Map<String, DigestInput> inputs = new LinkedHashMap<>();

        private Builder(byte[] resultXml) {
            this.resultXml = resultXml;
        }

        /** Resolves hash chain documents and data; without one nothing resolves. */
        public Builder resolver(HashChainResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** An input the chain must reference; its data is resolved with the resolver. */
        public Builder input(String uri) {
            inputs.put(Objects.requireNonNull(uri, "uri"), null);
            return this;
        }

        /**
         * An input the chain must reference, with its digest: used as it is when the reference's digest algorithm is
         * {@code digestAlgorithm} (a JCA name, e.g. {@code SHA-256}), else the data is resolved.
         */
        public Builder input(String uri, String digestAlgorithm, byte[] digest) {
            Objects.requireNonNull(uri, "uri");
            String algorithmUri = DigestAlgorithms.uri(Objects.requireNonNull(digestAlgorithm, "digestAlgorithm"));
            if (algorithmUri == null) {
                throw new IllegalArgumentException("unsupported digest algorithm " + digestAlgorithm);
            }
            inputs.put(uri, new DigestInput(algorithmUri, Objects.requireNonNull(digest, "digest").clone()));
            return this;
        }

        public List<String> verify() {
            return new HashChainVerifier(this).verify();
        }
    }
}
