package io.luotsi.cli;

import io.luotsi.core.LuotsiException;
import io.luotsi.core.http.Headers;
import io.luotsi.core.http.RequestBody;
import io.luotsi.xroad.ProviderErrorException;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.XRoadHeaders;
import io.luotsi.xroad.rest.RestCall;
import io.luotsi.xroad.rest.RestStreamResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code luotsi rest}: one X-Road REST call. The body goes to stdout; {@code HTTP <status>} and the X-Road response
 * headers go to stderr. Exit 0 on 2xx, 3 on an X-Road error (with an {@code X-ROAD-ERROR} line on stderr), 4 on
 * another HTTP status, 5 when the Security Server could not be reached.
 */
@Command(name = "rest", mixinStandardHelpOptions = true,
        description = "Call an X-Road REST service through a Security Server.")
final class RestCommand implements Callable<Integer>, Luotsi.IoAware {

    @Mixin
    SecurityServerOptions securityServer;

    @Option(names = "--service", required = true, paramLabel = "INST/CLASS/MEMBER/SUB/CODE",
            description = "The REST service")
    String service;

    @Option(names = "--method", defaultValue = "GET", paramLabel = "M", description = "HTTP method (default GET)")
    String method;

    @Option(names = "--path", defaultValue = "/", paramLabel = "/p?q",
            description = "Path and query after the service code, sent as given (already percent-encoded)")
    String path;

    @Option(names = "--data", paramLabel = "@file|-|text",
            description = "Request body: @file reads a file, - reads stdin, anything else is sent as text")
    String data;

    @Option(names = "--header", paramLabel = "K:V", description = "An extra request header (repeatable)")
    List<String> headers = new ArrayList<>();

    @Option(names = "--user-id", paramLabel = "X", description = "X-Road-UserId")
    String userId;

    @Option(names = "--issue", paramLabel = "X", description = "X-Road-Issue")
    String issue;

    @Option(names = "--represented-party", paramLabel = "[CLASS/]CODE", description = "X-Road-Represented-Party")
    String representedParty;

    @Option(names = "--security-server-id", paramLabel = "INST/CLASS/MEMBER/CODE",
            description = "X-Road-Security-Server: route to this provider Security Server")
    String targetServer;

    @Option(names = "--message-id", paramLabel = "X", description = "X-Road-Id (a UUID when not given)")
    String messageId;

    private Luotsi.Io streams;

    @Override
    public void io(Luotsi.Io io) {
        this.streams = io;
    }

    @Override
    public Integer call() {
        try (XRoadClient xroad = securityServer.newClient()) {
            RestCall call = xroad.rest(ServiceId.parseEncoded(service)).raw(method, path);
            if (userId != null) {
                call.userId(userId);
            }
            if (issue != null) {
                call.issue(issue);
            }
            if (representedParty != null) {
                call.representedParty(RepresentedParty.parseEncoded(representedParty));
            }
            if (targetServer != null) {
                call.securityServer(SecurityServerId.parseEncoded(targetServer));
            }
            if (messageId != null) {
                call.messageId(messageId);
            }
            String contentType = null;
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("--header must be NAME:VALUE, got " + h);
                }
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Type")) {
                    contentType = value;
                } else {
                    call.header(name, value);
                }
            }
            if (data != null) {
                call.body(body(data, contentType));
            }
            return send(call);
        } catch (IllegalArgumentException | LuotsiException e) {
            return SecurityServerOptions.report("rest", e, streams.err);
        }
    }

    private int send(RestCall call) {
        try (RestStreamResponse response = call.executeStreaming()) {
            streams.err.println("HTTP " + response.status());
            printXRoadHeaders(response.headers());
            try (InputStream body = response.body()) {
                body.transferTo(streams.out);
            }
            streams.out.flush();
            return response.status() >= 200 && response.status() < 300 ? Luotsi.OK : Luotsi.HTTP_ERROR;
        } catch (ProviderErrorException e) {
            streams.err.println("HTTP " + e.statusCode());
            printXRoadHeaders(e.headers());
            streams.out.write(e.body(), 0, e.body().length);
            streams.out.flush();
            return Luotsi.HTTP_ERROR;
        } catch (IOException e) {
            streams.err.println("luotsi rest: reading the response failed: " + e.getMessage());
            return Luotsi.TRANSPORT_ERROR;
        }
    }

    private void printXRoadHeaders(Headers h) {
        for (String name : List.of(XRoadHeaders.ID, XRoadHeaders.REQUEST_ID, XRoadHeaders.REQUEST_HASH,
                XRoadHeaders.CLIENT, XRoadHeaders.SERVICE)) {
            h.value(name).ifPresent(v -> streams.err.println(name + ": " + v));
        }
    }

    private RequestBody body(String data, String contentType) {
        if (data.equals("-")) {
            return RequestBody.ofStream(streams.in, -1, contentType == null ? "application/octet-stream" : contentType);
        }
        if (data.startsWith("@")) {
            Path file = Path.of(data.substring(1));
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read " + file);
            }
            return RequestBody.ofFile(file, contentType == null ? "application/octet-stream" : contentType);
        }
        String trimmed = data.trim();
        String guessed = trimmed.startsWith("{") || trimmed.startsWith("[") ? "application/json" : "text/plain";
        return RequestBody.of(data, contentType == null ? guessed : contentType);
    }

}
