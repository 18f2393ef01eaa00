package io.luotsi.xroad.soap;

import io.luotsi.core.TransportException;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.soap.internal.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One-line verdicts on SOAP messages, in the format of the conformance corpus ({@code EXPECTED.tsv}), for
 * {@code luotsi soap check FILE [--content-type CT]} and for conformance tests. The verdict is the one X-Road 7.8's
 * client proxy reaches on the same bytes and content type.
 *
 * <ul>
 *   <li>{@code text/xml}: the SOAP parser's verdict: {@code OK request client=MEMBER:EE/BUSINESS/consumer
 *       service=SERVICE:EE/BUSINESS/producer/getState id=411d... pv=4.0} (with {@code requestHash=<12 chars>...},
 *       {@code repr=RepresentedParty(partyClass=COM, partyCode=MEMBER3)} and {@code rpc} when they apply),
 *       {@code FAULT-MESSAGE code=<faultcode>} or {@code ERROR <code> : <message>};
 *   <li>any other content type: the decoder's events: {@code OK [soap(request svc=SERVICE:... ct=text/xml),
 *       attachment(text/plain, 5B, hdrs=[Client-Header]), completed]} or {@code ERROR <code> : <message>
 *       events=[...]} listing the events before the error; a SOAP part that is a fault shows as
 *       {@code fault(code=<faultcode> ct=<content type>)} (the corpus has no such row; the form is Luotsi's).
 * </ul>
 */
public final class SoapCheck {

    private static final int HASH_PREFIX = 12;

    private SoapCheck() {
    }

    /** The verdict on a message held in memory. */
    public static String verdict(byte[] message, String contentType) {
        Objects.requireNonNull(message, "message");
        return verdict(new ByteArrayInputStream(message), contentType);
    }

    /**
     * The verdict on a message read from {@code in} (attachments are streamed and counted, not kept).
     *
     * @param contentType as sent; {@code null} is {@code text/xml; charset=UTF-8}
     */
    public static String verdict(InputStream in, String contentType) {
        Objects.requireNonNull(in, "in");
        String ct = contentType == null ? SoapEnvelopeWriter.TEXT_XML_UTF8 : contentType;
        if (MediaType.parse(ct).baseTypeLower().equals(MediaType.TEXT_XML)) {
            return parserVerdict(in, ct);
        }
        return decoderVerdict(in, ct);
    }

    private static String parserVerdict(InputStream in, String ct) {
        try {
            SoapEnvelope env = SoapEnvelopeReader.create().read(in, ct);
            if (env instanceof SoapFault f) {
                return "FAULT-MESSAGE code=" + f.code();
            }
            return describe((SoapMessage) env);
        } catch (XRoadProtocolException e) {
            return "ERROR " + e.code() + " : " + e.getMessage();
        } catch (TransportException e) {
            return "ERROR io_error : " + e.getMessage();
        }
    }

    /** {@code OK request client=... service=... id=... [requestHash=...] [repr=...] pv=... [rpc]}. */
    static String describe(SoapMessage m) {
        SoapHeader h = m.header();
        StringBuilder sb = new StringBuilder("OK ").append(m.isResponse() ? "response" : "request")
                .append(" client=").append(h.client())
                .append(" service=").append(h.service())
                .append(" id=").append(h.id());
        h.requestHash().ifPresent(rh -> sb.append(" requestHash=")
                .append(rh.value(), 0, Math.min(HASH_PREFIX, rh.value().length())).append("..."));
        h.representedParty().ifPresent(r -> sb.append(" repr=").append(xroadForm(r)));
        sb.append(" pv=").append(h.protocolVersion());
        if (m.isRpc()) {
            sb.append(" rpc");
        }
        return sb.toString();
    }

    private static String xroadForm(RepresentedParty r) {
        return "RepresentedParty(partyClass=" + r.partyClass() + ", partyCode=" + r.partyCode() + ")";
    }

    private static String decoderVerdict(InputStream in, String ct) {
        List<String> events = new ArrayList<>();
        try {
            SoapMessageDecoder.create().decode(in, ct, new SoapMessageDecoder.Handler() {
                @Override
                public void soap(SoapEnvelope soap, MimeHeaders partHeaders) {
                    if (soap instanceof SoapFault f) {
                        events.add("fault(code=" + f.code() + " ct=" + f.contentType() + ")");
                    } else {
                        SoapMessage m = (SoapMessage) soap;
                        events.add("soap(" + (m.isResponse() ? "response" : "request") + " svc="
                                + m.header().service() + " ct=" + m.contentType() + ")");
                    }
                }

                @Override
                public void attachment(MimeHeaders headers, InputStream content) throws IOException {
                    long n = 0;
                    byte[] buf = new byte[8192];
                    int r;
                    while ((r = content.read(buf)) >= 0) {
                        n += r;
                    }
                    events.add("attachment(" + headers.contentType().orElse("") + ", " + n + "B, hdrs="
                            + headers.otherNames() + ")");
                }
            });
        } catch (XRoadProtocolException e) {
            return "ERROR " + e.code() + " : " + e.getMessage() + " events=" + events;
        } catch (TransportException e) {
            return "ERROR io_error : " + e.getMessage() + " events=" + events;
        }
        events.add("completed");
        return "OK " + events;
    }
}
