package io.luotsi.xroad.evidence.asic;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.globalconf.CostType;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import io.luotsi.xroad.globalconf.SharedParameters;
import io.luotsi.xroad.globalconf.internal.DirectoryLayout;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Test-only: writes the global configuration directory that trusts a {@link TestPki} (the layout a Security Server
 * writes: {@code instance-identifier} and {@code INSTANCE/shared-params.xml} with its {@code .metadata}), so that tests
 * verify freshly written containers against it as against a real configuration. The approved CA is the test CA with
 * its OCSP responder and the FiVRK certificate profile, the approved TSA the test TSA, and the member has the
 * subsystems given.
 */
final class TestGlobalConfDirectory {

    static final String INSTANCE = "TEST";
    static final String FI_VRK = "ee.ria.xroad.common.certificateprofile.impl.FiVRKCertificateProfileInfoProvider";

    private TestGlobalConfDirectory() {
    }

    /** The shared parameters (version 3). */
    static SharedParameters sharedParameters(X509Certificate ca, X509Certificate ocspResponder, X509Certificate tsa,
                                             ClientId member, String... subsystems) {
        List<SharedParameters.Subsystem> subs = java.util.Arrays.stream(subsystems)
                .map(s -> new SharedParameters.Subsystem(member.withSubsystem(s), null)).toList();
        return new SharedParameters(INSTANCE, 3,
                List.of(new SharedParameters.Source("cs.test", List.of(ca), List.of(ca))),
                List.of(new SharedParameters.ApprovedCa("Test CA", false, new SharedParameters.CaInfo(ca,
                        List.of(new SharedParameters.Ocsp("http://127.0.0.1:9/ocsp", ocspResponder, CostType.FREE))),
                        List.of(), FI_VRK, null, null)),
                List.of(new SharedParameters.ApprovedTsa("Test TSA", "http://127.0.0.1:9/tsa", tsa, CostType.FREE)),
                List.of(new SharedParameters.Member(member, "Commercial", "Test member", subs)),
                List.of(), List.of(),
                new SharedParameters.GlobalSettings(List.of(new SharedParameters.MemberClass(member.memberClass(),
                        "Commercial")), 3600));
    }

    /** Writes the directory under {@code root} and reads it back as a verifier would. */
    static GlobalConfiguration write(Path root, SharedParameters sp) {
        DirectoryLayout.writeInstanceIdentifier(root, sp.instanceIdentifier());
        DirectoryLayout.writeFile(root, sp.instanceIdentifier(), DirectoryLayout.SHARED_PARAMS_FILE, sp.toXml(3),
                "SHARED-PARAMETERS", TestPki.NOW.plus(Duration.ofDays(3650)), 3);
        return GlobalConfiguration.readDirectory(root);
    }
}
