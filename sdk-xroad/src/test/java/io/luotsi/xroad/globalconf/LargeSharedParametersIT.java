package io.luotsi.xroad.globalconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.directory.Directory;
import io.luotsi.xroad.directory.UnknownServiceException;
import io.luotsi.xroad.testing.LargeSharedParameters;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared parameters of 10,000 members, 50,000 subsystems and 2,000 security servers parse and index within a small
 * heap. Failsafe runs sdk-xroad's ITs with -Xmx128m (see the module's pom), half of the 256 MiB this must fit in; the
 * test checks the limit it ran under. Time is measured by SharedParamsParseBenchmark, not here.
 */
class LargeSharedParametersIT {

    static final int MEMBERS = 10_000;
    static final int SUBSYSTEMS_PER_MEMBER = 5;
    static final int SERVERS = 2_000;

    @TempDir
    Path tmp;

    @Test
    void parsesAndIndexesTenThousandMembersFiftyThousandSubsystemsAndTwoThousandServersInA256MiBHeap()
            throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("max heap").isLessThanOrEqualTo(256L * 1024 * 1024);
        Path file = tmp.resolve("shared-params.xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            LargeSharedParameters.write(out, MEMBERS, SUBSYSTEMS_PER_MEMBER, SERVERS);
        }

        SharedParameters sp;
        try (InputStream in = Files.newInputStream(file)) {
            sp = SharedParameters.parse(in, 6);
        }
        GlobalConfiguration conf = GlobalConfiguration.builder(LargeSharedParameters.INSTANCE).add(sp).build();

        assertThat(sp.members()).hasSize(MEMBERS);
        assertThat(sp.members().stream().mapToInt(m -> m.subsystems().size()).sum())
                .isEqualTo(MEMBERS * SUBSYSTEMS_PER_MEMBER);
        assertThat(sp.securityServers()).hasSize(SERVERS);

        ClientId sub = ClientId.parse("BENCH/" + LargeSharedParameters.memberClass(4321) + "/"
                + LargeSharedParameters.memberCode(4321) + "/sub3");
        assertThat(conf.securityServersOf(sub)).extracting(s -> s.id().serverCode()).containsExactly("ss321");
        assertThat(conf.providerAddresses(sub)).containsExactly("ss321.bench.example");
        assertThat(conf.subsystem(sub).orElseThrow().name()).isEqualTo("Subsystem 3 of member 4321");
        assertThat(conf.securityServer(SecurityServerId.parse("BENCH/" + LargeSharedParameters.memberClass(99) + "/"
                + LargeSharedParameters.memberCode(99) + "/ss99")).orElseThrow().inMaintenanceMode()).isTrue();

        try (Directory directory = Directory.builder().globalConf(conf).refreshInterval(Duration.ZERO).build()) {
            directory.requireKnown(sub.service("anything"));
            assertThatThrownBy(() -> directory.requireKnown(ServiceId.parse("BENCH/GOV/1000000/sub7/x")))
                    .isInstanceOf(UnknownServiceException.class);
            System.gc();
            long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            System.out.printf("retained after parse and index: %d MiB of max %d MiB (file %d MiB)%n",
                    used >> 20, Runtime.getRuntime().maxMemory() >> 20, Files.size(file) >> 20);
            assertThat(directory.findSubsystems(io.luotsi.xroad.directory.ClientQuery.all().memberCode(
                    LargeSharedParameters.memberCode(4321)))).hasSize(SUBSYSTEMS_PER_MEMBER);
        }
    }
}
