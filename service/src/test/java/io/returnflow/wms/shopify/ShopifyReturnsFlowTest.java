package io.returnflow.wms.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.returnflow.flows.ReturnFlowFixture;
import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Shopify returns end to end: a sandbox TikTok return becomes a return of the merchant's own
 * (sandbox) Shopify order, and what TikTok decides afterwards is followed there where Shopify allows.
 */
@ServiceTest
class ShopifyReturnsFlowTest {

    private static final String LOCATION = "gid://shopify/Location/1";

    @Value("${server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    @AfterEach
    void clearSandboxFaults() {
        api().delete("/sandbox/faults", null);
    }

    /** The sandbox Shopify's returns whose lines carry this external id first in their note. */
    static List<JsonNode> sandboxReturns(ApiClient api, String externalId) {
        List<JsonNode> found = new ArrayList<>();
        ApiClient.json(api.get("/sandbox/shopify/returns", null)).forEach(ret -> {
            boolean ours = false;
            for (JsonNode line : ret.path("lines")) {
                ours |= line.path("returnReasonNote").asText().startsWith("[" + externalId + "]");
            }
            if (ours) {
                found.add(ret);
            }
        });
        return found;
    }

    @Test
    void recordsTheReturnedUnitsOfTheShopifyOrderWithTheReasonAndANoteNamingTheTikTokReturn() {
        ReturnFlowFixture merchant = merchant("{\"enabled\": true}");
        JsonNode sandbox = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 3); // SBX-TEE-BLK-M x2, SBX-TEE-WHT-L x1
        String tiktokReturnId = sandbox.path("returnId").asText();

        JsonNode ret = awaitShopify(merchant, tiktokReturnId, r -> "CREATED".equals(shopify(r).path("status").asText()));

        JsonNode shopifyReturn = only(tiktokReturnId);
        assertThat(shopify(ret).path("externalId").asText()).isEqualTo(shopifyReturn.path("id").asText()).startsWith("gid://shopify/Return/");
        assertThat(shopifyReturn.path("status").asText()).isEqualTo("OPEN");
        assertThat(shopifyReturn.path("orderName").asText()).isEqualTo(ret.path("shopify").path("orderName").asText());
        List<String> lines = new ArrayList<>();
        shopifyReturn.path("lines").forEach(line -> lines.add(line.path("sku").asText() + " x" + line.path("quantity").asInt()));
        assertThat(lines).as("the returned units only: not the cap the order also has")
                .containsExactlyInAnyOrder("SBX-TEE-BLK-M x2", "SBX-TEE-WHT-L x1");
        assertThat(shopifyReturn.path("lines")).allSatisfy(line -> {
            assertThat(line.path("returnReason").asText()).isEqualTo("OTHER"); // "Wrong size" says neither too small nor too large
            assertThat(line.path("returnReasonNote").asText()).isEqualTo("[tts-" + tiktokReturnId + "] TikTok Shop return "
                    + tiktokReturnId + " (order " + sandbox.path("orderId").asText() + "): Wrong size");
        });
        assertThat(shopify(ret).path("outcome").isNull()).as("nothing to follow yet").isTrue();
    }

    @Test
    void cancelsTheShopifyReturnWhenTheBuyerCancelsOnTikTok() {
        ReturnFlowFixture merchant = merchant("{\"enabled\": true}");
        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1).path("returnId").asText();
        awaitShopify(merchant, tiktokReturnId, r -> "CREATED".equals(shopify(r).path("status").asText()));

        sandboxAction(tiktokReturnId, "cancel");

        JsonNode ret = awaitShopify(merchant, tiktokReturnId, r -> "CANCELED".equals(shopify(r).path("outcome").path("status").asText()));
        assertThat(ret.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(only(tiktokReturnId).path("status").asText()).isEqualTo("CANCELED");
    }

    @Test
    void followsACancellationThatCameWhileTheShopifyReturnWasStillBeingMade() {
        ReturnFlowFixture merchant = merchant("{\"enabled\": true}");
        HttpResponse<String> armed = api().postJson("/sandbox/faults", null, """
                {"pathPrefix": "/sandbox/shopify/admin", "status": 503, "bodyContains": "returnCreate", "times": 3}""");
        assertThat(armed.statusCode()).isEqualTo(201);
        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1).path("returnId").asText();

        sandboxAction(tiktokReturnId, "cancel"); // before Shopify took the return

        JsonNode ret = awaitShopify(merchant, tiktokReturnId, r -> "CANCELED".equals(shopify(r).path("outcome").path("status").asText()));
        assertThat(shopify(ret).path("status").asText()).isEqualTo("CREATED");
        assertThat(only(tiktokReturnId).path("status").asText()).isEqualTo("CANCELED");
    }

    @Test
    void showsTheOutcomeFailedWithShopifysReasonWhenFollowingItIsDeadLetteredAndTheReturnNeedsAttention() {
        ReturnFlowFixture merchant = merchant("{\"enabled\": true}");
        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1).path("returnId").asText();
        awaitShopify(merchant, tiktokReturnId, r -> "CREATED".equals(shopify(r).path("status").asText()));
        HttpResponse<String> armed = api().postJson("/sandbox/faults", null, """
                {"pathPrefix": "/sandbox/shopify/admin", "status": 403, "bodyContains": "returnCancel", "times": 100,
                 "body": "{\\"errors\\":[{\\"message\\":\\"Access denied for returnCancel field.\\",\\"extensions\\":{\\"code\\":\\"ACCESS_DENIED\\"}}]}"}""");
        assertThat(armed.statusCode()).as(armed.body()).isEqualTo(201);

        sandboxAction(tiktokReturnId, "cancel");

        JsonNode failed = awaitShopify(merchant, tiktokReturnId, r -> "FAILED".equals(shopify(r).path("outcome").path("status").asText()));
        assertThat(shopify(failed).path("outcome").path("detail").asText()).contains("Access denied for returnCancel field.");
        assertThat(shopify(failed).path("status").asText()).as("the return was made: only following it failed").isEqualTo("CREATED");
        assertThat(ApiClient.json(api().get("/api/returns?needsAttention=true&q=" + tiktokReturnId, merchant.apiKey))
                .path("returns")).hasSize(1);
        assertThat(only(tiktokReturnId).path("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void processesAndClosesTheShopifyReturnWithoutRestockingWhenTikTokRefundsAndNothingComesBack() {
        ReturnFlowFixture merchant = merchant("{\"enabled\": true, \"restockLocationId\": \"" + LOCATION + "\"}");
        String tiktokReturnId = merchant.buyerAsksForReturn("REFUND", 2).path("returnId").asText();
        JsonNode created = awaitShopify(merchant, tiktokReturnId, r -> "CREATED".equals(shopify(r).path("status").asText()));

        approveEveryItem(merchant, created); // APPROVE_REFUND: TikTok refunds, the return completes

        awaitShopify(merchant, tiktokReturnId, r -> "CLOSED".equals(shopify(r).path("outcome").path("status").asText()));
        JsonNode shopifyReturn = only(tiktokReturnId);
        assertThat(shopifyReturn.path("status").asText()).isEqualTo("CLOSED");
        assertThat(shopifyReturn.path("lines")).allSatisfy(line -> {
            assertThat(line.path("processedQuantity").asInt()).isEqualTo(line.path("quantity").asInt());
            assertThat(line.path("restockedQuantity").asInt()).as("a refund without a return sends nothing back").isZero();
        });
    }

    @Test
    void restocksAtTheMerchantsLocationAndClosesOnceTikTokCompletesAReturnThatCameBack() {
        ReturnFlowFixture merchant = merchant("{\"enabled\": true, \"restockLocationId\": \"" + LOCATION + "\"}");
        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 2).path("returnId").asText();
        JsonNode created = awaitShopify(merchant, tiktokReturnId, r -> "CREATED".equals(shopify(r).path("status").asText()));

        approveEveryItem(merchant, created); // APPROVE_RETURN: the buyer is to ship
        awaitShopify(merchant, tiktokReturnId, r -> "SYNCED".equals(r.path("sync").path("status").asText()));
        sandboxAction(tiktokReturnId, "ship");
        JsonNode arrived = awaitShopify(merchant, tiktokReturnId, r -> "CONFIRM_RECEIPT".equals(r.path("tiktok").path("nextAction").asText()));
        assertThat(only(tiktokReturnId).path("status").asText()).as("still open while TikTok waits").isEqualTo("OPEN");
        approveEveryItem(merchant, arrived); // APPROVE_RECEIVED_PACKAGE: TikTok refunds, the return completes

        awaitShopify(merchant, tiktokReturnId, r -> "CLOSED".equals(shopify(r).path("outcome").path("status").asText()));
        JsonNode shopifyReturn = only(tiktokReturnId);
        assertThat(shopifyReturn.path("status").asText()).isEqualTo("CLOSED");
        assertThat(shopifyReturn.path("lines")).allSatisfy(line -> {
            assertThat(line.path("restockedQuantity").asInt()).isEqualTo(line.path("quantity").asInt());
            assertThat(line.path("restockedAt").asText()).isEqualTo(LOCATION);
        });
    }

    @Test
    void keepsAShopifyReturnThatShopifyWillNotCancelAndSaysWhy() {
        ReturnFlowFixture merchant = merchant("{\"enabled\": true}");
        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1).path("returnId").asText();
        JsonNode created = awaitShopify(merchant, tiktokReturnId, r -> "CREATED".equals(shopify(r).path("status").asText()));
        // the merchant closed it in Shopify's admin meanwhile
        HttpResponse<String> closed = api().postJsonWithHeaders("/sandbox/shopify/admin/api/2025-10/graphql.json",
                Map.of("X-Shopify-Access-Token", "shpat_sandbox"), """
                {"query": "mutation C($id: ID!) { returnClose(id: $id) { return { id status } userErrors { message } } }",
                 "variables": {"id": "%s"}}""".formatted(shopify(created).path("externalId").asText()));
        assertThat(closed.body()).contains("CLOSED");

        sandboxAction(tiktokReturnId, "cancel");

        JsonNode kept = awaitShopify(merchant, tiktokReturnId, r -> "KEPT".equals(shopify(r).path("outcome").path("status").asText()));
        assertThat(shopify(kept).path("outcome").path("detail").asText()).contains("CLOSED");
        assertThat(shopify(kept).path("status").asText()).isEqualTo("CREATED");
        assertThat(only(tiktokReturnId).path("status").asText()).isEqualTo("CLOSED");
    }

    private ReturnFlowFixture merchant(String section) {
        return ReturnFlowFixture.withSections(api(), Map.of("shopifyReturns", section));
    }

    private void approveEveryItem(ReturnFlowFixture merchant, JsonNode ret) {
        List<String> items = new ArrayList<>();
        ret.path("items").forEach(item -> items.add("{\"itemId\": \"" + item.path("id").asText() + "\", \"decision\": \"APPROVE\"}"));
        HttpResponse<String> decided = api().postJson("/api/returns/" + ret.path("id").asText() + "/decision", merchant.apiKey,
                "{\"items\": [" + String.join(", ", items) + "]}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(202);
    }

    private void sandboxAction(String tiktokReturnId, String action) {
        HttpResponse<String> done = api().postJson("/sandbox/tiktok/returns/" + tiktokReturnId + "/" + action, null, "{}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    }

    private JsonNode only(String tiktokReturnId) {
        List<JsonNode> found = sandboxReturns(api(), "tts-" + tiktokReturnId);
        assertThat(found).as("Shopify returns of TikTok return " + tiktokReturnId).hasSize(1);
        return found.get(0);
    }

    private static JsonNode awaitShopify(ReturnFlowFixture merchant, String tiktokReturnId,
                                         Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> merchant.findReturn(tiktokReturnId),
                r -> r != null && condition.test(r));
    }

    private static JsonNode shopify(JsonNode ret) {
        for (JsonNode entry : ret.path("wms")) {
            if ("SHOPIFY".equals(entry.path("target").asText())) {
                return entry;
            }
        }
        return MissingNode.getInstance();
    }
}
