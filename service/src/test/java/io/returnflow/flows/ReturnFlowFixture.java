package io.returnflow.flows;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;

/**
 * A merchant whose Shopify store is the sandbox (or any URL), with a connected TikTok shop of its
 * own and an API key: what a return flow test starts from. Its WMS targets are off unless given.
 */
public final class ReturnFlowFixture {

    /** What the sandbox NetSuite and ShipHero accept (sandbox.netsuite.*, sandbox.shiphero.refresh-token). */
    static final String SANDBOX_NETSUITE_TOKEN_SECRET = "sbx-ns-token-secret";
    static final String SANDBOX_SHIPHERO_REFRESH_TOKEN = "sbx_shiphero_refresh";
    static final String SANDBOX_WAREHOUSE = "V2FyZWhvdXNlOjExMTE=";

    public final ApiClient api;
    public final String merchantId = ApiClient.uniqueMerchantId();
    public final String shopId;
    public final String apiKey;

    ReturnFlowFixture(ApiClient api, String shopifyApiBaseUrl, String shopifyToken) {
        this(api, shopifyApiBaseUrl, shopifyToken, "APPROVE_ALL", Map.of(), newShopId());
    }

    /** @param mixedDecision the merchant's returns.mixedDecision */
    static ReturnFlowFixture withMixedDecision(ApiClient api, String shopifyApiBaseUrl, String shopifyToken,
                                               String mixedDecision) {
        return new ReturnFlowFixture(api, shopifyApiBaseUrl, shopifyToken, mixedDecision, Map.of(), newShopId());
    }

    /** A merchant that connects the TikTok shop with this id (e.g. one whose events were parked before). */
    static ReturnFlowFixture withShop(ApiClient api, String shopifyApiBaseUrl, String shopifyToken, String shopId) {
        return new ReturnFlowFixture(api, shopifyApiBaseUrl, shopifyToken, "APPROVE_ALL", Map.of(), shopId);
    }

    /**
     * A merchant on the sandbox Shopify with these sections of the merchant document (section name ->
     * JSON), e.g. one WMS target enabled against its sandbox; every other target is off.
     */
    public static ReturnFlowFixture withSections(ApiClient api, Map<String, String> sections) {
        return new ReturnFlowFixture(api, sandboxShopify(api), "shpat_sandbox", "APPROVE_ALL", sections, newShopId());
    }

    private ReturnFlowFixture(ApiClient api, String shopifyApiBaseUrl, String shopifyToken, String mixedDecision,
                              Map<String, String> sections, String shopId) {
        this.api = api;
        this.shopId = shopId;
        StringBuilder extra = new StringBuilder();
        sections.forEach((name, section) -> extra.append(",\n \"").append(name).append("\": ").append(section));
        HttpResponse<String> merchant = api.put("/api/admin/merchants/" + merchantId, ApiClient.ADMIN_TOKEN, """
                {"name": "Flow test %s",
                 "shopify": {"shopDomain": "flow-test.myshopify.com", "accessToken": "%s", "apiBaseUrl": "%s"},
                 "returns": {"useRedoReturnLabels": false, "mixedDecision": "%s"}%s}"""
                .formatted(merchantId, shopifyToken, shopifyApiBaseUrl, mixedDecision, extra));
        if (merchant.statusCode() != 201) {
            throw new AssertionError("merchant not created: " + merchant.statusCode() + " " + merchant.body());
        }
        apiKey = api.createApiKey(merchantId);
        HttpResponse<String> connected = api.connectTikTokShop(merchantId, apiKey, shopId);
        if (connected.statusCode() != 200) {
            throw new AssertionError("shop not connected: " + connected.statusCode() + " " + connected.body());
        }
    }

    /**
     * A merchant on the sandbox Shopify with the NetSuite and ShipHero targets enabled and pointing at
     * the sandbox: NetSuite with the sandbox's TBA credentials on an account of its own (so circuit
     * breakers are its own), ShipHero with a token the sandbox issued and the sandbox's refresh token.
     */
    static ReturnFlowFixture withWmsTargets(ApiClient api) {
        return withWmsTargets(api, SANDBOX_NETSUITE_TOKEN_SECRET, sandboxShipHeroToken(api, null), SANDBOX_SHIPHERO_REFRESH_TOKEN);
    }

    /** As {@link #withWmsTargets(ApiClient)}, with the NetSuite token secret and ShipHero tokens given. */
    static ReturnFlowFixture withWmsTargets(ApiClient api, String netsuiteTokenSecret, String shipheroAccessToken,
                                            String shipheroRefreshToken) {
        return withSections(api, Map.of("netsuite", sandboxNetSuite(api, netsuiteTokenSecret),
                "shiphero", sandboxShipHero(shipheroAccessToken, shipheroRefreshToken)));
    }

    /** The {@code netsuite} section for the sandbox NetSuite, on an account of its own (its own circuit breaker). */
    public static String sandboxNetSuite(ApiClient api, String tokenSecret) {
        String account = "SBX_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        return """
                {"enabled": true, "accountId": "%s", "consumerKey": "sbx-ns-consumer-key",
                 "consumerSecret": "sbx-ns-consumer-secret", "tokenId": "sbx-ns-token-id", "tokenSecret": "%s",
                 "restBaseUrl": "%s", "locationId": "1"}""".formatted(account, tokenSecret == null
                ? SANDBOX_NETSUITE_TOKEN_SECRET : tokenSecret, api.uri("/sandbox/netsuite/services/rest"));
    }

    /** The {@code shiphero} section for the sandbox ShipHero. */
    public static String sandboxShipHero(String accessToken, String refreshToken) {
        return """
                {"enabled": true, "accessToken": "%s", "refreshToken": "%s", "warehouseId": "%s"}"""
                .formatted(accessToken, refreshToken == null ? SANDBOX_SHIPHERO_REFRESH_TOKEN : refreshToken, SANDBOX_WAREHOUSE);
    }

    /** A ShipHero access token from the sandbox; {@code expiresAfterCalls} null for an ordinary one. */
    public static String sandboxShipHeroToken(ApiClient api, Integer expiresAfterCalls) {
        HttpResponse<String> issued = api.postJson("/sandbox/shiphero/access-tokens", null,
                expiresAfterCalls == null ? "{}" : "{\"expiresAfterCalls\": " + expiresAfterCalls + "}");
        if (issued.statusCode() != 201) {
            throw new AssertionError("no sandbox ShipHero token: " + issued.statusCode() + " " + issued.body());
        }
        return ApiClient.json(issued).path("access_token").asText();
    }

    static String newShopId() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(7_000_000_000_000_000_000L, 7_999_999_999_999_999_999L));
    }

    public static String sandboxShopify(ApiClient api) {
        return api.uri("/sandbox/shopify/admin/api/2025-10").toString();
    }

    /** The sandbox buyer asks for a return; answers the sandbox's answer (return, order, notification ids). */
    public JsonNode buyerAsksForReturn(String returnType, int items) {
        HttpResponse<String> created = api.postJson("/sandbox/tiktok/returns", null,
                "{\"returnType\":\"%s\",\"items\":%d,\"shopId\":\"%s\"}".formatted(returnType, items, shopId));
        if (created.statusCode() != 201) {
            throw new AssertionError("sandbox return not created: " + created.statusCode() + " " + created.body());
        }
        return ApiClient.json(created);
    }

    /**
     * The sandbox buyer asks for a return whose seller deadline TikTok sets at {@code deadlineIn} from
     * now (ISO-8601; negative: already passed); answers the sandbox's answer.
     */
    public JsonNode buyerAsksForReturnDueIn(String returnType, String deadlineIn) {
        HttpResponse<String> created = api.postJson("/sandbox/tiktok/returns", null,
                "{\"returnType\":\"%s\",\"items\":1,\"shopId\":\"%s\",\"deadlineIn\":\"%s\"}"
                        .formatted(returnType, shopId, deadlineIn));
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
    public JsonNode awaitReturn(String tiktokReturnId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> findReturn(tiktokReturnId), r -> r != null);
    }

    public JsonNode findReturn(String tiktokReturnId) {
        JsonNode page = ApiClient.json(api.get("/api/returns?q=" + tiktokReturnId, apiKey));
        JsonNode returns = page.path("returns");
        return returns.isEmpty() ? null : returns.get(0);
    }
}
