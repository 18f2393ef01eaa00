package io.luotsi.cli;

import io.luotsi.core.ConfigurationException;
import io.luotsi.testkit.FakeSecurityServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code luotsi fake-ss}: runs the test kit's fake Security Server until stopped (Ctrl-C or SIGTERM), for teams that
 * test against it from another language or process. Prints the client proxy URL; with {@code --https}, also where
 * the client TLS material (cert.pem, key.pem, ca.pem) was written, ready for {@code luotsi rest --tls-dir}; with a
 * message log, where its containers go and where the global configuration they verify against was written, ready for
 * {@code luotsi asic verify --globalconf}.
 */
@Command(name = "fake-ss", mixinStandardHelpOptions = true,
        description = "Run the fake X-Road Security Server until stopped.")
final class FakeSecurityServerCommand implements Callable<Integer>, Luotsi.IoAware {

    @Option(names = "--port", paramLabel = "N", description = "HTTP port of the client proxy (0: any free port)")
    Integer port;

    @Option(names = "--https", description = "Also serve HTTPS from a generated test PKI, with client certificates")
    boolean https;

    @Option(names = "--https-port", paramLabel = "N", description = "HTTPS port (default: any free port)")
    Integer httpsPort;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Configuration file, YAML or JSON (docs/reference/fake-security-server-config.md)")
    Path config;

    @Option(names = "--tls-dir", paramLabel = "DIR",
            description = "With --https: where to write the client TLS material (default: a new temporary directory)")
    Path tlsDir;

    @Option(names = "--message-log", paramLabel = "DIR",
            description = "Write the message log here: an ASiC-E container per logged request and response, as "
                    + "X-Road archives them (off by default; overrides the file's messageLog)")
    Path messageLog;

    @Option(names = "--globalconf-out", paramLabel = "DIR",
            description = "Write the global configuration the containers verify against here, for luotsi asic "
                    + "verify --globalconf (default with a message log: a new temporary directory)")
    Path globalconfOut;

    private Luotsi.Io streams;
    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public void io(Luotsi.Io io) {
        this.streams = io;
    }

    @Override
    public Integer call() throws Exception {
        FakeSecurityServer.Builder builder;
        try {
            builder = FakeSecurityServer.fromConfig(config);
        } catch (ConfigurationException e) {
            streams.err.println("luotsi fake-ss: " + e.getMessage());
            return Luotsi.CONFIGURATION_ERROR;
        }
        if (port != null) {
            builder.port(port);
        }
        if (messageLog != null) {
            builder.messageLog(messageLog);
        }
        if (https) {
            builder.https(true);
            if (httpsPort != null) {
                builder.httpsPort(httpsPort);
            }
        }
        FakeSecurityServer started;
        try {
            started = builder.start();
        } catch (ConfigurationException e) {
            streams.err.println("luotsi fake-ss: " + e.getMessage());
            return Luotsi.CONFIGURATION_ERROR;
        }
        try (FakeSecurityServer server = started) {
            streams.out.println(server.url());
            if (server.httpsEnabled()) {
                Path dir = tlsDir != null ? tlsDir : Files.createTempDirectory("luotsi-fake-ss-tls");
                server.writeClientTlsMaterial(dir);
                streams.out.println("client TLS material: " + dir.toAbsolutePath());
                streams.out.println("HTTP (no client certificate): " + server.httpUrl());
            }
            if (server.globalConfOptions().enabled()) {
                streams.out.println("configuration anchor: " + server.httpUrl() + "/configuration-anchor.xml");
            }
            if (server.messageLogDirectory().isPresent()) {
                streams.out.println("message log: " + server.messageLogDirectory().get().toAbsolutePath());
            }
            if (globalconfOut != null || server.messageLogDirectory().isPresent()) {
                Path dir = globalconfOut != null ? globalconfOut
                        : Files.createTempDirectory("luotsi-fake-ss-globalconf");
                server.writeGlobalConfigurationDirectory(dir);
                streams.out.println("global configuration: " + dir.toAbsolutePath());
            }
            streams.out.flush();
            Thread hook = new Thread(stop::countDown, "luotsi-fake-ss-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The JVM is already shutting down through the hook; nothing to remove.
                }
            }
        }
        return Luotsi.OK;
    }
}
