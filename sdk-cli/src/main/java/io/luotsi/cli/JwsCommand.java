package io.luotsi.cli;

import io.luotsi.auth.KeyMaterial;
import io.luotsi.auth.TrustAnchors;
import io.luotsi.auth.jws.JwsAlgorithm;
import io.luotsi.auth.jws.JwsSigner;
import io.luotsi.auth.jws.JwsVerifier;
import io.luotsi.auth.jws.SignatureVerificationException;
import io.luotsi.auth.jws.VerifiedJws;
import io.luotsi.auth.pki.CertificateValidator;
import io.luotsi.core.ConfigurationException;
import io.luotsi.core.LuotsiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code luotsi jws sign|verify}: JWS signatures with certificates, on top of io.luotsi.auth.jws. */
@Command(name = "jws", mixinStandardHelpOptions = true,
        description = "Sign and verify JWS (compact or detached, with the signer's chain in x5c).",
        subcommands = {JwsCommand.Sign.class, JwsCommand.Verify.class})
final class JwsCommand implements Runnable {

    /** Where the password of a PKCS#12 key file comes from unless --password-env names another variable. */
    static final String DEFAULT_PASSWORD_ENV = "LUOTSI_KEY_PASSWORD";

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code jws sign --key PEM|P12 [--cert PEM] [--alg ALG] [--detached] FILE}. */
    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Sign FILE (or standard input with '-') and print the JWS: compact with the payload, or "
                    + "with --detached the payload left out (RFC 7797, unencoded).")
    static final class Sign implements Callable<Integer>, Luotsi.IoAware {

        @Option(names = "--key", required = true, paramLabel = "PEM|P12",
                description = "The private key: a PEM file (with --cert), or a PKCS#12 file (.p12, .pfx) with its "
                        + "certificates, whose password is in the environment variable --password-env")
        Path key;

        @Option(names = "--cert", paramLabel = "PEM",
                description = "The certificate chain, leaf first, PEM (required with a PEM key)")
        Path cert;

        @Option(names = "--alg", paramLabel = "ALG", description = "RS256, PS256, ES256 or EdDSA (default: by key type)")
        String algorithm;

        @Option(names = "--detached", description = "Leave the payload out of the JWS")
        boolean detached;

        @Option(names = "--password-env", paramLabel = "NAME", defaultValue = DEFAULT_PASSWORD_ENV,
                description = "The environment variable holding the PKCS#12 password (default: ${DEFAULT-VALUE})")
        String passwordEnv;

        @Parameters(index = "0", paramLabel = "FILE", description = "The payload, or '-' for standard input")
        String file;

        private Luotsi.Io streams;

        @Override
        public void io(Luotsi.Io io) {
            this.streams = io;
        }

        @Override
        public Integer call() {
            JwsAlgorithm alg = null;
            if (algorithm != null) {
                alg = algorithm(algorithm);
                if (alg == null) {
                    streams.err.println("luotsi jws sign: --alg must be RS256, PS256, ES256 or EdDSA, was " + algorithm);
                    return Luotsi.USAGE;
                }
            }
            if (!isPkcs12(key) && cert == null) {
                streams.err.println("luotsi jws sign: --cert is required with a PEM key");
                return Luotsi.USAGE;
            }
            byte[] payload;
            try {
                payload = read(file, streams.in);
            } catch (IOException e) {
                streams.err.println("luotsi jws sign: cannot read " + file + ": " + e.getMessage());
                return Luotsi.CONFIGURATION_ERROR;
            }
            try {
                JwsSigner.Builder b = JwsSigner.builder().keyMaterial(keyMaterial());
                if (alg != null) {
                    b.algorithm(alg);
                }
                JwsSigner signer = b.build();
                streams.out.println(detached ? signer.signDetached(payload) : signer.sign(payload));
                return Luotsi.OK;
            } catch (IllegalArgumentException | LuotsiException e) {
                streams.err.println("luotsi jws sign: " + e.getMessage());
                return Luotsi.CONFIGURATION_ERROR;
            }
        }

        private KeyMaterial keyMaterial() {
            if (isPkcs12(key)) {
                String password = System.getenv(passwordEnv);
                return KeyMaterial.fromPkcs12(key, password == null ? new char[0] : password.toCharArray());
            }
            return KeyMaterial.fromPem(cert, key);
        }

        private static boolean isPkcs12(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".p12") || name.endsWith(".pfx");
        }
    }

    /** {@code jws verify --trust PEM [--payload FILE] FILE|-}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify a JWS (from FILE or standard input with '-') against trust anchors, now. Prints "
                    + "'VALID subject=<dn> alg=<alg>' or 'INVALID <code>' (exit 2).")
    static final class Verify implements Callable<Integer>, Luotsi.IoAware {

        @Option(names = "--trust", required = true, paramLabel = "PEM",
                description = "The trust anchors (CA certificates), PEM")
        Path trust;

        @Option(names = "--payload", paramLabel = "FILE", description = "The payload of a detached JWS")
        Path payload;

        @Parameters(index = "0", paramLabel = "FILE|-", description = "The JWS, or '-' for standard input")
        String file;

        private Luotsi.Io streams;

        @Override
        public void io(Luotsi.Io io) {
            this.streams = io;
        }

        @Override
        public Integer call() {
            String jws;
            byte[] detachedPayload = null;
            JwsVerifier verifier;
            try {
                jws = new String(read(file, streams.in), StandardCharsets.US_ASCII).strip();
                if (payload != null) {
                    detachedPayload = Files.readAllBytes(payload);
                }
                verifier = JwsVerifier.builder().certificateValidator(CertificateValidator.builder()
                        .trustAnchors(TrustAnchors.fromPem(trust)).build()).build();
            } catch (IOException e) {
                streams.err.println("luotsi jws verify: " + e.getMessage());
                return Luotsi.CONFIGURATION_ERROR;
            } catch (ConfigurationException e) {
                streams.err.println("luotsi jws verify: " + e.getMessage());
                return Luotsi.CONFIGURATION_ERROR;
            }
            try {
                VerifiedJws v = detachedPayload == null ? verifier.verify(jws)
                        : verifier.verifyDetached(jws, detachedPayload);
                streams.out.println("VALID subject=" + v.subject().getName() + " alg=" + v.algorithm().jwsName());
                return Luotsi.OK;
            } catch (SignatureVerificationException e) {
                streams.out.println("INVALID " + e.code());
                streams.err.println("luotsi jws verify: " + e.getMessage());
                return Luotsi.INVALID;
            }
        }
    }

    static JwsAlgorithm algorithm(String name) {
        for (JwsAlgorithm a : JwsAlgorithm.values()) {
            if (a.jwsName().equalsIgnoreCase(name)) {
                return a;
            }
        }
        return null;
    }

    static byte[] read(String file, InputStream stdin) throws IOException {
        return "-".equals(file) ? stdin.readAllBytes() : Files.readAllBytes(Path.of(file));
    }
}
