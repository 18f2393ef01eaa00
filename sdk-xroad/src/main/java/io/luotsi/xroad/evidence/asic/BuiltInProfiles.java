package io.luotsi.xroad.evidence.asic;

import io.luotsi.xroad.ClientId;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The signing certificate profiles X-Road ships, read as X-Road reads them (its {@code getSubjectIdentifier}s). */
final class BuiltInProfiles {

    private static final Pattern SLASH = Pattern.compile("/");

    static final CertificateProfile EJBCA = (certificate, signer) -> countryOrganisationCommonName(certificate);

    static final CertificateProfile FI_VRK = (certificate, signer) -> {
        SubjectName name = SubjectName.of(certificate);
        if (name.value(SubjectName.SERIAL_NUMBER) == null) {
            if (name.value(SubjectName.OU) == null) {
                return countryOrganisationCommonName(certificate);
            }
            requireFinnish(name);
            String instance = require(name, SubjectName.O, "organization");
            String memberClass = require(name, SubjectName.OU, "organization unit");
            String code = require(name, SubjectName.CN, "common name");
            return member(instance, memberClass, code);
        }
        requireFinnish(name);
        require(name, SubjectName.O, "organization");
        String code = require(name, SubjectName.CN, "common name");
        String serial = require(name, SubjectName.SERIAL_NUMBER, "serial number");
        String[] parts = SLASH.split(serial);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Certificate subject name's attribute serialNumber has invalid value");
        }
        return member(parts[0], parts[2], code);
    };

    static final CertificateProfile BASIC = (certificate, signer) -> {
        SubjectName name = SubjectName.of(certificate);
        String memberClass = require(name, SubjectName.BUSINESS_CATEGORY, "business category");
        String code = require(name, SubjectName.SERIAL_NUMBER, "serial number");
        return member(signer.xRoadInstance(), memberClass, code);
    };

    static final CertificateProfile SK_KLASS3 = (certificate, signer) -> {
        SubjectName name = SubjectName.of(certificate);
        String instance = signer.xRoadInstance();
        String orgId = name.value(SubjectName.ORGANIZATION_IDENTIFIER);
        if (orgId == null || orgId.isEmpty()) {
            String sn = name.value(SubjectName.SERIAL_NUMBER);
            if (sn == null || sn.isEmpty()) {
                throw new IllegalArgumentException("Subject name does not contain serial number");
            }
            if (!sn.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("Serial number is not an integer");
            }
            if (sn.length() != 8) {
                throw new IllegalArgumentException("Serial number must be 8 digits long");
            }
            String memberClass = switch (sn.charAt(0)) {
                case '1', '2', '3', '4', '5', '6' -> "COM";
                case '7' -> "GOV";
                case '8', '9' -> "NGO";
                default -> throw new IllegalArgumentException("Malformed serial number: " + sn);
            };
            return member(instance, memberClass, sn);
        }
        if (orgId.startsWith("NTREE-")) {
            return member(instance, "COM", orgId.substring(6));
        } else if (orgId.startsWith("GO:EE-")) {
            return member(instance, "GOV", orgId.substring(6));
        } else if (orgId.startsWith("NP:EE-")) {
            return member(instance, "NGO", orgId.substring(6));
        }
        return member(instance, "NEE", orgId);
    };

    /** X-Road's test profile: class BUSINESS, code CN, in the signer's instance. */
    static final CertificateProfile XROAD_TEST = (certificate, signer) -> member(signer.xRoadInstance(), "BUSINESS",
            require(SubjectName.of(certificate), SubjectName.CN, "common name"));

    static final Map<String, CertificateProfile> BY_CLASS_NAME;

    static {
        Map<String, CertificateProfile> m = new HashMap<>();
        for (String pkg : new String[] {"ee.ria.xroad.common.certificateprofile.impl.",
            "org.niis.xroad.common.certificateprofile.impl."}) {
            m.put(pkg + "EjbcaCertificateProfileInfoProvider", EJBCA);
            m.put(pkg + "FiVRKCertificateProfileInfoProvider", FI_VRK);
            m.put(pkg + "BasicCertificateProfileInfoProvider", BASIC);
            m.put(pkg + "SkKlass3CertificateProfileInfoProvider", SK_KLASS3);
            m.put(pkg + "TestCertificateProfileInfoProvider", XROAD_TEST);
        }
        BY_CLASS_NAME = Map.copyOf(m);
    }

    private BuiltInProfiles() {
    }

    /** {@code CertUtils.getSubjectClientId}: C = instance, O = class, CN = code. */
    private static ClientId countryOrganisationCommonName(X509Certificate certificate) {
        SubjectName name = SubjectName.of(certificate);
        String c = require(name, SubjectName.C, "country code");
        String o = require(name, SubjectName.O, "organization");
        String cn = require(name, SubjectName.CN, "common name");
        return member(c, o, cn);
    }

    private static void requireFinnish(SubjectName name) {
        if (!"FI".equals(name.value(SubjectName.C))) {
            throw new IllegalArgumentException("Certificate subject name does not contain valid country code");
        }
    }

    private static String require(SubjectName name, String oid, String what) {
        String v = name.value(oid);
        if (v == null) {
            throw new IllegalArgumentException("Certificate subject name does not contain " + what);
        }
        return v;
    }

    private static ClientId member(String instance, String memberClass, String code) {
        return new ClientId(instance, memberClass, code, null);
    }
}
