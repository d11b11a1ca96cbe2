package io.returnflow.tiktok.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.messaging.ParkedWork;
import io.returnflow.support.ApiClient;
import io.returnflow.support.BrokerProbe;
import io.returnflow.support.ServiceTest;
import io.returnflow.support.TikTokWebhookClient;
import io.returnflow.tiktok.ShopReconnectNeededException;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Token refresh, deauthorization and expiry notices, through the real server and the sandbox TikTok. */
@ServiceTest
class TikTokShopLifecycleTest {

    @Autowired
    TikTokAuthorizations authorizations;
    @Autowired
    TikTokWebhookClient tiktok;
    @Autowired
    JdbcClient db;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ParkedWork parked;
    @Autowired
    BrokerProbe broker;
    @Value("${server.port}")
    int port;

    private record Shop(String merchantId, String key, String shopId) {
    }

    private Shop connectedShop() {
        ApiClient api = new ApiClient(port);
        String merchantId = ApiClient.uniqueMerchantId();
        api.createMerchant(merchantId);
        String key = api.createApiKey(merchantId);
        String shopId = TikTokWebhookClient.newId();
        assertThat(api.connectTikTokShop(merchantId, key, shopId).statusCode()).isEqualTo(200);
        return new Shop(merchantId, key, shopId);
    }

    private String authorizationOf(Shop shop) {
        return db.sql("SELECT authorization_id FROM tiktok_shops WHERE shop_id = ?").param(shop.shopId()).query(String.class).single();
    }

    private String tokenHashOf(Shop shop) {
        return db.sql("SELECT access_token_hash FROM tiktok_authorizations WHERE id = ?").param(authorizationOf(shop))
                .query(String.class).single();
    }

    private JsonNode shopAsListed(Shop shop) {
        JsonNode shops = ApiClient.json(new ApiClient(port).get("/api/merchants/" + shop.merchantId() + "/tiktok/shops", shop.key()));
        for (JsonNode listed : shops) {
            if (shop.shopId().equals(listed.path("id").asText())) {
                return listed;
            }
        }
        throw new AssertionError("shop " + shop.shopId() + " not listed: " + shops);
    }

    private double refreshes() {
        var counter = meters.find("tiktok.token.refreshes").tag("outcome", "refreshed").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theRefreshRouteRenewsATokenThatExpiresWithinADay() {
        Shop shop = connectedShop();
        String before = tokenHashOf(shop);
        db.sql("UPDATE tiktok_authorizations SET access_token_expires_at = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).plusHours(3), authorizationOf(shop)).update();

        await().atMost(Duration.ofSeconds(15)).until(() -> !tokenHashOf(shop).equals(before));
        assertThat(shopAsListed(shop).path("accessTokenExpiresAt").asText()).isNotBlank();
    }

    @Test
    void refreshesAnAuthorizationWithNewTokens() {
        Shop shop = connectedShop();
        String before = tokenHashOf(shop);

        assertThat(authorizations.refresh(authorizationOf(shop))).isTrue();

        assertThat(tokenHashOf(shop)).isNotEqualTo(before);
        assertThat(shopAsListed(shop).path("status").asText()).isEqualTo("CONNECTED");
    }

    @Test
    void leavesAnAuthorizationAloneWhileAnotherRefresherHoldsIt() {
        Shop shop = connectedShop();
        String id = authorizationOf(shop);
        String before = tokenHashOf(shop);
        double refreshed = refreshes();
        db.sql("UPDATE tiktok_authorizations SET refresh_lease_owner = 'another-instance', refresh_lease_until = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1), id).update();

        assertThat(authorizations.refresh(id)).isFalse();

        assertThat(tokenHashOf(shop)).isEqualTo(before);
        assertThat(refreshes()).isEqualTo(refreshed);
    }

    @Test
    void refreshesOnceWhenTwoRefreshersRace() throws Exception {
        Shop shop = connectedShop();
        String id = authorizationOf(shop);
        double refreshed = refreshes();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var start = new java.util.concurrent.CountDownLatch(1);
        try {
            var first = pool.submit(() -> { start.await(); return authorizations.refresh(id); });
            var second = pool.submit(() -> { start.await(); return authorizations.refresh(id); });
            start.countDown();
            int refreshedNow = (first.get() ? 1 : 0) + (second.get() ? 1 : 0);
            // both may refresh one after the other, but never two at once: the count of refreshes
            // equals the count of callers that held the lease
            assertThat(refreshes() - refreshed).isEqualTo(refreshedNow);
            assertThat(refreshedNow).isBetween(1, 2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void renewsTheTokenOnceWhenTikTokSaysItExpiredAndCarriesOn() {
        Shop shop = connectedShop();
        String before = tokenHashOf(shop);
        ApiClient api = new ApiClient(port);
        api.postJson("/sandbox/faults", null, """
                {"pathPrefix": "/sandbox/tiktok/return_refund/202309/returns/search", "status": 200,
                 "body": "{\\"code\\":105002,\\"message\\":\\"Access token is expired\\",\\"request_id\\":\\"r1\\",\\"data\\":null}",
                 "times": 1}""");
        // a merchant whose Shopify is the sandbox, so the whole flow can finish
        api.put("/api/admin/merchants/" + shop.merchantId(), ApiClient.ADMIN_TOKEN, """
                {"name": "Acme", "shopify": {"shopDomain": "acme.myshopify.com", "accessToken": "shpat_sandbox",
                 "apiBaseUrl": "%s"}, "returns": {"useRedoReturnLabels": false},
                 "netsuite": {"enabled": false}, "shiphero": {"enabled": false}}"""
                .formatted(api.uri("/sandbox/shopify/admin/api/2025-10")));

        JsonNode sandbox = ApiClient.json(api.postJson("/sandbox/tiktok/returns", null,
                "{\"returnType\":\"REFUND\",\"items\":1,\"shopId\":\"" + shop.shopId() + "\"}"));

        await().atMost(Duration.ofSeconds(20)).until(() -> ApiClient.json(api.get("/api/returns?q="
                + sandbox.path("returnId").asText(), shop.key())).path("returns").size() == 1);
        assertThat(tokenHashOf(shop)).isNotEqualTo(before);
    }

    @Test
    void asksToReconnectTheShopsOfAnAuthorizationWhoseRefreshTokenExpired() {
        Shop shop = connectedShop();
        String id = authorizationOf(shop);
        db.sql("UPDATE tiktok_authorizations SET refresh_token_expires_at = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusDays(1), id).update();

        assertThat(authorizations.refresh(id)).isFalse();

        JsonNode listed = shopAsListed(shop);
        assertThat(listed.path("status").asText()).isEqualTo("RECONNECT_NEEDED");
        assertThat(listed.path("statusReason").asText()).contains("reconnect the shop");
    }

    @Test
    void asksToReconnectTheShopsWhenTikTokSaysTheRefreshTokenIsRevoked() {
        Shop shop = connectedShop();
        new ApiClient(port).postJson("/sandbox/faults", null, """
                {"pathPrefix": "/sandbox/tiktok-auth/api/v2/token/refresh", "status": 200,
                 "body": "{\\"code\\":36004005,\\"message\\":\\"The refresh_token is invalid or expired\\",\\"request_id\\":\\"r2\\",\\"data\\":null}",
                 "times": 1}""");

        assertThat(authorizations.refresh(authorizationOf(shop))).isFalse();

        JsonNode listed = shopAsListed(shop);
        assertThat(listed.path("status").asText()).isEqualTo("RECONNECT_NEEDED");
        assertThat(listed.path("statusReason").asText()).contains("36004005");
    }

    @Test
    void parksTheWorkOfAShopToReconnectAndGoesOnOnceTheSellerReconnectsIt() {
        Shop shop = connectedShop();
        ApiClient api = new ApiClient(port);
        api.put("/api/admin/merchants/" + shop.merchantId(), ApiClient.ADMIN_TOKEN, """
                {"name": "Acme", "shopify": {"shopDomain": "acme.myshopify.com", "accessToken": "shpat_sandbox",
                 "apiBaseUrl": "%s"}, "returns": {"useRedoReturnLabels": false},
                 "netsuite": {"enabled": false}, "shiphero": {"enabled": false}}"""
                .formatted(api.uri("/sandbox/shopify/admin/api/2025-10")));
        db.sql("UPDATE tiktok_authorizations SET refresh_token_expires_at = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusDays(1), authorizationOf(shop)).update();
        authorizations.refresh(authorizationOf(shop));
        long deadLetters = broker.depth("DLQ.tiktok.return-events");

        JsonNode sandbox = ApiClient.json(api.postJson("/sandbox/tiktok/returns", null,
                "{\"returnType\":\"REFUND\",\"items\":1,\"shopId\":\"" + shop.shopId() + "\"}"));

        String key = ShopReconnectNeededException.parkingKey(shop.shopId());
        await().atMost(Duration.ofSeconds(20)).until(() -> parked.count(key) == 1);
        assertThat(broker.depth("DLQ.tiktok.return-events")).as("parked, not dead-lettered").isEqualTo(deadLetters);
        assertThat(ApiClient.json(api.get("/api/returns?q=" + sandbox.path("returnId").asText(), shop.key()))
                .path("returns")).isEmpty();

        assertThat(api.connectTikTokShop(shop.merchantId(), shop.key(), shop.shopId()).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> ApiClient.json(api.get("/api/returns?q="
                + sandbox.path("returnId").asText(), shop.key())).path("returns").size() == 1);
        assertThat(parked.count(key)).isZero();
        assertThat(shopAsListed(shop).path("status").asText()).isEqualTo("CONNECTED");
    }

    @Test
    void disconnectsAShopTheSellerDeauthorizedAndErasesItsTokens() {
        Shop shop = connectedShop();
        String authorization = authorizationOf(shop);

        tiktok.deliver(tiktok.envelope(6, TikTokWebhookClient.newId(), shop.shopId(), "{\"shop_id\":\"" + shop.shopId() + "\"}"));

        await().atMost(Duration.ofSeconds(10)).until(() -> "DISCONNECTED".equals(shopAsListed(shop).path("status").asText()));
        JsonNode listed = shopAsListed(shop);
        assertThat(listed.path("statusReason").asText()).contains("deauthorized");
        assertThat(listed.path("accessTokenExpiresAt").isNull()).isTrue();
        assertThat(db.sql("SELECT COUNT(*) FROM tiktok_authorizations WHERE id = ?").param(authorization).query(Integer.class).single())
                .as("the grant and its sealed tokens are gone").isZero();
        assertThat(db.sql("SELECT authorization_id FROM tiktok_shops WHERE shop_id = ?").param(shop.shopId())
                .query(String.class).optional()).isEmpty();
    }

    @Test
    void keepsTheTokensOfAGrantWhoseOtherShopIsStillConnected() {
        Shop shop = connectedShop();
        String authorization = authorizationOf(shop);
        String sibling = TikTokWebhookClient.newId();
        db.sql("""
                INSERT INTO tiktok_shops (shop_id, merchant_id, authorization_id, name, region, cipher, status,
                    status_changed_at, connected_at, updated_at)
                VALUES (?, ?, ?, 'Sibling', 'US', 'ROW_sibling', 'CONNECTED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
                .params(sibling, shop.merchantId(), authorization).update();

        tiktok.deliver(tiktok.envelope(6, TikTokWebhookClient.newId(), shop.shopId(), "{\"shop_id\":\"" + shop.shopId() + "\"}"));

        await().atMost(Duration.ofSeconds(10)).until(() -> "DISCONNECTED".equals(shopAsListed(shop).path("status").asText()));
        assertThat(db.sql("SELECT COUNT(*) FROM tiktok_authorizations WHERE id = ?").param(authorization).query(Integer.class).single())
                .as("the sibling shop still works with them").isOne();
    }

    @Test
    void showsThatTikTokWarnedTheAuthorizationExpiresSoon() {
        Shop shop = connectedShop();

        tiktok.deliver(tiktok.envelope(7, TikTokWebhookClient.newId(), shop.shopId(), "{}"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !shopAsListed(shop).path("authorizationExpiringAt").isNull());
        assertThat(shopAsListed(shop).path("status").asText()).isEqualTo("CONNECTED");
    }
}
