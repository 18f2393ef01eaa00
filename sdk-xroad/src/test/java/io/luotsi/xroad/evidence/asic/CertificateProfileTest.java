package io.luotsi.xroad.evidence.asic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The signing certificate profiles read members from subjects as X-Road's profile classes do. */
class CertificateProfileTest {

    private static final ClientId SIGNER = ClientId.subsystem("EE", "COM", "12345678", "app");
    private static TestPki.Issued ca;

    @BeforeAll
    static void ca() {
        ca = TestPki.ca("CN=Profile CA");
    }

    private static X509Certificate cert(String dn) {
        return TestPki.signing(ca, dn, TestPki.NOW.minus(Duration.ofDays(1)), TestPki.NOW.plus(Duration.ofDays(1)),
                KeyUsage.nonRepudiation).certificate();
    }

    private static ClientId member(String instance, String memberClass, String code) {
        return new ClientId(instance, memberClass, code, null);
    }

    @Test
    void ejbcaReadsCountryOrganisationAndCommonName() {
        assertThat(CertificateProfile.ejbca().subjectIdentifier(cert("C=EE,O=GOV,CN=70000001"), SIGNER))
                .isEqualTo(member("EE", "GOV", "70000001"));
        assertThatThrownBy(() -> CertificateProfile.ejbca().subjectIdentifier(cert("O=GOV,CN=1"), SIGNER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("country code");
    }

    @Test
    void fiVrkReadsTheSerialNumberTheLegacyFormAndFallsBackToEjbca() {
        CertificateProfile fi = CertificateProfile.fiVrk();
        assertThat(fi.subjectIdentifier(cert("C=FI,O=ACME,CN=1234567-8,serialNumber=FI-TEST/serverCode/PUB"),
                SIGNER)).isEqualTo(member("FI-TEST", "PUB", "1234567-8"));
        assertThat(fi.subjectIdentifier(cert("C=FI,O=FI-TEST,OU=PUB,CN=1234567-8"), SIGNER))
                .isEqualTo(member("FI-TEST", "PUB", "1234567-8"));
        // Neither serialNumber nor OU: the default profile's reading (C, O, CN).
        assertThat(fi.subjectIdentifier(cert("C=FI,O=GOV,CN=0245437-2"), SIGNER))
                .isEqualTo(member("FI", "GOV", "0245437-2"));
        for (String bad : new String[] {"C=FI,O=ACME,CN=1,serialNumber=///", "C=FI,O=ACME,CN=1,serialNumber=1/2/3/4",
            "C=XX,O=ACME,CN=1,serialNumber=FI/s/PUB", "C=FI,CN=1,serialNumber=FI/s/PUB",
            "C=XX,O=FI-TEST,OU=PUB,CN=1"}) {
            assertThatThrownBy(() -> fi.subjectIdentifier(cert(bad), SIGNER)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void basicReadsBusinessCategoryAndSerialNumberInTheSignersInstance() {
        assertThat(CertificateProfile.basic().subjectIdentifier(
                cert("C=IS,O=Stofnun,CN=Stofnun,BusinessCategory=GOV,serialNumber=5501692829"), SIGNER))
                .isEqualTo(member("EE", "GOV", "5501692829"));
    }

    @Test
    void skReadsTheOrganisationIdentifierOrTheSerialNumber() {
        CertificateProfile sk = CertificateProfile.skKlass3();
        assertThat(sk.subjectIdentifier(cert("C=EE,O=Firma,CN=Firma,organizationIdentifier=NTREE-10000001"),
                SIGNER)).isEqualTo(member("EE", "COM", "10000001"));
        assertThat(sk.subjectIdentifier(cert("C=EE,O=Amet,CN=Amet,organizationIdentifier=GO:EE-70000001"),
                SIGNER)).isEqualTo(member("EE", "GOV", "70000001"));
        assertThat(sk.subjectIdentifier(cert("C=EE,O=Foreign,CN=Foreign,organizationIdentifier=VATFI-1234"),
                SIGNER)).isEqualTo(member("EE", "NEE", "VATFI-1234"));
        assertThat(sk.subjectIdentifier(cert("C=EE,O=Yhing,CN=Yhing,serialNumber=80000001"), SIGNER))
                .isEqualTo(member("EE", "NGO", "80000001"));
        assertThatThrownBy(() -> sk.subjectIdentifier(cert("C=EE,O=X,CN=X,serialNumber=1234"), SIGNER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 digits");
    }

    @Test
    void specialCharactersAreEscapedAsXRoadReadsThem() {
        assertThat(CertificateProfile.ejbca().subjectIdentifier(cert("C=EE,O=GOV,CN=a\\,b"), SIGNER))
                .isEqualTo(member("EE", "GOV", "a\\,b"));
    }

    @Test
    void builtInProfilesAreKnownByXRoadsClassNames() {
        assertThat(CertificateProfile.builtIn())
                .containsEntry("ee.ria.xroad.common.certificateprofile.impl.FiVRKCertificateProfileInfoProvider",
                        CertificateProfile.fiVrk())
                .containsEntry("ee.ria.xroad.common.certificateprofile.impl.EjbcaCertificateProfileInfoProvider",
                        CertificateProfile.ejbca())
                .containsKey("ee.ria.xroad.common.certificateprofile.impl.TestCertificateProfileInfoProvider");
    }
}
