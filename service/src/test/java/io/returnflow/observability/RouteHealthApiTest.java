package io.returnflow.observability;

import static io.returnflow.support.ApiClient.ADMIN_TOKEN;
import static io.returnflow.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** GET /api/admin/routes: every route, its status and counters (admin token only). */
@ServiceTest
class RouteHealthApiTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    CamelContext camel;

    @Test
    void listsEveryRouteStartedWithItsCounters() {
        ApiClient api = new ApiClient(port);
        HttpResponse<String> webhook = api.postJson("/webhooks/tiktok", null, "{}"); // unsigned: refused by the intake route
        assertThat(webhook.statusCode()).isEqualTo(401);

        HttpResponse<String> answer = api.get("/api/admin/routes", ADMIN_TOKEN);

        assertThat(answer.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode route : json(answer)) {
            ids.add(route.path("routeId").asText());
            // the reconciliation timer is off in tests (tiktok.reconcile.enabled: false): its rounds are run on demand
            assertThat(route.path("status").asText()).as(route.toString())
                    .isEqualTo(route.path("routeId").asText().equals("tiktok-reconcile") ? "Stopped" : "Started");
            assertThat(route.path("exchangesTotal").isIntegralNumber()).as(route.toString()).isTrue();
            assertThat(route.path("exchangesFailed").isIntegralNumber()).as(route.toString()).isTrue();
        }
        assertThat(ids).containsExactlyInAnyOrderElementsOf(camel.getRoutes().stream().map(Route::getRouteId).toList());
        JsonNode intake = json(answer).findParents("routeId").stream()
                .filter(route -> route.path("routeId").asText().equals("tiktok-webhook-intake")).findFirst().orElseThrow();
        assertThat(intake.path("exchangesTotal").asLong()).isPositive();
    }

    @Test
    void isForTheAdminOnly() {
        ApiClient api = new ApiClient(port);
        String merchant = ApiClient.uniqueMerchantId();
        api.createMerchant(merchant);

        assertThat(api.get("/api/admin/routes", api.createApiKey(merchant)).statusCode()).isEqualTo(403);
    }
}
