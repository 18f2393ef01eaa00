package io.luotsi.xroad.consent;

import io.luotsi.core.ProtocolException;
import io.luotsi.core.json.TypeRef;
import io.luotsi.xroad.ProviderErrorException;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A client of a consent service shaped like Estonia's Data Consent Service (RIA nõusolekuteenus, v2.1), called over
 * X-Road REST with the SDK's own {@link XRoadClient}. The service checks that the calling subsystem is the one named
 * in the purpose declaration (client queries) or the service declaration (provider queries). Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * ConsentServiceClient consents = ConsentServiceClient.builder()
 *     .xroad(xroadClient)
 *     .consentService(ServiceId.parse("ee-dev/GOV/70006317/consent/consent-stage"))
 *     .reportingService(ServiceId.parse("ee-dev/GOV/70006317/consent/reporting-stage"))
 *     .build();
 * Map<String, String> refs = consents.consentReferences("60001019906", List.of("ED_KAKS"));
 * ConsentValidation v = consents.validateForClient(refs.get("ED_KAKS"));
 * }</pre>
 *
 * The queries (paths after the service code):
 * <table>
 *   <caption>Queries</caption>
 *   <tr><th>query</th><th>request</th><th>answer</th></tr>
 *   <tr><td>getConsentReferences</td><td>{@code POST /api/consent/reference}
 *       {@code {idCode, purposeDeclarationBusinessIdentifiers[]}}</td>
 *       <td>{@code {"<purposeDeclarationId>": "<consentReference>"}}, APPROVED consents only; 404
 *       {@code error.http.404} when there are none</td></tr>
 *   <tr><td>validateConsentForClient</td><td>{@code GET /api/consent/validation/client?consentReference=}</td>
 *       <td>{@code {consentReference, consentExpiration, idCode, purposeDeclarationId}}</td></tr>
 *   <tr><td>validateConsentForDataProvider</td>
 *       <td>{@code GET /api/consent/validation/dataprovider?consentReference=}</td>
 *       <td>{@code {consentReference, consentExpiration, idCode, clientSubsystemIdentifier,
 *       serviceDeclarationId}}</td></tr>
 *   <tr><td>reportDataTransmission</td><td>{@code POST /api/reporting/consent} on the reporting service
 *       {@code {transmissionTimestamp, consentReference}}</td><td>{@code {"response":"success"}}</td></tr>
 * </table>
 * Errors are {@link ConsentServiceException}s with the service's error key, read from the error body's
 * {@code message}, {@code errorKey} or {@code error} field.
 */
public final class ConsentServiceClient {

    private final XRoadClient xroad;
    private final ServiceId consentService;
    private final ServiceId reportingService;

    private ConsentServiceClient(Builder b) {
        this.xroad = b.xroad;
        this.consentService = b.consentService;
        this.reportingService = b.reportingService;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * getConsentReferences: the references of the APPROVED consents of {@code idCode} for the purpose declarations.
     *
     * @return purpose declaration id to consent reference; empty when there are none
     */
    public Map<String, String> consentReferences(String idCode, List<String> purposeDeclarationIds) {
        Objects.requireNonNull(idCode, "idCode");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idCode", idCode);
        body.put("purposeDeclarationBusinessIdentifiers", List.copyOf(purposeDeclarationIds));
        try {
            Map<String, String> refs = xroad.rest(consentService).post("/api/consent/reference").jsonBody(body)
                    .execute(new TypeRef<Map<String, String>>() { }).body();
            return refs == null ? Map.of() : Map.copyOf(refs);
        } catch (ProviderErrorException e) {
            ConsentServiceException c = failure("getConsentReferences", e);
            if (c.notFound()) {
                return Map.of();
            }
            throw c;
        }
    }

    /** validateConsentForClient. */
    public ConsentValidation validateForClient(String consentReference) {
        Objects.requireNonNull(consentReference, "consentReference");
        try {
            ConsentValidation v = xroad.rest(consentService).get("/api/consent/validation/client")
                    .query("consentReference", consentReference).execute(ConsentValidation.class).body();
            requireComplete(v != null && v.consentExpiration() != null && v.idCode() != null
                    && v.purposeDeclarationId() != null, "validateConsentForClient");
            return v;
        } catch (ProviderErrorException e) {
            throw failure("validateConsentForClient", e);
        }
    }

    /** validateConsentForDataProvider. */
    public ProviderConsentValidation validateForDataProvider(String consentReference) {
        Objects.requireNonNull(consentReference, "consentReference");
        try {
            ProviderConsentValidation v = xroad.rest(consentService).get("/api/consent/validation/dataprovider")
                    .query("consentReference", consentReference).execute(ProviderConsentValidation.class).body();
            requireComplete(v != null && v.consentExpiration() != null && v.idCode() != null
                    && v.clientSubsystemIdentifier() != null && v.serviceDeclarationId() != null,
                    "validateConsentForDataProvider");
            return v;
        } catch (ProviderErrorException e) {
            throw failure("validateConsentForDataProvider", e);
        }
    }

    /** reportDataTransmission: the data of the consent was transmitted at {@code time}. */
    public void reportDataTransmission(String consentReference, Instant time) {
        Objects.requireNonNull(consentReference, "consentReference");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("transmissionTimestamp", time.truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("consentReference", consentReference);
        try {
            Map<String, Object> answer = xroad.rest(reportingService).post("/api/reporting/consent").jsonBody(body)
                    .execute(new TypeRef<Map<String, Object>>() { }).body();
            if (answer == null || !"success".equals(answer.get("response"))) {
                throw new ProtocolException("reportDataTransmission was not answered with {\"response\":\"success\"}");
            }
        } catch (ProviderErrorException e) {
            throw failure("reportDataTransmission", e);
        }
    }

    public ServiceId consentService() {
        return consentService;
    }

    public ServiceId reportingService() {
        return reportingService;
    }

    @Override
    public String toString() {
        return "ConsentServiceClient[" + consentService.toShortString() + ", " + reportingService.toShortString()
                + "]";
    }

    private static void requireComplete(boolean complete, String query) {
        if (!complete) {
            throw new ProtocolException(query + " answered without the fields it must have");
        }
    }

    private static ConsentServiceException failure(String query, ProviderErrorException e) {
        String key = null;
        try {
            Map<?, ?> body = e.bodyAs(Map.class);
            for (String field : new String[] {"message", "errorKey", "error"}) {
                if (body != null && body.get(field) instanceof String s && s.startsWith("error.")) {
                    key = s;
                    break;
                }
            }
        } catch (RuntimeException ignored) {
            // not JSON: the status alone
        }
        return new ConsentServiceException(query, e.statusCode(), key, e, e.messageId().orElse(null),
                e.requestId().orElse(null));
    }

    /** Builds a {@link ConsentServiceClient}: the X-Road client and both services are required. */
    public static final class Builder {
        private XRoadClient xroad;
        private ServiceId consentService;
        private ServiceId reportingService;

        private Builder() {
        }

        /** The client the queries are made with (its subsystem is who the consent service sees). */
        public Builder xroad(XRoadClient xroad) {
            this.xroad = Objects.requireNonNull(xroad, "xroad");
            return this;
        }

        /** The consent stage service, e.g. {@code ee-dev/GOV/70006317/consent/consent-stage}. */
        public Builder consentService(ServiceId service) {
            this.consentService = Objects.requireNonNull(service, "service");
            return this;
        }

        /** The reporting stage service, e.g. {@code ee-dev/GOV/70006317/consent/reporting-stage}. */
        public Builder reportingService(ServiceId service) {
            this.reportingService = Objects.requireNonNull(service, "service");
            return this;
        }

        public ConsentServiceClient build() {
            if (xroad == null || consentService == null || reportingService == null) {
                throw new IllegalStateException("an XRoadClient, the consent service and the reporting service are "
                        + "required");
            }
            return new ConsentServiceClient(this);
        }
    }
}
