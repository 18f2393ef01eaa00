package io.luotsi.auth.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Provider;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;

/**
 * The signature operations behind {@link JwsAlgorithm}, on JCA {@link Signature} so that payloads stream and keys of
 * a PKCS#11 token sign through the token's provider. ES256 signatures are converted between JOSE's R || S form and
 * the DER form JCA uses with Nimbus's transcoder, which also refuses the all-zero signatures of CVE-2022-21449.
 */
final class JcaSignatures {

    private static final PSSParameterSpec PS256 = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
            32, PSSParameterSpec.TRAILER_FIELD_BC);

    private JcaSignatures() {
    }

    /** A fresh, uninitialised signature object; {@code provider} may be null for the JDK's own providers. */
    static Signature newSignature(JwsAlgorithm algorithm, Provider provider) throws GeneralSecurityException {
        Signature s = provider == null ? Signature.getInstance(algorithm.jcaName())
                : Signature.getInstance(algorithm.jcaName(), provider);
        if (algorithm == JwsAlgorithm.PS256) {
            try {
                s.setParameter(PS256);
            } catch (InvalidAlgorithmParameterException e) {
                throw new GeneralSecurityException("the provider does not take the PS256 parameters", e);
            }
        }
        return s;
    }

    /** The JWS form of a signature JCA made. */
    static byte[] toJose(JwsAlgorithm algorithm, byte[] jca) throws GeneralSecurityException {
        if (algorithm != JwsAlgorithm.ES256) {
            return jca;
        }
        try {
            return ECDSA.transcodeSignatureToConcat(jca, 64);
        } catch (JOSEException e) {
            throw new SignatureException("cannot transcode the ECDSA signature", e);
        }
    }

    /** The JCA form of a JWS signature, or null when it cannot be a valid signature of the algorithm. */
    static byte[] toJca(JwsAlgorithm algorithm, byte[] jose) {
        switch (algorithm) {
            case ES256 -> {
                if (jose.length != 64) {
                    return null;
                }
                try {
                    ECDSA.ensureLegalSignature(jose, JWSAlgorithm.ES256);
                    return ECDSA.transcodeSignatureToDER(jose);
                } catch (JOSEException e) {
                    return null;
                }
            }
            case EDDSA -> {
                return jose.length == 64 ? jose : null;
            }
            default -> {
                return jose;
            }
        }
    }

    /** Feeds the JWS signing input to {@code signature}: the encoded header, a dot, and the payload as the header says. */
    static void update(Signature signature, byte[] encodedHeader, InputStream payload, boolean base64Payload)
            throws IOException, SignatureException {
        signature.update(encodedHeader);
        signature.update((byte) '.');
        OutputStream sink = new SignatureSink(signature);
        if (base64Payload) {
            try (OutputStream encoder = Base64.getUrlEncoder().withoutPadding().wrap(nonClosing(sink))) {
                payload.transferTo(encoder);
            }
        } else {
            payload.transferTo(sink);
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }
        };
    }

    /** An output stream into a signature's update. */
    private static final class SignatureSink extends OutputStream {
        private final Signature signature;

        SignatureSink(Signature signature) {
            this.signature = signature;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                signature.update((byte) b);
            } catch (SignatureException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                signature.update(b, off, len);
            } catch (SignatureException e) {
                throw new IOException(e);
            }
        }
    }
}
