package io.luotsi.xroad.soap;

import javax.xml.namespace.QName;

/** The header elements a {@link SoapHeader} knows, with their element names; {@link #OTHER} is any other element. */
public enum SoapHeaderField {
    CLIENT(SoapHeader.XROAD_NS, "client"),
    SERVICE(SoapHeader.XROAD_NS, "service"),
    ID(SoapHeader.XROAD_NS, "id"),
    USER_ID(SoapHeader.XROAD_NS, "userId"),
    ISSUE(SoapHeader.XROAD_NS, "issue"),
    PROTOCOL_VERSION(SoapHeader.XROAD_NS, "protocolVersion"),
    REQUEST_HASH(SoapHeader.XROAD_NS, "requestHash"),
    /** PR-TARGETSS; note the xroad.xsd namespace. */
    SECURITY_SERVER(SoapHeader.XROAD_NS, "securityServer"),
    /** PR-THIRDPARTY. */
    REPRESENTED_PARTY(SoapHeader.REPRESENTATION_NS, "representedParty"),
    /** PR-SECTOKEN. */
    SECURITY_TOKEN(SoapHeader.SECURITY_TOKEN_NS, "securityToken"),
    /** An element kept verbatim as a {@link SoapHeaderElement}. */
    OTHER(null, null);

    private final String namespace;
    private final String localName;

    SoapHeaderField(String namespace, String localName) {
        this.namespace = namespace;
        this.localName = localName;
    }

    /** The element name, or {@code null} for {@link #OTHER}. */
    public QName qname() {
        return namespace == null ? null : new QName(namespace, localName);
    }

    public String namespace() {
        return namespace;
    }

    public String localName() {
        return localName;
    }
}
