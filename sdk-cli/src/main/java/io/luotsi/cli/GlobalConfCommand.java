package io.luotsi.cli;

import io.luotsi.core.LuotsiException;
import io.luotsi.xroad.globalconf.GlobalConfException;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import io.luotsi.xroad.globalconf.SharedParameters;
import io.luotsi.xroad.globalconf.SignedDirectory;
import io.luotsi.xroad.globalconf.SignedDirectoryVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code luotsi globalconf verify|show}: check a signed configuration directory, summarise a configuration. */
@Command(name = "globalconf", mixinStandardHelpOptions = true,
        description = "Verify and inspect X-Road global configuration.",
        subcommands = {GlobalConfCommand.Verify.class, GlobalConfCommand.Show.class})
final class GlobalConfCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code globalconf verify FILE --cert PEM [--at INSTANT]}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify a signed configuration directory as a configuration client does. Prints "
                    + "'OK <n> parts expires=<instant>' or 'ERROR <code>' (exit 2).")
    static final class Verify implements Callable<Integer>, Luotsi.IoAware {

        @Parameters(index = "0", paramLabel = "FILE", description = "The directory as downloaded (multipart)")
        Path file;

        @Option(names = "--cert", required = true, paramLabel = "PEM",
                description = "The verification certificate(s) from the configuration anchor, PEM")
        Path cert;

        @Option(names = "--at", paramLabel = "ISO-INSTANT",
                description = "Check expiry at this time instead of now, e.g. 2026-05-01T00:00:00Z")
        String at;

        private Luotsi.Io streams;

        @Override
        public void io(Luotsi.Io io) {
            this.streams = io;
        }

        @Override
        public Integer call() {
            Clock clock;
            try {
                clock = at == null ? Clock.systemUTC() : Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                streams.err.println("luotsi globalconf verify: --at is not an ISO-8601 instant: " + at);
                return Luotsi.USAGE;
            }
            List<X509Certificate> certificates;
            byte[] directory;
            try {
                certificates = readCertificates(cert);
                directory = Files.readAllBytes(file);
            } catch (IOException | CertificateException e) {
                streams.err.println("luotsi globalconf verify: " + e.getMessage());
                return Luotsi.CONFIGURATION_ERROR;
            }
            try {
                SignedDirectory verified = SignedDirectoryVerifier.builder().trust(certificates).clock(clock).build()
                        .verify(directory);
                streams.out.println("OK " + verified.parts().size() + " parts expires=" + verified.expiresAt());
                return Luotsi.OK;
            } catch (GlobalConfException e) {
                streams.out.println("ERROR " + e.code());
                streams.err.println(e.getMessage());
                return Luotsi.INVALID;
            }
        }
    }

    /** {@code globalconf show DIR|FILE}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Summarise a configuration: a directory in the Security Server's on-disk layout, or one "
                    + "shared-params.xml file.")
    static final class Show implements Callable<Integer>, Luotsi.IoAware {

        @Parameters(index = "0", paramLabel = "DIR|FILE")
        Path path;

        private Luotsi.Io streams;

        @Override
        public void io(Luotsi.Io io) {
            this.streams = io;
        }

        @Override
        public Integer call() {
            try {
                List<SharedParameters> instances = new ArrayList<>();
                if (Files.isDirectory(path)) {
                    GlobalConfiguration conf = GlobalConfiguration.readDirectory(path);
                    streams.out.println("configuration of " + conf.instanceIdentifier() + ", instances "
                            + conf.instances() + conf.expiresAt().map(e -> ", expires " + e).orElse(""));
                    for (String instance : conf.instances()) {
                        conf.sharedParameters(instance).ifPresent(instances::add);
                    }
                } else {
                    try (InputStream in = Files.newInputStream(path)) {
                        instances.add(SharedParameters.parse(in, versionOf(path)));
                    }
                }
                for (SharedParameters p : instances) {
                    print(streams.out, p);
                }
                return Luotsi.OK;
            } catch (IOException e) {
                streams.err.println("luotsi globalconf show: cannot read " + path + ": " + e.getMessage());
                return Luotsi.CONFIGURATION_ERROR;
            } catch (LuotsiException e) {
                streams.err.println("luotsi globalconf show: " + e.getMessage());
                return Luotsi.INVALID;
            }
        }

        /** The version a Security Server recorded beside the file ({@code FILE.metadata}), or 2 when unknown. */
        private static int versionOf(Path file) throws IOException {
            Path metadata = file.resolveSibling(file.getFileName() + ".metadata");
            if (Files.isRegularFile(metadata)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"configurationVersion\"\\s*:\\s*\"?(\\d+)")
                        .matcher(Files.readString(metadata));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            return 2;
        }

        private static void print(PrintStream out, SharedParameters p) {
            int subsystems = p.members().stream().mapToInt(m -> m.subsystems().size()).sum();
            out.println();
            out.println("instance " + p.instanceIdentifier() + " (shared parameters V" + p.version() + "): "
                    + p.members().size() + " members, " + subsystems + " subsystems, "
                    + p.securityServers().size() + " security servers, " + p.globalGroups().size()
                    + " global groups, " + p.approvedCas().size() + " approved CAs, " + p.approvedTsas().size()
                    + " approved TSAs");
            out.println("members:");
            for (SharedParameters.Member m : p.members()) {
                out.println("  " + m.id() + (m.name() == null ? "" : "  \"" + m.name() + "\""));
                for (SharedParameters.Subsystem s : m.subsystems()) {
                    out.println("    " + s.id() + (s.name() == null ? "" : "  \"" + s.name() + "\""));
                }
            }
            out.println("security servers:");
            for (SharedParameters.SecurityServer s : p.securityServers()) {
                out.println("  " + s.id() + "  address=" + (s.address() == null ? "-" : s.address())
                        + "  clients=" + s.clients().size()
                        + (s.inMaintenanceMode() ? "  MAINTENANCE"
                                + (s.maintenanceMessage() == null ? "" : ": " + s.maintenanceMessage()) : ""));
            }
        }
    }

    static List<X509Certificate> readCertificates(Path pem) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends java.security.cert.Certificate> certs =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> result = new ArrayList<>();
            for (java.security.cert.Certificate c : certs) {
                result.add((X509Certificate) c);
            }
            if (result.isEmpty()) {
                throw new CertificateException("no certificate in " + pem);
            }
            return result;
        }
    }
}
