package io.luotsi.testkit;

import io.luotsi.auth.CertificateChain;
import io.luotsi.auth.KeyMaterial;
import io.luotsi.auth.TrustAnchors;
import io.luotsi.auth.consent.ConsentReceipt;
import io.luotsi.auth.consent.ConsentReceiptIssuer;
import io.luotsi.auth.consent.ConsentReceiptVerifier;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.auth.jws.JwsSigner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A consent management service for tests: issues signed Kantara consent receipts with a signing key of a
 * {@link TestPki} (EC P-256, ES256), revokes them, and makes verifiers that trust exactly this issuer.
 *
 * <pre>{@code
 * TestConsentReceipts consents = TestConsentReceipts.create(fake.pki(), clock);
 * String receipt = consents.issue(DataSubject.person("EE37702211234"), purpose, "EE/GOV/70000001/benefits");
 * ConsentReceiptVerifier verifier = consents.verifier();     // trusts the PKI's CA, honours revocations
 * consents.revoke(receipt);
 * }</pre>
 */
public final class TestConsentReceipts {

    /** {@code iss} of every receipt. */
    public static final String ISSUER = "https://consent.test.luotsi.io";

    private final TestPki pki;
    private final Clock clock;
    private final ConsentReceiptIssuer issuer;
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    private TestConsentReceipts(TestPki pki, Clock clock) {
        this.pki = pki;
        this.clock = clock;
        TestPki.Credential signing = pki.issue("Luotsi test consent service", TestPki.Purpose.SIGNING, List.of());
        KeyMaterial key = KeyMaterial.of(signing.privateKey(), new CertificateChain(signing.chain()));
        this.issuer = ConsentReceiptIssuer.builder().issuer(ISSUER).clock(clock)
                .signer(JwsSigner.builder().keyMaterial(key).clock(clock).build()).build();
    }

    /** An issuer whose key is certified by {@code pki}. */
    public static TestConsentReceipts create(TestPki pki, Clock clock) {
        return new TestConsentReceipts(Objects.requireNonNull(pki, "pki"), Objects.requireNonNull(clock, "clock"));
    }

    /** An issuer with a PKI of its own. */
    public static TestConsentReceipts generate(Clock clock) {
        return create(TestPki.generate(clock), clock);
    }

    /**
     * A receipt builder filled in for {@code subject}, {@code purpose} (code and data categories) and the
     * {@code processor} client, valid for a year from now: adjust it, then {@link #sign(ConsentReceipt)}.
     */
    public ConsentReceipt.Builder newReceipt(DataSubject subject, Purpose purpose, String processor) {
        return issuer.newReceipt()
                .jurisdiction(subject.country())
                .subject(subject)
                .controller(new ConsentReceipt.PiiController("Luotsi Test Registry", false, "Data protection officer",
                        new ConsentReceipt.Address("Testikatu 1", subject.country()), "dpo@registry.test",
                        "+358 00 000 0000", "https://registry.test"))
                .policyUrl("https://registry.test/privacy")
                .processor(processor)
                .service("Test service", purpose)
                .validFor(Duration.ofDays(365));
    }

    /** Signs a receipt as a compact JWS. */
    public String sign(ConsentReceipt receipt) {
        return issuer.issue(receipt);
    }

    /** A receipt for {@code subject}, {@code purpose} and {@code processor}, valid for a year, as a compact JWS. */
    public String issue(DataSubject subject, Purpose purpose, String processor) {
        return sign(newReceipt(subject, purpose, processor).build());
    }

    /** Revokes a receipt by its {@code consentReceiptID}. */
    public void revokeId(String consentReceiptId) {
        revoked.add(Objects.requireNonNull(consentReceiptId, "consentReceiptId"));
    }

    /** Revokes a receipt issued here. */
    public void revoke(String receiptJws) {
        revokeId(ConsentReceiptVerifier.builder().trustAnchors(trustAnchors()).build()
                .verify(receiptJws, clock.instant()).id());
    }

    /** A verifier that trusts this issuer's PKI and knows its revocations. */
    public ConsentReceiptVerifier verifier() {
        return ConsentReceiptVerifier.builder().trustAnchors(trustAnchors()).trustedIssuers(ISSUER)
                .revocationCheck(revoked::contains).build();
    }

    /** The CA the receipts' signing certificate chains to. */
    public TrustAnchors trustAnchors() {
        return TrustAnchors.of(pki.caCertificate());
    }

    public ConsentReceiptIssuer issuer() {
        return issuer;
    }

    @Override
    public String toString() {
        return "TestConsentReceipts[" + ISSUER + ", " + revoked.size() + " revoked]";
    }
}
