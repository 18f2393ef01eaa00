package io.luotsi.auth.testing;

import com.sun.net.httpserver.HttpServer;
import io.luotsi.auth.testing.Pki.Issued;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** OCSP responses for tests, made with Bouncy Castle, and a loopback responder that serves them over HTTP. */
public final class Ocsp {

    private Ocsp() {
    }

    /** A response about {@code subject}, issued by {@code issuer}; good, fresh at {@link Pki#NOW}, signed by the CA. */
    public static Response response(X509Certificate subject, Issued issuer) {
        return new Response(subject, issuer);
    }

    /** Builds one DER OCSP response. */
    public static final class Response {
        private final X509Certificate subject;
        private final Issued issuer;
        private CertificateStatus status = CertificateStatus.GOOD;
        private Instant thisUpdate = Pki.NOW.minus(Duration.ofMinutes(10));
        private Instant nextUpdate = Pki.NOW.plus(Duration.ofHours(4));
        private Instant producedAt;
        private Issued signer;
        private boolean includeSigner = true;
        private boolean responderIdByKey;
        private byte[] nonce;
        private boolean corruptSignature;
        private BigInteger serial;

        private Response(X509Certificate subject, Issued issuer) {
            this.subject = subject;
            this.issuer = issuer;
            this.signer = issuer;
        }

        public Response revoked(Instant at, int reason) {
            this.status = new RevokedStatus(Date.from(at), reason);
            return this;
        }

        public Response unknown() {
            this.status = new UnknownStatus();
            return this;
        }

        public Response thisUpdate(Instant thisUpdate) {
            this.thisUpdate = thisUpdate;
            return this;
        }

        /** {@code null} leaves nextUpdate out. */
        public Response nextUpdate(Instant nextUpdate) {
            this.nextUpdate = nextUpdate;
            return this;
        }

        public Response producedAt(Instant producedAt) {
            this.producedAt = producedAt;
            return this;
        }

        /** Signed by this responder (whose certificate the response carries) instead of the CA. */
        public Response signedBy(Issued signer) {
            this.signer = signer;
            return this;
        }

        public Response withoutSignerCertificate() {
            this.includeSigner = false;
            return this;
        }

        public Response responderIdByKey() {
            this.responderIdByKey = true;
            return this;
        }

        public Response nonce(byte[] nonce) {
            this.nonce = nonce;
            return this;
        }

        public Response corruptSignature() {
            this.corruptSignature = true;
            return this;
        }

        /** About another serial number of the same issuer. */
        public Response serial(BigInteger serial) {
            this.serial = serial;
            return this;
        }

        public byte[] build() {
            try {
                var digests = new JcaDigestCalculatorProviderBuilder().build();
                CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1),
                        new JcaX509CertificateHolder(issuer.certificate()),
                        serial != null ? serial : subject.getSerialNumber());
                JcaX509CertificateHolder signerHolder = new JcaX509CertificateHolder(signer.certificate());
                RespID respId = responderIdByKey
                        ? new RespID(signerHolder.getSubjectPublicKeyInfo(), digests.get(CertificateID.HASH_SHA1))
                        : new RespID(signerHolder.getSubject());
                BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(respId);
                b.addResponse(id, status, Date.from(thisUpdate), nextUpdate == null ? null : Date.from(nextUpdate),
                        null);
                if (nonce != null) {
                    b.setResponseExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                            false, new DEROctetString(nonce).getEncoded())));
                }
                X509CertificateHolder[] chain = includeSigner && signer != issuer
                        ? new X509CertificateHolder[] {signerHolder} : null;
                var basic = b.build(new JcaContentSignerBuilder(Pki.signatureAlgorithm(signer.privateKey()))
                        .build(signer.privateKey()), chain, Date.from(producedAt != null ? producedAt : thisUpdate));
                byte[] der = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
                if (corruptSignature) {
                    // The signature BIT STRING ends the basic response, which ends the whole structure here when
                    // no certificates follow it: flip a bit of its last byte.
                    if (chain != null) {
                        throw new IllegalStateException("corruptSignature needs withoutSignerCertificate or a CA "
                                + "signer");
                    }
                    der[der.length - 1] ^= 0x01;
                }
                return der;
            } catch (Exception e) {
                throw new IllegalStateException("cannot build a test OCSP response", e);
            }
        }
    }

    /**
     * An OCSP responder on loopback: answers POSTed requests with the response a function makes for the requested
     * serial number (echoing the request's nonce when asked), and counts requests.
     */
    public static final class Responder implements AutoCloseable {
        private final HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();
        private final Map<BigInteger, UnaryOperator<Response>> answers = new ConcurrentHashMap<>();
        private final Issued issuer;
        private final Map<BigInteger, X509Certificate> subjects = new ConcurrentHashMap<>();
        private volatile boolean echoNonce = true;
        private volatile byte[] fixedNonce;
        private volatile int httpStatus = 200;

        public Responder(Issued issuer) throws IOException {
            this.issuer = issuer;
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = answer(in.readAllBytes());
                } catch (RuntimeException e) {
                    body = new byte[0];
                }
                exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
                exchange.sendResponseHeaders(httpStatus, body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        /** Answers requests about {@code subject} with the response the function shapes. */
        public Responder answer(X509Certificate subject, UnaryOperator<Response> shape) {
            subjects.put(subject.getSerialNumber(), subject);
            answers.put(subject.getSerialNumber(), shape);
            return this;
        }

        public Responder echoNonce(boolean echo) {
            this.echoNonce = echo;
            return this;
        }

        /** Answers with this nonce whatever the request's. */
        public Responder fixedNonce(byte[] nonce) {
            this.fixedNonce = nonce;
            return this;
        }

        public Responder httpStatus(int status) {
            this.httpStatus = status;
            return this;
        }

        public URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
        }

        public int requestCount() {
            return requests.get();
        }

        private byte[] answer(byte[] request) {
            try {
                OCSPReq req = new OCSPReq(request);
                List<byte[]> out = new ArrayList<>();
                for (Req r : req.getRequestList()) {
                    BigInteger serial = r.getCertID().getSerialNumber();
                    X509Certificate subject = subjects.get(serial);
                    if (subject == null) {
                        continue;
                    }
                    Response response = answers.get(serial).apply(new Response(subject, issuer));
                    Extension nonce = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
                    if (fixedNonce != null) {
                        response.nonce(fixedNonce);
                    } else if (echoNonce && nonce != null) {
                        response.nonce(org.bouncycastle.asn1.ASN1OctetString.getInstance(
                                nonce.getExtnValue().getOctets()).getOctets());
                    }
                    out.add(response.build());
                }
                if (out.isEmpty()) {
                    return new OCSPRespBuilder().build(OCSPRespBuilder.UNAUTHORIZED, null).getEncoded();
                }
                return out.get(0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
