package io.luotsi.benchmarks;

import io.luotsi.xroad.globalconf.GlobalConfiguration;
import io.luotsi.xroad.globalconf.SharedParameters;
import java.io.ByteArrayInputStream;
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
 * Parsing and indexing the shared parameters of a large instance: 10,000 members, 50,000 subsystems and 2,000
 * security servers (about 9 MiB of XML), from bytes in memory to a {@link GlobalConfiguration} ready for lookups. The
 * budget is 1.5 s; sdk-xroad's LargeSharedParametersIT shows it fits a 256 MiB heap. Run with -Xmx256m to measure
 * within that heap: {@code java -Xmx256m -jar benchmarks/target/benchmarks.jar SharedParamsParseBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@State(Scope.Benchmark)
public class SharedParamsParseBenchmark {

    byte[] xml;

    @Setup(Level.Trial)
    public void generate() {
        xml = GeneratedSharedParameters.xml(10_000, 5, 2_000);
    }

    @Benchmark
    public GlobalConfiguration parseAndIndex() {
        SharedParameters sp = SharedParameters.parse(new ByteArrayInputStream(xml), 6, 64L * 1024 * 1024);
        return GlobalConfiguration.builder(GeneratedSharedParameters.INSTANCE).add(sp).build();
    }

    @Benchmark
    public SharedParameters parseOnly() {
        return SharedParameters.parse(new ByteArrayInputStream(xml), 6, 64L * 1024 * 1024);
    }
}
