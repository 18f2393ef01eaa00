package io.luotsi.xroad.internal;

import io.luotsi.core.LuotsiException;
import io.luotsi.core.ProtocolException;
import io.luotsi.core.RequestContext;
import io.luotsi.core.ResponseClassifier;
import io.luotsi.core.http.HttpResponse;
import io.luotsi.core.json.JsonCodec;
import io.luotsi.xroad.ProviderErrorException;
import io.luotsi.xroad.XRoadErrorCode;
import io.luotsi.xroad.XRoadException;
import io.luotsi.xroad.XRoadHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Maps REST responses to the exception tree (PR-REST §4.6 and X-Road 7.8): {@code X-Road-Error} with a JSON or XML
 * error body is an {@link XRoadException}; a 4xx or 5xx without it is the provider service's own
 * {@link ProviderErrorException}; everything else (2xx, and 3xx, which X-Road returns unfollowed) is the caller's.
 */
public final class RestErrorClassifier implements ResponseClassifier {

    private final JsonCodec json;
    private final int maxErrorBodyBytes;

    public RestErrorClassifier(JsonCodec json, int maxErrorBodyBytes) {
        this.json = json;
        this.maxErrorBodyBytes = maxErrorBodyBytes;
    }

    @Override
    public LuotsiException classify(HttpResponse response, RequestContext context) {
        String errorHeader = response.headers().lastValue(XRoadHeaders.ERROR);
        if (errorHeader == null && response.status() < 400) {
            return null;
        }
        String messageId = response.headers().value(XRoadHeaders.ID).orElse(context.messageId().orElse(null));
        String requestId = response.headers().lastValue(XRoadHeaders.REQUEST_ID);
        Bounded body = readBounded(response);
        if (errorHeader != null) {
            ErrorBody eb = parseErrorBody(body.bytes, response.body().contentType());
            String raw = errorHeader.isBlank() && eb.type != null ? eb.type : errorHeader;
            XRoadErrorCode code;
            try {
                code = XRoadErrorCode.parse(raw);
            } catch (IllegalArgumentException e) {
                return new ProtocolException("X-Road-Error header is empty and the error body names no type",
                        null, messageId, requestId);
            }
            return new XRoadException(code, eb.message, eb.detail, response.status(), messageId, requestId);
        }
        return new ProviderErrorException(response.status(), response.reason(), response.headers(), body.bytes,
                body.truncated, json, messageId, requestId);
    }

    private record Bounded(byte[] bytes, boolean truncated) {
    }

    private Bounded readBounded(HttpResponse response) {
        try (response; InputStream in = response.body().stream()) {
            byte[] buf = in.readNBytes(maxErrorBodyBytes);
            boolean truncated = in.read() != -1;
            return new Bounded(buf, truncated);
        } catch (IOException e) {
            throw new UncheckedIOException("reading error response body failed", e);
        }
    }

    /** The fields of an X-Road error body; any of them may be null. */
    record ErrorBody(String type, String message, String detail) {
    }

    ErrorBody parseErrorBody(byte[] body, String contentType) {
        if (body.length == 0) {
            return new ErrorBody(null, null, null);
        }
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean xml = ct.contains("xml") || (!ct.contains("json") && firstNonSpace(body) == '<');
        try {
            return xml ? parseXml(body) : parseJson(body);
        } catch (RuntimeException e) {
            // The header code is authoritative; an unreadable body only loses the message.
            return new ErrorBody(null, null, null);
        }
    }

    private ErrorBody parseJson(byte[] body) {
        JsonError e = json.read(body, JsonError.class);
        return new ErrorBody(e.type, e.message, e.detail);
    }

    /** Shape of the JSON error body. */
    public static final class JsonError {
        public String type;
        public String message;
        public String detail;
    }

    private static ErrorBody parseXml(byte[] body) {
        XMLStreamReader r = SafeXml.reader(new ByteArrayInputStream(body), body.length);
        String type = null;
        String message = null;
        String detail = null;
        try {
            int depth = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    if (depth == 2) {
                        String name = r.getLocalName();
                        String text = r.getElementText();
                        depth--;
                        switch (name) {
                            case "type" -> type = text;
                            case "message" -> message = text;
                            case "detail" -> detail = text;
                            default -> { }
                        }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException(e);
        }
        return new ErrorBody(type, message, detail);
    }

    private static int firstNonSpace(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                return x;
            }
        }
        return -1;
    }
}
