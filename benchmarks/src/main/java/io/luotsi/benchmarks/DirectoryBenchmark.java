package io.luotsi.benchmarks;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.directory.Directory;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import io.luotsi.xroad.globalconf.SharedParameters;
import io.luotsi.xroad.metaservice.Endpoint;
import io.luotsi.xroad.metaservice.ServiceDescription;
import io.luotsi.xroad.metaservice.ServiceType;
import io.luotsi.xroad.metaservice.SoapMetaservices;
import io.luotsi.xroad.metaservice.WsdlDocument;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Directory lookups on a large instance (10,000 members, 50,000 subsystems, 2,000 servers) with the service lists of
 * 5,000 providers loaded (10 services each, 50,000 services): finding a service by id, the fail-fast check a client
 * makes before every call, and the servers of a client. Ids are drawn from a pre-built array so that the measurement
 * is the lookup. The budget for a lookup by service id is 1 µs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class DirectoryBenchmark {

    static final int PROVIDERS = 5_000;
    static final int SERVICES_PER_PROVIDER = 10;
    static final int IDS = 4096;

    Directory directory;
    ServiceId[] known = new ServiceId[IDS];
    ServiceId[] unlisted = new ServiceId[IDS];
    ClientId[] clients = new ClientId[IDS];
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        SharedParameters sp = SharedParameters.parse(new ByteArrayInputStream(
                GeneratedSharedParameters.xml(10_000, 5, 2_000)), 6);
        GlobalConfiguration conf = GlobalConfiguration.builder(GeneratedSharedParameters.INSTANCE).add(sp).build();
        List<ClientId> providers = new ArrayList<>(PROVIDERS);
        for (int i = 0; i < PROVIDERS; i++) {
            providers.add(subsystem(i * 2, i % 5));
        }
        SoapMetaservices listings = new SoapMetaservices() {
            @Override
            public List<ServiceDescription> listMethods(ClientId provider) {
                List<ServiceDescription> s = new ArrayList<>(SERVICES_PER_PROVIDER);
                for (int j = 0; j < SERVICES_PER_PROVIDER; j++) {
                    s.add(new ServiceDescription(provider.service("service" + j), ServiceType.REST,
                            List.of(new Endpoint("GET", "/items/*"))));
                }
                return s;
            }

            @Override
            public List<ServiceDescription> allowedMethods(ClientId provider) {
                return listMethods(provider);
            }

            @Override
            public WsdlDocument getWsdl(ServiceId service) {
                throw new UnsupportedOperationException();
            }
        };
        directory = Directory.builder().globalConf(conf).soapMetaservices(listings)
                .watch(providers.toArray(new ClientId[0])).refreshInterval(Duration.ZERO).build();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < IDS; i++) {
            ClientId p = providers.get(random.nextInt(PROVIDERS));
            // Fresh, equal instances: lookups must hash and compare, not hit identity.
            ClientId copy = new ClientId(p.xRoadInstance(), p.memberClass(), p.memberCode(), p.subsystemCode());
            known[i] = new ServiceId(copy, "service" + random.nextInt(SERVICES_PER_PROVIDER), null);
            clients[i] = subsystem(random.nextInt(10_000), random.nextInt(5));
            // Odd members' subsystems have no service list loaded: checked against the global configuration only.
            unlisted[i] = subsystem(2 * random.nextInt(5_000) + 1, random.nextInt(5)).service("anything");
        }
        if (directory.service(known[0]).isEmpty()) {
            throw new IllegalStateException("benchmark setup: service not loaded");
        }
    }

    static ClientId subsystem(int member, int sub) {
        return new ClientId(GeneratedSharedParameters.INSTANCE, GeneratedSharedParameters.memberClass(member),
                GeneratedSharedParameters.memberCode(member), "sub" + sub);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        directory.close();
    }

    private int index() {
        int i = next;
        next = (i + 1) & (IDS - 1);
        return i;
    }

    /** Finding a loaded service by its id. */
    @Benchmark
    public Optional<ServiceDescription> serviceById() {
        return directory.service(known[index()]);
    }

    /** The check XRoadClient makes before each call when failing fast is on, for a service in a loaded list. */
    @Benchmark
    public ServiceId requireKnown() {
        ServiceId id = known[index()];
        directory.requireKnown(id);
        return id;
    }

    /** The same check for a provider whose services were not loaded: its member and subsystem are looked up. */
    @Benchmark
    public ServiceId requireKnownByGlobalConf() {
        ServiceId id = unlisted[index()];
        directory.requireKnown(id);
        return id;
    }

    /** The security servers of a client (which addresses serve it). */
    @Benchmark
    public List<SharedParameters.SecurityServer> securityServersOf() {
        return directory.securityServersOf(clients[index()]);
    }
}
