package io.returnflow.tiktok.connect;

import static io.returnflow.support.ApiClient.ADMIN_TOKEN;
import static io.returnflow.support.ApiClient.json;
import static io.returnflow.support.ApiClient.uniqueMerchantId;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.support.ApiClient;
import io.returnflow.support.RouteRounds;
import io.returnflow.support.ServiceTest;
import io.returnflow.tiktok.TikTokProperties;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.UriComponentsBuilder;

/** Connecting TikTok shops through the sandbox TikTok, hop by hop as a seller's browser goes. */
@ServiceTest
class TikTokShopConnectionTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    ConnectedShops connectedShops;
    @Autowired
    TikTokProperties tiktok;
    @Autowired
    JdbcTemplate db;
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

    @Test
    void sendsTheSellerToTikTokWithTheServiceIdAndAStateBoundToTheMerchant() {
        HttpResponse<String> answer = api.get("/api/merchants/" + merchant + "/tiktok/connect", key);

        assertThat(answer.statusCode()).isEqualTo(302);
        URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(tiktok.authorizeUrl() + "?");
        var query = UriComponentsBuilder.fromUri(location).build().getQueryParams();
        assertThat(query.getFirst("service_id")).isEqualTo(tiktok.serviceId());
        String state = query.getFirst("state");
        assertThat(state).hasSizeGreaterThanOrEqualTo(43);
        assertThat(db.queryForObject("SELECT merchant_id FROM tiktok_oauth_states WHERE state = ?", String.class, state))
                .isEqualTo(merchant);
    }

    @Test
    void answersTheAuthorizationUrlAsJsonToAPageThatCannotFollowARedirectWithItsKey() {
        HttpResponse<String> answer = api.post("/api/merchants/" + merchant + "/tiktok/connect", key);

        assertThat(answer.statusCode()).isEqualTo(200);
        URI authorize = URI.create(json(answer).path("authorizeUrl").asText());
        assertThat(authorize.toString()).startsWith(tiktok.authorizeUrl() + "?");
        String state = UriComponentsBuilder.fromUri(authorize).build().getQueryParams().getFirst("state");
        assertThat(db.queryForObject("SELECT merchant_id FROM tiktok_oauth_states WHERE state = ?", String.class, state))
                .isEqualTo(merchant);
        HttpResponse<String> callback = api.follow(api.get(URI.create(authorize + "&shop_id=" + newShopId())));
        assertThat(callback.statusCode()).isEqualTo(200);
        assertThat(callback.body()).contains("<a href=\"/console/#/integrations\">Back to the console</a>");
        assertThat(json(api.get("/api/merchants/" + merchant + "/tiktok/shops", key))).hasSize(1);
    }

    @Test
    void connectsAShopAndListsItWithoutTokens() {
        String shopId = newShopId();

        HttpResponse<String> done = api.connectTikTokShop(merchant, key, shopId);

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(done.body()).contains("TikTok shop connected").contains("Sandbox Shop " + shopId);
        HttpResponse<String> listed = api.get("/api/merchants/" + merchant + "/tiktok/shops", key);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode shops = json(listed);
        assertThat(shops).hasSize(1);
        JsonNode shop = shops.get(0);
        assertThat(shop.path("id").asText()).isEqualTo(shopId);
        assertThat(shop.path("name").asText()).isEqualTo("Sandbox Shop " + shopId);
        assertThat(shop.path("region").asText()).isEqualTo("US");
        assertThat(shop.path("status").asText()).isEqualTo("CONNECTED");
        assertThat(shop.path("accessTokenExpiresAt").asText()).isNotBlank();
        assertThat(shop.path("refreshTokenExpiresAt").asText()).isNotBlank();
        ConnectedShop connected = connectedShops.findByShopId(shopId).orElseThrow();
        assertThat(listed.body()).doesNotContain(connected.accessToken()).doesNotContain("cipher").doesNotContain("Token\":");
    }

    @Test
    void subscribesNoWebhookWhenTheSettingIsOff() {
        String shopId = newShopId();

        api.connectTikTokShop(merchant, key, shopId);

        // two rounds of the subscription route after the connection: neither subscribed the shop
        RouteRounds.awaitRounds(meters, "tiktok-webhook-subscription", 2);
        assertThat(json(api.get("/sandbox/tiktok/shops/" + shopId + "/webhooks", null))).isEmpty();
        assertThat(json(api.get("/api/merchants/" + merchant + "/tiktok/shops", key)).get(0).path("webhookSubscription").isNull())
                .isTrue();
    }

    @Test
    void givesTheFlowsTheShopWithItsAccessTokenInClearAndStoresTheTokensSealed() {
        String shopId = newShopId();
        api.connectTikTokShop(merchant, key, shopId);

        ConnectedShop shop = connectedShops.findByShopId(shopId).orElseThrow();

        assertThat(shop.merchantId()).isEqualTo(merchant);
        assertThat(shop.status()).isEqualTo(ShopStatus.CONNECTED);
        assertThat(shop.cipher()).startsWith("ROW_");
        assertThat(shop.accessToken()).startsWith("sbxat_");
        assertThat(shop.toString()).doesNotContain(shop.accessToken());
        Map<String, Object> tokens = db.queryForMap("""
                SELECT a.access_token, a.refresh_token FROM tiktok_authorizations a
                JOIN tiktok_shops s ON s.authorization_id = a.id WHERE s.shop_id = ?""", shopId);
        assertThat((String) tokens.get("access_token")).startsWith("v2:").doesNotContain(shop.accessToken());
        assertThat((String) tokens.get("refresh_token")).startsWith("v2:").doesNotContain("sbxrt_");
    }

    @Test
    void knowsNoShopThatWasNeverConnected() {
        assertThat(connectedShops.findByShopId(newShopId())).isEmpty();
    }

    @Test
    void connectsTheDefaultSandboxShopWhenTheSellerPicksNone() {
        api.releaseTikTokShop("7495540735365777507"); // a shop never moves by itself: an earlier test may hold it
        assertThat(api.connectTikTokShop(merchant, ADMIN_TOKEN, null).statusCode()).isEqualTo(200);

        assertThat(connectedShops.findByShopId("7495540735365777507").orElseThrow().merchantId()).isEqualTo(merchant);
    }

    @Test
    void renewsTheTokensWhenTheSameShopIsConnectedAgain() {
        String shopId = newShopId();
        api.connectTikTokShop(merchant, key, shopId);
        String firstToken = connectedShops.findByShopId(shopId).orElseThrow().accessToken();

        assertThat(api.connectTikTokShop(merchant, key, shopId).statusCode()).isEqualTo(200);

        assertThat(connectedShops.findByShopId(shopId).orElseThrow().accessToken()).isNotEqualTo(firstToken);
        assertThat(json(api.get("/api/merchants/" + merchant + "/tiktok/shops", key))).hasSize(1);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM tiktok_authorizations WHERE merchant_id = ?", Integer.class, merchant))
                .isEqualTo(1);
    }

    @Test
    void bindsTheConnectToTheBrowserWithAShortLivedHttpOnlySameSiteCookie() {
        HttpResponse<String> answer = api.get("/api/merchants/" + merchant + "/tiktok/connect", key);

        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("tiktok-connect=").contains("HttpOnly").contains("SameSite=Lax").contains("Path=/")
                .contains("Max-Age=1800");
        String state = UriComponentsBuilder.fromUriString(answer.headers().firstValue("Location").orElseThrow())
                .build().getQueryParams().getFirst("state");
        assertThat(db.queryForObject("SELECT browser_hash FROM tiktok_oauth_states WHERE state = ?", String.class, state))
                .as("only the cookie's hash is kept").hasSize(64).isNotEqualTo(api.cookie("tiktok-connect"));
        HttpResponse<String> again = api.post("/api/merchants/" + merchant + "/tiktok/connect", key);
        assertThat(again.headers().firstValue("Set-Cookie").orElseThrow())
                .as("a second connect in the same browser keeps its value, so both links work")
                .startsWith("tiktok-connect=" + api.cookie("tiktok-connect") + ";");
    }

    @Test
    void refusesAConnectLinkForwardedToAnotherBrowserAndLetsTheBrowserThatStartedItFinish() {
        String shopId = newShopId();
        URI authorize = URI.create(json(api.post("/api/merchants/" + merchant + "/tiktok/connect", key)).path("authorizeUrl").asText()
                + "&shop_id=" + shopId);
        // another merchant's seller, in a browser of their own that connected before (so it has a cookie too)
        ApiClient victim = new ApiClient(port);
        String victimMerchant = uniqueMerchantId();
        victim.createMerchant(victimMerchant);
        victim.get("/api/merchants/" + victimMerchant + "/tiktok/connect", ADMIN_TOKEN);
        assertThat(victim.cookie("tiktok-connect")).isNotNull().isNotEqualTo(api.cookie("tiktok-connect"));

        HttpResponse<String> forwarded = victim.follow(victim.get(authorize));

        assertThat(forwarded.statusCode()).isEqualTo(400);
        assertThat(json(forwarded).path("error").asText()).contains("started in another browser");
        assertThat(connectedShops.findByShopId(shopId)).as("nothing connected").isEmpty();
        HttpResponse<String> own = api.follow(api.get(authorize));
        assertThat(own.statusCode()).as("the state was not spent by the refused callback").isEqualTo(200);
        assertThat(connectedShops.findByShopId(shopId).orElseThrow().merchantId()).isEqualTo(merchant);
    }

    @Test
    void refusesACallbackWithoutTheConnectCookie() {
        HttpResponse<String> toTikTok = api.get("/api/merchants/" + merchant + "/tiktok/connect", key);
        HttpResponse<String> back = api.get(URI.create(toTikTok.headers().firstValue("Location").orElseThrow()));

        HttpResponse<String> withoutCookie = new ApiClient(port).follow(back);

        assertThat(withoutCookie.statusCode()).isEqualTo(400);
        assertThat(json(withoutCookie).path("error").asText()).contains("started in another browser");
    }

    @Test
    void refusesToMoveAShopAnotherMerchantHoldsAndLeavesItWhereItWas() {
        String shopId = newShopId();
        api.connectTikTokShop(merchant, key, shopId);
        String tokenBefore = connectedShops.findByShopId(shopId).orElseThrow().accessToken();
        String other = uniqueMerchantId();
        api.createMerchant(other);

        HttpResponse<String> takeover = api.connectTikTokShop(other, ADMIN_TOKEN, shopId);

        assertThat(takeover.statusCode()).isEqualTo(409);
        assertThat(json(takeover).path("error").asText()).contains("connected to another merchant").contains(shopId)
                .doesNotContain(merchant);
        ConnectedShop shop = connectedShops.findByShopId(shopId).orElseThrow();
        assertThat(shop.merchantId()).isEqualTo(merchant);
        assertThat(shop.accessToken()).as("its tokens untouched").isEqualTo(tokenBefore);
        assertThat(json(api.get("/api/merchants/" + merchant + "/tiktok/shops", key))).hasSize(1);
        assertThat(json(api.get("/api/merchants/" + other + "/tiktok/shops", ADMIN_TOKEN))).isEmpty();
        assertThat(db.queryForObject("SELECT COUNT(*) FROM tiktok_authorizations WHERE merchant_id = ?", Integer.class, other))
                .as("the refused grant's tokens are not kept").isZero();
    }

    @Test
    void tellsTheSellerInTheCallbackPageWhyTheShopWasNotConnected() {
        String shopId = newShopId();
        api.connectTikTokShop(merchant, key, shopId);
        String other = uniqueMerchantId();
        api.createMerchant(other);
        HttpResponse<String> toTikTok = api.get("/api/merchants/" + other + "/tiktok/connect", ADMIN_TOKEN);
        HttpResponse<String> back = api.get(URI.create(toTikTok.headers().firstValue("Location").orElseThrow() + "&shop_id=" + shopId));

        HttpResponse<String> page = api.getPage(back.uri().resolve(back.headers().firstValue("Location").orElseThrow()));

        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("The TikTok shop was not connected").contains("connected to another merchant")
                .contains("releases it first").contains("Back to the console");
    }

    @Test
    void letsAnotherMerchantConnectAShopOnceAnOperatorReleasedIt() {
        String shopId = newShopId();
        api.connectTikTokShop(merchant, key, shopId);
        String other = uniqueMerchantId();
        api.createMerchant(other);
        assertThat(api.delete("/api/admin/tiktok/shops/" + shopId, key).statusCode()).as("not for a merchant key").isEqualTo(403);

        assertThat(api.delete("/api/admin/tiktok/shops/" + shopId, ADMIN_TOKEN).statusCode()).isEqualTo(204);

        assertThat(connectedShops.findByShopId(shopId)).isEmpty();
        assertThat(json(api.get("/api/merchants/" + merchant + "/tiktok/shops", key))).isEmpty();
        assertThat(db.queryForObject("SELECT COUNT(*) FROM tiktok_authorizations WHERE merchant_id = ?", Integer.class, merchant))
                .as("the released shop's tokens are erased").isZero();
        assertThat(api.connectTikTokShop(other, ADMIN_TOKEN, shopId).statusCode()).isEqualTo(200);
        assertThat(connectedShops.findByShopId(shopId).orElseThrow().merchantId()).isEqualTo(other);
        assertThat(api.delete("/api/admin/tiktok/shops/" + newShopId(), ADMIN_TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAStateUsedBefore() {
        HttpResponse<String> first = api.connectTikTokShop(merchant, key, newShopId());
        assertThat(first.statusCode()).isEqualTo(200);

        HttpResponse<String> replay = api.get(first.uri());

        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(json(replay).path("error").asText()).contains("already used");
    }

    @Test
    void refusesAStateThisServiceNeverIssued() {
        HttpResponse<String> redirect = api.get("/sandbox/tiktok-auth/open/authorize?service_id=" + tiktok.serviceId()
                + "&state=forged-" + UUID.randomUUID(), null);

        HttpResponse<String> forged = api.follow(redirect);

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(json(forged).path("error").asText()).contains("unknown state");
    }

    @Test
    void refusesACallbackWithoutState() {
        HttpResponse<String> answer = api.get("/oauth/tiktok/callback?code=abc", null);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asText()).contains("state");
    }

    @Test
    void answers502WhenTikTokRefusesTheCodeAndSpendsTheStateAnyway() {
        HttpResponse<String> toTikTok = api.get("/api/merchants/" + merchant + "/tiktok/connect", key);
        String state = UriComponentsBuilder.fromUriString(toTikTok.headers().firstValue("Location").orElseThrow())
                .build().getQueryParams().getFirst("state");

        HttpResponse<String> answer = api.get("/oauth/tiktok/callback?code=made-up&state=" + state, null);

        assertThat(answer.statusCode()).isEqualTo(502);
        assertThat(json(answer).path("error").asText()).contains("TikTok refused");
        assertThat(api.get("/oauth/tiktok/callback?code=made-up&state=" + state, null).statusCode()).isEqualTo(400);
    }

    @Test
    void hidesAMerchantsShopsFromAnotherMerchantsKeyWith404() {
        api.connectTikTokShop(merchant, key, newShopId());
        String other = uniqueMerchantId();
        api.createMerchant(other);
        String otherKey = api.createApiKey(other);

        HttpResponse<String> shops = api.get("/api/merchants/" + merchant + "/tiktok/shops", otherKey);
        HttpResponse<String> connect = api.get("/api/merchants/" + merchant + "/tiktok/connect", otherKey);

        assertThat(shops.statusCode()).isEqualTo(404);
        assertThat(connect.statusCode()).isEqualTo(404);
        assertThat(json(shops).path("error").asText()).isEqualTo("not found");
        assertThat(api.get("/api/merchants/" + uniqueMerchantId() + "/tiktok/shops", otherKey).statusCode())
                .as("the same answer as for a merchant that does not exist").isEqualTo(404);
    }

    @Test
    void letsEveryKeyOfTheMerchantAndTheAdminSeeItsShops() {
        String secondKey = api.createApiKey(merchant);

        assertThat(api.get("/api/merchants/" + merchant + "/tiktok/shops", key).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/merchants/" + merchant + "/tiktok/shops", secondKey).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/merchants/" + merchant + "/tiktok/shops", ADMIN_TOKEN).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/merchants/" + uniqueMerchantId() + "/tiktok/shops", ADMIN_TOKEN).statusCode()).isEqualTo(404);
    }

    private static String newShopId() {
        return String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
    }
}
