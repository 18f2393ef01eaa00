package io.luotsi.cli;

import io.luotsi.core.LuotsiException;
import io.luotsi.xroad.evidence.asic.AsicContainerVerifier;
import io.luotsi.xroad.evidence.asic.AsicVerificationException;
import io.luotsi.xroad.evidence.asic.AsicVerificationResult;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code luotsi asic verify}: check ASiC-E containers of X-Road's message log as X-Road's asicverifier does. */
@Command(name = "asic", mixinStandardHelpOptions = true,
        description = "Verify ASiC-E containers of an X-Road Security Server's message log.",
        subcommands = {AsicCommand.Verify.class})
final class AsicCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code asic verify --globalconf DIR FILE...}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify containers against a global configuration directory, at each container's "
                    + "time-stamp. Prints 'VALID signer=<id> ts=<instant>' or 'INVALID <code>' (X-Road's code) per "
                    + "file, prefixed with the file name when several are given; exit 0 when all are valid, 2 "
                    + "otherwise.")
    static final class Verify implements Callable<Integer>, Luotsi.IoAware {

        /** Apache Santuario reports failed references as warnings through java.util.logging; the verdict says it. */
        private static final Logger SANTUARIO = Logger.getLogger("org.apache.xml.security");

        @Option(names = "--globalconf", required = true, paramLabel = "DIR",
                description = "A global configuration directory in the Security Server's layout "
                        + "(instance-identifier, <INSTANCE>/shared-params.xml), e.g. /etc/xroad/globalconf")
        Path globalconf;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .asice containers")
        List<Path> files;

        private Luotsi.Io streams;

        @Override
        public void io(Luotsi.Io io) {
            this.streams = io;
        }

        @Override
        public Integer call() {
            SANTUARIO.setLevel(Level.SEVERE);
            AsicContainerVerifier verifier;
            try {
                verifier = AsicContainerVerifier.of(GlobalConfiguration.readDirectory(globalconf));
            } catch (LuotsiException e) {
                streams.err.println("luotsi asic verify: " + e.getMessage());
                return Luotsi.CONFIGURATION_ERROR;
            }
            boolean allValid = true;
            for (Path file : files) {
                String prefix = files.size() > 1 ? file + ": " : "";
                try {
                    AsicVerificationResult r = verifier.verify(file);
                    streams.out.println(prefix + "VALID signer=" + r.signer() + " ts=" + r.timestamp());
                } catch (AsicVerificationException e) {
                    allValid = false;
                    streams.out.println(prefix + "INVALID " + e.code());
                    streams.err.println("luotsi asic verify: " + file + ": " + e.getMessage());
                }
            }
            return allValid ? Luotsi.OK : Luotsi.INVALID;
        }
    }
}
