package io.luotsi.benchmarks;

import io.luotsi.auth.CertificateChain;
import io.luotsi.auth.KeyMaterial;
import io.luotsi.auth.TrustAnchors;
import io.luotsi.auth.jws.BatchProof;
import io.luotsi.auth.jws.BatchProofVerifier;
import io.luotsi.auth.jws.BatchSigner;
import io.luotsi.auth.jws.HashAlgorithm;
import io.luotsi.auth.jws.JwsAlgorithm;
import io.luotsi.auth.jws.JwsSigner;
import io.luotsi.auth.jws.JwsVerifier;
import io.luotsi.auth.jws.VerifiedBatchProof;
import io.luotsi.auth.pki.CertificateValidator;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing throughput of 1 KiB messages with one RSA-2048 key, per message and in batches, and the cost of verifying a
 * batch proof. All scores are <b>messages (or proofs) per second</b> on one thread:
 * <ul>
 *   <li>{@code perMessageRs256}: one detached RS256 JWS per message ({@link JwsSigner#signDetached(byte[])}): one
 *       RSA-2048 private-key operation per message;
 *   <li>{@code batchOf1000Rs256}: {@link BatchSigner#signAll(List)} over 1000 messages (leaf hashes, the SHA-256 tree,
 *       one RS256 root signature and 1000 proof objects), reported per message;
 *   <li>{@code verifyProofCachedRoot}: {@link BatchProofVerifier#verify(BatchProof, byte[])} of one proof of a
 *       1000-message batch whose root the verifier has already verified (it remembers roots): the 1 KiB leaf hash,
 *       the 10 path hashes and the cache lookup. This is the steady state when many proofs share a root; the root's
 *       RSA verification and chain validation are <em>not</em> in this number;
 *   <li>{@code verifyProofFromJsonCachedRoot}: the same, starting from the proof's JSON text (parsing included);
 *   <li>{@code verifyProofUncachedRoot}: the same with the cache off: the root JWS is parsed, its RS256 signature
 *       verified and its chain PKIX-validated for every proof. This is the cost of a proof seen alone.
 * </ul>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar SigningBenchmark -wi 3 -i 5 -f 1}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class SigningBenchmark {

    static final int BATCH = 1000;
    static final int MESSAGE_BYTES = 1024;

    List<byte[]> messages;
    JwsSigner jwsSigner;
    BatchSigner batchSigner;
    List<BatchProof> proofs;
    List<String> proofJson;
    BatchProofVerifier cachedVerifier;
    BatchProofVerifier uncachedVerifier;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Instant now = Instant.now();
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair caKeys = rsa.generateKeyPair();
        KeyPair signerKeys = rsa.generateKeyPair();
        X509Certificate ca = certificate("CN=Benchmark CA", caKeys, "CN=Benchmark CA", caKeys, true, now);
        X509Certificate signer = certificate("CN=Benchmark signer", signerKeys, "CN=Benchmark CA", caKeys, false,
                now);
        KeyMaterial key = KeyMaterial.of(signerKeys.getPrivate(), CertificateChain.of(signer, ca));

        jwsSigner = JwsSigner.builder().keyMaterial(key).algorithm(JwsAlgorithm.RS256).clock(clock).build();
        batchSigner = BatchSigner.builder().signer(jwsSigner).hashAlgorithm(HashAlgorithm.SHA_256).clock(clock)
                .build();

        SecureRandom random = new SecureRandom();
        messages = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            byte[] m = new byte[MESSAGE_BYTES];
            random.nextBytes(m);
            messages.add(m);
        }
        proofs = batchSigner.signAll(messages);
        proofJson = proofs.stream().map(BatchProof::toJson).toList();

        JwsVerifier jwsVerifier = JwsVerifier.builder().clock(clock).certificateValidator(
                CertificateValidator.builder().trustAnchors(TrustAnchors.of(ca)).build()).build();
        cachedVerifier = BatchProofVerifier.builder().jwsVerifier(jwsVerifier).build();
        uncachedVerifier = BatchProofVerifier.builder().jwsVerifier(jwsVerifier).rootCacheSize(0).build();
        cachedVerifier.verify(proofs.get(0), messages.get(0));
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == BATCH ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public String perMessageRs256() {
        return jwsSigner.signDetached(messages.get(nextIndex()));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<BatchProof> batchOf1000Rs256() {
        return batchSigner.signAll(messages);
    }

    @Benchmark
    public VerifiedBatchProof verifyProofCachedRoot() {
        int i = nextIndex();
        return cachedVerifier.verify(proofs.get(i), messages.get(i));
    }

    @Benchmark
    public VerifiedBatchProof verifyProofFromJsonCachedRoot() {
        int i = nextIndex();
        return cachedVerifier.verify(BatchProof.fromJson(proofJson.get(i)), messages.get(i));
    }

    @Benchmark
    public VerifiedBatchProof verifyProofUncachedRoot() {
        int i = nextIndex();
        return uncachedVerifier.verify(proofs.get(i), messages.get(i));
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
                                               boolean ca, Instant now) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(now.toEpochMilli() + (ca ? 0 : 1)), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), new X500Name(subject), subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign
                : KeyUsage.digitalSignature));
        return new JcaX509CertificateConverter().getCertificate(b.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }
}
