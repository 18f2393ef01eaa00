package io.luotsi.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code luotsi} command: call X-Road services, check and verify messages, and run the fake Security Server.
 *
 * <pre>
 * luotsi rest --security-server http://localhost:8080 --client EE/GOV/1234/app \
 *             --service EE/GOV/5678/registry/persons --path /persons/1
 * luotsi fake-ss --port 8080 --config fake-ss.yaml
 * </pre>
 *
 * Exit codes: 0 success; 1 usage error; 2 a checked message or file is invalid; 3 an X-Road error; 4 another HTTP
 * error; 5 a transport error; 6 a configuration error (files, keys).
 */
@Command(name = "luotsi", mixinStandardHelpOptions = true, versionProvider = Luotsi.Version.class,
        description = "Luotsi: call, check and test X-Road services.",
        subcommands = {RestCommand.class, SoapCommand.class, GlobalConfCommand.class, DiscoverCommand.class,
                AsicCommand.class, JwsCommand.class, AuditCommand.class, FakeSecurityServerCommand.class,
                CommandLine.HelpCommand.class})
public final class Luotsi implements Runnable {

    public static final int OK = 0;
    public static final int USAGE = 1;
    public static final int INVALID = 2;
    public static final int XROAD_ERROR = 3;
    public static final int HTTP_ERROR = 4;
    public static final int TRANSPORT_ERROR = 5;
    public static final int CONFIGURATION_ERROR = 6;

    /** Where commands read and write; replaced in tests. */
    static final class Io {
        final InputStream in;
        final PrintStream out;
        final PrintStream err;

        Io(InputStream in, PrintStream out, PrintStream err) {
            this.in = in;
            this.out = out;
            this.err = err;
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err);
        if (code != Integer.MIN_VALUE) {
            System.exit(code);
        }
    }

    /** Runs the command line with the given streams and returns its exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Io io = new Io(in, out, err);
        CommandLine cmd = new CommandLine(new Luotsi(), new Factory(io));
        cmd.setExpandAtFiles(false); // --data @file names a request body, not an argument file
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("luotsi: " + e.getMessage());
            return USAGE;
        });
        return cmd.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Gives every command the process's streams. */
    private static final class Factory implements CommandLine.IFactory {
        private final Io io;

        Factory(Io io) {
            this.io = io;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (IoAware.class.isAssignableFrom(cls)) {
                K k = CommandLine.defaultFactory().create(cls);
                ((IoAware) k).io(io);
                return k;
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /** A command that writes to the process's streams. */
    interface IoAware {
        void io(Io io);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Luotsi.class.getPackage().getImplementationVersion();
            return new String[] {"luotsi " + (v == null ? "(development build)" : v)};
        }
    }
}
