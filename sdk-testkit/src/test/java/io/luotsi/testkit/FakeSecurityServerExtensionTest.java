package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The JUnit 5 extension, run on example test classes through JUnit's {@link EngineTestKit}. The examples are static
 * nested classes, which neither Surefire nor the Jupiter engine run on their own.
 */
class FakeSecurityServerExtensionTest {

    static void callUnknownService(FakeSecurityServer fake) throws IOException {
        RawHttp.Response r = RawHttp.get(fake.httpUrl(), "/r1/DEV/COM/1234/TestService/nothing",
                "X-Road-Client: DEV/COM/4321/Nobody");
        assertThat(r.status()).isEqualTo(500);
    }

    // ---- examples ------------------------------------------------------------------------------------------

    @XRoadTest
    static class StrictExample {
        static FakeSecurityServer used;

        @Test
        void makesAnUnexpectedCall(FakeSecurityServer fake) throws IOException {
            used = fake;
            callUnknownService(fake);
        }

        @Test
        void makesNoCall(FakeSecurityServer fake) {
            assertThat(fake.isRunning()).isTrue();
        }
    }

    @XRoadTest
    static class ExpectingExample {
        @Test
        void expectsTheUnexpectedCall(FakeSecurityServer fake) throws IOException {
            fake.expectUnmatched();
            callUnknownService(fake);
        }

        @Test
        void laterTestIsStrictAgain(FakeSecurityServer fake) throws IOException {
            callUnknownService(fake);
        }
    }

    @XRoadTest(strict = false)
    static class LenientExample {
        @Test
        void makesAnUnexpectedCall(FakeSecurityServer fake) throws IOException {
            callUnknownService(fake);
        }
    }

    @XRoadTest(config = "fake-ss-extension.yaml")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class AnnotatedExample {
        static final ClientId CLIENT = ClientId.parse("CFG/COM/4321/TestClient");
        static final ServiceId SHARED = ServiceId.parse("CFG/COM/1234/TestService/shared");
        static final ServiceId AD_HOC = ServiceId.parse("CFG/COM/1234/TestService/adhoc");
        static final ServiceId CONFIGURED = ServiceId.parse("CFG/COM/1234/TestService/configured");
        static FakeSecurityServer fromBeforeAll;

        @BeforeAll
        static void registerShared(FakeSecurityServer fake) {
            fromBeforeAll = fake;
            fake.registry().service(ServiceRegistration.rest(SHARED).allow(CLIENT).respond(FakeRestResponse.ok()));
        }

        @BeforeEach
        void injectedIntoLifecycleMethods(FakeSecurityServer fake) {
            assertThat(fake).isSameAs(fromBeforeAll);
            assertThat(fake.recordings().isEmpty()).isTrue();
        }

        @Test
        @Order(1)
        void registersAServiceForItself(FakeSecurityServer fake) {
            fake.registry().service(ServiceRegistration.rest(AD_HOC).allow(CLIENT).respond(FakeRestResponse.ok()));
            try (XRoadClient client = fake.clientBuilder(CLIENT).build()) {
                assertThat(client.rest(AD_HOC).get("/").execute().status()).isEqualTo(200);
                assertThat(client.rest(CONFIGURED).get("/").execute(String.class).body())
                        .isEqualTo("{\"source\":\"config\"}");
            }
            assertThat(fake.instance()).isEqualTo("CFG");
        }

        @Test
        @Order(2)
        void seesOnlyWhatPrecededTheFirstTest(FakeSecurityServer fake) {
            assertThat(fake.registry().service(AD_HOC)).isEmpty();
            assertThat(fake.registry().service(SHARED)).isPresent();
            assertThat(fake.registry().service(CONFIGURED)).isPresent();
        }

        @Nested
        class Inner {
            @Test
            void sharesTheServerOfTheOuterClass(FakeSecurityServer fake) {
                assertThat(fake).isSameAs(fromBeforeAll);
            }
        }
    }

    @XRoadTest(instance = "EE", https = true)
    static class HttpsAnnotationExample {
        @Test
        void servesHttps(FakeSecurityServer fake) {
            fake.registry().subsystem(ClientId.parse("EE/COM/1/Client"), "Client");
            fake.registry().service(ServiceRegistration.rest(ServiceId.parse("EE/COM/2/Provider/svc"))
                    .allow(ClientId.parse("EE/COM/1/Client")).respond(FakeRestResponse.json("{}")));
            try (XRoadClient client = fake.clientBuilder(ClientId.parse("EE/COM/1/Client")).build()) {
                assertThat(client.rest(ServiceId.parse("EE/COM/2/Provider/svc")).get("/").execute(String.class)
                        .status()).isEqualTo(200);
            }
            assertThat(fake.url().getScheme()).isEqualTo("https");
            assertThat(fake.recordings().single().request().clientCertificate()).isPresent();
        }
    }

    static class ProgrammaticExample {
        static final ClientId CLIENT = ClientId.parse("FI/GOV/0245437-2/ServiceNow");

        @RegisterExtension
        static FakeSecurityServerExtension ss = FakeSecurityServerExtension.builder()
                .instance("FI")
                .configure(b -> b.subsystem(CLIENT, "Service now"))
                .build();

        @Test
        void usesTheConfiguredServer(FakeSecurityServer injected) {
            assertThat(ss.server()).isSameAs(injected);
            assertThat(ss.server().instance()).isEqualTo("FI");
            assertThat(ss.server().registry().client(CLIENT)).isPresent();
        }

        @Test
        void isStrictByDefault() throws IOException {
            callUnknownService(ss.server());
        }
    }

    static class PerTestExample {
        static final List<FakeSecurityServer> servers = new ArrayList<>();

        @RegisterExtension
        FakeSecurityServerExtension ss = FakeSecurityServerExtension.builder().strict(false).build();

        @Test
        void first() {
            servers.add(ss.server());
        }

        @Test
        void second() {
            servers.add(ss.server());
        }
    }

    // ---- tests ---------------------------------------------------------------------------------------------

    private static EngineExecutionResults run(Class<?> example) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(example)).execute();
    }

    @Test
    void strictModeFailsATestThatMadeAnUnexpectedCallAfterItEnds() {
        EngineExecutionResults results = run(StrictExample.class);

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("makesAnUnexpectedCall"),
                finishedWithFailure(instanceOf(AssertionError.class),
                        message(m -> m.contains("1 unexpected request(s)")
                                && m.contains("server.clientproxy.unknown_member")
                                && m.contains("GET /r1/DEV/COM/1234/TestService/nothing")))));
        assertThat(StrictExample.used.isRunning()).as("closed with the class").isFalse();
    }

    @Test
    void expectUnmatchedAppliesToOneTestOnly() {
        EngineExecutionResults results = run(ExpectingExample.class);

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("expectsTheUnexpectedCall"),
                        org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully()))
                .haveExactly(1, event(test("laterTestIsStrictAgain"), finishedWithFailure(
                        instanceOf(AssertionError.class))));
    }

    @Test
    void strictFalseLetsUnexpectedCallsPass() {
        run(LenientExample.class).testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    }

    @Test
    void annotationLoadsConfigInjectsOneServerAndResetsPerTest() {
        run(AnnotatedExample.class).testEvents().assertStatistics(s -> s.started(3).succeeded(3).failed(0));
    }

    @Test
    void annotationServesHttpsWithClientCertificates() {
        run(HttpsAnnotationExample.class).testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    }

    @Test
    void programmaticExtensionIsConfiguredByItsBuilderAndStrict() {
        EngineExecutionResults results = run(ProgrammaticExample.class);

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("usesTheConfiguredServer"),
                        org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully()))
                .haveExactly(1, event(test("isStrictByDefault"), finishedWithFailure(
                        instanceOf(AssertionError.class))));
    }

    @Test
    void instanceFieldExtensionGivesEveryTestItsOwnServer() {
        PerTestExample.servers.clear();

        run(PerTestExample.class).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));

        assertThat(PerTestExample.servers).hasSize(2);
        assertThat(PerTestExample.servers.get(0)).isNotSameAs(PerTestExample.servers.get(1));
        assertThat(PerTestExample.servers).noneMatch(FakeSecurityServer::isRunning);
    }
}
