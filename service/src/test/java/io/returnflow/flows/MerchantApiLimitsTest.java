package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;
import io.returnflow.support.TikTokWebhookClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * The webhook intake keeps answering while merchant API calls hang on a partner: on a server of 24
 * threads (the sandbox partners share them: a held merchant call holds two), merchant keys may
 * hold at most 6 calls in all and 3 each; the rest are answered at once with 429 or 503 and
 * Retry-After.
 */
@ServiceTest
@TestPropertySource(properties = {
        "server.tomcat.threads.max=24",
        "app.api.limits.max-concurrent=6",
        "app.api.limits.max-concurrent-per-key=3",
        "app.api.limits.requests-per-second-per-key=20"})
class MerchantApiLimitsTest {

    private static final String REJECT_REASONS = "/sandbox/tiktok/return_refund/202309/reject_reasons";

    @Value("${local.server.port}")
    int port;
    @Autowired
    TikTokWebhookClient tiktok;

    private ApiClient api() {
        return new ApiClient(port);
    }

    @AfterEach
    void clearFaults() {
        api().delete("/sandbox/faults", null);
    }

    @Test
    void theIntakeAnswersWhileMerchantCallsAreHeldByAPartnerThatHangs() throws Exception {
        ReturnFlowFixture merchant = new ReturnFlowFixture(api(), ReturnFlowFixture.sandboxShopify(api()), "shpat_sandbox");
        String returnId = merchant.awaitReturn(merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText()).path("id").asText();
        List<String> keys = List.of(merchant.apiKey, api().createApiKey(merchant.merchantId), api().createApiKey(merchant.merchantId));
        // TikTok hangs: every reject-reasons call is held 4 s (then answered)
        assertThat(api().postJson("/sandbox/faults", null,
                "{\"pathPrefix\": \"" + REJECT_REASONS + "\", \"delayMillis\": 4000, \"seconds\": 30}").statusCode()).isEqualTo(201);

        ExecutorService merchants = Executors.newFixedThreadPool(30);
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                String key = keys.get(i % keys.size());
                calls.add(merchants.submit(() -> api().get("/api/returns/" + returnId + "/reject-reasons", key)));
            }
            Thread.sleep(500); // the calls are in: those let through wait on TikTok

            long slowest = 0;
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = tiktok.deliver(tiktok.envelope(1, TikTokWebhookClient.newId(), "shop-" + i, "{}"));
                slowest = Math.max(slowest, System.nanoTime() - start);
                assertThat(answer.statusCode()).isEqualTo(200);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(slowest)).as("no webhook waited for the held calls").isLessThan(2_000);

            int held = 0;
            int limited = 0;
            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> answer = call.get(30, TimeUnit.SECONDS);
                if (answer.statusCode() == 200) {
                    held++;
                } else {
                    assertThat(answer.statusCode()).isIn(429, 503);
                    assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
                    assertThat(ApiClient.json(answer).path("error").asText()).isNotBlank();
                    limited++;
                }
            }
            assertThat(held).as("at most 6 merchant calls in progress at once").isBetween(1, 6);
            assertThat(limited).isEqualTo(30 - held);
        } finally {
            merchants.shutdownNow();
        }
    }

    @Test
    void answersAKeyOverItsRateWith429AndRetryAfterAndLeavesTheOtherKeysAlone() throws Exception {
        ApiClient api = api();
        String merchant = ApiClient.uniqueMerchantId();
        api.createMerchant(merchant);
        String busy = api.createApiKey(merchant);
        String other = api.createApiKey(merchant);

        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                answers.add(pool.submit(() -> api.get("/api/me", busy)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> got = answer.get(30, TimeUnit.SECONDS);
                statuses.add(got.statusCode());
                if (got.statusCode() == 429) {
                    assertThat(got.headers().firstValue("Retry-After")).hasValue("1");
                }
            }
            assertThat(statuses).contains(200, 429).containsOnly(200, 429);
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.get("/api/me", other).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/me", ApiClient.ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }
}
