package io.luotsi.testkit;

import io.luotsi.auth.consent.ConsentException;
import io.luotsi.auth.consent.DataSubject;
import io.luotsi.auth.consent.LegalBasis;
import io.luotsi.auth.consent.Purpose;
import io.luotsi.core.RequestContext;
import io.luotsi.core.audit.SubjectPseudonymizer;
import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.provider.ConsentEnforcer;
import io.luotsi.xroad.provider.DataMinimiser;
import io.luotsi.xroad.provider.ProviderAuthorization;
import io.luotsi.xroad.provider.ProviderError;
import io.luotsi.xroad.provider.ProviderRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the consent end-to-end tests share: parties, purposes, a registry provider behind an enforcer. */
final class ConsentFixtures {

    static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final ClientId BENEFITS = ClientId.parse("EE/GOV/70000001/benefits");
    static final ClientId SHOP = ClientId.parse("EE/COM/12345678/shop");
    static final ClientId REGISTRY = ClientId.parse("EE/GOV/70000002/registry");
    static final ServiceId PERSONS = REGISTRY.service("persons");

    static final DataSubject MARI = DataSubject.person("EE37702211234");
    static final DataSubject JAAN = DataSubject.person("EE38001010000");

    static final Purpose ELIGIBILITY = Purpose.builder("benefit-eligibility").legalBasis(LegalBasis.CONSENT)
            .description("Housing benefit eligibility").dataCategories("name", "address").build();
    static final Purpose ELIGIBILITY_WITH_INCOME = ELIGIBILITY.toBuilder()
            .dataCategories("name", "address", "income").build();
    static final Purpose MARKETING = Purpose.builder("marketing").legalBasis(LegalBasis.CONSENT)
            .dataCategories("name").build();

    static final SubjectPseudonymizer PSEUDONYMS = SubjectPseudonymizer.hmacSha256("test-2026",
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    /** The registry's record of a person: more than any one purpose may see. */
    static final Map<String, Object> PERSON = Map.of("id", "p-1", "name", "Mari Maasikas",
            "address", "Pikk 1, Tallinn", "income", 41000, "health", "allergic");

    static final DataMinimiser MINIMISER = DataMinimiser.builder().always("$.id")
            .category("name", "$.name").category("address", "$.address").category("income", "$.income").build();

    private ConsentFixtures() {
    }

    static RequestContext now() {
        return RequestContext.builder().clock(CLOCK).build();
    }

    /** The registry's provider: every request passes the enforcer; answers are minimised, refusals X-Road-style. */
    static FakeRestHandler registry(ConsentEnforcer enforcer) {
        return request -> {
            ProviderRequest pr = ProviderRequest.from(request.method(), request.path(), request.query().orElse(null),
                    headers(request.headers()));
            DataSubject subject = DataSubject.person(request.path().substring("/persons/".length()));
            try {
                ProviderAuthorization allowed = enforcer.authorize(pr, subject);
                byte[] body = allowed.minimiseToJson(PERSON);
                allowed.transmitted(CLOCK.instant());
                return FakeRestResponse.status(200).withBody(body, "application/json");
            } catch (ConsentException refused) {
                ProviderError error = ProviderError.of(refused);
                return FakeRestResponse.status(error.status()).withBody(error.body(), error.contentType());
            }
        };
    }

    static Map<String, List<String>> headers(RecordedHeaders recorded) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : recorded) {
            map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        return map;
    }

    /** A request straight to the fake Security Server, with headers no Luotsi client would send. */
    static HttpResponse<String> raw(FakeSecurityServer fake, String path, String... headers) throws Exception {
        return send(fake, "GET", path, null, headers);
    }

    static HttpResponse<String> send(FakeSecurityServer fake, String method, String path, String body,
                                     String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.url() + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A clock tests can move. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            this.now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
