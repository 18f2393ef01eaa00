package io.luotsi.cli;

import io.luotsi.auth.TrustAnchors;
import io.luotsi.auth.jws.AuditCheckpoints;
import io.luotsi.auth.jws.JwsVerifier;
import io.luotsi.auth.pki.CertificateValidator;
import io.luotsi.core.ConfigurationException;
import io.luotsi.core.audit.AuditLogVerifier;
import io.luotsi.core.audit.AuditVerification;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code luotsi audit verify FILE [--trust PEM]}: check a hash-chained audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check audit logs written by Luotsi (JsonLinesAuditLog).",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code audit verify FILE [--trust PEM]}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify the hash chain of an audit log and, with --trust, the signatures of its checkpoints. "
                    + "Prints 'OK <n> records', or 'ERROR <line> <reason>' for the first bad line (exit 2).")
    static final class Verify implements Callable<Integer>, Luotsi.IoAware {

        @Parameters(index = "0", paramLabel = "FILE", description = "The audit log (JSON Lines)")
        Path file;

        @Option(names = "--trust", paramLabel = "PEM",
                description = "The CA certificate(s) the checkpoint signers chain to, PEM; without it the chain is "
                        + "checked but checkpoint signatures are not")
        Path trust;

        private Luotsi.Io streams;

        @Override
        public void io(Luotsi.Io io) {
            this.streams = io;
        }

        @Override
        public Integer call() {
            AuditLogVerifier.Builder verifier = AuditLogVerifier.builder();
            if (trust != null) {
                try {
                    JwsVerifier jws = JwsVerifier.builder().certificateValidator(CertificateValidator.builder()
                            .trustAnchors(TrustAnchors.fromPem(trust)).build()).build();
                    verifier.checkpointVerifier(AuditCheckpoints.verifier(jws));
                } catch (ConfigurationException e) {
                    streams.err.println("luotsi audit verify: " + e.getMessage());
                    return Luotsi.CONFIGURATION_ERROR;
                }
            }
            if (!Files.isRegularFile(file)) {
                streams.err.println("luotsi audit verify: no such file: " + file);
                return Luotsi.CONFIGURATION_ERROR;
            }
            AuditVerification v;
            try {
                v = verifier.build().verify(file);
            } catch (UncheckedIOException e) {
                streams.err.println("luotsi audit verify: " + e.getMessage());
                return Luotsi.CONFIGURATION_ERROR;
            }
            streams.out.println(v.summary());
            if (!v.intact()) {
                return Luotsi.INVALID;
            }
            if (trust == null) {
                streams.err.println("note: " + v.checkpoints() + " checkpoint signature(s) not checked (no --trust)");
            } else if (v.unsignedTail() > 0) {
                streams.err.println("note: " + v.unsignedTail() + " record(s) after the last signed checkpoint are "
                        + "protected by the hash chain only");
            }
            return Luotsi.OK;
        }
    }
}
