package io.returnflow.tiktok.connect;

import static io.returnflow.support.ApiClient.json;
import static io.returnflow.support.ApiClient.uniqueMerchantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.returnflow.support.ApiClient;
import io.returnflow.support.MutableClock;
import io.returnflow.support.ServiceTest;
import io.returnflow.tiktok.TikTokApiException;
import io.returnflow.tiktok.TikTokClient;
import io.returnflow.tiktok.TikTokTokens;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.util.UriComponentsBuilder;

/** Time passes: connect links, authorization codes and access tokens expire. */
@ServiceTest
class ConnectionExpiryTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    TikTokTokens tokens;
    @Autowired
    TikTokClient tiktok;
    @Autowired
    ConnectedShops shops;

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
    void resetClock() {
        clock.reset();
    }

    @Test
    void refusesAStateOlderThanThirtyMinutes() {
        URI authorize = connectLink();
        clock.advance(Duration.ofMinutes(31));

        HttpResponse<String> callback = api.follow(api.get(authorize));

        assertThat(callback.statusCode()).isEqualTo(400);
        assertThat(json(callback).path("error").asText()).contains("expired");
    }

    @Test
    void acceptsAStateWithinItsThirtyMinutes() {
        URI authorize = connectLink();
        clock.advance(Duration.ofMinutes(29));

        HttpResponse<String> callback = api.follow(api.get(authorize));

        assertThat(callback.statusCode()).isEqualTo(200);
    }

    @Test
    void sandboxRefusesAnAuthorizationCodeOlderThanThirtyMinutes() {
        HttpResponse<String> backFromTikTok = api.get(connectLink());
        String code = UriComponentsBuilder.fromUriString(backFromTikTok.headers().firstValue("Location").orElseThrow())
                .build().getQueryParams().getFirst("code");
        clock.advance(Duration.ofMinutes(31));

        assertThatThrownBy(() -> tokens.exchange(code))
                .isInstanceOfSatisfying(TikTokApiException.class, e -> assertThat(e.tiktokCode()).isEqualTo(36004004L));
    }

    @Test
    void sandboxRefusesAnAccessTokenPastItsExpiry() {
        String shopId = String.valueOf(System.nanoTime());
        assertThat(api.connectTikTokShop(merchant, key, shopId).statusCode()).isEqualTo(200);
        ConnectedShop shop = shops.findByShopId(shopId).orElseThrow();
        clock.advance(Duration.between(clock.instant(), shop.accessTokenExpiresAt()).plusSeconds(1));

        assertThatThrownBy(() -> tiktok.get("/authorization/202309/shops", Map.of(), shop.accessToken(), null))
                .isInstanceOfSatisfying(TikTokApiException.class, e -> assertThat(e.tiktokCode()).isEqualTo(105001L));
    }

    private URI connectLink() {
        HttpResponse<String> answer = api.get("/api/merchants/" + merchant + "/tiktok/connect", key);
        assertThat(answer.statusCode()).isEqualTo(302);
        // a shop of its own: the sandbox's default shop may be held by another test's merchant
        return URI.create(answer.headers().firstValue("Location").orElseThrow() + "&shop_id=" + System.nanoTime());
    }
}
