package io.luotsi.testkit;

import io.luotsi.xroad.soap.SoapEnvelope;
import io.luotsi.xroad.soap.SoapEnvelopeReader;
import io.luotsi.xroad.soap.SoapFault;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** X-Road's SOAP fixtures (copied with their MIT notice) and a plain HTTP client to post them. */
final class SoapFixtures {

    static final String MULTIPART = "multipart/related; charset=UTF-8; boundary=jetty771207119h3h10dty";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private SoapFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = SoapFixtures.class.getResourceAsStream("/xroad/soap/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts {@code body}; {@code contentType} or {@code soapAction} null leaves the header out. */
    static HttpResponse<byte[]> post(URI url, byte[] body, String contentType, String soapAction) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (soapAction != null) {
            b.header("SOAPAction", soapAction);
        }
        return send(b.build());
    }

    static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The SOAP fault of a response (fails when it is not one). */
    static SoapFault fault(HttpResponse<byte[]> r) {
        SoapEnvelope env = SoapEnvelopeReader.create().read(r.body(), r.headers().firstValue("Content-Type")
                .orElse(null));
        if (!(env instanceof SoapFault f)) {
            throw new AssertionError("not a SOAP fault: " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return f;
    }
}
