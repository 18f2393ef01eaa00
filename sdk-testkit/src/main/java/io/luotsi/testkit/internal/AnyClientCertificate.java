package io.luotsi.testkit.internal;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * The client proxy's TLS trust decision, as X-Road makes it ({@code ClientProxy.ClientSslTrustManager}): every
 * client certificate is accepted during the handshake, because the Security Server checks it per client afterwards
 * (connection type HTTPS and the client's registered information system certificates). Never used for servers.
 */
public final class AnyClientCertificate implements X509TrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // Accepted here; the IS authentication check decides.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only checks clients of a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
