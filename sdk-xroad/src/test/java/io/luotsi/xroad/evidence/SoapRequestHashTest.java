package io.luotsi.xroad.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.luotsi.core.VerificationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** PR-MESS section 2.5: base64(SHA-512(the exact SOAP part bytes)), compared with the response's requestHash. */
class SoapRequestHashTest {

    /** {@code sha512sum getstate.query | xxd -r -p | base64}, computed outside the code under test. */
    private static final String GETSTATE_HASH =
            "Nohx+C0AdGJK3D7vurCGouUVFddOWnHLwHJlJTKZOM/HsGJNUqoev4/hSNwB5rwHx3S4vsXMkDhXS0iutq6rIA==";

    private static byte[] getstate() throws IOException {
        try (InputStream in = SoapRequestHashTest.class.getResourceAsStream("/xroad/evidence/getstate.query")) {
            return in.readAllBytes();
        }
    }

    @Test
    void theHashIsBase64OfSha512OfTheExactBytes() throws IOException {
        Digest digest = SoapRequestHash.of(getstate());

        assertThat(digest.algorithmId()).isEqualTo("http://www.w3.org/2001/04/xmlenc#sha512");
        assertThat(digest.value()).isEqualTo(GETSTATE_HASH);
        assertThat(SoapRequestHash.of(new ByteArrayInputStream(getstate()))).isEqualTo(digest);
    }

    @Test
    void theRecorderPassesTheBytesOnUnchangedAndDigestsThem() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SoapRequestHash.Recorder recorder = SoapRequestHash.recorder();
        java.io.OutputStream out = recorder.wrap(wire);
        byte[] request = getstate();

        out.write(request, 0, 100);
        out.write(request[100]);
        out.write(request, 101, request.length - 101);

        assertThat(wire.toByteArray()).isEqualTo(request);
        assertThat(recorder.digest().value()).isEqualTo(GETSTATE_HASH);
        assertThat(recorder.digest()).isSameAs(recorder.digest());
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class);
    }

    @Test
    void aByteOrderMarkOrAnotherLineBreakChangesTheHash() throws IOException {
        byte[] request = getstate();
        byte[] withBom = new byte[request.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(request, 0, withBom, 3, request.length);
        byte[] crlf = new String(request, java.nio.charset.StandardCharsets.UTF_8).replace("\n", "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(SoapRequestHash.of(withBom).value()).isNotEqualTo(GETSTATE_HASH);
        assertThat(SoapRequestHash.of(crlf).value()).isNotEqualTo(GETSTATE_HASH);
    }

    @Test
    void aResponseCarryingTheHashOfTheRequestVerifies() throws IOException {
        Digest sent = SoapRequestHash.of(getstate());

        RequestHashReceipt receipt = SoapRequestHash.verify(sent, "http://www.w3.org/2001/04/xmlenc#sha512",
                GETSTATE_HASH);

        assertThat(receipt.protocol()).isEqualTo(RequestHashReceipt.Protocol.SOAP);
        assertThat(receipt.algorithmId()).isEqualTo(Digest.SHA512);
        assertThat(receipt.value()).isEqualTo(GETSTATE_HASH);
    }

    @Test
    void whitespaceThatXmlTextMayCarryDoesNotMatter() throws IOException {
        String wrapped = "\n      " + GETSTATE_HASH.substring(0, 44) + "\n      " + GETSTATE_HASH.substring(44)
                + "\n    ";

        assertThat(SoapRequestHash.verify(SoapRequestHash.of(getstate()), " " + Digest.SHA512 + " ", wrapped)
                .value()).isEqualTo(wrapped.strip());
    }

    @Test
    void aResponseToAnotherRequestIsAMismatch() throws IOException {
        Digest sent = SoapRequestHash.of(getstate());
        String other = SoapRequestHash.of("<other/>".getBytes(java.nio.charset.StandardCharsets.UTF_8)).value();

        RequestHashMismatchException e = catchThrowableOfType(RequestHashMismatchException.class,
                () -> SoapRequestHash.verify(sent, Digest.SHA512, other));

        assertThat(e).isInstanceOf(VerificationException.class);
        assertThat(e.code()).isEqualTo("request_hash_mismatch");
        assertThat(e.sent()).isEqualTo(sent);
        assertThat(e.received()).hasValueSatisfying(r -> assertThat(r.value()).isEqualTo(other));
        assertThat(e.getMessage()).doesNotContain(other).doesNotContain(GETSTATE_HASH);
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void aMissingHashAnUnsupportedAlgorithmOrGarbageFail() throws IOException {
        Digest sent = SoapRequestHash.of(getstate());

        assertThat(catchThrowableOfType(RequestHashMismatchException.class,
                () -> SoapRequestHash.verify(sent, Digest.SHA512, null)).code()).isEqualTo("request_hash_missing");
        assertThat(catchThrowableOfType(RequestHashMismatchException.class,
                () -> SoapRequestHash.verify(sent, Digest.SHA512, "  ")).code()).isEqualTo("request_hash_missing");
        assertThat(catchThrowableOfType(RequestHashMismatchException.class,
                () -> SoapRequestHash.verify(sent, Digest.SHA256, GETSTATE_HASH)).code())
                .isEqualTo("request_hash_algorithm_unsupported");
        assertThat(catchThrowableOfType(RequestHashMismatchException.class,
                () -> SoapRequestHash.verify(sent, null, GETSTATE_HASH)).code())
                .isEqualTo("request_hash_algorithm_unsupported");
        assertThat(catchThrowableOfType(RequestHashMismatchException.class,
                () -> SoapRequestHash.verify(sent, Digest.SHA512, "foo!")).code()).isEqualTo("request_hash_mismatch");
        // The corpus's requesthash.answer carries "foo": a mismatch, not a crash.
        assertThat(catchThrowableOfType(RequestHashMismatchException.class,
                () -> SoapRequestHash.verify(sent, Digest.SHA512, "foo")).code()).isEqualTo("request_hash_mismatch");
    }

    @Test
    void aRestReceiptIsKeptAsItIs() {
        String header = "7zmQ9CwnVrEWzWnCyXbXkQYGR+A7/i6e61JgWMLaEI8Bj1QWdrUVGijBBdyDdhcgOpfY8Sid1RhvRbs+aFbOhw==";

        RequestHashReceipt receipt = RequestHashReceipt.rest(" " + header + " ");

        assertThat(receipt.protocol()).isEqualTo(RequestHashReceipt.Protocol.REST);
        assertThat(receipt.value()).isEqualTo(header);
        assertThat(receipt.algorithmId()).isEqualTo(Digest.SHA512);
        assertThatThrownBy(() -> RequestHashReceipt.rest("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digestsCompareByAlgorithmAndBytes() {
        Digest a = Digest.sha512(new byte[] {1, 2, 3});

        assertThat(a.matches(new Digest(Digest.SHA512, a.value()))).isTrue();
        assertThat(a.matches(new Digest(Digest.SHA256, a.value()))).isFalse();
        assertThat(a.matches(Digest.sha512(new byte[] {1, 2, 4}))).isFalse();
        assertThat(a.bytes()).hasSize(64);
        assertThatThrownBy(() -> new Digest(Digest.SHA512, "not*base64")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Digest(" ", a.value())).isInstanceOf(IllegalArgumentException.class);
    }
}
