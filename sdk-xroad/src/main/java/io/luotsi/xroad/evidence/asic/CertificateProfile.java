package io.luotsi.xroad.evidence.asic;

import io.luotsi.xroad.ClientId;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * How the signing certificates of an approved CA name their member: X-Road's signing certificate profiles
 * ({@code certificateProfileInfo} in global configuration names one per approved CA by its Java class name). The
 * verifier reads the member from the signing certificate with the profile of the CA that issued it, and requires it
 * to be the member that must have signed the message.
 *
 * <p>The profiles X-Road ships are built in ({@link #builtIn()}); an instance with its own profile registers it with
 * {@link AsicContainerVerifier.Builder#certificateProfile(String, CertificateProfile)}.
 *
 * <pre>{@code
 * AsicContainerVerifier verifier = AsicContainerVerifier.builder()
 *     .globalConfiguration(conf)
 *     .certificateProfile("com.example.OurProfileInfoProvider",
 *             (certificate, signer) -> ClientId.member(signer.xRoadInstance(), "GOV", serialNumberOf(certificate)))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface CertificateProfile {

    /**
     * The member the signing certificate belongs to.
     *
     * @param certificate the signing certificate
     * @param signer      the client that must have signed (its instance is the one some profiles assume)
     * @return the member (instance, class and code are compared; a subsystem code is ignored)
     * @throws IllegalArgumentException when the certificate's subject does not name a member in this profile (the
     *     verifier reports {@code incorrect_certificate})
     */
    ClientId subjectIdentifier(X509Certificate certificate, ClientId signer);

    /**
     * X-Road's default profile ({@code EjbcaCertificateProfileInfoProvider}): {@code C} is the instance, {@code O}
     * the member class and {@code CN} the member code.
     */
    static CertificateProfile ejbca() {
        return BuiltInProfiles.EJBCA;
    }

    /**
     * The Finnish profile ({@code FiVRKCertificateProfileInfoProvider}): {@code C=FI}, {@code O} the organisation,
     * {@code CN} the member code and {@code serialNumber} {@code INSTANCE/serverCode/CLASS}; without a
     * {@code serialNumber}, the legacy form ({@code O} the instance, {@code OU} the class) or, without an {@code OU},
     * the default profile's reading.
     */
    static CertificateProfile fiVrk() {
        return BuiltInProfiles.FI_VRK;
    }

    /**
     * X-Road's basic profile ({@code BasicCertificateProfileInfoProvider}): {@code businessCategory} is the member
     * class and {@code serialNumber} the member code, in the signer's instance.
     */
    static CertificateProfile basic() {
        return BuiltInProfiles.BASIC;
    }

    /**
     * The Estonian SK profile ({@code SkKlass3CertificateProfileInfoProvider}): the member from the
     * {@code organizationIdentifier} ({@code NTREE-}, {@code GO:EE-}, {@code NP:EE-} prefixes) or, without one, from
     * an 8-digit {@code serialNumber} whose first digit gives the class.
     */
    static CertificateProfile skKlass3() {
        return BuiltInProfiles.SK_KLASS3;
    }

    /**
     * The built-in profiles by the class names global configuration uses for them (in both of X-Road's packages),
     * including X-Road's test profile ({@code TestCertificateProfileInfoProvider}: class {@code BUSINESS}, code
     * {@code CN}) so that X-Road's own test material verifies.
     */
    static Map<String, CertificateProfile> builtIn() {
        return BuiltInProfiles.BY_CLASS_NAME;
    }
}
