package io.luotsi.xroad.soap;

import io.luotsi.xroad.XRoadProtocolException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The HTTP {@code SOAPAction} header as X-Road checks it ({@code SoapUtils.validateSoapActionHeader}): absent, empty,
 * {@code ""}, or a quoted URI reference. The Security Server forwards it to the service as
 * {@code x-original-soapaction}.
 */
public final class SoapAction {

    private SoapAction() {
    }

    /**
     * Returns {@code soapAction} unchanged when it is valid.
     *
     * @throws XRoadProtocolException {@code invalid_soap_action} "Malformed SOAPAction header" otherwise (e.g. an
     *     unquoted URI, an extra quote, a space inside the quotes)
     */
    public static String validate(String soapAction) {
        if (isValid(soapAction)) {
            return soapAction;
        }
        throw new XRoadProtocolException("invalid_soap_action", "Malformed SOAPAction header");
    }

    /** Whether X-Road accepts the value ({@code null} means the header is absent). */
    public static boolean isValid(String soapAction) {
        if (soapAction == null || soapAction.isEmpty() || soapAction.equals("\"\"")) {
            return true;
        }
        int last = soapAction.length() - 1;
        if (last > 1 && soapAction.charAt(0) == '"' && soapAction.charAt(last) == '"') {
            try {
                new URI(soapAction.substring(1, last));
                return true;
            } catch (URISyntaxException e) {
                return false;
            }
        }
        return false;
    }
}
