package io.luotsi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.XRoadClient;
import io.luotsi.xroad.directory.Directory;
import io.luotsi.xroad.directory.GlobalConfSource;
import io.luotsi.xroad.directory.UnknownServiceException;
import io.luotsi.xroad.globalconf.GlobalConfDownloader;
import io.luotsi.xroad.metaservice.Endpoint;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK's {@link Directory} over the fake's global configuration and metaservices, and a client that fails fast on
 * services the directory knows do not exist: the fake's recordings prove nothing was sent.
 */
class DirectoryEndToEndTest {

    static final ClientId CONSUMER = ClientId.parse("DEV/COM/4321/TestClient");
    static final ClientId PROVIDER = ClientId.parse("DEV/COM/1234/TestService");
    static final ServiceId PETS = PROVIDER.service("pets");

    private FakeSecurityServer fake;
    private XRoadClient client;
    private GlobalConfDownloader downloader;
    private Directory directory;

    @BeforeEach
    void start() {
        fake = FakeSecurityServer.builder()
                .member(CONSUMER.member(), "Test Company")
                .subsystem(CONSUMER, "Test client")
                .member(PROVIDER.member(), "Pet Shop Ltd")
                .subsystem(PROVIDER, "Pet service")
                .service(ServiceRegistration.rest(PETS)
                        .allow(CONSUMER, "GET", "/pets/*")
                        .stub("GET", "/pets/1", FakeRestResponse.json("{\"id\":1}")))
                .start();
        client = fake.clientBuilder(CONSUMER).build();
        downloader = GlobalConfDownloader.builder().anchor(fake.anchor()).build();
        directory = Directory.builder()
                .globalConf(GlobalConfSource.download(downloader))
                .metaservices(client.metaservices())
                .watch(PROVIDER)
                .refreshInterval(Duration.ZERO)
                .build();
    }

    @AfterEach
    void stop() {
        directory.close();
        downloader.close();
        client.close();
        fake.close();
    }

    @Test
    void directoryKnowsTheProvidersServicesAndWhatTheClientMayCall() {
        assertThat(directory.service(PETS)).hasValueSatisfying(s ->
                assertThat(s.endpoints()).containsExactly(new Endpoint("GET", "/pets/*")));
        assertThat(directory.isAllowed(PETS, "GET", "/pets/1")).isTrue();
        assertThat(directory.isAllowed(PETS, "DELETE", "/pets/1")).isFalse();
        assertThat(directory.subsystem(PROVIDER)).hasValueSatisfying(s ->
                assertThat(s.name()).isEqualTo("Pet service"));
        assertThat(directory.addressesOf(PROVIDER)).containsExactly("127.0.0.1");
    }

    @Test
    void failFastRefusesAMistypedServiceBeforeSendingAndNamesTheCloseMatch() {
        int before = fake.recordings().size();
        ServiceId typo = PROVIDER.service("petz");

        try (XRoadClient checked = client.toBuilder().directory(directory).failFastOnUnknownService(true).build()) {
            assertThatThrownBy(() -> checked.rest(typo).get("/pets/1").execute(String.class))
                    .isInstanceOfSatisfying(UnknownServiceException.class, e -> {
                        assertThat(e.reason()).isEqualTo(UnknownServiceException.Reason.UNKNOWN_SERVICE);
                        assertThat(e.suggestions()).containsExactly("DEV/COM/1234/TestService/pets");
                        assertThat(e.getMessage()).isEqualTo("unknown_service: not sent to "
                                + "DEV/COM/1234/TestService/petz: provider DEV/COM/1234/TestService publishes no "
                                + "service petz; did you mean DEV/COM/1234/TestService/pets?");
                    });

            assertThat(fake.recordings().size()).isEqualTo(before);
            assertThat(fake.recordings().to(typo)).isEmpty();

            assertThat(checked.rest(PETS).get("/pets/{id}", 1).execute(String.class).body()).isEqualTo("{\"id\":1}");
            assertThat(fake.recordings().to(PETS)).hasSize(1);
        }
    }

    @Test
    void failFastRefusesAnUnregisteredSubsystemFromTheGlobalConfiguration() {
        int before = fake.recordings().size();
        ServiceId wrongSubsystem = ClientId.parse("DEV/COM/1234/TestServce").service("pets");

        try (XRoadClient checked = client.toBuilder().directory(directory).failFastOnUnknownService(true).build()) {
            assertThatThrownBy(() -> checked.rest(wrongSubsystem).get("/pets/1").execute(String.class))
                    .isInstanceOfSatisfying(UnknownServiceException.class, e -> {
                        assertThat(e.reason()).isEqualTo(UnknownServiceException.Reason.UNKNOWN_SUBSYSTEM);
                        assertThat(e.suggestions()).containsExactly("DEV/COM/1234/TestService/pets");
                    });
        }
        assertThat(fake.recordings().size()).isEqualTo(before);
    }

    @Test
    void aDirectoryFromTheFakesAnchorRefusesUnknownServices() {
        // snippet:discovery
        try (GlobalConfDownloader conf = GlobalConfDownloader.builder().anchor(fake.anchor()).build();
             Directory pets = Directory.builder()
                     .globalConf(GlobalConfSource.download(conf))      // signed by the fake, verified here
                     .metaservices(client.metaservices())              // listMethods, allowedMethods, getOpenAPI
                     .watch(PROVIDER)
                     .build();
             XRoadClient checked = client.toBuilder().directory(pets).failFastOnUnknownService(true).build()) {

            assertThat(pets.addressesOf(PROVIDER)).containsExactly("127.0.0.1");
            assertThatThrownBy(() -> checked.rest(PROVIDER.service("petz")).get("/pets/1").execute(String.class))
                    .isInstanceOf(UnknownServiceException.class)
                    .hasMessageEndingWith("did you mean DEV/COM/1234/TestService/pets?");
        }
        assertThat(fake.recordings().to(PROVIDER.service("petz"))).isEmpty();   // nothing was sent
        // end:discovery
    }

    @Test
    void withoutFailFastTheSameMistakeReachesTheSecurityServer() {
        fake.expectUnmatched();
        ServiceId typo = PROVIDER.service("petz");

        assertThatThrownBy(() -> client.rest(typo).get("/pets/1").execute(String.class))
                .hasMessageContaining("server.serverproxy.unknown_service");
        assertThat(fake.recordings().to(typo)).hasSize(1);
    }
}
