package io.luotsi.cli;

import io.luotsi.core.ConfigurationException;
import io.luotsi.core.LuotsiException;
import io.luotsi.core.ServiceException;
import io.luotsi.core.TransportException;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadClientBuilder;
import io.luotsi.xroad.XRoadException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options every command that talks to a Security Server shares ({@code --security-server}, {@code --client},
 * {@code --tls-dir}), and how such commands report failures: one format and one set of exit codes for all.
 */
final class SecurityServerOptions {

    @Option(names = "--security-server", required = true, paramLabel = "URL",
            description = "The Security Server's client proxy, e.g. http://localhost:8080")
    String securityServer;

    @Option(names = "--client", required = true, paramLabel = "INST/CLASS/MEMBER[/SUB]",
            description = "The calling client, each part percent-encoded where it must be (e.g. EE/GOV/1234/s%%2Fub)")
    String client;

    @Option(names = "--tls-dir", paramLabel = "DIR",
            description = "TLS material: DIR/ca.pem (trusted), optional DIR/cert.pem + DIR/key.pem (client)")
    Path tlsDir;

    /**
     * A client for these options.
     *
     * @throws IllegalArgumentException when the client id or URL is malformed (a usage error)
     * @throws ConfigurationException   when the TLS material cannot be loaded
     */
    XRoadClient newClient() {
        return newClient(securityServer, client, tlsDir);
    }

    /** As {@link #newClient()}, for a command whose options are optional because it also has subcommands. */
    static XRoadClient newClient(String securityServer, String client, Path tlsDir) {
        ClientId clientId = ClientId.parseEncoded(client);
        XRoadClientBuilder builder = XRoadClient.builder().securityServer(securityServer).client(clientId);
        if (tlsDir != null) {
            builder.tls(io.luotsi.auth.TlsMaterial.fromDirectory(tlsDir));
        }
        return builder.build();
    }

    /**
     * Reports a failure of {@code command} on stderr and returns its exit code: an X-Road error as one
     * {@code X-ROAD-ERROR <code> origin=<origin> retryable=<bool>} line (exit 3), another HTTP error (4), a transport
     * error (5), a configuration error (6), anything else as invalid (2).
     */
    static int report(String command, RuntimeException failure, PrintStream err) {
        if (failure instanceof XRoadException e) {
            err.println("HTTP " + e.statusCode());
            err.println("X-ROAD-ERROR " + e.code() + " origin=" + e.origin().name().toLowerCase(Locale.ROOT)
                    + " retryable=" + e.retryable());
            e.faultString().ifPresent(m -> err.println("message: " + m));
            e.detail().ifPresent(d -> err.println("detail: " + d));
            return Luotsi.XROAD_ERROR;
        }
        err.println("luotsi " + command + ": " + failure.getMessage());
        if (failure instanceof IllegalArgumentException) {
            return Luotsi.USAGE;
        }
        if (failure instanceof ConfigurationException) {
            return Luotsi.CONFIGURATION_ERROR;
        }
        if (failure instanceof TransportException) {
            return Luotsi.TRANSPORT_ERROR;
        }
        if (failure instanceof ServiceException) {
            return Luotsi.HTTP_ERROR;
        }
        if (failure instanceof LuotsiException) {
            return Luotsi.INVALID;
        }
        throw failure;
    }
}
