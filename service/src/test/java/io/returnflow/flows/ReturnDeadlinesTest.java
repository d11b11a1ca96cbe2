package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * TikTok's deadline on every open return (seller_next_action_response[].deadline): shown on the
 * return, followed on every re-read, listed soonest first, counted in the summary and the metrics,
 * and a deadline TikTok decided on by itself counted as missed.
 */
@ServiceTest
class ReturnDeadlinesTest {

    @Value("${server.port}")
    int port;
    @Autowired
    MeterRegistry meters;

    @Test
    void aReturnShowsTikTokDeadlineForItsNextAction() {
        ReturnFlowFixture merchant = merchant();
        JsonNode asked = merchant.buyerAsksForReturnDueIn("RETURN_AND_REFUND", "PT3H");

        JsonNode ret = one(merchant, merchant.awaitReturn(asked.path("returnId").asText()));

        assertThat(Instant.parse(ret.path("tiktok").path("deadline").asText())).isEqualTo(sandboxDeadline(merchant, asked));
        assertThat(ret.path("tiktok").path("deadlineAction").asText()).isEqualTo("SELLER_RESPOND_RETURN");
    }

    @Test
    void theDeadlineFollowsEveryReReadAndEndsWhenTikTokWaitsForNothing() {
        ReturnFlowFixture merchant = merchant();
        JsonNode asked = merchant.buyerAsksForReturnDueIn("RETURN_AND_REFUND", "PT3H");
        JsonNode ret = merchant.awaitReturn(asked.path("returnId").asText());
        String returnId = asked.path("returnId").asText();

        merchant.api.postJson("/sandbox/tiktok/returns/" + returnId + "/deadline", null, "{\"in\": \"PT30M\"}");
        merchant.api.post("/sandbox/tiktok/returns/" + returnId + "/webhook", null);
        Instant moved = sandboxDeadline(merchant, asked);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                one(merchant, ret).path("tiktok").path("deadline").asText()).isEqualTo(moved.toString()));

        decide(merchant, ret, "APPROVE");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode approved = one(merchant, ret);
            assertThat(approved.path("tiktok").path("status").asText()).isEqualTo("AWAITING_BUYER_SHIP");
            assertThat(approved.path("tiktok").path("deadline").isNull()).isTrue();
            assertThat(approved.path("tiktok").path("deadlineAction").isNull()).isTrue();
        });
    }

    @Test
    void dueWithinListsOpenReturnsByDeadlineSoonestFirstPageByPage() {
        ReturnFlowFixture merchant = merchant();
        String inFiveHours = recorded(merchant, "PT5H");
        String inOneHour = recorded(merchant, "PT1H");
        String overdue = recorded(merchant, "-PT1H");
        recorded(merchant, "P3D");
        String decided = recorded(merchant, "PT2H");
        decide(merchant, one(merchant, decided), "APPROVE");

        JsonNode first = list(merchant, "/api/returns?dueWithin=PT24H&limit=2");
        JsonNode second = list(merchant, "/api/returns?dueWithin=PT24H&limit=2&cursor=" + first.path("nextCursor").asText());

        List<String> listed = new ArrayList<>();
        first.path("returns").forEach(r -> listed.add(r.path("id").asText()));
        second.path("returns").forEach(r -> listed.add(r.path("id").asText()));
        assertThat(listed).containsExactly(overdue, inOneHour, inFiveHours);
        assertThat(second.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void aDueWithinThatIsNoDurationIsRefusedSayingWhatItTakes() {
        ReturnFlowFixture merchant = merchant();

        HttpResponse<String> answer = merchant.api.get("/api/returns?dueWithin=tomorrow", merchant.apiKey);
        HttpResponse<String> negative = merchant.api.get("/api/returns?dueWithin=-PT1H", merchant.apiKey);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("dueWithin must be a positive ISO-8601 duration");
        assertThat(negative.statusCode()).isEqualTo(400);
    }

    @Test
    void theSummaryCountsOpenReturnsDueWithin24HoursAndOverdue() {
        ReturnFlowFixture merchant = merchant();
        recorded(merchant, "PT2H");
        recorded(merchant, "PT20H");
        recorded(merchant, "-PT10M");
        recorded(merchant, "P2D");

        JsonNode summary = ApiClient.json(merchant.api.get("/api/returns/summary", merchant.apiKey));

        assertThat(summary.path("dueWithin24h").asLong()).isEqualTo(2);
        assertThat(summary.path("overdue").asLong()).isEqualTo(1);
        assertThat(summary.path("needsAttention").asLong()).isEqualTo(4);
    }

    @Test
    void theMetricsShowOpenReturnsDueSoonAndOverdue() {
        ReturnFlowFixture merchant = merchant();
        double dueBefore = meters.get("returns.deadlines.due").gauge().value();
        double overdueBefore = meters.get("returns.deadlines.overdue").gauge().value();
        recorded(merchant, "PT1H");
        recorded(merchant, "-PT1H");

        assertThat(meters.get("returns.deadlines.due").gauge().value()).isEqualTo(dueBefore + 1);
        assertThat(meters.get("returns.deadlines.overdue").gauge().value()).isEqualTo(overdueBefore + 1);
    }

    @Test
    void aDeadlineTikTokDecidedOnByItselfIsCountedMissedAndMarkedInHistory() {
        ReturnFlowFixture merchant = merchant();
        double missedBefore = missed();
        String returnId = recorded(merchant, "-PT5M");
        String tiktokReturnId = one(merchant, returnId).path("tiktok").path("returnId").asText();

        HttpResponse<String> passed = merchant.api.postJson("/sandbox/tiktok/returns/" + tiktokReturnId + "/deadline-passes",
                null, "{}");
        assertThat(passed.statusCode()).as(passed.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(one(merchant, returnId).path("state").asText()).isEqualTo("APPROVED"));
        assertThat(missed()).isEqualTo(missedBefore + 1);
        assertThat(merchant.api.get("/api/returns/" + returnId + "/events", merchant.apiKey).body())
                .contains("Deadline missed: TIKTOK moved on to AWAITING_BUYER_SHIP without the merchant's decision");
    }

    @Test
    void aDeadlineMetBeforeTikTokMovesOnIsNotMissed() {
        ReturnFlowFixture merchant = merchant();
        double missedBefore = missed();
        String returnId = recorded(merchant, "PT1H");

        decide(merchant, one(merchant, returnId), "APPROVE");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                one(merchant, returnId).path("tiktok").path("status").asText()).isEqualTo("AWAITING_BUYER_SHIP"));
        assertThat(missed()).isEqualTo(missedBefore);
    }

    private ReturnFlowFixture merchant() {
        ApiClient api = new ApiClient(port);
        return new ReturnFlowFixture(api, ReturnFlowFixture.sandboxShopify(api), "shpat_sandbox");
    }

    /** A RETURN_AND_REFUND return due at {@code deadlineIn} from now, as the service recorded it; answers its id. */
    private static String recorded(ReturnFlowFixture merchant, String deadlineIn) {
        JsonNode asked = merchant.buyerAsksForReturnDueIn("RETURN_AND_REFUND", deadlineIn);
        return merchant.awaitReturn(asked.path("returnId").asText()).path("id").asText();
    }

    private static Instant sandboxDeadline(ReturnFlowFixture merchant, JsonNode asked) {
        JsonNode shown = ApiClient.json(merchant.api.get("/sandbox/tiktok/returns/" + asked.path("returnId").asText(), null));
        return Instant.ofEpochSecond(shown.path("deadline").asLong());
    }

    private double missed() {
        Counter counter = meters.find("returns.deadlines.missed").tag("source", "TIKTOK").counter();
        return counter == null ? 0 : counter.count();
    }

    private static JsonNode one(ReturnFlowFixture merchant, JsonNode ret) {
        return one(merchant, ret.path("id").asText());
    }

    private static JsonNode one(ReturnFlowFixture merchant, String id) {
        return ApiClient.json(merchant.api.get("/api/returns/" + id, merchant.apiKey));
    }

    private static JsonNode list(ReturnFlowFixture merchant, String path) {
        HttpResponse<String> answer = merchant.api.get(path, merchant.apiKey);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return ApiClient.json(answer);
    }

    private static void decide(ReturnFlowFixture merchant, JsonNode ret, String verdict) {
        HttpResponse<String> answer = merchant.api.postJson("/api/returns/" + ret.path("id").asText() + "/decision",
                merchant.apiKey, "{\"items\":[{\"itemId\":\"%s\",\"decision\":\"%s\"}]}"
                        .formatted(ret.path("items").get(0).path("id").asText(), verdict));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }
}
