package io.luotsi.auth.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.auth.testing.Ocsp;
import io.luotsi.auth.testing.Pki;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OcspResponseTest {

    private static final Pki.Issued CA = Pki.root("CA");
    private static final Pki.Issued OTHER_CA = Pki.root("Other CA");
    private static final Pki.Issued RESPONDER = Pki.certificate("OCSP").issuer(CA).ocspSigning().build();
    private static final Pki.Issued MEMBER = Pki.signer("member", CA, Pki.KeyType.EC_P256);

    @Test
    void readsAGoodResponse() {
        OcspResponse ocsp = OcspResponse.parse(Ocsp.response(MEMBER.certificate(), CA)
                .producedAt(Pki.NOW).nextUpdate(null).build());

        OcspResponse.SingleResponse single = ocsp.responses().get(0);
        assertThat(single.status()).isEqualTo(OcspResponse.Status.GOOD);
        assertThat(single.hashAlgorithm()).isEqualTo("SHA-1");
        assertThat(single.isFor(MEMBER.certificate(), CA.certificate())).isTrue();
        assertThat(single.isFor(MEMBER.certificate(), OTHER_CA.certificate())).isFalse();
        assertThat(single.isFor(RESPONDER.certificate(), CA.certificate())).isFalse();
        assertThat(single.nextUpdateTime()).isEmpty();
        assertThat(single.thisUpdate()).isEqualTo(Pki.NOW.minus(Duration.ofMinutes(10)));
        assertThat(ocsp.producedAt()).isEqualTo(Pki.NOW);
        assertThat(ocsp.certificates()).isEmpty();
    }

    @Test
    void findsAndChecksTheResponderByNameOrByKey() {
        byte[] byName = Ocsp.response(MEMBER.certificate(), CA).signedBy(RESPONDER).withoutSignerCertificate().build();
        byte[] byKey = Ocsp.response(MEMBER.certificate(), CA).signedBy(RESPONDER).responderIdByKey().build();

        OcspResponse named = OcspResponse.parse(byName);
        assertThat(named.responderAmong(List.of(CA.certificate()))).isEmpty();
        assertThat(named.responderAmong(List.of(CA.certificate(), RESPONDER.certificate())))
                .contains(RESPONDER.certificate());
        assertThat(named.isSignedBy(RESPONDER.certificate())).isTrue();
        assertThat(named.isSignedBy(CA.certificate())).isFalse();

        OcspResponse keyed = OcspResponse.parse(byKey);
        assertThat(keyed.certificates()).containsExactly(RESPONDER.certificate());
        assertThat(keyed.responderAmong(List.of())).contains(RESPONDER.certificate());
    }

    @Test
    void aCorruptedSignatureDoesNotVerify() {
        OcspResponse ocsp = OcspResponse.parse(Ocsp.response(MEMBER.certificate(), CA).corruptSignature().build());
        assertThat(ocsp.isSignedBy(CA.certificate())).isFalse();
    }

    @Test
    void readsRevokedAndUnknownStatuses() {
        OcspResponse revoked = OcspResponse.parse(Ocsp.response(MEMBER.certificate(), CA)
                .revoked(Pki.NOW.minus(Duration.ofDays(2)), 1).build());
        assertThat(revoked.responses().get(0).status()).isEqualTo(OcspResponse.Status.REVOKED);
        assertThat(revoked.responses().get(0).revocationTime()).isEqualTo(Pki.NOW.minus(Duration.ofDays(2)));

        OcspResponse unknown = OcspResponse.parse(Ocsp.response(MEMBER.certificate(), CA).unknown()
                .serial(BigInteger.TEN).build());
        assertThat(unknown.responses().get(0).status()).isEqualTo(OcspResponse.Status.UNKNOWN);
        assertThat(unknown.responses().get(0).isFor(MEMBER.certificate(), CA.certificate())).isFalse();
    }

    @Test
    void garbageIsMalformed() {
        assertThatThrownBy(() -> OcspResponse.parse("garbage".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(CertificateValidationException.class,
                        e -> assertThat(e.failure()).isEqualTo(CertificateFailure.OCSP_MALFORMED));
    }
}
