package io.luotsi.xroad.evidence.asic;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.internal.PercentCodec;
import io.luotsi.xroad.soap.SoapEnvelope;
import io.luotsi.xroad.soap.SoapEnvelopeReader;
import io.luotsi.xroad.soap.SoapMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who must have signed {@code message.xml}: for a request the client, for a response the service provider (X-Road's
 * {@code AsicContainerVerifier.getSigner}). A SOAP message is read with the SOAP reader; when it is not SOAP at all
 * ({@code invalid_soap}), it is read as the REST header part X-Road logs: {@code VERB\r\n/r1/...\r\n} or
 * {@code STATUS\r\nREASON\r\n}, then {@code name:value} lines.
 */
final class MessageSigner {

    /** What kind of message the container holds. */
    enum Kind { SOAP_REQUEST, SOAP_RESPONSE, REST_REQUEST, REST_RESPONSE }

    /**
     * The signer, or why there is none: X-Road's verifier carries on without a signer when {@code message.xml} is
     * SOAP that its parser rejects for another reason than not being SOAP, and fails only where the signer is needed
     * (a null signer there: {@code internal_error}). {@link #id()} throws that failure.
     */
    record Signer(ClientId signer, Kind kind, AsicVerificationException missing) {
        ClientId id() {
            if (signer == null) {
                throw missing;
            }
            return signer;
        }
    }

    private static final Set<String> SKIPPED_HEADERS = Set.of("transfer-encoding", "keep-alive",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "upgrade", "connection", "user-agent",
            "host", "content-length", "server", "expect");
    private static final Set<String> VERBS = Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT",
            "TRACE");

    private MessageSigner() {
    }

    static Signer of(byte[] message) {
        SoapEnvelope envelope;
        try {
            envelope = SoapEnvelopeReader.create().read(message, "text/xml; charset=UTF-8");
        } catch (XRoadProtocolException e) {
            if ("invalid_soap".equals(e.code())) {
                return rest(message);
            }
            return new Signer(null, null, new AsicVerificationException("internal_error", "message.xml names no "
                    + "signer: its SOAP is rejected (" + e.code() + ": " + e.getMessage() + ")", e));
        }
        if (!(envelope instanceof SoapMessage soap)) {
            throw new AsicVerificationException("internal_error", "Unexpected SOAP: message.xml is a SOAP fault");
        }
        return soap.isRequest()
                ? new Signer(soap.header().client(), Kind.SOAP_REQUEST, null)
                : new Signer(soap.header().service().provider(), Kind.SOAP_RESPONSE, null);
    }

    private static Signer rest(byte[] message) {
        try {
            if (message.length == 0) {
                throw new IllegalArgumentException("Invalid message");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(message),
                    StandardCharsets.UTF_8));
            return message[0] >= '1' && message[0] <= '9' ? response(reader) : request(reader);
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            throw new AsicVerificationException("internal_error", "Invalid message: message.xml is neither SOAP nor "
                    + "an X-Road REST message (" + e.getMessage() + ")", e);
        }
    }

    private static Signer request(BufferedReader reader) throws IOException {
        String verb = reader.readLine();
        if (verb == null || !VERBS.contains(verb)) {
            throw new IllegalArgumentException("unknown verb");
        }
        String target = reader.readLine();
        if (target == null) {
            throw new IllegalArgumentException("no request URI");
        }
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid request URI", e);
        }
        if (uri.getScheme() != null || uri.getAuthority() != null || uri.getRawPath() == null) {
            throw new IllegalArgumentException("Invalid request URI");
        }
        String[] parts = uri.getRawPath().split("/", 8);
        if (parts.length < 7) {
            throw new IllegalArgumentException("Invalid request URI");
        }
        if (!(parts[1].length() == 2 && parts[1].charAt(0) == 'r' && Character.digit(parts[1].charAt(1), 10) == 1)) {
            throw new IllegalArgumentException("Invalid protocol version " + parts[1]);
        }
        for (int i = 2; i <= 6; i++) {
            PercentCodec.decodeSegmentStrict(parts[i]);
        }
        ClientId client = null;
        for (String[] header : headers(reader)) {
            if ("x-road-client".equalsIgnoreCase(header[0])) {
                client = decodeClientId(header[1]);
            }
        }
        if (client == null) {
            throw new IllegalArgumentException("the request has no X-Road-Client header");
        }
        return new Signer(client, Kind.REST_REQUEST, null);
    }

    private static Signer response(BufferedReader reader) throws IOException {
        String status = reader.readLine();
        Integer.parseInt(status, 10);
        reader.readLine();
        ClientId provider = null;
        boolean hasId = false;
        boolean hasHash = false;
        for (String[] header : headers(reader)) {
            String name = header[0].toLowerCase(Locale.ROOT);
            switch (name) {
                case "x-road-service" -> provider = decodeServiceProvider(header[1]);
                case "x-road-id" -> hasId = !header[1].isEmpty();
                case "x-road-request-hash" -> hasHash = !header[1].isEmpty();
                default -> {
                    // other headers are only logged
                }
            }
        }
        if (!hasId || !hasHash) {
            throw new IllegalArgumentException("Invalid REST Response message");
        }
        if (provider == null) {
            throw new IllegalArgumentException("the response has no X-Road-Service header");
        }
        return new Signer(provider, Kind.REST_RESPONSE, null);
    }

    /** The {@code name:value} lines; values are taken as they are (X-Road writes no space after the colon). */
    private static List<String[]> headers(BufferedReader reader) throws IOException {
        List<String[]> headers = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            int colon = line.indexOf(':');
            if (line.isEmpty() || colon < 0) {
                throw new IllegalArgumentException("Invalid header");
            }
            String name = line.substring(0, colon);
            if (SKIPPED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Invalid header: " + name);
            }
            headers.add(new String[] {name, line.substring(colon + 1)});
        }
        return headers;
    }

    private static ClientId decodeClientId(String value) {
        String[] parts = value.split("/", 5);
        if (parts.length < 3 || parts.length > 4) {
            throw new IllegalArgumentException("Invalid Client Id");
        }
        return new ClientId(PercentCodec.decodeSegmentStrict(parts[0]), PercentCodec.decodeSegmentStrict(parts[1]),
                PercentCodec.decodeSegmentStrict(parts[2]),
                parts.length == 4 ? PercentCodec.decodeSegmentStrict(parts[3]) : null);
    }

    private static ClientId decodeServiceProvider(String value) {
        String[] parts = value.split("/", 6);
        if (parts.length != 5) {
            throw new IllegalArgumentException("Invalid Service Id");
        }
        PercentCodec.decodeSegmentStrict(parts[4]);
        return new ClientId(PercentCodec.decodeSegmentStrict(parts[0]), PercentCodec.decodeSegmentStrict(parts[1]),
                PercentCodec.decodeSegmentStrict(parts[2]), PercentCodec.decodeSegmentStrict(parts[3]));
    }
}
