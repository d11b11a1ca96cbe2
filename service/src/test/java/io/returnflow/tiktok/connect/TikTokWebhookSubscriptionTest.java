package io.returnflow.tiktok.connect;

import static io.returnflow.support.ApiClient.json;
import static io.returnflow.support.ApiClient.uniqueMerchantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.support.ApiClient;
import io.returnflow.support.RouteRounds;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * With tiktok.webhook-subscription enabled, every connected shop gets its return status webhook. The
 * suite's one context besides the shared one (ServiceTest): the setting is read at start-up, and
 * switched on for every test it would subscribe every shop they connect.
 */
@ServiceTest
@TestPropertySource(properties = {
        "tiktok.webhook-subscription.enabled=true",
        "tiktok.webhook-subscription.address=" + TikTokWebhookSubscriptionTest.ADDRESS})
class TikTokWebhookSubscriptionTest {

    static final String ADDRESS = "https://returns.example.com/webhooks/tiktok";
    private static final String SUBSCRIPTIONS = "/sandbox/tiktok/event/202309/webhooks";

    @Value("${local.server.port}")
    int port;
    @Autowired
    MeterRegistry meters;

    ApiClient api;
    String merchant;
    String key;

    @BeforeEach
    void merchantWithKey() {
        api = new ApiClient(port);
        merchant = uniqueMerchantId();
        api.createMerchant(merchant);
        key = api.createApiKey(merchant);
    }

    @AfterEach
    void disarmFaults() {
        api.delete("/sandbox/faults", null);
    }

    @Test
    void subscribesAConnectedShopToReturnStatusChangesAtThePublicAddress() {
        String shopId = connectShop();

        JsonNode subscription = awaitSubscription("SUBSCRIBED");
        assertThat(subscription.path("address").asText()).isEqualTo(ADDRESS);
        assertThat(subscription.path("error").isNull()).isTrue();
        JsonNode atTikTok = json(api.get("/sandbox/tiktok/shops/" + shopId + "/webhooks", null));
        assertThat(atTikTok).singleElement().satisfies(webhook -> {
            assertThat(webhook.path("eventType").asText()).isEqualTo("RETURN_STATUS_CHANGE");
            assertThat(webhook.path("address").asText()).isEqualTo(ADDRESS);
        });
    }

    @Test
    void subscribesAShopAgainWhenItIsConnectedAgain() {
        String shopId = connectShop();
        Instant first = Instant.parse(awaitSubscription("SUBSCRIBED").path("at").asText());

        assertThat(api.connectTikTokShop(merchant, key, shopId).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode subscription = shop().path("webhookSubscription");
            return "SUBSCRIBED".equals(subscription.path("status").asText())
                    && Instant.parse(subscription.path("at").asText()).isAfter(first);
        });
    }

    @Test
    void subscribesAgainNextRoundWhenTikTokDidNotAnswer() {
        arm(503, "{\"code\":36009003,\"message\":\"Internal error\"}", 2);

        String shopId = connectShop();

        awaitSubscription("SUBSCRIBED");
        assertThat(json(api.get("/sandbox/faults/hits?pathPrefix=" + SUBSCRIPTIONS, null)))
                .extracting(hit -> hit.path("status").asInt()).containsExactly(503, 503);
        assertThat(json(api.get("/sandbox/tiktok/shops/" + shopId + "/webhooks", null))).hasSize(1);
    }

    @Test
    void showsTikToksRefusalOnTheShopAndDoesNotRepeatIt() {
        arm(200, "{\"code\":36009004,\"message\":\"The webhook address is not reachable\",\"request_id\":\"r1\"}", 1);

        String shopId = connectShop();

        JsonNode subscription = awaitSubscription("FAILED");
        assertThat(subscription.path("error").asText()).contains("36009004").contains("The webhook address is not reachable");
        RouteRounds.awaitRounds(meters, "tiktok-webhook-subscription", 2);
        assertThat(json(api.get("/sandbox/tiktok/shops/" + shopId + "/webhooks", null))).as("not subscribed again").isEmpty();
        assertThat(shop().path("status").asText()).as("a refused subscription leaves the shop connected").isEqualTo("CONNECTED");
    }

    private String connectShop() {
        String shopId = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        assertThat(api.connectTikTokShop(merchant, key, shopId).statusCode()).isEqualTo(200);
        return shopId;
    }

    private void arm(int status, String body, int times) {
        api.postJson("/sandbox/faults", null, """
                {"pathPrefix": "%s", "status": %d, "body": %s, "times": %d}"""
                .formatted(SUBSCRIPTIONS, status, com.fasterxml.jackson.databind.node.TextNode.valueOf(body), times));
    }

    private JsonNode awaitSubscription(String status) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> shop().path("webhookSubscription"),
                subscription -> status.equals(subscription.path("status").asText()));
    }

    private JsonNode shop() {
        return json(api.get("/api/merchants/" + merchant + "/tiktok/shops", key)).get(0);
    }
}
