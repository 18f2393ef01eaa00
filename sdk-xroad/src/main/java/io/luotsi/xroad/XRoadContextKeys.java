package io.luotsi.xroad;

import io.luotsi.core.ContextKey;

/** The X-Road values a {@link io.luotsi.core.RequestContext} can carry besides user id and issue. */
public final class XRoadContextKeys {

    /** The party the client acts for (PR-THIRDPARTY). */
    public static final ContextKey<RepresentedParty> REPRESENTED_PARTY =
            ContextKey.of("xroad.representedParty", RepresentedParty.class);

    /** A specific Security Server of the provider to route to (PR-TARGETSS). */
    public static final ContextKey<SecurityServerId> SECURITY_SERVER =
            ContextKey.of("xroad.securityServer", SecurityServerId.class);

    /** A security token for the SOAP {@code securityToken} header (PR-SECTOKEN), e.g. a JWT. */
    public static final ContextKey<io.luotsi.xroad.soap.SecurityToken> SECURITY_TOKEN =
            ContextKey.of("xroad.securityToken", io.luotsi.xroad.soap.SecurityToken.class);

    private XRoadContextKeys() {
    }
}
