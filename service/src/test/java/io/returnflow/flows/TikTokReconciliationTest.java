package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;
import io.returnflow.tiktok.TikTokReconcileRounds;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reconciliation behind the webhooks: a shop's round searches the sandbox TikTok for the returns it
 * updated since the last round, and the ones the webhooks never brought (or brought late) are
 * recorded through the usual flow, marked in their history and counted.
 */
@ServiceTest
class TikTokReconciliationTest {

    @Value("${server.port}")
    int port;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient db;
    @Autowired
    Clock clock;
    @Autowired
    org.apache.camel.CamelContext camel;

    @Test
    void aReturnWhoseWebhooksWereAllLostIsRecordedByReconciliation() {
        ReturnFlowFixture merchant = merchant();
        double before = found("missed");
        String tiktokReturnId = merchant.buyerAsksForReturnLater().path("returnId").asText();

        JsonNode round = reconcile(merchant);

        assertThat(round.path("missed").asLong()).isEqualTo(1);
        assertThat(round.path("behind").asLong()).isZero();
        JsonNode ret = merchant.awaitReturn(tiktokReturnId);
        assertThat(ret.path("state").asText()).isEqualTo("OPEN");
        assertThat(ret.path("items").size()).isEqualTo(2);
        assertThat(merchant.api.get("/api/returns/" + ret.path("id").asText() + "/events", merchant.apiKey).body())
                .contains("Found by reconciliation, no webhook brought it: TikTok event type 12: RETURN_OR_REFUND_REQUEST_PENDING");
        assertThat(found("missed")).isEqualTo(before + 1);
    }

    @Test
    void aStatusChangeWhoseWebhookNeverArrivedIsAppliedByReconciliation() {
        ReturnFlowFixture merchant = merchant();
        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1).path("returnId").asText();
        JsonNode ret = merchant.awaitReturn(tiktokReturnId);
        HttpResponse<String> cancelled = merchant.api.postJson("/sandbox/tiktok/returns/" + tiktokReturnId + "/cancel", null,
                "{\"deliverWebhook\": false}");
        assertThat(cancelled.statusCode()).isEqualTo(200);

        JsonNode round = reconcile(merchant);

        assertThat(round.path("behind").asLong()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ApiClient.json(merchant.api.get(
                "/api/returns/" + ret.path("id").asText(), merchant.apiKey)).path("state").asText()).isEqualTo("CANCELLED"));
    }

    @Test
    void aCancellationRequestWhoseWebhooksWereAllLostIsRecordedByReconciliation() {
        ReturnFlowFixture merchant = merchant();
        String cancelId = TikTokCancellationTest.buyerCancels(merchant, false).path("cancelId").asText();

        JsonNode round = reconcile(merchant);

        assertThat(round.path("missed").asLong()).isEqualTo(1);
        JsonNode recorded = merchant.awaitReturn(cancelId);
        assertThat(recorded.path("kind").asText()).isEqualTo("CANCELLATION");
        assertThat(recorded.path("state").asText()).isEqualTo("OPEN");
        assertThat(merchant.api.get("/api/returns/" + recorded.path("id").asText() + "/events", merchant.apiKey).body())
                .contains("Found by reconciliation, no webhook brought it: TikTok event type 11: CANCELLATION_REQUEST_PENDING");
    }

    @Test
    void aRoundAfterAnotherSearchesFromItsEndLessTheOverlapAndFindsNothingUpToDate() {
        ReturnFlowFixture merchant = merchant();
        merchant.awaitReturn(merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText());
        JsonNode first = reconcile(merchant);

        JsonNode second = reconcile(merchant);

        assertThat(first.path("missed").asLong() + first.path("behind").asLong()).isZero();
        assertThat(second.path("missed").asLong() + second.path("behind").asLong()).isZero();
        assertThat(Instant.parse(second.path("searchedFrom").asText()))
                .isEqualTo(Instant.parse(first.path("searchedUntil").asText()).minus(Duration.ofMinutes(10)));
    }

    @Test
    void twoInstancesOnOneDatabaseRunAShopsRoundOneAtATime() {
        ReturnFlowFixture merchant = merchant();
        TikTokReconcileRounds one = instance();
        TikTokReconcileRounds other = instance();

        var taken = one.take(merchant.shopId, false);

        assertThat(taken).isPresent();
        assertThat(other.take(merchant.shopId, true)).as("leased by the first instance").isEmpty();
        one.completed(taken.orElseThrow());
        assertThat(other.take(merchant.shopId, false)).as("not due before the interval").isEmpty();
        assertThat(other.take(merchant.shopId, true)).as("asked for now, nobody on it").isPresent();
    }

    @Test
    void theTimerRunsTheDueRoundOfEveryConnectedShop() throws Exception {
        ReturnFlowFixture merchant = merchant();
        String tiktokReturnId = merchant.buyerAsksForReturnLater().path("returnId").asText();
        onlyDue(merchant.shopId);

        camel.getRouteController().startRoute("tiktok-reconcile");
        try {
            assertThat(merchant.awaitReturn(tiktokReturnId).path("state").asText()).isEqualTo("OPEN");
        } finally {
            camel.getRouteController().stopRoute("tiktok-reconcile");
        }
    }

    @Test
    void aShopNobodyConnectedIsNotReconciled() {
        HttpResponse<String> answer = new ApiClient(port).post("/api/admin/tiktok/shops/7000000000000000001/reconcile",
                ApiClient.ADMIN_TOKEN);

        assertThat(answer.statusCode()).isEqualTo(404);
    }

    /**
     * Every other shop of the shared test database is not due for a day: their tests keep returns
     * from the service on purpose, and the timer would find them.
     */
    private void onlyDue(String shopId) {
        java.sql.Timestamp tomorrow = java.sql.Timestamp.from(clock.instant().plus(Duration.ofDays(1)));
        db.sql("""
                        INSERT INTO tiktok_reconcile_rounds (shop_id, next_round_at)
                        SELECT s.shop_id, ? FROM tiktok_shops s
                        WHERE s.shop_id <> ? AND NOT EXISTS (SELECT 1 FROM tiktok_reconcile_rounds r WHERE r.shop_id = s.shop_id)""")
                .params(tomorrow, shopId).update();
        db.sql("UPDATE tiktok_reconcile_rounds SET next_round_at = ? WHERE shop_id <> ?").params(tomorrow, shopId).update();
    }

    private TikTokReconcileRounds instance() {
        return new TikTokReconcileRounds(db, clock, Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofDays(3),
                Duration.ofMinutes(5));
    }

    private ReturnFlowFixture merchant() {
        ApiClient api = new ApiClient(port);
        return new ReturnFlowFixture(api, ReturnFlowFixture.sandboxShopify(api), "shpat_sandbox");
    }

    private static JsonNode reconcile(ReturnFlowFixture merchant) {
        HttpResponse<String> answer = merchant.api.post("/api/admin/tiktok/shops/" + merchant.shopId + "/reconcile",
                ApiClient.ADMIN_TOKEN);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return ApiClient.json(answer);
    }

    private double found(String kind) {
        Counter counter = meters.find("tiktok.reconcile.found").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }
}
