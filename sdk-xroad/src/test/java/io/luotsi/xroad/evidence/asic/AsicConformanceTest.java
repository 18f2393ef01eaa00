package io.luotsi.xroad.evidence.asic;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.xroad.globalconf.GlobalConfiguration;
import io.luotsi.xroad.globalconf.SharedParameters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of X-Road's ASiC-E verdicts (asic/EXPECTED.tsv, from asic-verifier-cli's AsicContainerVerifierTest and
 * asic-core's AsicContainerTest): the same verdict, code and message, signer, time-stamp and OCSP time, against
 * globalconf_good2_v3 as X-Road's test uses it.
 *
 * <p>valid-signed-message.asice has two rows. The corpus file is asic-verifier-cli's copy (its entries are dated
 * 2024-12-05 13:16 and its time-stamp is 2024-12-05T13:16:35Z, the time the VALID row states), so that row is checked
 * on the file. asic-core's file of the same name was signed under other trust material; its row
 * ({@code mlog.tsp_certificate_not_found}) is checked by {@link #aTimestampFromAnotherTsaIsNotTrusted()}, which gives
 * the corpus file the same situation: a global configuration whose approved TSA did not sign it.
 */
class AsicConformanceTest {

    private static final GlobalConfiguration CONF = Corpus.good2v3();
    private static final AsicContainerVerifier VERIFIER = AsicContainerVerifier.of(CONF);
    /** The asic-core row that the corpus's valid-signed-message.asice (the verifier-cli copy) is not. */
    private static final String OTHER_TRUST_ROW = "INVALID mlog.tsp_certificate_not_found : Could not find TSP "
            + "certificate for timestamp";

    static Stream<Arguments> rows() {
        List<Arguments> rows = new ArrayList<>();
        String tsv = new String(Corpus.bytes("asic/EXPECTED.tsv"), StandardCharsets.UTF_8);
        for (String line : tsv.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", 2);
            if (cols[0].equals("valid-signed-message.asice") && cols[1].equals(OTHER_TRUST_ROW)) {
                continue;
            }
            rows.add(Arguments.of(cols[0], cols[1]));
        }
        return rows.stream();
    }

    static String verdict(AsicContainerVerifier verifier, byte[] container) {
        try {
            AsicVerificationResult r = verifier.verify(container);
            return "VALID signer=" + r.signer() + " ts=" + r.timestamp() + " ocspProducedAt=" + r.ocspProducedAt();
        } catch (AsicVerificationException e) {
            return "INVALID " + e.code() + " : " + e.getMessage();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void reachesXRoadsVerdict(String container, String expected) {
        assertThat(verdict(VERIFIER, Corpus.bytes("asic/" + container))).isEqualTo(expected);
    }

    @Test
    void everyRowOfTheTableIsChecked() {
        String tsv = new String(Corpus.bytes("asic/EXPECTED.tsv"), StandardCharsets.UTF_8);
        long rows = tsv.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
        assertThat(rows()).hasSize((int) rows - 1);
        assertThat(tsv).contains("valid-signed-message.asice\t" + OTHER_TRUST_ROW);
    }

    @Test
    void theCorpusValidSignedMessageIsTheVerifierCliCopy() {
        AsicVerificationResult r = VERIFIER.verify(Corpus.bytes("asic/valid-signed-message.asice"));
        assertThat(r.timestamp()).isEqualTo(Instant.parse("2024-12-05T13:16:35Z"));
    }

    @Test
    void aTimestampFromAnotherTsaIsNotTrusted() {
        SharedParameters sp = CONF.sharedParameters().orElseThrow();
        SharedParameters.ApprovedTsa tsa = sp.approvedTsas().get(0);
        // Another approved TSA: the CA's certificate stands in for a TSA that did not sign the container.
        SharedParameters otherTsa = new SharedParameters(sp.instanceIdentifier(), sp.version(), sp.sources(),
                sp.approvedCas(), List.of(new SharedParameters.ApprovedTsa("Other TSA", tsa.url(),
                        sp.approvedCas().get(0).topCa().certificate(), tsa.costType())),
                sp.members(), sp.securityServers(), sp.globalGroups(), sp.globalSettings());
        AsicContainerVerifier verifier = AsicContainerVerifier.of(GlobalConfiguration.builder("DEV").add(otherTsa)
                .build());

        assertThat(verdict(verifier, Corpus.bytes("asic/valid-signed-message.asice"))).isEqualTo(OTHER_TRUST_ROW);
    }

    /*
     * X-Road's asic-verifier-cli fixtures that the corpus does not hold, rebuilt from the corpus containers with the
     * one change each of them has (see the corpus guide §7.1), with X-Road's verdicts.
     */

    @Test
    void aGarbageTimestampHashChainResultIsAMalformedSignature() {
        var entries = AsicContainerWriterTest.entries(Corpus.bytes("asic/valid-non-batch-soap-attachments.asice"));
        entries.put("ts-hashchainresult.xml", "garbage".getBytes(StandardCharsets.UTF_8));

        String verdict = verdict(VERIFIER, AsicContainerWriterTest.zip(entries));
        assertThat(verdict).startsWith("INVALID malformed_signature : Failed to verify time-stamp hash chain: "
                + "malformed_hash_chain");
    }

    @Test
    void aSignedHashChainThatNoLongerReferencesTheMessageLeavesItUnused() {
        var entries = AsicContainerWriterTest.entries(Corpus.bytes("asic/valid-signed-hashchain.asice"));
        entries.put("sig-hashchain.xml", new String(entries.get("sig-hashchain.xml"), StandardCharsets.UTF_8)
                .replace("URI=\"/message.xml\"", "URI=\"/messageX.xml\"").getBytes(StandardCharsets.UTF_8));

        assertThat(verdict(VERIFIER, AsicContainerWriterTest.zip(entries)))
                .startsWith("INVALID malformed_signature.hashchain_unused_inputs : ");
    }

    @Test
    void anUnsignedHashChainBesideADirectSignatureIsIgnored() {
        var entries = AsicContainerWriterTest.entries(Corpus.bytes("asic/valid-signed-message.asice"));
        var hashChains = AsicContainerWriterTest.entries(Corpus.bytes("asic/valid-signed-hashchain.asice"));
        entries.put("sig-hashchain.xml", hashChains.get("sig-hashchain.xml"));
        entries.put("sig-hashchainresult.xml", hashChains.get("sig-hashchainresult.xml"));

        assertThat(verdict(VERIFIER, AsicContainerWriterTest.zip(entries))).startsWith("VALID signer=");
    }

    @Test
    void theMessageEntryMustBeNamedExactlyMessageXml() {
        var entries = AsicContainerWriterTest.entries(Corpus.bytes("asic/valid-signed-message.asice"));
        byte[] message = entries.remove("message.xml");
        entries.put("73fa3f3fce9d0c5c4d0f87b4d5a5e7c9d4e9a0b1-message.xml", message);

        assertThat(verdict(VERIFIER, AsicContainerWriterTest.zip(entries)))
                .isEqualTo("INVALID asic_message_not_found : message.xml not found or is empty");
    }

    @Test
    void resultsSayWhatWasVerified() {
        AsicVerificationResult message = VERIFIER.verify(Corpus.bytes("asic/valid-signed-message.asice"));
        assertThat(message.request()).isTrue();
        assertThat(message.rest()).isFalse();
        assertThat(message.batchSignature()).isFalse();
        assertThat(message.batchTimestamp()).isFalse();
        assertThat(message.timestampingCertificate()).isEqualTo(CONF.tspCertificates().get(0));
        assertThat(message.signingCertificate().getSubjectX500Principal().getName()).contains("CN=4321");
        assertThat(message.ocspResponderCertificate().getSubjectX500Principal().getName()).contains("Test OCSP");
        assertThat(message).hasToString("VALID signer=SUBSYSTEM:DEV/COM/4321/TestClient ts=2024-12-05T13:16:35Z");

        AsicVerificationResult batch = VERIFIER.verify(Corpus.bytes("asic/valid-signed-hashchain.asice"));
        assertThat(batch.batchSignature()).isTrue();
        // The chain names /attachment1, which the container does not hold; X-Road takes it on the chain's word too.
        assertThat(batch.unverifiedReferences()).containsExactly("/attachment1");

        AsicVerificationResult attachments = VERIFIER.verify(
                Corpus.bytes("asic/valid-non-batch-soap-attachments.asice"));
        assertThat(attachments.batchTimestamp()).isTrue();
        assertThat(attachments.batchSignature()).isFalse();
    }
}
