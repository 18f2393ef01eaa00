package io.luotsi.testkit;

import io.luotsi.auth.consent.DataSubject;
import io.luotsi.core.json.JacksonJsonCodec;
import io.luotsi.core.json.JsonCodec;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A fake of Estonia's Data Consent Service (RIA nõusolekuteenus, REST over X-tee, v2.1), served by the
 * {@link FakeSecurityServer} as two REST services with Java handlers: the consent stage (getConsentReferences,
 * validateConsentForClient, validateConsentForDataProvider) and the reporting stage (reportDataTransmission).
 * Declarations and consents are declared in the test; consents expire by the fake's clock and can be revoked.
 *
 * <pre>{@code
 * FakeConsentService nt = FakeConsentService.builder().clock(clock).build();
 * nt.declareService("TD_KAKS", registrySubsystem);                   // the provider's service declaration
 * nt.declarePurpose("ED_KAKS", benefitsSubsystem, "TD_KAKS");        // the client's purpose declaration
 * String reference = nt.grant(DataSubject.person("EE37702211234"), "ED_KAKS", expiry);
 * nt.register(fake.registry(), benefitsSubsystem, registrySubsystem);
 * ...
 * nt.revoke(reference);
 * assertThat(nt.reports()).hasSize(1);
 * }</pre>
 *
 * As the real service, it checks that the calling subsystem ({@code X-Road-Client}) is the one on the purpose
 * declaration (client queries) or the provider of the service declaration (provider queries), and answers only
 * APPROVED, unexpired consents. Errors have the service's keys and statuses; their body is
 * {@code {"message":"<error key>","code":"<error code>","status":<status>}} (the service's documentation names keys
 * and codes but shows no body: this shape is the fake's, and Luotsi's client reads the key from {@code message}).
 * <ul>
 *   <li>{@code error.validation} (400): a missing field, an {@code idCode} that is not 11 digits;
 *   <li>{@code error.http.404} (404): no approved consent / no consent for this subsystem;
 *   <li>{@code error.business.consent-validate-invalid-status} (500): the consent is revoked or expired.
 * </ul>
 */
public final class FakeConsentService {

    /** The consent subsystem the Estonian test environment uses. */
    public static final ClientId DEFAULT_SUBSYSTEM = ClientId.parse("ee-dev/GOV/70006317/consent");

    private static final JsonCodec JSON = JacksonJsonCodec.create();

    /** A recorded reportDataTransmission. */
    public record Report(String consentReference, Instant transmissionTimestamp, ClientId reporter) {
    }

    private record PurposeDeclaration(String id, ClientId client, String serviceDeclarationId) {
    }

    private static final class Consent {
        final String reference;
        final String idCode;
        final String purposeDeclarationId;
        final Instant expiration;
        boolean revoked;

        Consent(String reference, String idCode, String purposeDeclarationId, Instant expiration) {
            this.reference = reference;
            this.idCode = idCode;
            this.purposeDeclarationId = purposeDeclarationId;
            this.expiration = expiration;
        }
    }

    private final ServiceId consentService;
    private final ServiceId reportingService;
    private final Clock clock;
    private final Map<String, ClientId> serviceDeclarations = new LinkedHashMap<>();
    private final Map<String, PurposeDeclaration> purposeDeclarations = new LinkedHashMap<>();
    private final Map<String, Consent> consents = new LinkedHashMap<>();
    private final List<Report> reports = new ArrayList<>();

    private FakeConsentService(Builder b) {
        this.consentService = b.subsystem.service(b.consentServiceCode);
        this.reportingService = b.subsystem.service(b.reportingServiceCode);
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The consent stage service, e.g. {@code ee-dev/GOV/70006317/consent/consent-stage}. */
    public ServiceId consentService() {
        return consentService;
    }

    /** The reporting stage service, e.g. {@code ee-dev/GOV/70006317/consent/reporting-stage}. */
    public ServiceId reportingService() {
        return reportingService;
    }

    /** Registers both services on a fake Security Server, callable by {@code clients}. */
    public FakeConsentService register(FakeRegistry registry, ClientId... clients) {
        ServiceRegistration.Builder consent = ServiceRegistration.rest(consentService).handler(this::consentStage);
        ServiceRegistration.Builder reporting = ServiceRegistration.rest(reportingService)
                .handler(this::reportingStage);
        for (ClientId c : clients) {
            consent.allow(c);
            reporting.allow(c);
        }
        registry.service(consent).service(reporting);
        return this;
    }

    /** A service declaration: the protected service of {@code provider}. */
    public synchronized FakeConsentService declareService(String serviceDeclarationId, ClientId provider) {
        serviceDeclarations.put(Objects.requireNonNull(serviceDeclarationId, "serviceDeclarationId"),
                Objects.requireNonNull(provider, "provider"));
        return this;
    }

    /** A purpose declaration: {@code client} may ask for consents to use the service declaration's data. */
    public synchronized FakeConsentService declarePurpose(String purposeDeclarationId, ClientId client,
                                                          String serviceDeclarationId) {
        if (!serviceDeclarations.containsKey(serviceDeclarationId)) {
            throw new IllegalArgumentException("declare service " + serviceDeclarationId + " first");
        }
        purposeDeclarations.put(purposeDeclarationId, new PurposeDeclaration(purposeDeclarationId,
                Objects.requireNonNull(client, "client"), serviceDeclarationId));
        return this;
    }

    /** An APPROVED consent of the person to the purpose declaration until {@code expiration}; returns its reference. */
    public synchronized String grant(DataSubject subject, String purposeDeclarationId, Instant expiration) {
        Objects.requireNonNull(subject, "subject");
        if (!purposeDeclarations.containsKey(purposeDeclarationId)) {
            throw new IllegalArgumentException("declare purpose " + purposeDeclarationId + " first");
        }
        String reference = UUID.randomUUID().toString();
        consents.put(reference, new Consent(reference, subject.nationalId(), purposeDeclarationId,
                Objects.requireNonNull(expiration, "expiration")));
        return reference;
    }

    /** The person withdraws the consent: it is no longer APPROVED. */
    public synchronized void revoke(String consentReference) {
        Consent c = consents.get(consentReference);
        if (c == null) {
            throw new IllegalArgumentException("no consent " + consentReference);
        }
        c.revoked = true;
    }

    /** The transmissions reported, oldest first. */
    public synchronized List<Report> reports() {
        return List.copyOf(reports);
    }

    @Override
    public synchronized String toString() {
        return "FakeConsentService[" + consentService.toShortString() + ", " + consents.size() + " consents]";
    }

    private synchronized FakeRestResponse consentStage(FakeRestRequest request) {
        String path = request.path();
        if (request.method().equals("POST") && path.equals("/api/consent/reference")) {
            return references(request);
        }
        if (request.method().equals("GET") && path.equals("/api/consent/validation/client")) {
            return validateForClient(request);
        }
        if (request.method().equals("GET") && path.equals("/api/consent/validation/dataprovider")) {
            return validateForProvider(request);
        }
        return error(404, "error.http.404", "HTTP_NOT_FOUND");
    }

    private synchronized FakeRestResponse reportingStage(FakeRestRequest request) {
        if (!request.method().equals("POST") || !request.path().equals("/api/reporting/consent")) {
            return error(404, "error.http.404", "HTTP_NOT_FOUND");
        }
        Map<?, ?> body = body(request);
        if (body == null || !(body.get("transmissionTimestamp") instanceof String ts)
                || !(body.get("consentReference") instanceof String reference)) {
            return error(400, "error.validation", "VALIDATION");
        }
        Instant time;
        try {
            time = Instant.parse(ts);
        } catch (DateTimeParseException e) {
            return error(400, "error.validation", "VALIDATION");
        }
        Consent c = consents.get(reference);
        if (c == null || !provider(c).equals(request.client())) {
            return error(404, "error.http.404", "HTTP_NOT_FOUND");
        }
        reports.add(new Report(reference, time, request.client()));
        return FakeRestResponse.json("{\"response\":\"success\"}");
    }

    private FakeRestResponse references(FakeRestRequest request) {
        Map<?, ?> body = body(request);
        if (body == null || !(body.get("idCode") instanceof String idCode) || !idCode.matches("\\d{11}")
                || !(body.get("purposeDeclarationBusinessIdentifiers") instanceof List<?> ids) || ids.isEmpty()) {
            return error(400, "error.validation", "VALIDATION");
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (Object id : ids) {
            PurposeDeclaration d = purposeDeclarations.get(String.valueOf(id));
            if (d == null || !d.client().equals(request.client())) {
                continue;
            }
            for (Consent c : consents.values()) {
                if (c.idCode.equals(idCode) && c.purposeDeclarationId.equals(d.id()) && approved(c)) {
                    found.put(d.id(), c.reference);
                }
            }
        }
        if (found.isEmpty()) {
            return error(404, "error.http.404", "HTTP_NOT_FOUND");
        }
        return FakeRestResponse.status(200).withJsonBody(found);
    }

    private FakeRestResponse validateForClient(FakeRestRequest request) {
        Optional<Consent> c = consent(request);
        if (c.isEmpty() || !purposeDeclarations.get(c.get().purposeDeclarationId).client().equals(request.client())) {
            return c.isEmpty() && reference(request).isEmpty() ? error(400, "error.validation", "VALIDATION")
                    : error(404, "error.http.404", "HTTP_NOT_FOUND");
        }
        if (!approved(c.get())) {
            return error(500, "error.business.consent-validate-invalid-status", "CONSENT_VALIDATE_INVALID_STATUS");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("consentReference", c.get().reference);
        answer.put("consentExpiration", c.get().expiration.toString());
        answer.put("idCode", c.get().idCode);
        answer.put("purposeDeclarationId", c.get().purposeDeclarationId);
        return FakeRestResponse.status(200).withJsonBody(answer);
    }

    private FakeRestResponse validateForProvider(FakeRestRequest request) {
        Optional<Consent> c = consent(request);
        if (c.isEmpty() || !provider(c.get()).equals(request.client())) {
            return c.isEmpty() && reference(request).isEmpty() ? error(400, "error.validation", "VALIDATION")
                    : error(404, "error.http.404", "HTTP_NOT_FOUND");
        }
        if (!approved(c.get())) {
            return error(500, "error.business.consent-validate-invalid-status", "CONSENT_VALIDATE_INVALID_STATUS");
        }
        PurposeDeclaration d = purposeDeclarations.get(c.get().purposeDeclarationId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("consentReference", c.get().reference);
        answer.put("consentExpiration", c.get().expiration.toString());
        answer.put("idCode", c.get().idCode);
        answer.put("clientSubsystemIdentifier", d.client().toShortString());
        answer.put("serviceDeclarationId", d.serviceDeclarationId());
        return FakeRestResponse.status(200).withJsonBody(answer);
    }

    private boolean approved(Consent c) {
        return !c.revoked && clock.instant().isBefore(c.expiration);
    }

    private ClientId provider(Consent c) {
        return serviceDeclarations.get(purposeDeclarations.get(c.purposeDeclarationId).serviceDeclarationId());
    }

    private Optional<Consent> consent(FakeRestRequest request) {
        return reference(request).map(consents::get);
    }

    private static Optional<String> reference(FakeRestRequest request) {
        String query = request.query().orElse("");
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("consentReference")) {
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).trim();
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static Map<?, ?> body(FakeRestRequest request) {
        try {
            return JSON.read(request.body(), Map.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static FakeRestResponse error(int status, String key, String code) {
        return FakeRestResponse.json(status, "{\"message\":\"" + key + "\",\"code\":\"" + code + "\",\"status\":"
                + status + "}");
    }

    /** Builds a {@link FakeConsentService}. */
    public static final class Builder {
        private ClientId subsystem = DEFAULT_SUBSYSTEM;
        private String consentServiceCode = "consent-stage";
        private String reportingServiceCode = "reporting-stage";
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The consent service's subsystem ({@code ee-dev/GOV/70006317/consent} by default). */
        public Builder subsystem(ClientId subsystem) {
            if (!Objects.requireNonNull(subsystem, "subsystem").isSubsystem()) {
                throw new IllegalArgumentException("the consent service is a subsystem: " + subsystem);
            }
            this.subsystem = subsystem;
            return this;
        }

        /** The service codes ({@code consent-stage} and {@code reporting-stage} by default). */
        public Builder serviceCodes(String consent, String reporting) {
            this.consentServiceCode = Objects.requireNonNull(consent, "consent");
            this.reportingServiceCode = Objects.requireNonNull(reporting, "reporting");
            return this;
        }

        /** The clock consents expire by. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public FakeConsentService build() {
            return new FakeConsentService(this);
        }
    }
}
