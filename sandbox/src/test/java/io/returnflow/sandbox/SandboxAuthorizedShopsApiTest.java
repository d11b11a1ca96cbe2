package io.returnflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;
import io.returnflow.tiktok.TikTokApiException;
import io.returnflow.tiktok.TikTokClient;
import io.returnflow.tiktok.TikTokProperties;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The sandbox Partner API's authorized shops, called as the service calls TikTok. */
@ServiceTest
class SandboxAuthorizedShopsApiTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    TikTokClient tiktok;
    @Autowired
    TikTokProperties properties;
    @Autowired
    SandboxTikTokGrants grants;
    @Autowired
    SandboxProperties sandbox;

    @Test
    void listsTheShopsOfASignedCallWithAValidToken() {
        String token = grants.redeem(grants.issueCode(List.of(sandbox.shopId()))).orElseThrow().accessToken();

        JsonNode data = tiktok.get("/authorization/202309/shops", Map.of(), token, null);

        assertThat(data.path("shops")).hasSize(1);
        JsonNode shop = data.path("shops").get(0);
        assertThat(shop.path("id").asText()).isEqualTo(sandbox.shopId());
        assertThat(shop.path("region").asText()).isEqualTo("US");
        assertThat(shop.path("cipher").asText()).isEqualTo(SandboxAuthorizedShopsApi.cipherOf(sandbox.shopId()));
    }

    @Test
    void refusesAWrongSignWithTikTokCode106001() {
        HttpResponse<String> answer = new ApiClient(port).get(java.net.URI.create(properties.apiBaseUrl()
                + "/authorization/202309/shops?app_key=" + properties.appKey() + "&timestamp=1700000000&sign=" + "0".repeat(64)));

        assertThat(answer.statusCode()).isEqualTo(401);
        JsonNode envelope = ApiClient.json(answer);
        assertThat(envelope.path("code").asLong()).isEqualTo(106001L);
        assertThat(envelope.path("message").asText()).contains("sign");
    }

    @Test
    void refusesAnUnknownAccessTokenWithTikTokCode105001() {
        assertThatThrownBy(() -> tiktok.get("/authorization/202309/shops", Map.of(), "sbxat_forged.token", null))
                .isInstanceOfSatisfying(TikTokApiException.class, e -> assertThat(e.tiktokCode()).isEqualTo(105001L));
    }
}
