/**
 * ASiC-E containers of X-Road's message log: verifying them as X-Road's asicverifier does
 * ({@link io.luotsi.xroad.evidence.asic.AsicContainerVerifier}, against global configuration, at the time-stamp's
 * time, with X-Road's codes), reading them ({@link io.luotsi.xroad.evidence.asic.AsicContainer}) and writing them
 * ({@link io.luotsi.xroad.evidence.asic.AsicContainerWriter}, for a Security Server stand-in's message log).
 *
 * <pre>{@code
 * AsicContainerVerifier verifier = AsicContainerVerifier.of(GlobalConfiguration.readDirectory(confDir));
 * AsicVerificationResult result = verifier.verify(Path.of("1234-request-Q7RH.asice"));
 * }</pre>
 *
 * XML signatures, hash chains, time-stamps and OCSP are read with sdk-auth ({@code io.luotsi.auth.xades},
 * {@code io.luotsi.auth.tsp}, {@code io.luotsi.auth.pki}); this package adds X-Road's rules: which entries, who must
 * have signed, which CAs and TSAs are trusted, and the codes.
 */
package io.luotsi.xroad.evidence.asic;
