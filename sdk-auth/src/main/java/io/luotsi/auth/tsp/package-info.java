/**
 * RFC 3161 time-stamp tokens: reading and verifying them against trusted time-stamping authorities
 * ({@link io.luotsi.auth.tsp.TimestampToken}), and issuing them from a local key
 * ({@link io.luotsi.auth.tsp.LocalTimestampAuthority}) for tests and test kits.
 *
 * <pre>{@code
 * TimestampToken token = TimestampToken.parse(der);
 * X509Certificate tsa = token.verify(stampedData, approvedTsaCertificates);   // TimestampVerificationException
 * Instant when = token.genTime();
 * }</pre>
 *
 * Bouncy Castle reads and writes the CMS structures inside; no Bouncy Castle type appears in this package's API.
 */
package io.luotsi.auth.tsp;
