package io.returnflow.flows;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;

/**
 * A merchant whose Shopify store is the sandbox (or any URL), with a connected TikTok shop of its
 * own and an API key: what a return flow test starts from.
 */
final class ReturnFlowFixture {

    final ApiClient api;
    final String merchantId = ApiClient.uniqueMerchantId();
    final String shopId = String.valueOf(ThreadLocalRandom.current().nextLong(7_000_000_000_000_000_000L, 7_999_999_999_999_999_999L));
    final String apiKey;

    ReturnFlowFixture(ApiClient api, String shopifyApiBaseUrl, String shopifyToken) {
        this.api = api;
        HttpResponse<String> merchant = api.put("/api/admin/merchants/" + merchantId, ApiClient.ADMIN_TOKEN, """
                {"name": "Flow test %s",
                 "shopify": {"shopDomain": "flow-test.myshopify.com", "accessToken": "%s", "apiBaseUrl": "%s"},
                 "returns": {"useRedoReturnLabels": false, "mixedDecision": "APPROVE_ALL"},
                 "netsuite": {"enabled": false},
                 "shiphero": {"enabled": false}}""".formatted(merchantId, shopifyToken, shopifyApiBaseUrl));
        if (merchant.statusCode() != 201) {
            throw new AssertionError("merchant not created: " + merchant.statusCode() + " " + merchant.body());
        }
        apiKey = api.createApiKey(merchantId);
        HttpResponse<String> connected = api.connectTikTokShop(merchantId, apiKey, shopId);
        if (connected.statusCode() != 200) {
            throw new AssertionError("shop not connected: " + connected.statusCode() + " " + connected.body());
        }
    }

    static String sandboxShopify(ApiClient api) {
        return api.uri("/sandbox/shopify/admin/api/2025-10").toString();
    }

    /** The sandbox buyer asks for a return; answers the sandbox's answer (return, order, notification ids). */
    JsonNode buyerAsksForReturn(String returnType, int items) {
        HttpResponse<String> created = api.postJson("/sandbox/tiktok/returns", null,
                "{\"returnType\":\"%s\",\"items\":%d,\"shopId\":\"%s\"}".formatted(returnType, items, shopId));
        if (created.statusCode() != 201) {
            throw new AssertionError("sandbox return not created: " + created.statusCode() + " " + created.body());
        }
        return ApiClient.json(created);
    }

    /** A sandbox return of 3 units (2 + 1 of two SKUs) that TikTok has not told the service about yet. */
    JsonNode buyerAsksForReturnLater() {
        HttpResponse<String> created = api.postJson("/sandbox/tiktok/returns", null,
                "{\"returnType\":\"RETURN_AND_REFUND\",\"items\":3,\"shopId\":\"%s\",\"deliverWebhook\":false}".formatted(shopId));
        if (created.statusCode() != 201) {
            throw new AssertionError("sandbox return not created: " + created.statusCode() + " " + created.body());
        }
        return ApiClient.json(created);
    }

    void deliverWebhookFor(JsonNode sandboxReturn) {
        HttpResponse<String> delivered = api.postJson("/sandbox/tiktok/returns/" + sandboxReturn.path("returnId").asText()
                + "/webhook", null, "{}");
        if (delivered.statusCode() != 200 || ApiClient.json(delivered).path("webhookStatus").asInt() != 200) {
            throw new AssertionError("webhook not delivered: " + delivered.statusCode() + " " + delivered.body());
        }
    }

    /** Waits until the merchant API shows the TikTok return; answers it. */
    JsonNode awaitReturn(String tiktokReturnId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> findReturn(tiktokReturnId), r -> r != null);
    }

    JsonNode findReturn(String tiktokReturnId) {
        JsonNode page = ApiClient.json(api.get("/api/returns?q=" + tiktokReturnId, apiKey));
        JsonNode returns = page.path("returns");
        return returns.isEmpty() ? null : returns.get(0);
    }
}
