package io.luotsi.xroad.soap;

import io.luotsi.core.LuotsiException;
import io.luotsi.core.RequestContext;
import io.luotsi.core.ResponseClassifier;
import io.luotsi.core.TransportException;
import io.luotsi.core.http.HttpResponse;
import io.luotsi.core.json.JsonCodec;
import io.luotsi.xroad.ProviderErrorException;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.soap.internal.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * Classifies the response to one SOAP call, as the consumer's Security Server and then Luotsi check it: a SOAP fault
 * (HTTP 200 from a Security Server, or a service fault) becomes its {@code XRoadException}; a message whose
 * {@code client, service, id, userId, issue, representedParty} differ from the request's is
 * {@code inconsistent_response}; with verification on, a missing or wrong {@code requestHash} too. A success is
 * decoded here (attachments spooled) and kept for the caller: one classifier per call.
 */
final class SoapResponseClassifier implements ResponseClassifier {

    private final SoapMessageDecoder decoder;
    private final SoapHeader request;
    private final SoapRequestBody body;
    private final boolean verifyRequestHash;
    private final JsonCodec json;
    private final int maxErrorBodyBytes;
    private volatile DecodedSoapMessage decoded;

    SoapResponseClassifier(SoapMessageDecoder decoder, SoapHeader request, SoapRequestBody body,
                           boolean verifyRequestHash, JsonCodec json, int maxErrorBodyBytes) {
        this.decoder = decoder;
        this.request = request;
        this.body = body;
        this.verifyRequestHash = verifyRequestHash;
        this.json = json;
        this.maxErrorBodyBytes = maxErrorBodyBytes;
    }

    /** The decoded response of the successful attempt. */
    DecodedSoapMessage decoded() {
        return decoded;
    }

    /** SHA-512 of the request's SOAP part as last sent, or {@code null} before it was sent. */
    byte[] sentSoapPartDigest() {
        return body.soapPartDigest();
    }

    @Override
    public LuotsiException classify(HttpResponse response, RequestContext context) {
        String messageId = request.id();
        String ct = response.headers().lastValue("Content-Type");
        if (!isSoapContentType(ct)) {
            if (response.status() >= 400) {
                return providerError(response, messageId);
            }
            response.close();
            return new XRoadProtocolException("invalid_content_type", "Invalid content type: " + ct
                    + " (HTTP " + response.status() + ")");
        }
        DecodedSoapMessage d;
        try (response; InputStream in = response.body().stream()) {
            d = decoder.decode(in, ct);
        } catch (XRoadProtocolException e) {
            return e;
        } catch (TransportException e) {
            return e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the SOAP response failed", e);
        }
        if (d.soap() instanceof SoapFault f) {
            d.close();
            return f.toException(response.status(), messageId, null);
        }
        SoapMessage m = (SoapMessage) d.soap();
        List<String> inconsistent = request.inconsistentFields(m.header());
        if (!inconsistent.isEmpty()) {
            d.close();
            return new XRoadProtocolException("inconsistent_response", "Response is not consistent with the "
                    + "request: field '" + inconsistent.get(0) + "' does not match");
        }
        if (verifyRequestHash) {
            String problem = requestHashProblem(m.header().requestHash().orElse(null), body.soapPartDigest());
            if (problem != null) {
                d.close();
                return new XRoadProtocolException("inconsistent_response", problem);
            }
        }
        DecodedSoapMessage previous = decoded;
        if (previous != null) {
            previous.close();
        }
        decoded = d;
        return null;
    }

    /** Why {@code hash} does not prove {@code sentDigest}, or {@code null} when it does. */
    static String requestHashProblem(RequestHash hash, byte[] sentDigest) {
        if (hash == null) {
            return "Response is missing the request message hash";
        }
        if (sentDigest == null) {
            return "The request message hash cannot be checked: the request was not sent by this call";
        }
        if (hash.algorithmId() != null && !hash.algorithmId().equals(RequestHash.SHA512)) {
            return "Request message hash uses an unexpected algorithm: " + hash.algorithmId();
        }
        byte[] got;
        try {
            got = Base64.getMimeDecoder().decode(hash.value().trim());
        } catch (IllegalArgumentException e) {
            return "Request message hash is not base64";
        }
        return MessageDigest.isEqual(got, sentDigest) ? null : "Request message hash does not match request message";
    }

    static boolean isSoapContentType(String ct) {
        if (ct == null || ct.isBlank()) {
            return false;
        }
        MediaType mt = MediaType.parse(ct);
        return mt.isSoapType() || mt.baseTypeLower().equals(MediaType.MULTIPART_RELATED);
    }

    private LuotsiException providerError(HttpResponse response, String messageId) {
        try (response; InputStream in = response.body().stream()) {
            byte[] buf = in.readNBytes(maxErrorBodyBytes);
            boolean truncated = in.read() != -1;
            return new ProviderErrorException(response.status(), response.reason(), response.headers(), buf,
                    truncated, json, messageId, null);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the error response failed", e);
        }
    }
}
