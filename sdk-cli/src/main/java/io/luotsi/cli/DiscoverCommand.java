package io.luotsi.cli;

import io.luotsi.core.ConfigurationException;
import io.luotsi.core.LuotsiException;
import io.luotsi.core.TransportException;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadClientBuilder;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.metaservice.Endpoint;
import io.luotsi.xroad.metaservice.ListedClient;
import io.luotsi.xroad.metaservice.MetaserviceClient;
import io.luotsi.xroad.metaservice.OpenApiDocument;
import io.luotsi.xroad.metaservice.ServiceDescription;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code luotsi discover clients|methods|allowed|openapi}: the X-Road metaservices through a Security Server. One
 * result per line on stdout; errors as {@code luotsi rest} reports them.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = "Ask a Security Server who is there and what they offer (X-Road metaservices).")
final class DiscoverCommand implements Callable<Integer>, Luotsi.IoAware {

    enum What { clients, methods, allowed, openapi }

    @Parameters(index = "0", paramLabel = "clients|methods|allowed|openapi",
            description = "clients: listClients; methods/allowed: listMethods/allowedMethods of the provider given by "
                    + "--service; openapi: getOpenAPI of the service given by --service")
    What what;

    @Option(names = "--security-server", required = true, paramLabel = "URL")
    String securityServer;

    @Option(names = "--client", required = true, paramLabel = "INST/CLASS/MEMBER[/SUB]",
            description = "The calling client (percent-encoded parts)")
    String client;

    @Option(names = "--service", paramLabel = "ID",
            description = "methods/allowed: the provider INST/CLASS/MEMBER/SUB; openapi: the service "
                    + "INST/CLASS/MEMBER/SUB/CODE")
    String service;

    @Option(names = "--instance", paramLabel = "INSTANCE", description = "clients: list this X-Road instance")
    String instance;

    @Option(names = "--tls-dir", paramLabel = "DIR", description = "TLS material as for luotsi rest")
    Path tlsDir;

    private Luotsi.Io streams;

    @Override
    public void io(Luotsi.Io io) {
        this.streams = io;
    }

    @Override
    public Integer call() {
        ClientId clientId;
        try {
            clientId = ClientId.parseEncoded(client);
            if (what != What.clients && service == null) {
                throw new IllegalArgumentException("discover " + what + " needs --service");
            }
        } catch (IllegalArgumentException e) {
            streams.err.println("luotsi discover: " + e.getMessage());
            return Luotsi.USAGE;
        }
        XRoadClientBuilder builder = XRoadClient.builder().securityServer(securityServer).client(clientId);
        try {
            if (tlsDir != null) {
                builder.tls(RestCommand.loadTls(tlsDir));
            }
        } catch (ConfigurationException e) {
            streams.err.println("luotsi discover: " + e.getMessage());
            return Luotsi.CONFIGURATION_ERROR;
        }
        try (XRoadClient xroad = builder.build()) {
            MetaserviceClient meta = xroad.metaservices();
            switch (what) {
                case clients -> {
                    List<ListedClient> clients = instance == null ? meta.listClients() : meta.listClients(instance);
                    for (ListedClient c : clients) {
                        streams.out.println(c.id() + "\t" + nullToDash(c.name()) + "\t" + nullToDash(c.subsystemName()));
                    }
                }
                case methods, allowed -> {
                    ClientId provider = ClientId.parseEncoded(service);
                    List<ServiceDescription> services = what == What.methods
                            ? meta.listMethods(provider) : meta.allowedMethods(provider);
                    for (ServiceDescription s : services) {
                        String endpoints = s.endpoints().stream().map(Endpoint::toString)
                                .collect(Collectors.joining(", "));
                        streams.out.println(s.id() + "\t" + s.type() + (endpoints.isEmpty() ? "" : "\t" + endpoints));
                    }
                }
                case openapi -> {
                    OpenApiDocument doc = meta.getOpenApi(ServiceId.parseEncoded(service));
                    streams.err.println("Content-Type: " + doc.contentType());
                    streams.out.write(doc.bytes(), 0, doc.bytes().length);
                    streams.out.flush();
                }
            }
            return Luotsi.OK;
        } catch (IllegalArgumentException e) {
            streams.err.println("luotsi discover: " + e.getMessage());
            return Luotsi.USAGE;
        } catch (XRoadException e) {
            streams.err.println("X-ROAD-ERROR " + e.code() + " origin=" + e.origin().name().toLowerCase(Locale.ROOT)
                    + " retryable=" + e.retryable());
            return Luotsi.XROAD_ERROR;
        } catch (TransportException e) {
            streams.err.println("luotsi discover: " + e.getMessage());
            return Luotsi.TRANSPORT_ERROR;
        } catch (io.luotsi.core.ServiceException e) {
            streams.err.println("luotsi discover: " + e.getMessage());
            return Luotsi.HTTP_ERROR;
        } catch (LuotsiException e) {
            streams.err.println("luotsi discover: " + e.getMessage());
            return Luotsi.INVALID;
        }
    }

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }
}
