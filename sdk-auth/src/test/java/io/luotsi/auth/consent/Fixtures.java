package io.luotsi.auth.consent;

import io.luotsi.auth.TrustAnchors;
import io.luotsi.auth.jws.JwsAlgorithm;
import io.luotsi.auth.jws.JwsSigner;
import io.luotsi.auth.testing.Pki;
import io.luotsi.auth.testing.Pki.Issued;
import io.luotsi.auth.testing.Pki.KeyType;
import io.luotsi.core.audit.AuditRecord;
import io.luotsi.core.audit.AuditSink;
import io.luotsi.core.audit.SubjectPseudonymizer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keys, an issuer, purposes and subjects shared by the consent tests. */
final class Fixtures {

    static final Instant NOW = Pki.NOW;
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Issued ROOT = Pki.root("Consent Root");
    static final Issued RSA = Pki.signer("consent-issuer-rsa", ROOT, KeyType.RSA_2048);
    static final Issued EC = Pki.signer("consent-issuer-ec", ROOT, KeyType.EC_P256);
    static final Issued OTHER_ROOT = Pki.root("Someone Else's Root");
    static final Issued FORGER = Pki.signer("forger", OTHER_ROOT, KeyType.EC_P256);

    static final String ISSUER = "https://consent.agency.example";
    static final String CLIENT = "EE/GOV/70000001/benefits";
    static final String OTHER_CLIENT = "EE/COM/12345678/marketing";
    static final String SERVICE = "EE/GOV/70000002/registry/persons";
    static final DataSubject MARI = DataSubject.person("EE37702211234");
    static final DataSubject JAAN = DataSubject.person("EE38001010000");

    static final Purpose ELIGIBILITY = Purpose.builder("benefit-eligibility")
            .description("Housing benefit eligibility")
            .legalBasis(LegalBasis.CONSENT)
            .dataCategories("name", "address")
            .build();
    static final Purpose ELIGIBILITY_WITH_INCOME = ELIGIBILITY.toBuilder()
            .dataCategories("name", "address", "income").build();
    static final Purpose MARKETING = Purpose.builder("marketing").legalBasis(LegalBasis.CONSENT)
            .dataCategories("name").build();
    static final Purpose TAX = Purpose.builder("tax-assessment").legalBasis(LegalBasis.LEGAL_OBLIGATION)
            .legalReference("Taxation Act § 59").dataCategories("income", "address").build();

    static final SubjectPseudonymizer PSEUDONYMS = SubjectPseudonymizer.hmacSha256("test",
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    private Fixtures() {
    }

    static ConsentReceiptIssuer issuer(Issued key, JwsAlgorithm algorithm) {
        return ConsentReceiptIssuer.builder().issuer(ISSUER).clock(CLOCK)
                .signer(JwsSigner.builder().keyMaterial(key.keyMaterial()).algorithm(algorithm).clock(CLOCK).build())
                .build();
    }

    static ConsentReceiptIssuer issuer() {
        return issuer(EC, JwsAlgorithm.ES256);
    }

    static ConsentReceipt.Builder receipt(ConsentReceiptIssuer issuer, DataSubject subject, Purpose purpose,
                                          String processor) {
        return issuer.newReceipt()
                .jurisdiction("EE")
                .language("et")
                .subject(subject)
                .controller(new ConsentReceipt.PiiController("Registry Agency", false, "Data protection officer",
                        new ConsentReceipt.Address("Pikk 1, Tallinn", "EE"), "dpo@registry.example", "+372 600 0000",
                        "https://registry.example"))
                .policyUrl("https://registry.example/privacy")
                .processor(processor)
                .service("Housing benefit", purpose)
                .validFor(Duration.ofDays(365));
    }

    static String validReceipt() {
        ConsentReceiptIssuer issuer = issuer();
        return issuer.issue(receipt(issuer, MARI, ELIGIBILITY, CLIENT).build());
    }

    static ConsentReceiptVerifier verifier() {
        return ConsentReceiptVerifier.builder().trustAnchors(TrustAnchors.of(ROOT.certificate())).build();
    }

    static AuthorizationRequest request(DataSubject subject, Purpose purpose, String client) {
        return new AuthorizationRequest("msg-1", client, SERVICE, subject, purpose, null, NOW);
    }

    static AuthorizationRequest request() {
        return request(MARI, ELIGIBILITY, CLIENT);
    }

    /** An audit sink that keeps what it is given. */
    static final class Recording implements AuditSink {
        final List<AuditRecord> records = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void write(AuditRecord record) {
            records.add(record);
        }
    }
}
