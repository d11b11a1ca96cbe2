package io.returnflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** What the benchmarks rely on: partner latency, TikTok calls counted per shop, a bare endpoint. */
@SandboxTest
class SandboxBenchmarkAidsTest {

    private static final String WEBHOOKS = "/event/202309/webhooks";

    @Value("${local.server.port}")
    int port;
    @Autowired
    SandboxTikTokApp app;
    @Autowired
    SandboxTikTokGrants grants;

    @Test
    void makesEveryPartnerCallTakeAtLeastTheConfiguredLatency() throws Exception {
        var latency = new SandboxLatency().sandboxLatencyFilter(
                new SandboxProperties(true, "1", null, Duration.ofMillis(150))).getFilter();

        long start = System.nanoTime();
        latency.doFilter(new MockHttpServletRequest("GET", "/sandbox/tiktok" + WEBHOOKS), new MockHttpServletResponse(),
                new MockFilterChain());
        long partnerCall = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        latency.doFilter(new MockHttpServletRequest("POST", "/sandbox/faults"), new MockHttpServletResponse(),
                new MockFilterChain());
        long control = (System.nanoTime() - start) / 1_000_000;

        assertThat(partnerCall).isGreaterThanOrEqualTo(150);
        assertThat(control).as("the sandbox's own controls answer at once").isLessThan(150);
    }

    @Test
    void countsTikTokCallsPerShopAndTheirBusiestSecond() {
        String shopId = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        String token = grants.redeem(grants.issueCode(List.of(shopId))).orElseThrow().accessToken();
        PartnerCalls calls = new PartnerCalls(port, app);

        for (int i = 0; i < 3; i++) {
            assertThat(calls.tiktokCode("GET", WEBHOOKS, Map.of(), null, token, SandboxAuthorizedShopsApi.cipherOf(shopId))).isZero();
        }

        JsonNode shop = null;
        for (JsonNode rate : PartnerCalls.json(calls.get("/sandbox/tiktok/call-rates"))) {
            shop = shopId.equals(rate.path("shopId").asText()) ? rate : shop;
        }
        assertThat(shop).as("call rates of shop %s", shopId).isNotNull();
        assertThat(shop.path("calls").asLong()).isEqualTo(3);
        assertThat(shop.path("peakPerSecond").asLong()).isBetween(1L, 3L);
    }

    @Test
    void answersTheBaselineRequestWith200AndNothingElse() {
        var answer = new PartnerCalls(port, app).postJson("/sandbox/baseline", "{\"type\":12}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
    }
}
