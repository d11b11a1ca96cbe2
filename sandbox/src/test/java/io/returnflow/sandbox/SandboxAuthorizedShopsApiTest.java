package io.returnflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The sandbox Partner API's authorized shops, through signed calls as TikTok takes them. */
@SandboxTest
class SandboxAuthorizedShopsApiTest {

    private static final String SHOPS = "/authorization/202309/shops";

    @Value("${local.server.port}")
    int port;
    @Autowired
    SandboxTikTokApp app;
    @Autowired
    SandboxTikTokGrants grants;
    @Autowired
    SandboxProperties sandbox;

    @Test
    void listsTheShopsOfASignedCallWithAValidToken() {
        String token = grants.redeem(grants.issueCode(List.of(sandbox.shopId()))).orElseThrow().accessToken();

        JsonNode envelope = PartnerCalls.json(calls().tiktok("GET", SHOPS, Map.of(), null, token, null));

        assertThat(envelope.path("code").asLong()).isZero();
        JsonNode shops = envelope.path("data").path("shops");
        assertThat(shops).hasSize(1);
        assertThat(shops.get(0).path("id").asText()).isEqualTo(sandbox.shopId());
        assertThat(shops.get(0).path("region").asText()).isEqualTo("US");
        assertThat(shops.get(0).path("cipher").asText()).isEqualTo(SandboxAuthorizedShopsApi.cipherOf(sandbox.shopId()));
    }

    @Test
    void refusesAWrongSignWithTikTokCode106001() {
        HttpResponse<String> answer = calls().get(SandboxSignatureCheck.API_PREFIX + SHOPS + "?app_key=" + app.appKey()
                + "&timestamp=1700000000&sign=" + "0".repeat(64));

        assertThat(answer.statusCode()).isEqualTo(401);
        JsonNode envelope = PartnerCalls.json(answer);
        assertThat(envelope.path("code").asLong()).isEqualTo(106001L);
        assertThat(envelope.path("message").asText()).contains("sign");
    }

    @Test
    void refusesAnUnknownAccessTokenWithTikTokCode105001() {
        assertThat(calls().tiktokCode("GET", SHOPS, Map.of(), null, "sbxat_forged.token", null)).isEqualTo(105001L);
    }

    private PartnerCalls calls() {
        return new PartnerCalls(port, app);
    }
}
