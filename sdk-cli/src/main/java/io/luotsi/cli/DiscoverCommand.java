package io.luotsi.cli;

import io.luotsi.core.LuotsiException;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.metaservice.Endpoint;
import io.luotsi.xroad.metaservice.ListedClient;
import io.luotsi.xroad.metaservice.MetaserviceClient;
import io.luotsi.xroad.metaservice.ServiceDocument;
import io.luotsi.xroad.metaservice.ServiceDescription;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code luotsi discover clients|methods|allowed|openapi}: the X-Road metaservices through a Security Server. One
 * result per line on stdout; errors as {@code luotsi rest} reports them.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = "Ask a Security Server who is there and what they offer (X-Road metaservices).")
final class DiscoverCommand implements Callable<Integer>, Luotsi.IoAware {

    enum What { clients, methods, allowed, openapi, wsdl }

    @Parameters(index = "0", paramLabel = "clients|methods|allowed|openapi|wsdl",
            description = "clients: listClients; methods/allowed: listMethods/allowedMethods of the provider given by "
                    + "--service (REST, or SOAP with --soap); openapi: getOpenAPI, wsdl: getWsdl of the service given "
                    + "by --service")
    What what;

    @Mixin
    SecurityServerOptions securityServer;

    @Option(names = "--service", paramLabel = "ID",
            description = "methods/allowed: the provider INST/CLASS/MEMBER/SUB; openapi: the service "
                    + "INST/CLASS/MEMBER/SUB/CODE")
    String service;

    @Option(names = "--soap", description = "methods/allowed: ask the SOAP metaservices instead of the REST ones")
    boolean soap;

    @Option(names = "--instance", paramLabel = "INSTANCE", description = "clients: list this X-Road instance")
    String instance;

    private Luotsi.Io streams;

    @Override
    public void io(Luotsi.Io io) {
        this.streams = io;
    }

    @Override
    public Integer call() {
        if (what != What.clients && service == null) {
            streams.err.println("luotsi discover: discover " + what + " needs --service");
            return Luotsi.USAGE;
        }
        try (XRoadClient xroad = securityServer.newClient()) {
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
                    List<ServiceDescription> services;
                    if (soap) {
                        services = what == What.methods
                                ? meta.soap().listMethods(provider) : meta.soap().allowedMethods(provider);
                    } else {
                        services = what == What.methods
                                ? meta.listMethods(provider) : meta.allowedMethods(provider);
                    }
                    for (ServiceDescription s : services) {
                        String endpoints = s.endpoints().stream().map(Endpoint::toString)
                                .collect(Collectors.joining(", "));
                        streams.out.println(s.id() + "\t" + s.type() + (endpoints.isEmpty() ? "" : "\t" + endpoints));
                    }
                }
                case openapi, wsdl -> {
                    ServiceId id = ServiceId.parseEncoded(service);
                    ServiceDocument doc = what == What.openapi ? meta.getOpenApi(id) : meta.soap().getWsdl(id);
                    streams.err.println("Content-Type: " + doc.contentType());
                    streams.out.write(doc.bytes(), 0, doc.bytes().length);
                    streams.out.flush();
                }
            }
            return Luotsi.OK;
        } catch (IllegalArgumentException | LuotsiException e) {
            return SecurityServerOptions.report("discover", e, streams.err);
        }
    }

    private static String nullToDash(String s) {
        return s == null ? "-" : s;
    }
}
