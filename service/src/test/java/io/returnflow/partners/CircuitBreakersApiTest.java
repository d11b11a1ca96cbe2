package io.returnflow.partners;

import static io.returnflow.support.ApiClient.ADMIN_TOKEN;
import static io.returnflow.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** GET /api/admin/circuit-breakers: each partner's breaker as operators see it (admin token only). */
@ServiceTest
class CircuitBreakersApiTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    PartnerCircuitBreakers breakers;

    @Test
    void listsEachCalledPartnersBreakerWithItsStateAndCalls() {
        String partner = "Breaker-test-" + System.nanoTime();
        breakers.call(partner, () -> "answered");

        HttpResponse<String> answer = new ApiClient(port).get("/api/admin/circuit-breakers", ADMIN_TOKEN);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode breaker = findByName(json(answer), partner);
        assertThat(breaker.path("state").asText()).isEqualTo("CLOSED");
        assertThat(breaker.path("bufferedCalls").asInt()).isEqualTo(1);
        assertThat(breaker.path("failedCalls").asInt()).isZero();
        assertThat(breaker.path("failureRate").isNull()).as("too few calls for a rate").isTrue();
    }

    @Test
    void showsABreakerOpenedByAPartnerThatIsDown() {
        String partner = "Down-test-" + System.nanoTime();
        for (int i = 0; i < 10; i++) {
            try {
                breakers.call(partner, () -> {
                    throw new PartnerUnavailableException(partner, "503 Service Unavailable", null, null);
                });
            } catch (PartnerUnavailableException expected) {
                // what every caller sees while the partner is down
            }
        }

        JsonNode breaker = findByName(json(new ApiClient(port).get("/api/admin/circuit-breakers", ADMIN_TOKEN)), partner);

        assertThat(breaker.path("state").asText()).isEqualTo("OPEN");
        assertThat(breaker.path("failureRate").asDouble()).isEqualTo(100.0);
        assertThat(breaker.path("failedCalls").asInt()).isEqualTo(10);
    }

    @Test
    void isForTheAdminOnly() {
        ApiClient api = new ApiClient(port);
        String merchant = ApiClient.uniqueMerchantId();
        api.createMerchant(merchant);

        assertThat(api.get("/api/admin/circuit-breakers", api.createApiKey(merchant)).statusCode()).isEqualTo(403);
    }

    private static JsonNode findByName(JsonNode breakers, String name) {
        for (JsonNode breaker : breakers) {
            if (breaker.path("name").asText().equals(name)) {
                return breaker;
            }
        }
        throw new AssertionError("no breaker " + name + " in " + breakers);
    }
}
