package io.luotsi.benchmarks;

import io.luotsi.xroad.evidence.asic.AsicContainerVerifier;
import io.luotsi.xroad.evidence.asic.AsicVerificationResult;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import io.luotsi.xroad.globalconf.SharedParameters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verifying X-Road message-log containers (ASiC-E) as X-Road's asicverifier does, with X-Road's own fixtures and
 * trust (globalconf_good2_v3; MIT, see resources/xroad/LICENSE-X-Road.txt). The verifier is built once: what it keeps
 * is what is legitimately cacheable (the parsed global configuration, the approved CAs by name, the approved TSAs'
 * certificates, one PKIX validator per CA). Nothing about a container is kept between operations: each one unzips,
 * parses and verifies everything (XAdES with Santuario, the time-stamp, the OCSP response, the certificate path).
 * The target is 100 single-signature containers per second.
 *
 * <ul>
 *   <li>{@code signedMessage}: a SOAP request with one signature and the time-stamp in the signature;
 *   <li>{@code attachmentsBatchTimestamp}: a SOAP request with two attachments and a batch time-stamp (hash chain);
 *   <li>{@code batchSignature}: a batch signature over a hash chain;
 *   <li>{@code signedMessageFreshVerifier}: the first, with a verifier made for each container from the parsed global
 *       configuration, to show what the verifier's caches save.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class AsicVerifyBenchmark {

    GlobalConfiguration conf;
    AsicContainerVerifier verifier;
    byte[] signedMessage;
    byte[] attachments;
    byte[] batchSignature;

    @Setup(Level.Trial)
    public void load() {
        SharedParameters sp = SharedParameters.parse(new ByteArrayInputStream(
                resource("globalconf_good2_v3/DEV/shared-params.xml")), 3);
        conf = GlobalConfiguration.builder("DEV").add(sp).build();
        verifier = AsicContainerVerifier.of(conf);
        signedMessage = resource("asic/valid-signed-message.asice");
        attachments = resource("asic/valid-non-batch-soap-attachments.asice");
        batchSignature = resource("asic/valid-signed-hashchain.asice");
        // Fail at setup, not in the measurement, if the fixtures or the trust do not verify.
        verifier.verify(signedMessage);
        verifier.verify(attachments);
        verifier.verify(batchSignature);
    }

    private static byte[] resource(String name) {
        try (InputStream in = AsicVerifyBenchmark.class.getResourceAsStream("/xroad/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing benchmark resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public AsicVerificationResult signedMessage() {
        return verifier.verify(signedMessage);
    }

    @Benchmark
    public AsicVerificationResult attachmentsBatchTimestamp() {
        return verifier.verify(attachments);
    }

    @Benchmark
    public AsicVerificationResult batchSignature() {
        return verifier.verify(batchSignature);
    }

    @Benchmark
    public AsicVerificationResult signedMessageFreshVerifier() {
        return AsicContainerVerifier.of(conf).verify(signedMessage);
    }
}
