package io.luotsi.xroad.soap;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadProtocolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The X-Road header of a SOAP message (PR-MESS §2.2 and the extensions PR-TARGETSS, PR-THIRDPARTY, PR-SECTOKEN), with
 * every other header element kept verbatim.
 *
 * <pre>{@code
 * SoapHeader header = SoapHeader.builder()
 *         .client(ClientId.parse("SUBSYSTEM:FI/GOV/0245437-2/ServiceNow"))
 *         .service(ServiceId.parse("SERVICE:FI/GOV/1234567-8/registry/getPerson/v1"))
 *         .id(UUID.randomUUID().toString())
 *         .userId("FI12345")
 *         .build();                                   // protocolVersion 4.0 unless set
 * }</pre>
 *
 * <p>The header remembers the order of its elements ({@link #order()}): a parsed header keeps the order of the
 * message, a built one the order in which its fields were first set. Writers follow it, so a response can repeat the
 * request's headers in the request's order.
 *
 * <p>{@link #toString()} shows no user id and no token.
 */
public final class SoapHeader {

    /** Namespace of the X-Road header fields, including PR-TARGETSS {@code securityServer}. */
    public static final String XROAD_NS = "http://x-road.eu/xsd/xroad.xsd";
    /** Namespace of identifier parts and {@code objectType}. */
    public static final String IDENTIFIERS_NS = "http://x-road.eu/xsd/identifiers";
    /** Namespace of PR-THIRDPARTY {@code representedParty}. */
    public static final String REPRESENTATION_NS = "http://x-road.eu/xsd/representation.xsd";
    /** Namespace of PR-SECTOKEN {@code securityToken}. */
    public static final String SECURITY_TOKEN_NS = "http://x-road.eu/xsd/security-token.xsd";
    /** The protocol version this library writes. */
    public static final String PROTOCOL_VERSION = "4.0";

    private final ClientId client;
    private final ServiceId service;
    private final String id;
    private final String userId;
    private final String issue;
    private final String protocolVersion;
    private final RequestHash requestHash;
    private final SecurityServerId securityServer;
    private final RepresentedParty representedParty;
    private final SecurityToken securityToken;
    private final List<SoapHeaderElement> otherElements;
    private final List<SoapHeaderField> order;

    private SoapHeader(Builder b) {
        this.client = b.client;
        this.service = b.service;
        this.id = b.id;
        this.userId = b.userId;
        this.issue = b.issue;
        this.protocolVersion = b.protocolVersion;
        this.requestHash = b.requestHash;
        this.securityServer = b.securityServer;
        this.representedParty = b.representedParty;
        this.securityToken = b.securityToken;
        this.otherElements = List.copyOf(b.otherElements);
        this.order = List.copyOf(b.order);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this header's values and order. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@code xrd:client}: the member or subsystem that sends the request. */
    public ClientId client() {
        return client;
    }

    /** {@code xrd:service}: the called service (with its version, if any). */
    public ServiceId service() {
        return service;
    }

    /** {@code xrd:id}: the message id (may be empty on the wire). */
    public String id() {
        return id;
    }

    /** {@code xrd:userId}: the end user, country-prefixed personal code (personal data: never log it). */
    public Optional<String> userId() {
        return Optional.ofNullable(userId);
    }

    /** {@code xrd:issue}: the case or reason the request is made for (may be empty). */
    public Optional<String> issue() {
        return Optional.ofNullable(issue);
    }

    /** {@code xrd:protocolVersion}, {@code 4.x}. */
    public String protocolVersion() {
        return protocolVersion;
    }

    /** {@code xrd:requestHash}: set on responses by the provider's Security Server. */
    public Optional<RequestHash> requestHash() {
        return Optional.ofNullable(requestHash);
    }

    /** {@code xrd:securityServer} (PR-TARGETSS): the provider Security Server the request must go to. */
    public Optional<SecurityServerId> securityServer() {
        return Optional.ofNullable(securityServer);
    }

    /** {@code repr:representedParty} (PR-THIRDPARTY): whom the client acts for. */
    public Optional<RepresentedParty> representedParty() {
        return Optional.ofNullable(representedParty);
    }

    /** {@code ext:securityToken} (PR-SECTOKEN). */
    public Optional<SecurityToken> securityToken() {
        return Optional.ofNullable(securityToken);
    }

    /** Every other header element, verbatim, in message order. */
    public List<SoapHeaderElement> otherElements() {
        return otherElements;
    }

    /**
     * The order of the header elements; each {@link SoapHeaderField#OTHER} stands for the next of
     * {@link #otherElements()}.
     */
    public List<SoapHeaderField> order() {
        return order;
    }

    /** Whether the field is present. */
    public boolean has(SoapHeaderField field) {
        return field == SoapHeaderField.OTHER ? !otherElements.isEmpty() : order.contains(field);
    }

    /** This header with {@code requestHash} set (placed after {@code id} when it was absent). */
    public SoapHeader withRequestHash(RequestHash hash) {
        Builder b = toBuilder();
        if (requestHash == null) {
            b.order.add(order.contains(SoapHeaderField.ID) ? order.indexOf(SoapHeaderField.ID) + 1 : order.size(),
                    SoapHeaderField.REQUEST_HASH);
        }
        b.requestHash = Objects.requireNonNull(hash, "hash");
        return b.build();
    }

    /**
     * The fields a response must repeat but does not: X-Road's consumer Security Server compares {@code client,
     * service, userId, representedParty, issue, id} of request and response ({@code @CheckConsistency}).
     */
    public List<String> inconsistentFields(SoapHeader response) {
        Objects.requireNonNull(response, "response");
        List<String> out = new ArrayList<>(2);
        if (!Objects.equals(client, response.client)) {
            out.add("client");
        }
        if (!Objects.equals(service, response.service)) {
            out.add("service");
        }
        if (!Objects.equals(userId, response.userId)) {
            out.add("userId");
        }
        if (!Objects.equals(representedParty, response.representedParty)) {
            out.add("representedParty");
        }
        if (!Objects.equals(issue, response.issue)) {
            out.add("issue");
        }
        if (!Objects.equals(id, response.id)) {
            out.add("id");
        }
        return out;
    }

    /**
     * Throws {@code inconsistent_headers} ("Field 'issue' does not match in request and response") unless
     * {@code response} repeats this request header's values.
     */
    public void requireConsistent(SoapHeader response) {
        List<String> bad = inconsistentFields(response);
        if (!bad.isEmpty()) {
            throw new XRoadProtocolException("inconsistent_headers",
                    "Field '" + bad.get(0) + "' does not match in request and response");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SoapHeader h)) {
            return false;
        }
        return Objects.equals(client, h.client) && Objects.equals(service, h.service) && Objects.equals(id, h.id)
                && Objects.equals(userId, h.userId) && Objects.equals(issue, h.issue)
                && Objects.equals(protocolVersion, h.protocolVersion) && Objects.equals(requestHash, h.requestHash)
                && Objects.equals(securityServer, h.securityServer)
                && Objects.equals(representedParty, h.representedParty)
                && Objects.equals(securityToken, h.securityToken) && otherElements.equals(h.otherElements)
                && order.equals(h.order);
    }

    @Override
    public int hashCode() {
        return Objects.hash(client, service, id, userId, issue, protocolVersion, requestHash, securityServer,
                representedParty, securityToken, otherElements, order);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SoapHeader[client=").append(client).append(", service=").append(service)
                .append(", id=").append(id);
        if (userId != null) {
            sb.append(", userId=(redacted)");
        }
        if (issue != null) {
            sb.append(", issue=").append(issue);
        }
        sb.append(", protocolVersion=").append(protocolVersion);
        if (requestHash != null) {
            sb.append(", requestHash=").append(requestHash.value());
        }
        if (securityServer != null) {
            sb.append(", securityServer=").append(securityServer);
        }
        if (representedParty != null) {
            sb.append(", representedParty=").append(representedParty);
        }
        if (securityToken != null) {
            sb.append(", ").append(securityToken);
        }
        if (!otherElements.isEmpty()) {
            sb.append(", otherElements=").append(otherElements);
        }
        return sb.append(']').toString();
    }

    /** Builds a {@link SoapHeader}; fields keep the order in which they are first set. */
    public static final class Builder {
        private ClientId client;
        private ServiceId service;
        private String id;
        private String userId;
        private String issue;
        private String protocolVersion;
        private RequestHash requestHash;
        private SecurityServerId securityServer;
        private RepresentedParty representedParty;
        private SecurityToken securityToken;
        private final List<SoapHeaderElement> otherElements = new ArrayList<>(0);
        private final List<SoapHeaderField> order = new ArrayList<>(8);

        private Builder() {
        }

        private Builder(SoapHeader h) {
            client = h.client;
            service = h.service;
            id = h.id;
            userId = h.userId;
            issue = h.issue;
            protocolVersion = h.protocolVersion;
            requestHash = h.requestHash;
            securityServer = h.securityServer;
            representedParty = h.representedParty;
            securityToken = h.securityToken;
            otherElements.addAll(h.otherElements);
            order.addAll(h.order);
        }

        private void mark(SoapHeaderField f) {
            if (!order.contains(f)) {
                order.add(f);
            }
        }

        public Builder client(ClientId client) {
            this.client = Objects.requireNonNull(client, "client");
            mark(SoapHeaderField.CLIENT);
            return this;
        }

        public Builder service(ServiceId service) {
            this.service = Objects.requireNonNull(service, "service");
            mark(SoapHeaderField.SERVICE);
            return this;
        }

        /** The message id; X-Road recommends a UUID. */
        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            mark(SoapHeaderField.ID);
            return this;
        }

        public Builder userId(String userId) {
            this.userId = Objects.requireNonNull(userId, "userId");
            mark(SoapHeaderField.USER_ID);
            return this;
        }

        public Builder issue(String issue) {
            this.issue = Objects.requireNonNull(issue, "issue");
            mark(SoapHeaderField.ISSUE);
            return this;
        }

        /**
         * The protocol version ({@value SoapHeader#PROTOCOL_VERSION} when not set).
         *
         * @throws IllegalArgumentException unless it starts with {@code 4.}
         */
        public Builder protocolVersion(String protocolVersion) {
            Objects.requireNonNull(protocolVersion, "protocolVersion");
            if (!protocolVersion.startsWith("4.")) {
                throw new IllegalArgumentException("Invalid protocol version (supported: 4.x, provided: "
                        + protocolVersion + ")");
            }
            this.protocolVersion = protocolVersion;
            mark(SoapHeaderField.PROTOCOL_VERSION);
            return this;
        }

        public Builder requestHash(RequestHash requestHash) {
            this.requestHash = Objects.requireNonNull(requestHash, "requestHash");
            mark(SoapHeaderField.REQUEST_HASH);
            return this;
        }

        public Builder securityServer(SecurityServerId securityServer) {
            this.securityServer = Objects.requireNonNull(securityServer, "securityServer");
            mark(SoapHeaderField.SECURITY_SERVER);
            return this;
        }

        public Builder representedParty(RepresentedParty representedParty) {
            this.representedParty = Objects.requireNonNull(representedParty, "representedParty");
            mark(SoapHeaderField.REPRESENTED_PARTY);
            return this;
        }

        public Builder securityToken(SecurityToken securityToken) {
            this.securityToken = Objects.requireNonNull(securityToken, "securityToken");
            mark(SoapHeaderField.SECURITY_TOKEN);
            return this;
        }

        /** Appends a header element that is written verbatim. */
        public Builder addElement(SoapHeaderElement element) {
            otherElements.add(Objects.requireNonNull(element, "element"));
            order.add(SoapHeaderField.OTHER);
            return this;
        }

        /** Removes a field (for {@link SoapHeaderField#OTHER}: all other elements). */
        public Builder remove(SoapHeaderField field) {
            Objects.requireNonNull(field, "field");
            switch (field) {
                case CLIENT -> client = null;
                case SERVICE -> service = null;
                case ID -> id = null;
                case USER_ID -> userId = null;
                case ISSUE -> issue = null;
                case PROTOCOL_VERSION -> protocolVersion = null;
                case REQUEST_HASH -> requestHash = null;
                case SECURITY_SERVER -> securityServer = null;
                case REPRESENTED_PARTY -> representedParty = null;
                case SECURITY_TOKEN -> securityToken = null;
                case OTHER -> otherElements.clear();
            }
            order.removeIf(f -> f == field);
            return this;
        }

        /**
         * @throws IllegalStateException when client, service or id is missing
         */
        public SoapHeader build() {
            if (client == null || service == null || id == null) {
                throw new IllegalStateException("a SOAP header needs client, service and id");
            }
            if (protocolVersion == null) {
                protocolVersion = PROTOCOL_VERSION;
                mark(SoapHeaderField.PROTOCOL_VERSION);
            }
            return new SoapHeader(this);
        }
    }
}
