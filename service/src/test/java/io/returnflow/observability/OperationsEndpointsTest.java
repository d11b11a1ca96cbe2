package io.returnflow.observability;

import static io.returnflow.support.ApiClient.ADMIN_TOKEN;
import static io.returnflow.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The operations endpoints are the operator's: metrics and detailed health answer the admin token
 * only; everyone else, a merchant's key included, learns the overall status and nothing more.
 */
@ServiceTest
class OperationsEndpointsTest {

    @Value("${local.server.port}")
    int port;

    ApiClient api;
    String merchantKey;

    @BeforeEach
    void merchant() {
        api = new ApiClient(port);
        String merchant = ApiClient.uniqueMerchantId();
        api.createMerchant(merchant);
        merchantKey = api.createApiKey(merchant);
    }

    @Test
    void answersTheHealthOfTheServiceAsItsStatusOnlyToAnyoneButTheAdmin() {
        for (String caller : new String[] {null, merchantKey}) {
            HttpResponse<String> health = api.get("/actuator/health", caller);

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json(health).properties()).as("no components, no details").hasSize(1);
            assertThat(json(health).path("status").asText()).isEqualTo("UP");
            assertThat(api.get("/actuator/health/db", caller).statusCode()).as("a component on its own").isEqualTo(404);
        }
    }

    @Test
    void showsTheAdminEveryComponentOfHealth() {
        JsonNode health = json(api.get("/actuator/health", ADMIN_TOKEN));

        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").fieldNames()).toIterable().contains("db", "jms", "camelHealth");
        assertThat(health.path("components").path("db").path("details").path("database").asText()).isNotBlank();
    }

    @Test
    void servesMetricsToTheAdminOnly() {
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.memory.used")) {
            assertThat(api.get(path, null).statusCode()).as(path).isEqualTo(401);
            assertThat(api.get(path, merchantKey).statusCode()).as(path).isEqualTo(403);
            assertThat(api.get(path, ADMIN_TOKEN).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(api.get("/actuator/prometheus", ADMIN_TOKEN).body()).contains("camel_exchanges_total");
    }
}
