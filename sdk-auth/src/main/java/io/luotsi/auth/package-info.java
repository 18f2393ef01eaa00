/**
 * Keys and certificates: reading key material (PEM, PKCS#12, PKCS#11 tokens through {@link io.luotsi.auth.Pkcs11Token})
 * into {@link io.luotsi.auth.KeyMaterial}, {@link io.luotsi.auth.CertificateChain} and
 * {@link io.luotsi.auth.TrustAnchors}, and turning it into the TLS configuration of a connection to a Security Server
 * ({@link io.luotsi.auth.TlsMaterial}, optionally pinned with {@link io.luotsi.auth.CertificatePins}). Signatures are in
 * {@link io.luotsi.auth.jws}, certificate validation in {@link io.luotsi.auth.pki}.
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
