package io.returnflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;
import io.returnflow.tiktok.TikTokClient;
import io.returnflow.tiktok.TikTokEndpoints;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/** What the benchmarks rely on: partner latency, TikTok calls counted per shop, a bare endpoint. */
@ServiceTest
@TestPropertySource(properties = "sandbox.latency=150ms")
class SandboxBenchmarkAidsTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    TikTokClient tiktok;
    @Autowired
    TikTokEndpoints endpoints;
    @Autowired
    SandboxTikTokGrants grants;

    @Test
    void makesEveryPartnerCallTakeAtLeastTheConfiguredLatency() {
        String shopId = newShopId();
        String token = accessTokenFor(shopId);

        long start = System.nanoTime();
        tiktok.get(endpoints.webhooks(), Map.of(), token, SandboxAuthorizedShopsApi.cipherOf(shopId));

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
    }

    @Test
    void countsTikTokCallsPerShopAndTheirBusiestSecond() {
        ApiClient api = new ApiClient(port);
        String shopId = newShopId();
        String token = accessTokenFor(shopId);

        for (int i = 0; i < 3; i++) {
            tiktok.get(endpoints.webhooks(), Map.of(), token, SandboxAuthorizedShopsApi.cipherOf(shopId));
        }

        JsonNode rates = ApiClient.json(api.get("/sandbox/tiktok/call-rates", null));
        JsonNode shop = null;
        for (JsonNode rate : rates) {
            shop = shopId.equals(rate.path("shopId").asText()) ? rate : shop;
        }
        assertThat(shop).as("call rates of shop %s in %s", shopId, rates).isNotNull();
        assertThat(shop.path("calls").asLong()).isEqualTo(3);
        assertThat(shop.path("peakPerSecond").asLong()).isBetween(1L, 3L);
    }

    @Test
    void answersTheBaselineRequestWith200AndNothingElse() {
        ApiClient api = new ApiClient(port);

        var answer = api.postJson("/sandbox/baseline", null, "{\"type\":12}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
    }

    private String accessTokenFor(String shopId) {
        return grants.redeem(grants.issueCode(List.of(shopId))).orElseThrow().accessToken();
    }

    private static String newShopId() {
        return String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
    }
}
