package io.luotsi.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.luotsi.xroad.ClientId;
import io.luotsi.xroad.ServiceId;
import io.luotsi.xroad.metaservice.Endpoint;
import io.luotsi.xroad.metaservice.ListedClient;
import io.luotsi.xroad.metaservice.ServiceDescription;
import io.luotsi.xroad.metaservice.ServiceType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataBodiesTest {

    @Test
    void noAcceptHeaderMeansXml() {
        assertThat(MetadataBodies.acceptsJson(List.of())).isFalse();
        assertThat(MetadataBodies.acceptsJson(List.of(""))).isFalse();
    }

    @Test
    void emptyClientListIsAnEmptyElementAndAnEmptyArray() {
        assertThat(new String(MetadataBodies.clientListXml(List.of()), StandardCharsets.UTF_8)).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<ns2:clientList xmlns:ns1=\""
                        + "http://x-road.eu/xsd/identifiers\" xmlns:ns2=\"http://x-road.eu/xsd/xroad.xsd\"/>\n");
        assertThat(new String(MetadataBodies.clientListJson(List.of()), StandardCharsets.UTF_8))
                .isEqualTo("{\"member\":[]}");
    }

    @Test
    void namesAreEscaped() {
        ListedClient c = new ListedClient(ClientId.parse("DEV/COM/1/s"), "A \"quoted\" <name>", "\\sub");

        assertThat(new String(MetadataBodies.clientListXml(List.of(c)), StandardCharsets.UTF_8))
                .contains("<ns2:name>A \"quoted\" &lt;name&gt;</ns2:name>");
        assertThat(new String(MetadataBodies.clientListJson(List.of(c)), StandardCharsets.UTF_8))
                .contains("\"name\":\"A \\\"quoted\\\" <name>\",\"subsystem_name\":\"\\\\sub\"");
    }

    @Test
    void serviceWithoutEndpointsHasAnEmptyEndpointList() {
        ServiceDescription s = new ServiceDescription(ServiceId.parse("DEV/COM/1/s/svc"), ServiceType.REST,
                List.<Endpoint>of());

        assertThat(new String(MetadataBodies.restServicesJson(List.of(s)), StandardCharsets.UTF_8)).isEqualTo(
                "{\"service\":[{\"member_class\":\"COM\",\"member_code\":\"1\",\"object_type\":\"SERVICE\","
                        + "\"service_code\":\"svc\",\"service_type\":\"REST\",\"subsystem_code\":\"s\","
                        + "\"xroad_instance\":\"DEV\",\"endpoint_list\":[]}]}");
    }
}
