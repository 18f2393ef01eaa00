/**
 * Consent bound to X-Road calls, on the consumer side.
 *
 * <ul>
 *   <li>{@link io.luotsi.xroad.consent.ConsentBinding}: what an {@code XRoadClient} built with authorization providers
 *       runs before every call that names a data subject; protocol clients call it while preparing a call
 *       ({@link io.luotsi.xroad.consent.CallAuthorization}: REST headers, SOAP {@code securityToken}, issue);
 *   <li>{@link io.luotsi.xroad.consent.ConsentHeaders}: {@code Luotsi-Purpose} and {@code Luotsi-Authorization},
 *       how purpose and evidence travel over REST;
 *   <li>{@link io.luotsi.xroad.consent.ConsentServiceClient} and
 *       {@link io.luotsi.xroad.consent.ConsentServiceProvider}: consent references of a consent service shaped like
 *       Estonia's Data Consent Service, over X-Road REST.
 * </ul>
 * The provider side is {@code io.luotsi.xroad.provider}. See {@code docs/explanation/consent.md}.
 */
package io.luotsi.xroad.consent;
