package io.luotsi.auth.consent;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A Kantara Consent Receipt (v1.1, {@code KI-CR-v1.1.0}) as a JWT: the receipt's fields, the JWT claims that sign it
 * into a token ({@code iss}, {@code iat}, {@code exp}, {@code jti}, {@code sub}), and Luotsi's {@code processor}
 * claim, the X-Road client allowed to request the data under this consent. {@link ConsentReceiptIssuer} signs it as a
 * JWS; {@link ConsentReceiptVerifier} verifies one.
 *
 * <pre>{@code
 * ConsentReceipt receipt = issuer.newReceipt()        // iss and iat from the ConsentReceiptIssuer
 *     .jurisdiction("EE")
 *     .subject(DataSubject.person("EE37702211234"))
 *     .controller(new ConsentReceipt.PiiController("Agency", null, "Data protection officer",
 *         new ConsentReceipt.Address("Pikk 1, Tallinn", "EE"), "dpo@agency.example", "+372 600 0000", null))
 *     .policyUrl("https://agency.example/privacy")
 *     .service("Housing benefit", purpose)          // purpose code and its data categories
 *     .processor("EE/GOV/70000001/benefits")
 *     .validFor(Duration.ofDays(365))
 *     .build();
 * }</pre>
 *
 * How a receipt maps onto a Luotsi {@link Purpose}: a {@link ServicePurpose#purpose()} is the purpose code, its
 * {@link ServicePurpose#piiCategory()} the data categories it covers. The receipt rests on consent
 * ({@link LegalBasis#CONSENT}); {@code sub} is the {@code piiPrincipalId}, the data subject's country-prefixed id.
 *
 * @param version          {@value #VERSION}
 * @param jurisdiction     where the controller is located, e.g. {@code EE}
 * @param consentTimestamp when consent was given (epoch seconds in JSON)
 * @param collectionMethod how consent was collected, e.g. {@code web form}
 * @param consentReceiptId a UUID ({@code consentReceiptID} in JSON)
 * @param publicKey        the controller's public key, or {@code null}
 * @param language         the language of the receipt, e.g. {@code et}
 * @param piiPrincipalId   the data subject's identifier
 * @param piiControllers   at least one controller
 * @param policyUrl        the privacy policy
 * @param services         at least one service with at least one purpose
 * @param sensitive        whether sensitive personal information is involved
 * @param spiCategories    the categories of sensitive information ({@code spiCat} in JSON)
 * @param issuer           {@code iss}: who signs the receipt
 * @param issuedAt         {@code iat}
 * @param expiresAt        {@code exp}: after it the receipt no longer covers anything
 * @param jwtId            {@code jti}
 * @param subject          {@code sub}: equal to {@code piiPrincipalId}
 * @param processor        the X-Road client id ({@code EE/GOV/70000001/benefits}) allowed to request the data
 */
public record ConsentReceipt(String version, String jurisdiction, Instant consentTimestamp, String collectionMethod,
                             String consentReceiptId, String publicKey, String language, String piiPrincipalId,
                             List<PiiController> piiControllers, String policyUrl, List<Service> services,
                             boolean sensitive, List<String> spiCategories, String issuer, Instant issuedAt,
                             Instant expiresAt, String jwtId, String subject, String processor) {

    /** The receipt version this class reads and writes. */
    public static final String VERSION = "KI-CR-v1.1.0";

    /** Whether consent was given explicitly or implied. */
    public enum ConsentType {
        EXPLICIT,
        IMPLICIT
    }

    /** A controller: who decides about the processing. */
    public record PiiController(String piiController, Boolean onBehalf, String contact, Address address, String email,
                                String phone, String piiControllerUrl) {
        public PiiController {
            requireText(piiController, "piiController");
        }
    }

    /** A controller's postal address. */
    public record Address(String streetAddress, String addressCountry) {
    }

    /** A service consented to, with its purposes. */
    public record Service(String service, List<ServicePurpose> purposes) {
        public Service {
            requireText(service, "service");
            purposes = List.copyOf(Objects.requireNonNull(purposes, "purposes"));
            if (purposes.isEmpty()) {
                throw new IllegalArgumentException("service " + service + " has no purpose");
            }
        }
    }

    /**
     * One purpose of a service: {@code purpose} is a Luotsi purpose code, {@code piiCategory} the data categories.
     */
    public record ServicePurpose(String purpose, List<String> purposeCategory, ConsentType consentType,
                                 List<String> piiCategory, boolean primaryPurpose, String termination,
                                 boolean thirdPartyDisclosure, String thirdPartyName) {
        public ServicePurpose {
            requireText(purpose, "purpose");
            purposeCategory = List.copyOf(Objects.requireNonNull(purposeCategory, "purposeCategory"));
            Objects.requireNonNull(consentType, "consentType");
            piiCategory = List.copyOf(Objects.requireNonNull(piiCategory, "piiCategory"));
            requireText(termination, "termination");
        }
    }

    public ConsentReceipt {
        if (!VERSION.equals(version)) {
            throw new IllegalArgumentException("not a Kantara consent receipt " + VERSION + ": version " + version);
        }
        requireText(jurisdiction, "jurisdiction");
        Objects.requireNonNull(consentTimestamp, "consentTimestamp");
        requireText(collectionMethod, "collectionMethod");
        requireText(consentReceiptId, "consentReceiptID");
        requireText(language, "language");
        requireText(piiPrincipalId, "piiPrincipalId");
        piiControllers = List.copyOf(Objects.requireNonNull(piiControllers, "piiControllers"));
        if (piiControllers.isEmpty()) {
            throw new IllegalArgumentException("a consent receipt names at least one piiController");
        }
        requireText(policyUrl, "policyUrl");
        services = List.copyOf(Objects.requireNonNull(services, "services"));
        if (services.isEmpty()) {
            throw new IllegalArgumentException("a consent receipt names at least one service");
        }
        spiCategories = List.copyOf(spiCategories == null ? List.of() : spiCategories);
        requireText(issuer, "iss");
        Objects.requireNonNull(issuedAt, "iat");
        Objects.requireNonNull(expiresAt, "exp");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("exp must be after iat");
        }
        requireText(jwtId, "jti");
        requireText(subject, "sub");
        if (!subject.equals(piiPrincipalId)) {
            throw new IllegalArgumentException("sub must be the piiPrincipalId");
        }
        requireText(processor, "processor");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The service purpose with this purpose code, if the receipt has one. */
    public Optional<ServicePurpose> purpose(String code) {
        for (Service s : services) {
            for (ServicePurpose p : s.purposes()) {
                if (p.purpose().equals(code)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Without personal data: the receipt id, issuer, processor and validity. */
    @Override
    public String toString() {
        return "ConsentReceipt[" + consentReceiptId + ", iss " + issuer + ", processor " + processor + ", valid "
                + issuedAt + ".." + expiresAt + "]";
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
    }

    /**
     * Builds a {@link ConsentReceipt}. Defaults: a random receipt id and {@code jti}, consent given when issued, language
     * {@code en}, collection method {@code web form}, not sensitive. Times are kept in whole seconds (JWT NumericDate).
     */
    public static final class Builder {
        private String jurisdiction;
        private Instant consentTimestamp;
        private String collectionMethod = "web form";
        private String consentReceiptId = UUID.randomUUID().toString();
        private String publicKey;
        private String language = "en";
        private String piiPrincipalId;
        private final List<PiiController> controllers = new ArrayList<>();
        private String policyUrl;
        private final List<Service> services = new ArrayList<>();
        private final List<java.util.Map.Entry<String, Purpose>> purposeServices = new ArrayList<>();
        private boolean sensitive;
        private final List<String> spiCategories = new ArrayList<>();
        private String issuer;
        private Instant issuedAt;
        private Instant expiresAt;
        private Duration validFor;
        private String jwtId = UUID.randomUUID().toString();
        private String processor;

        private Builder() {
        }

        public Builder jurisdiction(String jurisdiction) {
            this.jurisdiction = jurisdiction;
            return this;
        }

        public Builder consentTimestamp(Instant consentTimestamp) {
            this.consentTimestamp = consentTimestamp;
            return this;
        }

        public Builder collectionMethod(String collectionMethod) {
            this.collectionMethod = collectionMethod;
            return this;
        }

        public Builder consentReceiptId(String consentReceiptId) {
            this.consentReceiptId = consentReceiptId;
            return this;
        }

        public Builder publicKey(String publicKey) {
            this.publicKey = publicKey;
            return this;
        }

        public Builder language(String language) {
            this.language = language;
            return this;
        }

        /** The data subject: {@code piiPrincipalId} and {@code sub}. */
        public Builder subject(DataSubject subject) {
            this.piiPrincipalId = Objects.requireNonNull(subject, "subject").id();
            return this;
        }

        public Builder controller(PiiController controller) {
            controllers.add(Objects.requireNonNull(controller, "controller"));
            return this;
        }

        public Builder policyUrl(String policyUrl) {
            this.policyUrl = policyUrl;
            return this;
        }

        public Builder service(Service service) {
            services.add(Objects.requireNonNull(service, "service"));
            return this;
        }

        /**
         * A service with one explicit, primary purpose made from a Luotsi purpose: its code and data categories; the
         * data is disclosed to the processor.
         */
        public Builder service(String name, Purpose purpose) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(purpose, "purpose");
            if (purpose.legalBasis() != LegalBasis.CONSENT) {
                throw new IllegalArgumentException("purpose " + purpose.code() + " rests on "
                        + purpose.legalBasis().code() + ", not on consent");
            }
            purposeServices.add(java.util.Map.entry(name, purpose));
            return this;
        }

        public Builder sensitive(boolean sensitive, List<String> spiCategories) {
            this.sensitive = sensitive;
            this.spiCategories.clear();
            this.spiCategories.addAll(spiCategories);
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            this.validFor = null;
            return this;
        }

        /** {@code exp} = {@code iat} + this. */
        public Builder validFor(Duration validity) {
            this.validFor = Objects.requireNonNull(validity, "validity");
            this.expiresAt = null;
            return this;
        }

        public Builder jwtId(String jwtId) {
            this.jwtId = jwtId;
            return this;
        }

        /** The X-Road client allowed to request the data, e.g. {@code EE/GOV/70000001/benefits}. */
        public Builder processor(String processor) {
            this.processor = processor;
            return this;
        }

        /**
         * @throws IllegalStateException    without {@code iat} ({@link #issuedAt(Instant)}, or a builder from
         *     {@link ConsentReceiptIssuer#newReceipt()})
         * @throws IllegalArgumentException or NullPointerException when a required field is missing or invalid
         */
        public ConsentReceipt build() {
            if (issuedAt == null) {
                throw new IllegalStateException("issuedAt (iat) is required");
            }
            Instant iat = issuedAt.truncatedTo(ChronoUnit.SECONDS);
            Instant consented = consentTimestamp != null ? consentTimestamp.truncatedTo(ChronoUnit.SECONDS) : iat;
            Instant exp = expiresAt != null ? expiresAt.truncatedTo(ChronoUnit.SECONDS)
                    : validFor != null ? iat.plus(validFor) : null;
            List<Service> all = new ArrayList<>(services);
            for (java.util.Map.Entry<String, Purpose> e : purposeServices) {
                Purpose purpose = e.getValue();
                all.add(new Service(e.getKey(), List.of(new ServicePurpose(purpose.code(),
                        purpose.description() == null ? List.of() : List.of(purpose.description()),
                        ConsentType.EXPLICIT, List.copyOf(purpose.dataCategories()), true,
                        "the consent ends when it is withdrawn or when this receipt expires", true, processor))));
            }
            return new ConsentReceipt(VERSION, jurisdiction, consented, collectionMethod, consentReceiptId, publicKey,
                    language, piiPrincipalId, controllers, policyUrl, all, sensitive, spiCategories, issuer, iat,
                    exp, jwtId, piiPrincipalId, processor);
        }
    }
}
