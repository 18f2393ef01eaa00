package io.luotsi.xroad.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.SecurityServerId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.globalconf.GlobalConfException;
import io.luotsi.xroad.globalconf.GlobalConfiguration;
import io.luotsi.xroad.globalconf.SharedParameters;
import io.luotsi.xroad.metaservice.OpenApiDocument;
import io.luotsi.xroad.metaservice.ServiceDescription;
import io.luotsi.xroad.metaservice.ServiceType;
import io.luotsi.xroad.testing.FakeConfServer;
import io.luotsi.xroad.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DirectoryTest {

    static final GlobalConfiguration V5 = GlobalConfiguration.readDirectory(Fixtures.path("globalconf/globalconf_good_v5"));
    static final ClientId EE_PRODUCER = ClientId.parse("EE/BUSINESS/producer");
    static final ClientId PROVIDER = ClientId.parse("EE/BUSINESS/foo/foosubsystem");

    static final String SERVICES = """
            {"service":[
              {"member_class":"BUSINESS","member_code":"foo","object_type":"SERVICE","service_code":"persons",
               "service_type":"OPENAPI","subsystem_code":"foosubsystem","xroad_instance":"EE",
               "endpoint_list":[{"method":"GET","path":"/persons/*"}]},
              {"member_class":"BUSINESS","member_code":"foo","object_type":"SERVICE","service_code":"companies",
               "service_type":"REST","subsystem_code":"foosubsystem","xroad_instance":"EE",
               "endpoint_list":[{"method":"*","path":"**"}]}]}""";
    static final String ALLOWED = """
            {"service":[
              {"member_class":"BUSINESS","member_code":"foo","object_type":"SERVICE","service_code":"persons",
               "service_type":"OPENAPI","subsystem_code":"foosubsystem","xroad_instance":"EE",
               "endpoint_list":[{"method":"GET","path":"/persons/*"}]}]}""";

    final FakeConfServer ss = new FakeConfServer();
    final XRoadClient client = XRoadClient.builder().securityServer(ss.url("/"))
            .client(ClientId.parse("EE/BUSINESS/consumer/app")).build();
    final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        client.close();
        ss.close();
    }

    Directory.Builder directory() {
        return Directory.builder().globalConf(V5).metaservices(client.metaservices()).refreshInterval(Duration.ZERO);
    }

    Directory build(Directory.Builder b) {
        Directory d = b.build();
        toClose.add(d);
        return d;
    }

    void serveServices() {
        ss.serve("/r1/EE/BUSINESS/foo/foosubsystem/listMethods", 200, "application/json",
                SERVICES.getBytes(StandardCharsets.UTF_8));
        ss.serve("/r1/EE/BUSINESS/foo/foosubsystem/allowedMethods", 200, "application/json",
                ALLOWED.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsMembersAndSubsystemsByCodeAndName() {
        Directory d = build(directory());
        assertThat(d.findMembers(ClientQuery.all().instance("EE"))).extracting(m -> m.id().memberCode())
                .containsExactly("producer", "consumer", "foo");
        assertThat(d.findMembers(ClientQuery.all().text("EXPERIMENTAL"))).extracting(SharedParameters.Member::id)
                .contains(EE_PRODUCER, ClientId.parse("EE/BUSINESS/consumer"));
        assertThat(d.findMembers(ClientQuery.all().instance("EE").memberCode("foo")))
                .singleElement().satisfies(m -> assertThat(m.name()).isEqualTo("Org with no address"));
        assertThat(d.findSubsystems(ClientQuery.all().instance("EE").text("foo sub")))
                .extracting(SharedParameters.Subsystem::id).containsExactly(PROVIDER);
        // The text also matches the member's name, so both of foo's subsystems.
        assertThat(d.findSubsystems(ClientQuery.all().instance("EE").text("no address")))
                .extracting(SharedParameters.Subsystem::id)
                .containsExactly(PROVIDER, ClientId.parse("EE/BUSINESS/foo/barsubsystemId"));
        assertThat(d.findSubsystems(ClientQuery.all().instance("EE").subsystemCode("nope"))).isEmpty();
        assertThat(d.member(PROVIDER).orElseThrow().id()).isEqualTo(PROVIDER.member());
        assertThat(d.subsystem(PROVIDER).orElseThrow().name()).isEqualTo("FOO Subsystem");
    }

    @Test
    void tellsWhichServersServeAClientAndWhichAreInMaintenance() {
        Directory d = build(directory());
        ClientId foo = ClientId.parse("EE/BUSINESS/foo");
        assertThat(d.securityServersOf(foo)).extracting(s -> s.id().serverCode())
                .containsExactlyInAnyOrder("producerServerCode", "fooServerCode", "FooBarServerCode");
        // The maintenance-mode server's address comes last; the server without an address has none.
        assertThat(d.addressesOf(foo)).containsExactly("127.0.0.1", "https://foo.bar.baz");
        assertThat(d.inMaintenanceMode(SecurityServerId.parse("EE/BUSINESS/foo/FooBarServerCode"))).isTrue();
        assertThat(d.inMaintenanceMode(SecurityServerId.parse("EE/BUSINESS/producer/producerServerCode"))).isFalse();
        assertThat(d.inMaintenanceMode(SecurityServerId.parse("EE/BUSINESS/producer/unknown"))).isFalse();
        assertThat(d.securityServer(SecurityServerId.parse("EE/BUSINESS/foo/FooBarServerCode")).orElseThrow()
                .maintenanceMessage()).isEqualTo("Test maintenance mode");
    }

    @Test
    void loadsAndCachesServicesAndAnswersFromTheCache() {
        serveServices();
        Directory d = build(directory());
        ServiceId persons = PROVIDER.service("persons");
        assertThat(d.service(persons)).as("nothing loaded yet, no I/O").isEmpty();
        assertThat(d.services(PROVIDER)).extracting(ServiceDescription::id)
                .containsExactly(persons, PROVIDER.service("companies"));
        assertThat(d.service(persons).orElseThrow().type()).isEqualTo(ServiceType.OPENAPI);
        d.services(PROVIDER);
        assertThat(ss.targets()).containsExactly("/r1/EE/BUSINESS/foo/foosubsystem/listMethods");
        assertThat(d.findServices(ServiceQuery.all().type(ServiceType.REST))).extracting(s -> s.id().serviceCode())
                .containsExactly("companies");
        assertThat(d.findServices(ServiceQuery.all().text("PERS").memberClass("BUSINESS")))
                .extracting(ServiceDescription::id).containsExactly(persons);
        assertThat(d.findServices(ServiceQuery.all().provider(EE_PRODUCER))).isEmpty();
    }

    @Test
    void tellsWhatThisClientMayCall() {
        serveServices();
        Directory d = build(directory());
        ServiceId persons = PROVIDER.service("persons");
        assertThat(d.allowedServices(PROVIDER)).extracting(ServiceDescription::id).containsExactly(persons);
        assertThat(d.isAllowed(persons, "GET", "/persons/123")).isTrue();
        assertThat(d.isAllowed(persons, "DELETE", "/persons/123")).isFalse();
        assertThat(d.isAllowed(PROVIDER.service("companies"), "GET", "/x")).isFalse();
    }

    @Test
    void cachesTheOpenApiDocument() {
        ss.serve("/r1/EE/BUSINESS/foo/foosubsystem/getOpenAPI?serviceCode=persons", 200, "text/yaml",
                Fixtures.bytes("metaservice/petstore.yaml"));
        Directory d = build(directory());
        OpenApiDocument doc = d.openApi(PROVIDER.service("persons"));
        assertThat(doc.openApiVersion()).contains("3.0.0");
        assertThat(d.openApi(PROVIDER.service("persons"))).isSameAs(doc);
        assertThat(ss.targets()).hasSize(1);
    }

    @Test
    void reloadsServicesOnceTheyAreOlderThanTheInterval() {
        serveServices();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
        Directory d = build(directory().clock(clock).refreshInterval(Duration.ofMinutes(10))
                .loadOnBuild(true).scheduler(newScheduler()));
        d.services(PROVIDER);
        clock.advance(Duration.ofMinutes(9));
        d.services(PROVIDER);
        assertThat(ss.targets()).hasSize(1);
        clock.advance(Duration.ofMinutes(2));
        d.services(PROVIDER);
        assertThat(ss.targets()).hasSize(2);
    }

    // ------------------------------------------------------------------ fail fast

    @Test
    void refusesAnUnknownMemberWithCloseMatches() {
        Directory d = build(directory());
        assertThatThrownBy(() -> d.requireKnown(ServiceId.parse("EE/BUSINESS/produce/sub/getX")))
                .isInstanceOfSatisfying(UnknownServiceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UnknownServiceException.Reason.UNKNOWN_MEMBER);
                    assertThat(e.code()).isEqualTo("unknown_member");
                    assertThat(e.suggestions()).containsExactly("EE/BUSINESS/producer/sub/getX");
                });
        assertThatThrownBy(() -> d.requireKnown(ServiceId.parse("EE/BUSINES/foo/foosubsystem/getX")))
                .isInstanceOfSatisfying(UnknownServiceException.class,
                        e -> assertThat(e.suggestions()).containsExactly("EE/BUSINESS/foo/foosubsystem/getX"));
    }

    @Test
    void refusesAnUnknownSubsystemWithCloseMatches() {
        Directory d = build(directory());
        assertThatThrownBy(() -> d.requireKnown(ServiceId.parse("EE/BUSINESS/foo/foosubsytem/getX")))
                .isInstanceOfSatisfying(UnknownServiceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UnknownServiceException.Reason.UNKNOWN_SUBSYSTEM);
                    assertThat(e.suggestions()).containsExactly("EE/BUSINESS/foo/foosubsystem/getX");
                    assertThat(e.getMessage()).contains("subsystem EE/BUSINESS/foo/foosubsytem is not registered");
                });
    }

    @Test
    void refusesAServiceItsProviderDoesNotPublishOnceTheListIsKnown() {
        serveServices();
        Directory d = build(directory());
        ServiceId typo = PROVIDER.service("persns");
        d.requireKnown(typo); // not loaded: cannot tell, so let through
        d.services(PROVIDER);
        assertThatThrownBy(() -> d.requireKnown(typo))
                .isInstanceOfSatisfying(UnknownServiceException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UnknownServiceException.Reason.UNKNOWN_SERVICE);
                    assertThat(e.suggestions()).containsExactly("EE/BUSINESS/foo/foosubsystem/persons");
                });
        d.requireKnown(PROVIDER.service("persons"));
        d.requireKnown(PROVIDER.service("listMethods"));
        d.requireKnown(PROVIDER.service("getOpenAPI"));
        assertThatThrownBy(() -> d.requireKnown(PROVIDER.service("zzzzzzzz")))
                .isInstanceOfSatisfying(UnknownServiceException.class, e -> assertThat(e.suggestions()).isEmpty());
    }

    @Test
    void letsThroughWhatItCannotJudge() {
        Directory d = build(directory());
        d.requireKnown(ServiceId.parse("FI/GOV/0245437-2/registry/persons")); // instance not in the configuration
        d.requireKnown(PROVIDER.service("anything")); // services not loaded
        Clock after = Clock.fixed(Instant.parse("2124-05-21T00:00:00Z"), ZoneOffset.UTC);
        Directory outdated = build(directory().clock(after));
        assertThat(outdated.isOutdated()).isTrue();
        outdated.requireKnown(ServiceId.parse("EE/BUSINESS/nobody/sub/getX"));
    }

    @Test
    void aClientFailsFastThroughTheDirectory() {
        serveServices();
        Directory d = build(directory());
        d.services(PROVIDER);
        try (XRoadClient checked = client.toBuilder().directory(d).failFastOnUnknownService(true).build()) {
            assertThatThrownBy(() -> checked.rest(PROVIDER.service("persns")).get("/").execute(String.class))
                    .isInstanceOf(UnknownServiceException.class);
            // Metaservice calls of the same client are let through.
            assertThat(checked.metaservices().listMethods(PROVIDER)).hasSize(2);
            ss.serve("/r1/EE/BUSINESS/foo/foosubsystem/persons/1", 200, "text/plain",
                    "ok".getBytes(StandardCharsets.UTF_8));
            assertThat(checked.rest(PROVIDER.service("persons")).get("/1").execute(String.class).body())
                    .isEqualTo("ok");
        }
        assertThat(ss.targets()).doesNotContain("/r1/EE/BUSINESS/foo/foosubsystem/persns");
    }

    // ------------------------------------------------------------------ refreshing

    @Test
    void refreshesInTheBackgroundAndStopsOnClose() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch threeLoads = new CountDownLatch(3);
        ScheduledThreadPoolExecutor scheduler = newScheduler();
        Directory d = Directory.builder().globalConf(() -> {
            loads.incrementAndGet();
            threeLoads.countDown();
            return V5;
        }).refreshInterval(Duration.ofMillis(20)).scheduler(scheduler).build();
        assertThat(threeLoads.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(d.lastRefresh()).isPresent();
        d.close();
        assertThat(scheduler.getQueue()).as("the refresh task is cancelled").isEmpty();
        assertThat(scheduler.isShutdown()).as("a given scheduler is not shut down").isFalse();
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodConfiguration() {
        GlobalConfiguration v2 = GlobalConfiguration.readDirectory(Fixtures.path("globalconf/globalconf_good_v2"));
        AtomicReference<GlobalConfiguration> next = new AtomicReference<>(v2);
        Directory d = build(Directory.builder().globalConf(() -> {
            GlobalConfiguration c = next.get();
            if (c == null) {
                throw new GlobalConfException(GlobalConfException.OUTDATED, "expired");
            }
            return c;
        }).refreshInterval(Duration.ZERO));
        assertThat(d.globalConfiguration()).contains(v2);
        next.set(null);
        assertThatThrownBy(d::refresh).hasMessageStartingWith("global_conf_outdated");
        assertThat(d.globalConfiguration()).contains(v2);
        assertThat(d.lastRefreshFailure()).isPresent();
        next.set(V5);
        d.refresh();
        assertThat(d.globalConfiguration()).contains(V5);
        assertThat(d.lastRefreshFailure()).isEmpty();
    }

    @Test
    void buildFailsWhenTheFirstLoadFailsUnlessToldToWait() {
        GlobalConfSource failing = () -> {
            throw new GlobalConfException(GlobalConfException.DOWNLOAD_FAILED, "down");
        };
        assertThatThrownBy(() -> Directory.builder().globalConf(failing).refreshInterval(Duration.ZERO).build())
                .hasMessageStartingWith("conf_download_failed");
        Directory lazy = build(Directory.builder().globalConf(failing).refreshInterval(Duration.ZERO)
                .loadOnBuild(false));
        assertThat(lazy.globalConfiguration()).isEmpty();
        assertThat(lazy.findMembers(ClientQuery.all())).isEmpty();
        lazy.requireKnown(PROVIDER.service("x"));
    }

    @Test
    void watchedProvidersAreLoadedAtEveryRefresh() {
        serveServices();
        Directory d = build(directory().watch(PROVIDER));
        assertThat(d.service(PROVIDER.service("persons"))).isPresent();
        d.refresh();
        assertThat(ss.targets()).containsExactly("/r1/EE/BUSINESS/foo/foosubsystem/listMethods",
                "/r1/EE/BUSINESS/foo/foosubsystem/listMethods");
    }

    @Test
    void readersSeeWholeSnapshotsWhileRefreshing() throws Exception {
        GlobalConfiguration v2 = GlobalConfiguration.readDirectory(Fixtures.path("globalconf/globalconf_good_v2"));
        AtomicInteger n = new AtomicInteger();
        Directory d = build(Directory.builder().globalConf(() -> n.incrementAndGet() % 2 == 0 ? v2 : V5)
                .refreshInterval(Duration.ZERO));
        ServiceId known = PROVIDER.service("x");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread r = new Thread(() -> {
                try {
                    for (int i = 0; i < 20_000; i++) {
                        d.requireKnown(known);
                        GlobalConfiguration c = d.globalConfiguration().orElseThrow();
                        // A configuration is seen whole: V2's EE has 4 clients, V5's 5.
                        if (c != v2 && c != V5 || c.clients("EE").size() != (c == v2 ? 4 : 5)) {
                            throw new AssertionError("inconsistent snapshot");
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            readers.add(r);
            r.start();
        }
        for (int i = 0; i < 200; i++) {
            d.refresh();
        }
        for (Thread r : readers) {
            r.join();
        }
        assertThat(failure.get()).isNull();
    }

    @Test
    void builderNeedsASource() {
        assertThatThrownBy(() -> Directory.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Directory.builder().refreshInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        Directory noMeta = build(Directory.builder().globalConf(V5).refreshInterval(Duration.ZERO));
        assertThatThrownBy(() -> noMeta.services(PROVIDER)).isInstanceOf(IllegalStateException.class);
    }

    ScheduledThreadPoolExecutor newScheduler() {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1);
        s.setRemoveOnCancelPolicy(true);
        toClose.add(s::shutdownNow);
        return s;
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
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
