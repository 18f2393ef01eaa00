package io.luotsi.benchmarks;

import io.luotsi.auth.CertificateChain;
import io.luotsi.auth.KeyMaterial;
import io.luotsi.auth.jws.AuditCheckpoints;
import io.luotsi.auth.jws.JwsSigner;
import io.luotsi.core.audit.AuditRecord;
import io.luotsi.core.audit.Durability;
import io.luotsi.core.audit.JsonLinesAuditLog;
import io.luotsi.core.audit.SubjectPseudonymizer;
import io.luotsi.testkit.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of auditing one decision about a data subject, as the consumer and provider pay it on every call: the
 * subject's HMAC pseudonym, the record, and {@link JsonLinesAuditLog#write(AuditRecord)} (formatting, SHA-256 of the
 * line, one {@code write} system call), in microseconds per record on one thread.
 * <ul>
 *   <li>{@code durability=groupCommit}: the default, {@link Durability#groupCommit} every 100 ms: the record is with
 *       the operating system when {@code write} returns, a background thread forces the file;
 *   <li>{@code durability=groupCommitSigned}: the same with an ES256 JWS checkpoint every 10 000 records (its cost
 *       amortised over them);
 *   <li>{@code durability=everyRecord}: {@link Durability#everyRecord()}, an fsync per record, for comparison: it
 *       measures the storage device, not Luotsi.
 * </ul>
 * The budget is 20 µs per record for the default. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar AuditLogBenchmark -wi 3 -i 5 -f 1}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AuditLogBenchmark {

    @Param({"groupCommit", "groupCommitSigned", "everyRecord"})
    public String durability;

    Path dir;
    JsonLinesAuditLog log;
    SubjectPseudonymizer pseudonymizer;
    JwsSigner signer;
    long n;

    @Setup(Level.Trial)
    public void keys() throws IOException {
        dir = Files.createTempDirectory("luotsi-audit-bench");
        pseudonymizer = SubjectPseudonymizer.hmacSha256("bench",
                "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        TestPki pki = TestPki.generate();
        TestPki.Credential signing = pki.issue("audit signer", TestPki.Purpose.SIGNING, List.of());
        signer = JwsSigner.builder().keyMaterial(KeyMaterial.of(signing.privateKey(),
                new CertificateChain(signing.chain()))).build();
    }

    @Setup(Level.Iteration)
    public void open() throws IOException {
        Path file = Files.createTempFile(dir, "audit", ".jsonl");
        Files.delete(file);
        JsonLinesAuditLog.Builder b = JsonLinesAuditLog.builder(file);
        switch (durability) {
            case "everyRecord" -> b.durability(Durability.everyRecord());
            case "groupCommitSigned" -> b.checkpointSigner(AuditCheckpoints.signer(signer)).checkpointEvery(10_000);
            default -> b.durability(Durability.defaults());
        }
        log = b.build();
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        log.close();
        Files.delete(log.file());
    }

    @TearDown(Level.Trial)
    public void removeDirectory() throws IOException {
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public void auditOneDecision() {
        long i = n++;
        log.write(AuditRecord.builder(Instant.ofEpochSecond(1_772_446_530L + i), AuditRecord.Side.CONSUMER,
                        AuditRecord.Outcome.ALLOWED)
                .messageId("ee-dev-4c1c6f3a-" + i)
                .client("EE/GOV/70000001/benefits")
                .service("EE/GOV/70000002/registry/persons")
                .subject(pseudonymizer.pseudonym("EE3770221" + (1000 + i % 9000)))
                .purpose("benefit-eligibility")
                .legalBasis("A6-1-a")
                .evidence("consent-receipt", "6f1d3c2e-8a4b-4c1d-9e2f-" + (100000000000L + i))
                .build());
    }
}
