package io.luotsi.auth.jws;

import static io.luotsi.auth.jws.Fixtures.CLOCK;
import static io.luotsi.auth.jws.Fixtures.INTERMEDIATE;
import static io.luotsi.auth.jws.Fixtures.ROOT;
import static io.luotsi.auth.jws.Fixtures.b64url;
import static io.luotsi.auth.jws.Fixtures.decodeToString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.auth.TrustAnchors;
import io.luotsi.auth.pki.CertificateValidator;
import io.luotsi.auth.pki.RevocationChecking;
import io.luotsi.auth.testing.Ocsp;
import io.luotsi.auth.testing.Pki;
import io.luotsi.auth.testing.Pki.Issued;
import io.luotsi.auth.testing.Pki.KeyType;
import io.luotsi.core.http.OkHttpTransport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BatchSignerTest {

    private static List<byte[]> messages(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(("{\"message\":" + i + ",\"text\":\"" + "x".repeat(i % 17) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static BatchSigner batchSigner(JwsAlgorithm algorithm, HashAlgorithm hash) {
        return BatchSigner.builder().signer(Fixtures.signer(algorithm)).hashAlgorithm(hash).clock(CLOCK).build();
    }

    private static BatchProofVerifier proofVerifier() {
        return BatchProofVerifier.builder().jwsVerifier(Fixtures.verifier()).build();
    }

    private static SignatureVerificationException refusal(Supplier<?> verification) {
        SignatureVerificationException e = catchThrowableOfType(SignatureVerificationException.class,
                verification::get);
        assertThat(e).as("the verification must fail").isNotNull();
        return e;
    }

    /** A proof rebuilt from its JSON with one field replaced. */
    private static BatchProof edited(BatchProof proof, String field, String value) {
        String json = proof.toJson();
        String edited = json.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+|\\[[^\\]]*\\])",
                "\"" + field + "\":" + value);
        assertThat(edited).isNotEqualTo(json);
        return BatchProof.fromJson(edited);
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void everyMessageOfABatchVerifiesOnItsOwn(JwsAlgorithm algorithm) {
        List<byte[]> messages = messages(37);

        List<BatchProof> proofs = batchSigner(algorithm, HashAlgorithm.SHA_256).signAll(messages);

        BatchProofVerifier verifier = proofVerifier();
        assertThat(proofs).hasSize(37);
        for (int i = 0; i < messages.size(); i++) {
            // Only the message and its own proof, serialised and read back.
            BatchProof proof = BatchProof.fromJson(proofs.get(i).toJson());
            VerifiedBatchProof verified = verifier.verify(proof, messages.get(i));
            assertThat(verified.index()).isEqualTo(i);
            assertThat(verified.size()).isEqualTo(37);
            assertThat(verified.root().algorithm()).isEqualTo(algorithm);
            assertThat(verified.root().signerCertificate()).isEqualTo(Fixtures.signerFor(algorithm).certificate());
            assertThat(verified.signingTimeClaim()).contains(Pki.NOW);
        }
        assertThat(proofs).extracting(BatchProof::rootJws).containsOnly(proofs.get(0).rootJws());
    }

    @Test
    void sha512TreesAndStreamsWorkAlike() {
        List<byte[]> messages = messages(5);
        BatchSigner signer = batchSigner(JwsAlgorithm.ES256, HashAlgorithm.SHA_512);

        List<BatchProof> proofs = signer.signAllStreams(messages.stream().map(ByteArrayInputStream::new).toList());

        assertThat(proofs.get(3).hashAlgorithm()).isEqualTo(HashAlgorithm.SHA_512);
        assertThat(proofs.get(3).leafHash()).hasSize(64);
        assertThat(proofVerifier().verify(proofs.get(3), new ByteArrayInputStream(messages.get(3))).index())
                .isEqualTo(3);
        assertThat(proofs).isEqualTo(signer.signAll(messages).stream()
                .map(p -> new BatchProof(p.hashAlgorithm(), p.index(), p.size(), p.leafHash(), p.path(),
                        proofs.get(0).rootJws())).toList());
    }

    @Test
    void aBatchOfOneHasAnEmptyPath() {
        List<BatchProof> proofs = batchSigner(JwsAlgorithm.EDDSA, HashAlgorithm.SHA_256).signAll(messages(1));

        assertThat(proofs.get(0).path()).isEmpty();
        assertThat(proofVerifier().verify(proofs.get(0), messages(1).get(0)).size()).isEqualTo(1);
    }

    @Test
    void theRootIsATypedJwsOverTheRootHashSizeAndTime() {
        BatchProof proof = batchSigner(JwsAlgorithm.ES256, HashAlgorithm.SHA_256).signAll(messages(4)).get(0);
        String[] parts = proof.rootJws().split("\\.");

        assertThat(decodeToString(parts[0])).contains("\"typ\":\"luotsi-batch-root+json\"").contains("\"x5c\":");
        assertThat(decodeToString(parts[1])).matches("\\{\"v\":1,\"alg\":\"SHA-256\",\"root\":\"[A-Za-z0-9_-]{43}\","
                + "\"size\":4,\"iat\":" + Pki.NOW.getEpochSecond() + "}");
        assertThat(proof.toJson()).startsWith("{\"v\":1,\"alg\":\"SHA-256\",\"index\":0,\"size\":4,\"leaf\":\"")
                .doesNotContain("\n");
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertThatThrownBy(() -> batchSigner(JwsAlgorithm.ES256, HashAlgorithm.SHA_256).signAll(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class Tampering {

        private final List<byte[]> messages = messages(10);
        private final List<BatchProof> proofs = batchSigner(JwsAlgorithm.ES256, HashAlgorithm.SHA_256)
                .signAll(messages);
        private final BatchProofVerifier verifier = proofVerifier();

        @Test
        void anotherMessageDoesNotMatch() {
            SignatureVerificationException e = refusal(() -> verifier.verify(proofs.get(2), messages.get(3)));

            assertThat(e.failure()).isEqualTo(SignatureFailure.BATCH_PROOF_MISMATCH);
            assertThat(e.code()).isEqualTo("batch_proof_mismatch");
        }

        @Test
        void aMessageChangedByOneBitDoesNotMatch() {
            byte[] changed = messages.get(2).clone();
            changed[0] ^= 0x01;

            assertThat(refusal(() -> verifier.verify(proofs.get(2), changed)).failure())
                    .isEqualTo(SignatureFailure.BATCH_PROOF_MISMATCH);
        }

        @Test
        void aChangedPathHashLeadsNowhere() {
            List<byte[]> path = proofs.get(2).path();
            byte[] changed = path.get(1).clone();
            changed[5] ^= 0x40;
            List<String> encoded = new ArrayList<>();
            for (int i = 0; i < path.size(); i++) {
                encoded.add("\"" + b64url(i == 1 ? changed : path.get(i)) + "\"");
            }
            BatchProof tampered = edited(proofs.get(2), "path", "[" + String.join(",", encoded) + "]");

            SignatureVerificationException e = refusal(() -> verifier.verify(tampered, messages.get(2)));

            assertThat(e.failure()).isEqualTo(SignatureFailure.BATCH_PROOF_INVALID);
            assertThat(e.code()).isEqualTo("batch_proof_invalid");
        }

        @Test
        void anotherIndexLeadsNowhere() {
            BatchProof moved = edited(proofs.get(2), "index", "3");

            assertThat(refusal(() -> verifier.verify(moved, messages.get(2))).failure())
                    .isEqualTo(SignatureFailure.BATCH_PROOF_INVALID);
        }

        @Test
        void aSizeOtherThanTheSignedOneIsRefused() {
            BatchProof resized = edited(proofs.get(2), "size", "11");

            assertThat(refusal(() -> verifier.verify(resized, messages.get(2))))
                    .hasMessageContaining("the signed root says SHA-256 over 10");
        }

        @Test
        void aProofCannotBorrowTheRootOfAnotherBatch() {
            List<BatchProof> other = batchSigner(JwsAlgorithm.ES256, HashAlgorithm.SHA_256).signAll(messages(10)
                    .subList(0, 9));
            BatchProof borrowed = edited(proofs.get(2), "root", "\"" + other.get(0).rootJws() + "\"");

            assertThat(refusal(() -> verifier.verify(borrowed, messages.get(2))).failure())
                    .isEqualTo(SignatureFailure.BATCH_PROOF_INVALID);
        }

        @Test
        void aTamperedRootSignatureIsRefused() {
            String root = proofs.get(2).rootJws();
            String[] parts = root.split("\\.");
            byte[] signature = java.util.Base64.getUrlDecoder().decode(parts[2]);
            signature[7] ^= 0x02;
            String tamperedRoot = parts[0] + "." + parts[1] + "." + b64url(signature);
            BatchProof tampered = edited(proofs.get(2), "root", "\"" + tamperedRoot + "\"");

            assertThat(refusal(() -> verifier.verify(tampered, messages.get(2))).failure())
                    .isEqualTo(SignatureFailure.INVALID_SIGNATURE);
        }

        @Test
        void aSignedMessageCannotPassForABatchRoot() {
            // A signer that signs whatever it is given: the attacker has it sign a root-shaped payload.
            String rootShaped = "{\"v\":1,\"alg\":\"SHA-256\",\"root\":\"" + b64url(proofs.get(2).leafHash())
                    + "\",\"size\":1}";
            String signedMessage = Fixtures.signer(JwsAlgorithm.ES256).sign(rootShaped
                    .getBytes(StandardCharsets.UTF_8));
            String forged = "{\"v\":1,\"alg\":\"SHA-256\",\"index\":0,\"size\":1,\"leaf\":\""
                    + b64url(proofs.get(2).leafHash()) + "\",\"path\":[],\"root\":\"" + signedMessage + "\"}";

            SignatureVerificationException e = refusal(() -> verifier.verify(BatchProof.fromJson(forged),
                    messages.get(2)));

            assertThat(e.failure()).isEqualTo(SignatureFailure.BATCH_PROOF_MALFORMED);
            assertThat(e).hasMessageContaining("not typed luotsi-batch-root+json");
        }

        @Test
        void aRootOfAnUntrustedSignerIsRefused() {
            Issued stranger = Pki.signer("stranger", Pki.root("Stranger Root"), KeyType.EC_P256);
            BatchSigner strangerBatches = BatchSigner.builder().signer(JwsSigner.builder()
                    .keyMaterial(stranger.keyMaterial()).clock(CLOCK).build()).clock(CLOCK).build();
            BatchProof proof = strangerBatches.signAll(messages).get(2);

            assertThat(refusal(() -> verifier.verify(proof, messages.get(2))).failure())
                    .isEqualTo(SignatureFailure.UNTRUSTED_CHAIN);
        }
    }

    @Nested
    class Serialisation {

        private final BatchProof proof = batchSigner(JwsAlgorithm.RS256, HashAlgorithm.SHA_256)
                .signAll(messages(6)).get(5);

        @Test
        void aProofRoundTripsThroughJson() {
            BatchProof read = BatchProof.fromJson(proof.toJson());

            assertThat(read).isEqualTo(proof).hasSameHashCodeAs(proof);
            assertThat(BatchProof.fromJson(proof.toJsonBytes())).isEqualTo(proof);
            assertThat(read.index()).isEqualTo(5);
            assertThat(read.path()).hasSize(2);
        }

        @Test
        void unknownMembersAreIgnored() {
            String json = proof.toJson().replaceFirst("\\{", "{\"note\":\"from system A\",");

            assertThat(BatchProof.fromJson(json)).isEqualTo(proof);
        }

        @Test
        void malformedProofsAreRefusedWithTheirCode() {
            String json = proof.toJson();
            List<String> bad = List.of("", "[]", "{}", json.replace("\"v\":1", "\"v\":2"),
                    json.replace("\"SHA-256\"", "\"MD5\""), json.replace("\"index\":5", "\"index\":6"),
                    json.replace("\"index\":5", "\"index\":-1"), json.replace("\"size\":6", "\"size\":0"),
                    json.replaceFirst("\"leaf\":\"[^\"]*\"", "\"leaf\":\"AAAA\""),
                    json.replaceFirst("\"leaf\":\"[^\"]*\"", "\"leaf\":\"not base64!\""),
                    json.replaceFirst("\"root\":\"[^\"]*\"", "\"root\":\"\""),
                    json.replaceFirst("\"path\":\\[[^\\]]*\\]", "\"path\":\"x\""));

            for (String b : bad) {
                SignatureVerificationException e = refusal(() -> BatchProof.fromJson(b));
                assertThat(e.code()).as(b).isEqualTo("batch_proof_malformed");
            }
        }
    }

    @Nested
    class RootCache {

        /** A clock tests move by hand. */
        static final class MovableClock extends Clock {
            private Instant now;

            MovableClock(Instant now) {
                this.now = now;
            }

            void advance(Duration d) {
                now = now.plus(d);
            }

            @Override
            public Instant instant() {
                return now;
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        }

        @Test
        void aRootIsVerifiedOnceForAllItsProofsWithinItsTtl() throws Exception {
            try (Ocsp.Responder responder = new Ocsp.Responder(INTERMEDIATE);
                 OkHttpTransport transport = OkHttpTransport.builder().build()) {
                Issued signer = Pki.certificate("batch signer").issuer(INTERMEDIATE)
                        .ocspUrl(responder.url().toString()).build();
                responder.answer(signer.certificate(), r -> r);
                MovableClock clock = new MovableClock(Pki.NOW);
                JwsVerifier jws = JwsVerifier.builder().clock(clock).certificateValidator(CertificateValidator
                        .builder().trustAnchors(TrustAnchors.of(ROOT.certificate()))
                        .revocationChecking(RevocationChecking.LEAF).ocspFetching(transport).build()).build();
                BatchProofVerifier verifier = BatchProofVerifier.builder().jwsVerifier(jws)
                        .rootCacheTtl(Duration.ofMinutes(5)).build();
                List<byte[]> messages = messages(50);
                List<BatchProof> proofs = BatchSigner.builder().signer(JwsSigner.builder()
                        .keyMaterial(signer.keyMaterial()).clock(CLOCK).build()).clock(CLOCK).build()
                        .signAll(messages);

                for (int i = 0; i < 50; i++) {
                    verifier.verify(proofs.get(i), messages.get(i));
                }
                // Each root verification validates the chain and fetches one OCSP response: once for 50 proofs.
                assertThat(responder.requestCount()).isEqualTo(1);

                clock.advance(Duration.ofMinutes(6));
                verifier.verify(proofs.get(0), messages.get(0));
                assertThat(responder.requestCount()).isEqualTo(2);
            }
        }

        @Test
        void aRememberedRootIsNotTrustedPastItsSignersCertificate() {
            MovableClock clock = new MovableClock(Pki.NOW);
            BatchProofVerifier verifier = BatchProofVerifier.builder().rootCacheTtl(Duration.ofDays(3650))
                    .jwsVerifier(Fixtures.verifier().withClock(clock)).build();
            List<byte[]> messages = messages(3);
            List<BatchProof> proofs = batchSigner(JwsAlgorithm.ES256, HashAlgorithm.SHA_256).signAll(messages);
            verifier.verify(proofs.get(0), messages.get(0));

            clock.advance(Duration.between(Pki.NOW, Fixtures.EC.certificate().getNotAfter().toInstant())
                    .plusSeconds(1));

            SignatureVerificationException e = refusal(() -> verifier.verify(proofs.get(1), messages.get(1)));
            assertThat(e.failure()).isEqualTo(SignatureFailure.UNTRUSTED_CHAIN);
        }

        @Test
        void withoutACacheEveryRootIsVerified() {
            BatchProofVerifier verifier = BatchProofVerifier.builder().jwsVerifier(Fixtures.verifier())
                    .rootCacheSize(0).build();
            List<byte[]> messages = messages(3);
            List<BatchProof> proofs = batchSigner(JwsAlgorithm.ES256, HashAlgorithm.SHA_256).signAll(messages);

            assertThat(verifier.verify(proofs.get(1), messages.get(1)).index()).isEqualTo(1);
            assertThat(verifier.toString()).contains("0 roots remembered");
        }
    }
}
