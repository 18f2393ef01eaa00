package io.luotsi.xroad.globalconf.internal;

import io.luotsi.xroad.IdentifierXml;
import io.luotsi.xroad.XRoadProtocolException;
import io.luotsi.xroad.globalconf.ConfigurationAnchor;
import io.luotsi.xroad.globalconf.GlobalConfException;
import io.luotsi.xroad.internal.SafeXml;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads {@code configuration-anchor.xsd} documents with StAX. */
public final class AnchorXml {

    private AnchorXml() {
    }

    public static ConfigurationAnchor read(InputStream in, long maxBytes) {
        try {
            XMLStreamReader r = SafeXml.reader(in, maxBytes);
            r.nextTag();
            if (!"configurationAnchor".equals(r.getLocalName())
                    || !IdentifierXml.XROAD_NS.equals(r.getNamespaceURI())) {
                throw malformed("root element is {" + r.getNamespaceURI() + "}" + r.getLocalName()
                        + ", expected {" + IdentifierXml.XROAD_NS + "}configurationAnchor", null);
            }
            Instant generatedAt = null;
            String instance = null;
            List<ConfigurationAnchor.Source> sources = new ArrayList<>();
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "generatedAt" -> generatedAt = instant(r.getElementText().trim());
                    case "instanceIdentifier" -> instance = r.getElementText().trim();
                    case "source" -> sources.add(source(r, false));
                    default -> Xml.skip(r);
                }
            }
            if (instance == null || instance.isEmpty()) {
                throw malformed("the anchor has no instanceIdentifier", null);
            }
            if (sources.isEmpty()) {
                throw malformed("the anchor has no source", null);
            }
            return new ConfigurationAnchor(generatedAt, instance, sources);
        } catch (XMLStreamException | XRoadProtocolException e) {
            throw malformed("the anchor is not well-formed XML: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a {@code source} element (reader on its start tag, left on its end tag). With {@code lenient}, a
     * verification certificate that does not parse is dropped instead of failing (private parameters carry such).
     */
    public static ConfigurationAnchor.Source source(XMLStreamReader r, boolean lenient) throws XMLStreamException {
        URI url = null;
        List<X509Certificate> certs = new ArrayList<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "downloadURL" -> url = uri(r.getElementText().trim());
                case "verificationCert" -> {
                    String text = r.getElementText();
                    try {
                        certs.add(Certificates.parseBase64(text));
                    } catch (CertificateException e) {
                        if (!lenient) {
                            throw malformed("a verificationCert is not an X.509 certificate: " + e.getMessage(), e);
                        }
                    }
                }
                default -> Xml.skip(r);
            }
        }
        if (url == null) {
            throw malformed("a source has no downloadURL", null);
        }
        return new ConfigurationAnchor.Source(url, certs);
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw malformed("downloadURL is not a URI: " + text, e);
        }
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed("generatedAt is not a date-time: " + text, e);
        }
    }

    private static GlobalConfException malformed(String message, Throwable cause) {
        return new GlobalConfException(GlobalConfException.MALFORMED_ANCHOR, message, cause);
    }
}
