package io.luotsi.auth.xades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** X-Road's hash chain fixtures (common-message hc-verifier*) with the verdicts of its HashChainVerifierTest. */
class HashChainVerifierTest {

    private static final String HASH_CHAIN = "/hashchain.xml";
    private static final String MESSAGE = "/message.xml";

    /** Resolves URIs to fixtures; an unknown URI is a test error, as in X-Road's test. */
    private static HashChainResolver resolver(String... uriAndFixture) {
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < uriAndFixture.length; i += 2) {
            files.put(uriAndFixture[i], uriAndFixture[i + 1]);
        }
        return uri -> {
            String file = files.get(uri);
            if (file == null) {
                throw new IllegalArgumentException("Invalid URI: " + uri);
            }
            return Optional.of(fixture(file));
        };
    }

    private static byte[] fixture(String name) {
        return Corpus.bytes("signatures/" + name);
    }

    private static XadesFailure failureOf(Runnable r) {
        try {
            r.run();
        } catch (XadesVerificationException e) {
            return e.failure();
        }
        throw new AssertionError("verification passed");
    }

    @Test
    void simpleCorrectWithTheInputResolved() {
        assertThat(HashChainVerifier.forResult(fixture("hc-verifier1-hashchainresult.xml"))
                .resolver(resolver(HASH_CHAIN, "hc-verifier1-hashchain.xml", MESSAGE, "hc-verifier1-message.xml"))
                .input(MESSAGE)
                .verify()).isEmpty();
    }

    @Test
    void simpleCorrectWithTheInputsDigestGiven() {
        HashChainVerifier.forResult(fixture("hc-verifier1-hashchainresult.xml"))
                .resolver(resolver(HASH_CHAIN, "hc-verifier1-hashchain.xml"))
                .input(MESSAGE, "SHA-256", sha256(fixture("hc-verifier1-message.xml")))
                .verify();
    }

    @Test
    void inputsTheChainDoesNotReferenceAreUnused() {
        XadesFailure failure = failureOf(() -> HashChainVerifier.forResult(fixture("hc-verifier1-hashchainresult.xml"))
                .resolver(resolver(HASH_CHAIN, "hc-verifier1-hashchain.xml"))
                .input(MESSAGE, "SHA-256", sha256(fixture("hc-verifier1-message.xml")))
                .input("/unused1").input("/unused2")
                .verify());

        assertThat(failure).isEqualTo(XadesFailure.HASH_CHAIN_UNUSED_INPUTS);
        assertThat(failure.code()).isEqualTo("hashchain_unused_inputs");
    }

    @Test
    void aWrongInputDigestDoesNotMatchTheResult() {
        assertThat(failureOf(() -> HashChainVerifier.forResult(fixture("hc-verifier1-hashchainresult.xml"))
                .resolver(resolver(HASH_CHAIN, "hc-verifier1-hashchain.xml"))
                .input(MESSAGE, "SHA-256", sha256(fixture("hc-verifier1-hashchain.xml")))
                .verify())).isEqualTo(XadesFailure.INVALID_HASH_CHAIN);
    }

    @Test
    void followsStepsAcrossTwoChainDocuments() {
        HashChainVerifier.forResult(fixture("hc-verifier4-hashchainresult.xml"))
                .resolver(resolver(HASH_CHAIN, "hc-verifier4-hashchain1.xml", "/hashchain2.xml",
                        "hc-verifier4-hashchain2.xml", MESSAGE, "hc-verifier4-message.xml"))
                .input(MESSAGE)
                .verify();
    }

    @Test
    void usesGivenDigestsOfAttachments() {
        HashChainVerifier.forResult(fixture("hc-verifier2-hashchainresult.xml"))
                .resolver(resolver(HASH_CHAIN, "hc-verifier2-hashchain.xml"))
                .input(MESSAGE, "SHA-256", new byte[] {11})
                .input("/attachment1", "SHA-256", new byte[] {12})
                .input("/attachment2", "SHA-256", new byte[] {13})
                .input("/attachment3", "SHA-256", new byte[] {14})
                .verify();
    }

    @Test
    void takesUnresolvedAttachmentsOnTheChainsWordAndSaysSo() {
        HashChainResolver files = resolver(HASH_CHAIN, "hc-verifier2-hashchain.xml");
        HashChainResolver declining = new HashChainResolver() {
            @Override
            public Optional<byte[]> resolve(String uri) {
                return files.resolve(uri);
            }

            @Override
            public boolean shouldResolve(String uri, byte[] digestValue) {
                return !uri.startsWith("/attachment");
            }
        };

        assertThat(HashChainVerifier.forResult(fixture("hc-verifier2-hashchainresult.xml"))
                .resolver(declining)
                .input(MESSAGE, "SHA-256", new byte[] {11})
                .verify()).containsExactly("/attachment1", "/attachment2", "/attachment3");
    }

    @Test
    void appliesTheTransformsOfADataReference() {
        HashChainVerifier.forResult(fixture("hc-verifier3-hashchainresult.xml"))
                .resolver(resolver(HASH_CHAIN, "hc-verifier3-hashchain.xml", MESSAGE, "hc-verifier3-message.xml"))
                .input(MESSAGE)
                .verify();
    }

    @Test
    void aDataReferenceWithoutItsTransformsHasAnInvalidDigest() {
        assertThat(failureOf(() -> HashChainVerifier.forResult(fixture("hc-verifier3-hashchainresult.xml"))
                .resolver(resolver(HASH_CHAIN, "hc-verifier3-hashchain-invalid.xml", MESSAGE,
                        "hc-verifier3-message.xml"))
                .input(MESSAGE)
                .verify())).isEqualTo(XadesFailure.INVALID_HASH_CHAIN_REF);
    }

    @Test
    void aChainAgainstTheSchemaIsMalformed() {
        assertThat(failureOf(() -> HashChainVerifier.forResult(fixture("hc-verifier3-hashchainresult.xml"))
                .resolver(resolver(HASH_CHAIN, "hc-verifier5-hashchain-invalid-schema.xml", MESSAGE,
                        "hc-verifier3-message.xml"))
                .input(MESSAGE)
                .verify())).isEqualTo(XadesFailure.MALFORMED_HASH_CHAIN);
    }

    @Test
    void garbageIsAMalformedHashChain() {
        assertThat(failureOf(() -> HashChainVerifier.forResult("garbage".getBytes(StandardCharsets.UTF_8))
                .verify())).isEqualTo(XadesFailure.MALFORMED_HASH_CHAIN);
    }

    @Test
    void anUnresolvableChainIsAnInvalidReference() {
        assertThat(failureOf(() -> HashChainVerifier.forResult(fixture("hc-verifier1-hashchainresult.xml"))
                .input(MESSAGE)
                .verify())).isEqualTo(XadesFailure.INVALID_REFERENCE);
    }

    @Test
    void refusesCycles() {
        String chain = "<h:HashChain xmlns:h=\"http://cyber.ee/hashchain\" xmlns=\"http://www.w3.org/2000/09/xmldsig#\">"
                + "<h:DefaultDigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>"
                + "<h:HashStep id=\"A\"><h:StepRef URI=\"#B\"/></h:HashStep>"
                + "<h:HashStep id=\"B\"><h:StepRef URI=\"#A\"/></h:HashStep></h:HashChain>";
        String result = "<h:HashChainResult URI=\"/c.xml#A\" xmlns:h=\"http://cyber.ee/hashchain\" "
                + "xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><DigestMethod "
                + "Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><DigestValue>AA==</DigestValue>"
                + "</h:HashChainResult>";

        assertThatThrownBy(() -> HashChainVerifier.forResult(result.getBytes(StandardCharsets.UTF_8))
                .resolver(uri -> Optional.of(chain.getBytes(StandardCharsets.UTF_8)))
                .verify())
                .isInstanceOf(XadesVerificationException.class)
                .hasMessageContaining("Cycle detected");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
