package io.returnflow.observability;

import static io.returnflow.support.ApiClient.ADMIN_TOKEN;
import static io.returnflow.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/** management.server.port: the operations endpoints move to a port of their own, and stay the admin's there. */
@ServiceTest
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortTest {

    @Value("${local.server.port}")
    int port;
    @Value("${local.management.port}")
    int managementPort;

    @Test
    void servesMetricsOnTheManagementPortToTheAdminOnly() {
        ApiClient management = new ApiClient(managementPort);

        assertThat(management.get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(management.get("/actuator/prometheus", ADMIN_TOKEN).statusCode()).isEqualTo(200);
        assertThat(json(management.get("/actuator/health", null)).properties()).hasSize(1);
        assertThat(json(management.get("/actuator/health", ADMIN_TOKEN)).has("components")).isTrue();
        assertThat(new ApiClient(port).get("/actuator/prometheus", ADMIN_TOKEN).statusCode())
                .as("no longer on the service's port").isEqualTo(404);
    }
}
