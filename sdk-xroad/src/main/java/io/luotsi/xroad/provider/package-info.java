/**
 * The provider side of X-Road REST without a web framework: {@link io.luotsi.xroad.provider.ProviderRequest} reads
 * the headers the provider's Security Server adds (from the JDK HTTP server's exchange or any header map),
 * {@link io.luotsi.xroad.provider.ConsentEnforcer} verifies the consent evidence of a request about a data subject
 * (fail closed, audited), {@link io.luotsi.xroad.provider.DataMinimiser} removes what the consent does not cover from
 * the answer, and {@link io.luotsi.xroad.provider.ProviderError} is the refusal.
 */
package io.luotsi.xroad.provider;
