package io.luotsi.cli;

import io.luotsi.core.ConfigurationException;
import io.luotsi.core.LuotsiException;
import io.luotsi.core.TransportException;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ProviderErrorException;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadClientBuilder;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.soap.AttachmentSource;
import io.luotsi.xroad.soap.SecurityToken;
import io.luotsi.xroad.soap.SoapCall;
import io.luotsi.xroad.soap.SoapCheck;
import io.luotsi.xroad.soap.SoapMessage;
import io.luotsi.xroad.soap.SoapResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code luotsi soap}: one X-Road SOAP call; the response envelope goes to stdout. An X-Road fault prints
 * {@code X-ROAD-ERROR <code> origin=<origin> retryable=<bool>} on stderr and exits 3, as {@code luotsi rest} does.
 * {@code luotsi soap check FILE} prints the verdict X-Road's wire parser reaches on a message.
 */
@Command(name = "soap", mixinStandardHelpOptions = true,
        description = "Call an X-Road SOAP service through a Security Server, or check a SOAP message.",
        subcommands = SoapCommand.Check.class)
final class SoapCommand implements Callable<Integer>, Luotsi.IoAware {

    @Option(names = "--security-server", paramLabel = "URL",
            description = "The Security Server's client proxy, e.g. http://localhost:8080")
    String securityServer;

    @Option(names = "--client", paramLabel = "INST/CLASS/MEMBER[/SUB]", description = "The calling client")
    String client;

    @Option(names = "--service", paramLabel = "INST/CLASS/MEMBER/SUB/CODE[/VERSION]",
            description = "The SOAP service (a member's service: INST/CLASS/MEMBER/CODE)")
    String service;

    @Option(names = "--body", paramLabel = "FILE", description = "A file holding the body element's XML")
    Path body;

    @Option(names = "--attach", paramLabel = "FILE", description = "An attachment (repeatable), sent as SwA")
    List<Path> attachments = new ArrayList<>();

    @Option(names = "--mtom", description = "Send as MTOM/XOP instead of SwA")
    boolean mtom;

    @Option(names = "--user-id", paramLabel = "X", description = "userId")
    String userId;

    @Option(names = "--issue", paramLabel = "X", description = "issue")
    String issue;

    @Option(names = "--represented-party", paramLabel = "[CLASS/]CODE", description = "representedParty")
    String representedParty;

    @Option(names = "--security-token", paramLabel = "TOKEN", description = "securityToken (a JWT)")
    String securityToken;

    @Option(names = "--message-id", paramLabel = "X", description = "id (a UUID when not given)")
    String messageId;

    @Option(names = "--tls-dir", paramLabel = "DIR",
            description = "TLS material: DIR/ca.pem (trusted), optional DIR/cert.pem + DIR/key.pem (client)")
    Path tlsDir;

    private Luotsi.Io streams;

    @Override
    public void io(Luotsi.Io io) {
        this.streams = io;
    }

    @Override
    public Integer call() {
        if (securityServer == null || client == null || service == null || body == null) {
            streams.err.println("luotsi soap: --security-server, --client, --service and --body are required "
                    + "(or use: luotsi soap check FILE)");
            return Luotsi.USAGE;
        }
        ClientId clientId;
        ServiceId serviceId;
        String bodyXml;
        try {
            clientId = ClientId.parseEncoded(client);
            serviceId = ServiceId.parseEncoded(service);
            bodyXml = Files.readString(body, StandardCharsets.UTF_8);
            for (Path a : attachments) {
                if (!Files.isReadable(a)) {
                    throw new IllegalArgumentException("cannot read " + a);
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            streams.err.println("luotsi soap: " + e.getMessage());
            return Luotsi.USAGE;
        }
        XRoadClientBuilder builder = XRoadClient.builder().securityServer(securityServer).client(clientId);
        try {
            if (tlsDir != null) {
                builder.tls(RestCommand.loadTls(tlsDir));
            }
        } catch (ConfigurationException e) {
            streams.err.println("luotsi soap: " + e.getMessage());
            return Luotsi.CONFIGURATION_ERROR;
        }
        try (XRoadClient xroad = builder.build()) {
            SoapCall call = xroad.soap(serviceId).requestXml(bodyXml);
            try {
                if (userId != null) {
                    call.userId(userId);
                }
                if (issue != null) {
                    call.issue(issue);
                }
                if (representedParty != null) {
                    call.representedParty(RepresentedParty.parseEncoded(representedParty));
                }
                if (securityToken != null) {
                    call.securityToken(SecurityToken.jwt(securityToken));
                }
                if (messageId != null) {
                    call.messageId(messageId);
                }
                for (Path a : attachments) {
                    call.attach(AttachmentSource.ofFile(a, "application/octet-stream")
                            .withContentId(a.getFileName().toString()));
                }
                if (mtom) {
                    call.mtom();
                }
            } catch (IllegalArgumentException e) {
                streams.err.println("luotsi soap: " + e.getMessage());
                return Luotsi.USAGE;
            }
            return send(call);
        }
    }

    private int send(SoapCall call) {
        try (SoapResponse<SoapMessage> r = call.execute()) {
            r.message().writeTo(streams.out);
            streams.out.flush();
            if (!r.attachments().isEmpty()) {
                streams.err.println(r.attachments().size() + " attachment(s) not printed");
            }
            return Luotsi.OK;
        } catch (XRoadException e) {
            streams.err.println("X-ROAD-ERROR " + e.code() + " origin=" + e.origin().name().toLowerCase(Locale.ROOT)
                    + " retryable=" + e.retryable());
            e.faultString().ifPresent(m -> streams.err.println("message: " + m));
            e.detail().ifPresent(d -> streams.err.println("detail: " + d));
            return Luotsi.XROAD_ERROR;
        } catch (ProviderErrorException e) {
            streams.err.println("HTTP " + e.statusCode());
            return Luotsi.HTTP_ERROR;
        } catch (TransportException e) {
            streams.err.println("luotsi soap: " + e.getMessage());
            return Luotsi.TRANSPORT_ERROR;
        } catch (LuotsiException e) {
            streams.err.println("luotsi soap: " + e.getMessage());
            return Luotsi.INVALID;
        }
    }

    /** {@code luotsi soap check FILE [--content-type CT]}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Print the verdict X-Road 7.8's wire parser reaches on a SOAP message (EXPECTED.tsv "
                    + "format); exit 0 for OK, 2 for ERROR or a fault.")
    static final class Check implements Callable<Integer>, Luotsi.IoAware {

        @Parameters(index = "0", paramLabel = "FILE", description = "The message (a SOAP part or a multipart body)")
        Path file;

        @Option(names = "--content-type", paramLabel = "CT", defaultValue = "text/xml; charset=UTF-8",
                description = "The content type it was sent with (default: text/xml; charset=UTF-8)")
        String contentType;

        private Luotsi.Io streams;

        @Override
        public void io(Luotsi.Io io) {
            this.streams = io;
        }

        @Override
        public Integer call() {
            byte[] message;
            try {
                message = Files.readAllBytes(file);
            } catch (IOException e) {
                streams.err.println("luotsi soap check: cannot read " + file + ": " + e.getMessage());
                return Luotsi.USAGE;
            }
            String verdict = SoapCheck.verdict(message, contentType);
            streams.out.println(verdict);
            streams.out.flush();
            return verdict.startsWith("OK") ? Luotsi.OK : Luotsi.INVALID;
        }
    }
}
