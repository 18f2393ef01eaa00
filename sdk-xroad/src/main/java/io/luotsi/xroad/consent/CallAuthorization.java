package io.luotsi.xroad.consent;

import io.luotsi.auth.consent.Authorization;
import io.luotsi.auth.consent.AuthorizationEvidence;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.core.RequestContext;
import io.luotsi.xroad.RepresentedParty;
import io.luotsi.xroad.XRoadContextKeys;
import io.luotsi.xroad.soap.SecurityToken;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a call about a data subject carries once its {@link ConsentBinding} allowed it: the purpose, the evidence, and
 * how both travel.
 * <ul>
 *   <li>REST: {@link #restHeaders()} ({@value ConsentHeaders#PURPOSE}, {@value ConsentHeaders#AUTHORIZATION});
 *   <li>SOAP: {@link #securityToken()}, the PR-SECTOKEN header {@code <ext:securityToken tokenType="...">}: a
 *       consent receipt as a JWT ({@code urn:ietf:params:oauth:token-type:jwt}), other evidence with its
 *       {@code urn:luotsi:evidence:*} type;
 *   <li>both: {@link #applyTo(RequestContext)} fills the issue (the purpose, when the caller gave none) and the
 *       represented party (when the evidence names one and the caller did not).
 * </ul>
 * After a successful exchange the protocol client calls {@link #transmitted(Instant)}, so that a consent service that
 * asks for reports gets one.
 */
public final class CallAuthorization {

    private final Purpose purpose;
    private final DataSubject subject;
    private final Authorization authorization;

    CallAuthorization(Purpose purpose, DataSubject subject, Authorization authorization) {
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.subject = subject;
        this.authorization = authorization;
    }

    public Purpose purpose() {
        return purpose;
    }

    /** Whom the call is about; empty for a call that names a purpose only. */
    public Optional<DataSubject> subject() {
        return Optional.ofNullable(subject);
    }

    /** The evidence that allowed the call; empty for a call that names a purpose only. */
    public Optional<AuthorizationEvidence> evidence() {
        return authorization == null ? Optional.empty() : Optional.of(authorization.evidence());
    }

    /** The REST headers to send, in order. */
    public Map<String, String> restHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ConsentHeaders.PURPOSE, ConsentHeaders.purposeValue(purpose));
        evidence().ifPresent(e -> headers.put(ConsentHeaders.AUTHORIZATION, ConsentHeaders.authorizationValue(e)));
        return headers;
    }

    /** The issue to send when the caller gave none: the {@value ConsentHeaders#PURPOSE} text. */
    public String issue() {
        return ConsentHeaders.purposeValue(purpose);
    }

    /** The SOAP {@code securityToken} that carries the evidence. */
    public Optional<SecurityToken> securityToken() {
        return evidence().map(e -> new SecurityToken(e.token(), e.tokenType()));
    }

    /** The represented party the evidence names (an organisation a delegate acts for), if any. */
    public Optional<RepresentedParty> representedParty() {
        return evidence().flatMap(AuthorizationEvidence::representedParty).map(RepresentedParty::of);
    }

    /** The context with the issue and represented party filled in where the caller left them empty. */
    public RequestContext applyTo(RequestContext context) {
        RequestContext.Builder b = context.toBuilder();
        if (context.issue().isEmpty()) {
            b.issue(issue());
        }
        if (context.attribute(XRoadContextKeys.REPRESENTED_PARTY).isEmpty()) {
            representedParty().ifPresent(p -> b.attribute(XRoadContextKeys.REPRESENTED_PARTY, p));
        }
        return b.build();
    }

    /** Tells the provider of the evidence that the data was transmitted; never throws. */
    public void transmitted(Instant time) {
        if (authorization != null) {
            try {
                authorization.transmitted(time);
            } catch (RuntimeException e) {
                // Providers must not throw; the data has arrived either way.
                org.slf4j.LoggerFactory.getLogger(CallAuthorization.class).warn(
                        "reporting a transmission failed ({})", e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public String toString() {
        return "CallAuthorization[" + purpose.code() + (authorization == null ? ", no subject" : ", "
                + authorization.evidence().type() + " " + authorization.evidence().id()) + "]";
    }
}
