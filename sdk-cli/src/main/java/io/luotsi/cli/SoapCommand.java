package io.luotsi.cli;

import io.luotsi.core.LuotsiException;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
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
        try (XRoadClient xroad = SecurityServerOptions.newClient(securityServer, client, tlsDir)) {
            SoapCall call = xroad.soap(ServiceId.parseEncoded(service)).requestXml(readBody());
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
                if (!Files.isReadable(a)) {
                    throw new IllegalArgumentException("cannot read " + a);
                }
                call.attach(AttachmentSource.ofFile(a, "application/octet-stream")
                        .withContentId(a.getFileName().toString()));
            }
            if (mtom) {
                call.mtom();
            }
            try (SoapResponse<SoapMessage> r = call.execute()) {
                r.message().writeTo(streams.out);
                streams.out.flush();
                if (!r.attachments().isEmpty()) {
                    streams.err.println(r.attachments().size() + " attachment(s) not printed");
                }
                return Luotsi.OK;
            }
        } catch (IllegalArgumentException | LuotsiException e) {
            return SecurityServerOptions.report("soap", e, streams.err);
        }
    }

    private String readBody() {
        try {
            return Files.readString(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --body " + body + ": " + e.getMessage(), e);
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
