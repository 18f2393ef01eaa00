package io.luotsi.xroad.soap;

import java.util.Objects;
import java.util.Optional;

/**
 * The PR-SECTOKEN header {@code <ext:securityToken tokenType="...">token</ext:securityToken>} in namespace
 * {@value SoapHeader#SECURITY_TOKEN_NS}. Security Servers pass it end to end without looking at it. {@link #toString()}
 * never shows the token.
 *
 * @param token     the token text, e.g. a JWT
 * @param tokenType the {@code tokenType} attribute (an URI), or {@code null}
 */
public record SecurityToken(String token, String tokenType) {

    /** {@code tokenType} of a JSON Web Token. */
    public static final String JWT = "urn:ietf:params:oauth:token-type:jwt";

    public SecurityToken {
        Objects.requireNonNull(token, "token");
    }

    public static SecurityToken jwt(String jwt) {
        return new SecurityToken(jwt, JWT);
    }

    public Optional<String> tokenTypeOptional() {
        return Optional.ofNullable(tokenType);
    }

    @Override
    public String toString() {
        return "SecurityToken[tokenType=" + tokenType + ", token=(" + token.length() + " chars)]";
    }
}
