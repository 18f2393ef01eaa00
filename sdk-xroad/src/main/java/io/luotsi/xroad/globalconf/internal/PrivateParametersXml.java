package io.luotsi.xroad.globalconf.internal;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.IdentifierXml;
import io.luotsi.xroad.XRoadId;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.globalconf.ConfigurationAnchor;
import io.luotsi.xroad.globalconf.GlobalConfException;
import io.luotsi.xroad.globalconf.PrivateParameters;
import io.luotsi.xroad.internal.SafeXml;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads {@code private-params.xml} (versions 2 and 3) with StAX; unknown elements are skipped. */
public final class PrivateParametersXml {

    private PrivateParametersXml() {
    }

    public static PrivateParameters read(InputStream in, long maxBytes) {
        try {
            XMLStreamReader r = SafeXml.reader(in, maxBytes);
            r.nextTag();
            if (!"conf".equals(r.getLocalName()) || !IdentifierXml.XROAD_NS.equals(r.getNamespaceURI())) {
                throw malformed("root element is {" + r.getNamespaceURI() + "}" + r.getLocalName() + ", expected {"
                        + IdentifierXml.XROAD_NS + "}conf", null);
            }
            String instance = null;
            List<ConfigurationAnchor> anchors = new ArrayList<>();
            PrivateParameters.ManagementService management = null;
            Integer interval = null;
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "instanceIdentifier" -> instance = Xml.text(r);
                    case "configurationAnchor" -> anchors.add(anchor(r));
                    case "managementService" -> management = management(r);
                    case "timeStampingIntervalSeconds" -> {
                        String t = Xml.text(r);
                        try {
                            interval = Integer.valueOf(t);
                        } catch (NumberFormatException e) {
                            throw malformed("timeStampingIntervalSeconds is not an integer: " + t, e);
                        }
                    }
                    default -> Xml.skip(r);
                }
            }
            if (instance == null || instance.isEmpty()) {
                throw malformed("private parameters have no instanceIdentifier", null);
            }
            return new PrivateParameters(instance, anchors, management, interval);
        } catch (XMLStreamException | XRoadProtocolException e) {
            throw malformed("private parameters are not well-formed: " + SharedParametersXml.rootMessage(e), e);
        }
    }

    private static ConfigurationAnchor anchor(XMLStreamReader r) throws XMLStreamException {
        String instance = null;
        List<ConfigurationAnchor.Source> sources = new ArrayList<>();
        java.time.Instant generatedAt = null;
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "instanceIdentifier" -> instance = Xml.text(r);
                case "source" -> sources.add(AnchorXml.source(r, true));
                case "generatedAt" -> {
                    try {
                        generatedAt = java.time.OffsetDateTime.parse(Xml.text(r)).toInstant();
                    } catch (java.time.format.DateTimeParseException e) {
                        generatedAt = null;
                    }
                }
                default -> Xml.skip(r);
            }
        }
        try {
            return new ConfigurationAnchor(generatedAt, instance == null ? "" : instance, sources);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw malformed("invalid configurationAnchor: " + e.getMessage(), e);
        }
    }

    private static PrivateParameters.ManagementService management(XMLStreamReader r) throws XMLStreamException {
        String address = null;
        X509Certificate cert = null;
        ClientId provider = null;
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "authCertRegServiceAddress" -> address = Xml.text(r);
                case "authCertRegServiceCert" -> {
                    try {
                        cert = Certificates.parseBase64(r.getElementText());
                    } catch (CertificateException e) {
                        throw malformed("authCertRegServiceCert is not an X.509 certificate", e);
                    }
                }
                case "managementRequestServiceProviderId" -> {
                    XRoadId id = IdentifierXml.read(r, false);
                    if (!(id instanceof ClientId c)) {
                        throw malformed("managementRequestServiceProviderId is not a client id: " + id, null);
                    }
                    provider = c;
                }
                default -> Xml.skip(r);
            }
        }
        return new PrivateParameters.ManagementService(address, cert, provider);
    }

    private static GlobalConfException malformed(String message, Throwable cause) {
        return new GlobalConfException(GlobalConfException.MALFORMED, message, cause);
    }
}
