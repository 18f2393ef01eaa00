package io.luotsi.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The bodies X-Road 7.8 writes for errors.
 *
 * <p>REST ({@code ClientRestMessageHandler.sendErrorResponse}): JSON {@code {"type","message","detail"}} unless one
 * of the {@code Accept} media ranges (parameters and q-values ignored, first match in header order wins) is
 * {@code text/xml}, {@code application/xml} or {@code text/*}; then {@code <error><type/><message/><detail/></error>},
 * with {@code text/*} answered as {@code text/xml}.
 *
 * <p>SOAP ({@code SoapFault.createFaultXml}): a SOAP 1.1 fault with an unqualified {@code faultcode}, HTTP 200.
 */
public final class ErrorBodies {

    public static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";
    public static final String SOAP_CONTENT_TYPE = "text/xml; charset=UTF-8";

    private ErrorBodies() {
    }

    /** A REST error body and its content type. */
    public record Body(String contentType, byte[] bytes) {
    }

    /** Chooses the media type X-Road would answer an error with, given every {@code Accept} header value. */
    public static String errorMediaType(List<String> acceptValues) {
        for (String header : acceptValues) {
            for (String range : header.split(",")) {
                String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
                if (type.equals("text/xml") || type.equals("application/xml")) {
                    return type;
                }
                if (type.equals("text/*")) {
                    return "text/xml";
                }
            }
        }
        return "application/json";
    }

    public static Body rest(XRoadFault fault, List<String> acceptValues) {
        String mediaType = errorMediaType(acceptValues);
        if (mediaType.equals("application/json")) {
            String json = "{\"type\":" + jsonString(fault.code()) + ",\"message\":" + jsonString(fault.getMessage())
                    + ",\"detail\":" + jsonString(fault.detail()) + "}";
            return new Body(JSON_CONTENT_TYPE, json.getBytes(StandardCharsets.UTF_8));
        }
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?><error><type>" + xmlText(fault.code())
                + "</type><message>" + xmlText(fault.getMessage()) + "</message><detail>" + xmlText(fault.detail())
                + "</detail></error>";
        return new Body(mediaType + ";charset=utf-8", xml.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] soapFault(XRoadFault fault) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="
                + "\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>"
                + xmlText(fault.code()) + "</faultcode><faultstring>" + xmlText(fault.getMessage())
                + "</faultstring><faultactor></faultactor><detail><faultDetail xmlns=\"\">" + xmlText(fault.detail())
                + "</faultDetail></detail></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    static String jsonString(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String xmlText(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\r' -> sb.append("&#13;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        sb.append('?');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
