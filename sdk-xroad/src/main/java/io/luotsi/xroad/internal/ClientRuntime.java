package io.luotsi.xroad.internal;

import io.luotsi.core.HttpPipeline;
import io.luotsi.core.json.JsonCodec;
import io.luotsi.core.xml.JacksonXmlCodec;
import io.luotsi.core.xml.XmlCodec;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.consent.ConsentBinding;
import io.luotsi.xroad.directory.ServiceLookup;
import io.luotsi.xroad.evidence.EvidenceStore;
import java.util.Objects;

/**
 * What every call of one {@code XRoadClient} shares: where the Security Server is, who the client is, the call
 * pipeline and codec, and the limits. Internal: users configure it through {@code XRoadClient.builder()}.
 *
 * @param securityServerBase the Security Server URL without trailing slash, e.g. {@code https://ss:8443}
 * @param clientId           the calling member or subsystem
 * @param pipeline           the call path below the protocol layer
 * @param json               the JSON codec
 * @param maxBodyBytes       largest response body read into memory for an object
 * @param maxErrorBodyBytes  largest error body read into an exception
 * @param xml                the XML codec (typed SOAP bodies)
 * @param serviceLookup      consulted before every call to fail fast on an unknown service, or {@code null}
 * @param consent            decides on calls about a data subject (see {@link ConsentBinding}), or {@code null}
 * @param evidence           where every successful exchange is recorded, or {@code null}
 */
public record ClientRuntime(String securityServerBase, ClientId clientId, HttpPipeline pipeline, JsonCodec json,
                            long maxBodyBytes, int maxErrorBodyBytes, XmlCodec xml, ServiceLookup serviceLookup,
                            ConsentBinding consent, EvidenceStore evidence) {

    public ClientRuntime {
        Objects.requireNonNull(securityServerBase, "securityServerBase");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(xml, "xml");
    }

    /** A runtime with the default XML codec, no service lookup and no consent binding. */
    public ClientRuntime(String securityServerBase, ClientId clientId, HttpPipeline pipeline, JsonCodec json,
                         long maxBodyBytes, int maxErrorBodyBytes) {
        this(securityServerBase, clientId, pipeline, json, maxBodyBytes, maxErrorBodyBytes, JacksonXmlCodec.create(),
                null, null, null);
    }
}
