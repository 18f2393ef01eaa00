/**
 * Keys and certificates: reading key material (PEM, PKCS#12) into {@link io.luotsi.auth.KeyMaterial},
 * {@link io.luotsi.auth.CertificateChain} and {@link io.luotsi.auth.TrustAnchors}, and turning it into the TLS
 * configuration of a connection to a Security Server ({@link io.luotsi.auth.TlsMaterial}).
 *
 * <pre>{@code
 * TlsMaterial tls = TlsMaterial.fromDirectory(Path.of("/etc/myapp/tls"), Clock.systemUTC());
 * OkHttpTransport transport = OkHttpTransport.builder().tls(tls.toTlsConfig()).build();
 * }</pre>
 *
 * Every failure to read material is an {@link io.luotsi.core.ConfigurationException} whose message names the file and
 * the problem and never contains key material or a password. Bouncy Castle is used inside and never registered as a
 * JVM-wide provider; no Bouncy Castle type appears in this package's API.
 */
package io.luotsi.auth;
