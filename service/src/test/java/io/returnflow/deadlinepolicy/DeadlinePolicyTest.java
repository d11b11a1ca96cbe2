package io.returnflow.deadlinepolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.flows.ReturnFlowFixture;
import io.returnflow.support.ApiClient;
import io.returnflow.support.BrokerProbe;
import io.returnflow.support.MutableClock;
import io.returnflow.support.NoticeReceiver;
import io.returnflow.support.RouteRounds;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The merchant's deadline policy through the real server, broker, database and sandbox TikTok: it
 * warns once per warning, decides once at its time (synced to TikTok like any decision), leaves a
 * return it would not decide saying why, and does nothing when off or when the merchant decided.
 */
@ServiceTest
class DeadlinePolicyTest {

    static final String NOTICES = "merchant.notices.webhook";

    @Value("${server.port}")
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient db;
    @Autowired
    BrokerProbe broker;
    @Autowired
    DeadlinePolicyRounds rounds;

    private NoticeReceiver receiver;
    private ReturnFlowFixture merchant;

    @BeforeEach
    void merchantWithAReceiver() {
        receiver = NoticeReceiver.start();
        merchant = ReturnFlowFixture.withSections(new ApiClient(port), Map.of());
        HttpResponse<String> set = merchant.api.put("/api/merchants/" + merchant.merchantId + "/notifications", merchant.apiKey,
                "{\"webhookUrl\": \"" + receiver.url() + "\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    }

    @AfterEach
    void putBack() {
        clock.reset();
        receiver.close();
    }

    @Test
    void aComingDeadlineIsWarnedOncePerWarning() {
        setPolicy("{\"warnBefore\": [\"PT24H\", \"PT4H\"]}");
        JsonNode ret = returnDueIn("PT5H");

        JsonNode first = receiver.await("DEADLINE_APPROACHING", 1).get(0);
        quiet();
        assertThat(receiver.of("DEADLINE_APPROACHING")).hasSize(1);
        assertThat(first.path("returnId").asText()).isEqualTo(ret.path("id").asText());
        assertThat(first.path("text").asText()).contains("TikTok's deadline comes in 4 h 5").contains("warned 1 d before");

        clock.advance(Duration.ofMinutes(70));
        JsonNode second = receiver.await("DEADLINE_APPROACHING", 2).get(1);
        quiet();
        assertThat(receiver.of("DEADLINE_APPROACHING")).hasSize(2);
        assertThat(second.path("text").asText()).contains("warned 4 h before");
        assertThat(events(ret)).contains("Deadline policy warned");
    }

    @Test
    void aWarningGivenIsNoLongerDueInTheNextRounds() {
        setPolicy("{\"warnBefore\": [\"PT24H\"]}");
        JsonNode ret = returnDueIn("PT5H");
        receiver.await("DEADLINE_APPROACHING", 1);
        quiet();

        // its only warning was given (and nothing is left for a later test's clock to set off)
        assertThat(rounds.due()).extracting(DeadlinePolicyRounds.Due::returnId).doesNotContain(ret.path("id").asText());
    }

    @Test
    void theDefaultDecisionIsTakenOnceAtItsTimeAndSyncedToTikTok() {
        setPolicy(approveUpTo("1000.00"));
        JsonNode ret = returnDueIn("PT30M");

        JsonNode synced = awaitSync(ret, "SYNCED");
        JsonNode notice = receiver.await("POLICY_DECISION", 1).get(0);
        quiet();

        assertThat(synced.path("state").asText()).isEqualTo("APPROVED");
        await().atMost(Duration.ofSeconds(15)).until(() -> one(ret).path("tiktok").path("status").asText(),
                "AWAITING_BUYER_SHIP"::equals);
        assertThat(decisions(ret)).isEqualTo(1);
        assertThat(receiver.of("POLICY_DECISION")).hasSize(1);
        assertThat(notice.path("text").asText()).contains("The deadline policy decided: approve every item");
        assertThat(events(ret)).contains("Decided by the deadline policy: approve every item");
        assertThat(plan(ret).path("decision").path("status").asText()).isEqualTo("DECIDED");
        assertThat(meters.get("returns.deadline_policy.actions").tag("outcome", "DECIDED").counter().count()).isPositive();
    }

    @Test
    void approveUpToLeavesAReturnWhoseRefundIsOverTheAmountAndSaysWhy() {
        setPolicy(approveUpTo("0.01"));
        JsonNode ret = returnDueIn("PT30M");

        await().atMost(Duration.ofSeconds(20)).until(() -> events(ret).contains("Deadline policy did not decide"));
        quiet();

        assertThat(one(ret).path("state").asText()).isEqualTo("OPEN");
        assertThat(decisions(ret)).isZero();
        assertThat(events(ret)).contains("is over 0.01 USD");
        JsonNode plan = plan(ret);
        assertThat(plan.path("decision").path("status").asText()).isEqualTo("SKIPPED");
        assertThat(plan.path("summary").asText()).contains("did not decide").contains("is over 0.01 USD");
    }

    @Test
    void rejectSendsTheChosenReasonToTikTok() {
        setPolicy(reject("seller_reject_apply_no_evidence"));
        JsonNode ret = returnDueIn("PT30M");

        JsonNode synced = awaitSync(ret, "SYNCED");

        assertThat(synced.path("state").asText()).isEqualTo("REJECTED");
        assertThat(synced.path("sync").path("decision").asText()).isEqualTo("REJECT_RETURN");
        assertThat(db.sql("SELECT reject_reason FROM return_decisions WHERE return_id = ?").param(ret.path("id").asText())
                .query(String.class).single()).isEqualTo("seller_reject_apply_no_evidence");
        assertThat(events(ret)).contains("Decided by the deadline policy: reject every item with the reason"
                + " seller_reject_apply_no_evidence");
    }

    @Test
    void aRejectReasonTikTokDoesNotListForTheReturnIsNotSentAndSaysWhy() {
        setPolicy(reject("seller_reject_made_up"));
        JsonNode ret = returnDueIn("PT30M");

        await().atMost(Duration.ofSeconds(20)).until(() -> events(ret).contains("Deadline policy did not decide"));

        assertThat(decisions(ret)).isZero();
        assertThat(events(ret)).contains("seller_reject_made_up is not one of the return's reject reasons");
    }

    @Test
    void aPolicyTurnedOffDoesNothingAndStopsWhatWasPending() {
        setPolicy("{\"warnBefore\": [\"PT1H\"], \"defaultDecision\": {\"type\": \"APPROVE_UP_TO\", \"before\": \"PT30M\","
                + " \"maxRefund\": {\"amount\": \"1000.00\", \"currency\": \"USD\"}}}");
        JsonNode ret = returnDueIn("PT3H");
        setPolicy("{\"enabled\": false, \"warnBefore\": [\"PT1H\"], \"defaultDecision\": {\"type\": \"APPROVE_UP_TO\","
                + " \"before\": \"PT30M\", \"maxRefund\": {\"amount\": \"1000.00\", \"currency\": \"USD\"}}}");

        clock.advance(Duration.ofMinutes(160));
        quiet();

        assertThat(one(ret).path("state").asText()).isEqualTo("OPEN");
        assertThat(decisions(ret)).isZero();
        assertThat(receiver.of("DEADLINE_APPROACHING")).isEmpty();
        assertThat(actions(ret)).isZero();
        assertThat(plan(ret).path("summary").asText()).contains("The deadline policy is off");
    }

    @Test
    void aMerchantDecisionBeforeThePolicyTimeWins() {
        setPolicy(approveUpTo("1000.00").replace("PT1H", "PT30M"));
        JsonNode ret = returnDueIn("PT3H");
        HttpResponse<String> decided = merchant.api.postJson("/api/returns/" + ret.path("id").asText() + "/decision",
                merchant.apiKey, "{\"items\":[{\"itemId\":\"%s\",\"decision\":\"REJECT\"}], \"rejectReason\":"
                        .formatted(ret.path("items").get(0).path("id").asText()) + " \"seller_reject_apply_no_evidence\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(202);
        awaitSync(ret, "SYNCED");

        clock.advance(Duration.ofMinutes(160));
        quiet();

        assertThat(one(ret).path("state").asText()).isEqualTo("REJECTED");
        assertThat(decisions(ret)).isEqualTo(1);
        assertThat(actions(ret)).isZero();
        assertThat(receiver.of("POLICY_DECISION")).isEmpty();
    }

    @Test
    void aPolicyThatDoesNotReadIsRefusedNamingEveryField() {
        HttpResponse<String> refused = merchant.api.put(policyPath(), merchant.apiKey,
                "{\"warnBefore\": [\"tomorrow\"], \"defaultDecision\": {\"type\": \"APPROVE_UP_TO\", \"before\": \"PT1H\"}}");
        HttpResponse<String> noReason = merchant.api.put(policyPath(), merchant.apiKey,
                "{\"defaultDecision\": {\"type\": \"REJECT\", \"before\": \"PT1H\"}}");
        HttpResponse<String> unknownType = merchant.api.put(policyPath(), merchant.apiKey,
                "{\"defaultDecision\": {\"type\": \"REFUND_ALL\"}}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(refused).path("error").asText())
                .contains("warnBefore[0] must be a positive ISO-8601 duration")
                .contains("defaultDecision.maxRefund is required for APPROVE_UP_TO");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("defaultDecision.rejectReason is required for REJECT");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(unknownType.body()).contains("defaultDecision.type must be NONE, APPROVE_UP_TO or REJECT");
        assertThat(ApiClient.json(merchant.api.get(policyPath(), merchant.apiKey)).path("enabled").asBoolean())
                .as("the stored policy is untouched").isFalse();
    }

    @Test
    void theMerchantDocumentCarriesThePolicyAndRefusesABadOne() {
        setPolicy(approveUpTo("25.00"));
        JsonNode document = ApiClient.json(merchant.api.get("/api/admin/merchants/" + merchant.merchantId, ApiClient.ADMIN_TOKEN));
        JsonNode policy = document.path("returns").path("deadlinePolicy");
        assertThat(policy.path("defaultDecision").path("maxRefund").path("amount").asText()).isEqualTo("25.00");

        ((com.fasterxml.jackson.databind.node.ObjectNode) document.path("returns")).putObject("deadlinePolicy")
                .putArray("warnBefore").add("-PT1H");
        HttpResponse<String> refused = merchant.api.put("/api/admin/merchants/" + merchant.merchantId, ApiClient.ADMIN_TOKEN,
                document.toString());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid merchant: returns.deadlinePolicy.warnBefore[0] must be a positive");
    }

    private void setPolicy(String policy) {
        HttpResponse<String> set = merchant.api.put(policyPath(), merchant.apiKey, policy);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    }

    private String policyPath() {
        return "/api/merchants/" + merchant.merchantId + "/deadline-policy";
    }

    static String approveUpTo(String amount) {
        return "{\"defaultDecision\": {\"type\": \"APPROVE_UP_TO\", \"before\": \"PT1H\", \"maxRefund\": {\"amount\": \"%s\","
                .formatted(amount) + " \"currency\": \"USD\"}}}";
    }

    private static String reject(String reason) {
        return "{\"defaultDecision\": {\"type\": \"REJECT\", \"before\": \"PT1H\", \"rejectReason\": \"%s\"}}".formatted(reason);
    }

    private JsonNode returnDueIn(String in) {
        return merchant.awaitReturn(merchant.buyerAsksForReturnDueIn("RETURN_AND_REFUND", in).path("returnId").asText());
    }

    private JsonNode awaitSync(JsonNode ret, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> one(ret), r -> status.equals(r.path("sync").path("status").asText()));
    }

    /** A few policy rounds pass and every notice raised is delivered: what did not happen will not. */
    private void quiet() {
        RouteRounds.awaitRounds(meters, "deadline-policy", 3);
        broker.awaitSettled(NOTICES);
    }

    private JsonNode one(JsonNode ret) {
        return ApiClient.json(merchant.api.get("/api/returns/" + ret.path("id").asText(), merchant.apiKey));
    }

    private JsonNode plan(JsonNode ret) {
        HttpResponse<String> plan = merchant.api.get("/api/returns/" + ret.path("id").asText() + "/deadline-policy", merchant.apiKey);
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        return ApiClient.json(plan);
    }

    private String events(JsonNode ret) {
        return merchant.api.get("/api/returns/" + ret.path("id").asText() + "/events", merchant.apiKey).body();
    }

    private long decisions(JsonNode ret) {
        return db.sql("SELECT COUNT(*) FROM return_decisions WHERE return_id = ?").param(ret.path("id").asText())
                .query(Long.class).single();
    }

    private long actions(JsonNode ret) {
        return db.sql("SELECT COUNT(*) FROM deadline_policy_actions WHERE return_id = ?").param(ret.path("id").asText())
                .query(Long.class).single();
    }
}
