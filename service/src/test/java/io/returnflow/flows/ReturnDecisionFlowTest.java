package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Topic;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.BrokerProbe;
import io.returnflow.support.DeadLetters;
import io.returnflow.support.ServiceTest;

import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jms.core.JmsTemplate;

/**
 * The merchant's decision, end to end: the merchant API, the decision sync queue, the sandbox TikTok
 * taking (or refusing) the decision as TikTok does, and its status webhook bringing the return in step.
 */
@ServiceTest
class ReturnDecisionFlowTest {

    private static final String PARTNER_API = "/sandbox/tiktok/return_refund/202309";
    private static final String REQUEST_REASON = "seller_reject_apply_no_evidence";
    private static final String RECEIPT_REASON = "seller_reject_receive_wrong_item";
    /** The sync's own queue of the multicast address: sends to it go as a topic, to that one queue. */
    private static final Topic SYNC_QUEUE = ActiveMQJMSClient.createTopic("returns.decided::returns.decided.tiktok");

    @Autowired
    JmsTemplate jms;
    @Autowired
    ConnectionFactory connections;
    @Autowired
    BrokerProbe broker;
    @Value("${server.port}")
    int port;

    @AfterEach
    void clearFaults() {
        api().delete("/sandbox/faults", null);
    }

    // --- the decision each return type and next action gets -------------------------------------------

    @ParameterizedTest(name = "{0}: {1}, TikTok then {2}")
    @CsvSource({
            "REFUND,            APPROVE_REFUND,      RETURN_OR_REFUND_REQUEST_SUCCESS, COMPLETED",
            "RETURN_AND_REFUND, APPROVE_RETURN,      AWAITING_BUYER_SHIP,              APPROVED",
            "REPLACEMENT,       APPROVE_REPLACEMENT, AWAITING_BUYER_SHIP,              APPROVED"})
    void approvingEveryItemApprovesTheRequest(String returnType, String decision, String tiktokStatus, String state) {
        Recorded ret = openReturn(merchant(), returnType, 2);

        HttpResponse<String> answer = decide(ret, items(ret, "APPROVE", "APPROVE"));

        assertThat(answer.statusCode()).isEqualTo(202);
        JsonNode accepted = ApiClient.json(answer);
        assertThat(accepted.path("state").asText()).isEqualTo("APPROVED");
        assertThat(accepted.path("items")).allSatisfy(item -> assertThat(item.path("decision").asText()).isEqualTo("APPROVED"));
        assertThat(accepted.path("sync").path("status").asText()).isIn("PENDING", "SYNCED");
        assertThat(accepted.path("sync").path("decision").asText()).isEqualTo(decision);
        JsonNode synced = awaitSync(ret, "SYNCED");
        assertThat(synced.path("sync").path("decision").asText()).isEqualTo(decision);
        assertThat(sandbox(ret).path("returnStatus").asText()).isEqualTo(tiktokStatus);
        assertThat(effectiveCalls(ret)).singleElement().satisfies(call -> {
            assertThat(call.path("decision").asText()).isEqualTo(decision);
            assertThat(call.path("code").asLong()).isZero();
        });
        JsonNode inStep = awaitReturn(ret, r -> r.path("tiktok").path("status").asText().equals(tiktokStatus));
        assertThat(inStep.path("state").asText()).isEqualTo(state);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "REFUND,            REJECT_REFUND,      REFUND_OR_RETURN_REQUEST_REJECT",
            "RETURN_AND_REFUND, REJECT_RETURN,      REFUND_OR_RETURN_REQUEST_REJECT",
            "REPLACEMENT,       REJECT_REPLACEMENT, REPLACEMENT_REQUEST_REJECT"})
    void rejectingEveryItemRejectsTheRequestWithTheReason(String returnType, String decision, String tiktokStatus) {
        Recorded ret = openReturn(merchant(), returnType, 2);

        HttpResponse<String> answer = decide(ret, items(ret, "REJECT", "REJECT")
                + ", \"rejectReason\": \"" + REQUEST_REASON + "\", \"comment\": \"no photos of the defect\"");

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(ApiClient.json(answer).path("state").asText()).isEqualTo("REJECTED");
        awaitSync(ret, "SYNCED");
        assertThat(effectiveCalls(ret)).singleElement().satisfies(call -> {
            assertThat(call.path("decision").asText()).isEqualTo(decision);
            assertThat(call.path("body").path("reject_reason").asText()).isEqualTo(REQUEST_REASON);
            assertThat(call.path("body").path("comment").asText()).isEqualTo("no photos of the defect");
        });
        JsonNode inStep = awaitReturn(ret, r -> r.path("tiktok").path("status").asText().equals(tiktokStatus));
        assertThat(inStep.path("state").asText()).isEqualTo("REJECTED");
        assertThat(inStep.path("tiktok").path("nextAction").isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0}, {1} on receipt: {2}, TikTok then {3}")
    @CsvSource({
            "RETURN_AND_REFUND, APPROVE, APPROVE_RECEIVED_PACKAGE, RETURN_OR_REFUND_REQUEST_SUCCESS, COMPLETED",
            "RETURN_AND_REFUND, REJECT,  REJECT_RECEIVED_PACKAGE,  REJECT_RECEIVE_PACKAGE,           REJECTED",
            "REPLACEMENT,       APPROVE, APPROVE_RECEIVED_PACKAGE, REPLACEMENT_REQUEST_COMPLETE,     COMPLETED",
            "REPLACEMENT,       REJECT,  REJECT_RECEIVED_PACKAGE,  REJECT_RECEIVE_PACKAGE,           REJECTED"})
    void onceTheBuyerShippedTheDecisionIsOnTheReceivedPackage(String returnType, String verdict, String decision,
                                                               String tiktokStatus, String state) {
        Recorded ret = openReturn(merchant(), returnType, 1);
        assertThat(decide(ret, items(ret, "APPROVE")).statusCode()).isEqualTo(202);
        awaitReturn(ret, r -> r.path("tiktok").path("status").asText().equals("AWAITING_BUYER_SHIP"));
        assertThat(decide(ret, items(ret, "APPROVE")).statusCode()).as("approved: nothing to decide until it arrives")
                .isEqualTo(409);

        buyerShips(ret);
        JsonNode shipped = awaitReturn(ret, r -> r.path("tiktok").path("nextAction").asText().equals("CONFIRM_RECEIPT"));
        assertThat(shipped.path("state").asText()).isEqualTo("OPEN");
        assertThat(reasonNames(ret)).contains(RECEIPT_REASON).doesNotContain(REQUEST_REASON);

        HttpResponse<String> answer = decide(ret, items(ret, verdict) + ", \"rejectReason\": \"" + RECEIPT_REASON + "\"");

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(ApiClient.json(answer).path("sync").path("decision").asText()).isEqualTo(decision);
        awaitSync(ret, "SYNCED");
        assertThat(effectiveCalls(ret)).extracting(call -> call.path("decision").asText())
                .containsExactly(returnType.equals("REPLACEMENT") ? "APPROVE_REPLACEMENT" : "APPROVE_RETURN", decision);
        JsonNode inStep = awaitReturn(ret, r -> r.path("tiktok").path("status").asText().equals(tiktokStatus));
        assertThat(inStep.path("state").asText()).isEqualTo(state);
    }

    @Test
    void endsTheSyncFailedWithTikToksReasonWhenTikTokArbitratesTheReturnUnbeknownToTheService() {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);
        arbitration(ret, "IN_PROGRESS", false);

        decide(ret, items(ret, "APPROVE"));

        JsonNode failed = awaitSync(ret, "FAILED");
        assertThat(failed.path("sync").path("errorCode").asText()).isEqualTo("25011010");
        assertThat(failed.path("sync").path("error").asText()).contains("arbitration");
        assertThat(effectiveCalls(ret)).as("TikTok took no decision").isEmpty();
    }

    @Test
    void answersConflictToADecisionWhileTikTokArbitratesTheReturn() {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);
        arbitration(ret, "IN_PROGRESS", true);
        awaitReturn(ret, r -> r.path("tiktok").path("arbitrationStatus").asText().equals("IN_PROGRESS"));

        HttpResponse<String> answer = decide(ret, items(ret, "APPROVE"));

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(answer).path("error").asText()).contains("arbitration");
        assertThat(current(ret).path("state").asText()).isEqualTo("OPEN");
        assertThat(effectiveCalls(ret)).as("nothing sent to TikTok").isEmpty();
    }

    @Test
    void takesTheDecisionAgainOnceTikToksArbitrationEnds() {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);
        arbitration(ret, "IN_PROGRESS", true);
        awaitReturn(ret, r -> r.path("tiktok").path("arbitrationStatus").asText().equals("IN_PROGRESS"));
        arbitration(ret, "SUPPORT_SELLER", true);
        awaitReturn(ret, r -> r.path("tiktok").path("arbitrationStatus").asText().equals("SUPPORT_SELLER"));

        assertThat(decide(ret, items(ret, "APPROVE")).statusCode()).isEqualTo(202);

        awaitSync(ret, "SYNCED");
        assertThat(effectiveCalls(ret)).extracting(call -> call.path("decision").asText()).containsExactly("APPROVE_RETURN");
    }

    @Test
    void aMixedDecisionApprovesTheReturnByDefaultAndStaysPartial() {
        Recorded ret = openReturn(merchant("APPROVE_ALL"), "RETURN_AND_REFUND", 2);

        HttpResponse<String> answer = decide(ret, items(ret, "APPROVE", "REJECT"));

        assertThat(ApiClient.json(answer).path("state").asText()).isEqualTo("PARTIALLY_APPROVED");
        awaitSync(ret, "SYNCED");
        assertThat(effectiveCalls(ret)).extracting(call -> call.path("decision").asText()).containsExactly("APPROVE_RETURN");
        JsonNode inStep = awaitReturn(ret, r -> r.path("tiktok").path("status").asText().equals("AWAITING_BUYER_SHIP"));
        assertThat(inStep.path("state").asText()).isEqualTo("PARTIALLY_APPROVED");
        assertThat(inStep.path("items")).extracting(item -> item.path("decision").asText()).containsExactly("APPROVED", "REJECTED");
    }

    @Test
    void aMixedDecisionOffersTheApprovedItemsRefundWhenTheMerchantSaysPartialRefund() {
        Recorded ret = openReturn(merchant("PARTIAL_REFUND"), "RETURN_AND_REFUND", 3); // 25.00 + 12.50

        decide(ret, items(ret, "APPROVE", "REJECT"));

        awaitSync(ret, "SYNCED");
        assertThat(effectiveCalls(ret)).singleElement().satisfies(call -> {
            assertThat(call.path("decision").asText()).isEqualTo("OFFER_PARTIAL_REFUND");
            assertThat(call.path("body").path("partial_refund").path("amount").asText()).isEqualTo("25.00");
            assertThat(call.path("body").path("partial_refund").path("currency").asText()).isEqualTo("USD");
        });
        JsonNode inStep = awaitReturn(ret, r -> r.path("tiktok").path("status").asText().equals("AWAITING_BUYER_RESPONSE"));
        assertThat(inStep.path("state").asText()).as("TikTok waits for the buyer: the decision stands").isEqualTo("PARTIALLY_APPROVED");
    }

    @Test
    void aMixedDecisionIsHeldForAnOperatorWhenTheMerchantSaysManual() {
        Recorded ret = openReturn(merchant("MANUAL"), "RETURN_AND_REFUND", 2);

        JsonNode held = ApiClient.json(decide(ret, items(ret, "REJECT", "APPROVE")));

        assertThat(held.path("sync").path("status").asText()).isEqualTo("PENDING");
        assertThat(held.path("sync").path("decision").isNull()).isTrue();
        assertThat(held.path("sync").path("reason").asText()).contains("MANUAL");
        broker.awaitSettled("returns.decided.tiktok");
        assertThat(sandbox(ret).path("decisionCalls")).as("nothing sent to TikTok").isEmpty();

        // the operator approves in Seller Center: the return moves on, the held sync ends
        sellerCenter(ret, "{\"decision\": \"APPROVE_RETURN\"}");
        JsonNode inStep = awaitReturn(ret, r -> r.path("sync").path("status").asText().equals("SYNCED"));
        assertThat(inStep.path("state").asText()).isEqualTo("PARTIALLY_APPROVED");
        assertThat(inStep.path("tiktok").path("status").asText()).isEqualTo("AWAITING_BUYER_SHIP");
        assertThat(inStep.path("sync").path("reason").asText()).contains("AWAITING_BUYER_SHIP");
    }

    // --- returnless ---------------------------------------------------------------------------------------

    @Test
    void aReturnlessApprovalLetsTheBuyerKeepTheItems() {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);

        assertThat(decide(ret, items(ret, "APPROVE") + ", \"returnless\": true").statusCode()).isEqualTo(202);

        awaitSync(ret, "SYNCED");
        assertThat(effectiveCalls(ret)).singleElement().satisfies(call -> {
            assertThat(call.path("decision").asText()).isEqualTo("APPROVE_RETURN");
            assertThat(call.path("body").path("buyer_keep_item").asBoolean()).isTrue();
        });
        awaitReturn(ret, r -> r.path("state").asText().equals("COMPLETED"));
    }

    @Test
    void aReplacementCannotBeReturnless() {
        Recorded ret = openReturn(merchant(), "REPLACEMENT", 1);

        HttpResponse<String> answer = decide(ret, items(ret, "APPROVE") + ", \"returnless\": true");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(answer).path("error").asText()).contains("returnless");
        assertThat(current(ret).path("state").asText()).isEqualTo("OPEN");
        assertThat(current(ret).path("sync").path("status").asText()).isEqualTo("NONE");
    }

    @Test
    void aReturnAlreadyShippedBackCannotBeReturnless() {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);
        decide(ret, items(ret, "APPROVE"));
        awaitReturn(ret, r -> r.path("tiktok").path("status").asText().equals("AWAITING_BUYER_SHIP"));
        buyerShips(ret);
        awaitReturn(ret, r -> r.path("tiktok").path("nextAction").asText().equals("CONFIRM_RECEIPT"));

        HttpResponse<String> answer = decide(ret, items(ret, "APPROVE") + ", \"returnless\": true");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(answer).path("error").asText()).contains("already shipped");
    }

    // --- reject reasons -----------------------------------------------------------------------------------

    @Test
    void listsTikToksRejectReasonsForTheReturn() {
        Recorded ret = openReturn(merchant(), "REFUND", 1);

        HttpResponse<String> answer = api().get("/api/returns/" + ret.id() + "/reject-reasons", ret.merchant().apiKey);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode reasons = ApiClient.json(answer);
        assertThat(reasons.isArray()).isTrue();
        assertThat(reasons).extracting(reason -> reason.path("name").asText()).contains(REQUEST_REASON);
        assertThat(reasons).allSatisfy(reason -> assertThat(reason.path("text").asText()).isNotBlank());
    }

    @Test
    void answersTheRejectReasonsAgainWithoutAskingTikTokAgain() {
        Recorded ret = openReturn(merchant(), "REFUND", 1);
        List<String> first = reasonNames(ret);
        // were TikTok asked again now, it would answer 503
        arm(PARTNER_API + "/reject_reasons", 503, "", 5);

        HttpResponse<String> again = api().get("/api/returns/" + ret.id() + "/reject-reasons", ret.merchant().apiKey);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(reasonNames(ret)).isEqualTo(first);
        assertThat(ApiClient.json(api().get("/sandbox/faults/hits?pathPrefix=" + PARTNER_API + "/reject_reasons", null)))
                .as("TikTok was not called").isEmpty();
    }

    @Test
    void aRejectReasonOutsideTheReturnsListIsRefused() {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);

        HttpResponse<String> answer = decide(ret, items(ret, "REJECT") + ", \"rejectReason\": \"" + RECEIPT_REASON + "\"");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(answer).path("error").asText()).contains(RECEIPT_REASON).contains(REQUEST_REASON);
        assertThat(current(ret).path("state").asText()).isEqualTo("OPEN");
    }

    @Test
    void rejectingEveryItemNeedsAReason() {
        Recorded ret = openReturn(merchant(), "REFUND", 1);

        HttpResponse<String> answer = decide(ret, items(ret, "REJECT"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(answer).path("error").asText()).contains("rejectReason");
    }

    @Test
    void aReasonRetiredBeforeTheSendStopsTheDecisionBeforeItReachesTikTok() {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);
        // TikTok answers the sync's re-read with 503 twice: the decision waits on the broker meanwhile
        arm("/sandbox/tiktok/return_refund/202309/returns/search", 503, "", 2);
        assertThat(decide(ret, items(ret, "REJECT") + ", \"rejectReason\": \"" + REQUEST_REASON + "\"").statusCode())
                .isEqualTo(202);

        retire(ret, REQUEST_REASON);

        JsonNode failed = awaitSync(ret, "FAILED");
        assertThat(failed.path("sync").path("errorCode").isNull()).isTrue();
        assertThat(failed.path("sync").path("error").asText()).contains(REQUEST_REASON);
        assertThat(sandbox(ret).path("decisionCalls")).isEmpty();
        assertThat(failed.path("state").asText()).isEqualTo("OPEN");
        assertThat(failed.path("items").get(0).path("decision").asText()).isEqualTo("PENDING");
    }

    @Test
    void aReasonRetiredAfterTheLastCheckFailsTheSyncWithTikToksCode() {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);
        retire(ret, REQUEST_REASON);
        // both checks (at the decision, before the send) still get the list from before the retirement
        arm(PARTNER_API + "/reject_reasons", 200, """
                {"code":0,"message":"Success","request_id":"stale","data":{"reasons":[
                 {"name":"%s","text":"The buyer gave no evidence of the problem"}]}}""".formatted(REQUEST_REASON), 2);

        assertThat(decide(ret, items(ret, "REJECT") + ", \"rejectReason\": \"" + REQUEST_REASON + "\"").statusCode())
                .isEqualTo(202);

        JsonNode failed = awaitSync(ret, "FAILED");
        assertThat(failed.path("sync").path("errorCode").asText()).isEqualTo("25001020");
        assertThat(failed.path("sync").path("error").asText()).startsWith("25001020: ").contains("no longer available");
        assertThat(failed.path("sync").path("decision").asText()).isEqualTo("REJECT_RETURN");
        assertThat(failed.path("state").asText()).as("TikTok still waits for the merchant").isEqualTo("OPEN");
        assertThat(sandbox(ret).path("returnStatus").asText()).isEqualTo("RETURN_OR_REFUND_REQUEST_PENDING");

        // the merchant may decide again
        assertThat(decide(ret, items(ret, "APPROVE")).statusCode()).isEqualTo(202);
        awaitSync(ret, "SYNCED");
    }

    // --- the call to TikTok -----------------------------------------------------------------------------

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource(delimiter = '|', value = {
            "503|",
            "429|{\"code\":429,\"message\":\"Too many requests\"}",
            "200|{\"code\":36009003,\"message\":\"Internal error, please try again\"}"})
    void retriesWithTheSameIdempotencyKeyUntilTikTokTakesTheDecision(int status, String body) {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);
        String approve = PARTNER_API + "/returns/" + ret.tiktokReturnId() + "/approve";
        arm(approve, status, body == null ? "" : body, 2);
        long before = broker.messagesAdded("returns.decided.tiktok");

        String decisionId = ApiClient.json(decide(ret, items(ret, "APPROVE"))).path("sync").path("decisionId").asText();

        awaitSync(ret, "SYNCED");
        assertThat(broker.messagesAdded("returns.decided.tiktok"))
                .as("after a quick retry, the decision waited on its own queue once (not rolled back)").isEqualTo(before + 2);
        JsonNode hits = ApiClient.json(api().get("/sandbox/faults/hits?pathPrefix=" + approve, null));
        assertThat(hits).hasSize(2);
        assertThat(hits).allSatisfy(hit -> assertThat(hit.path("query").asText()).contains("idempotency_key=" + decisionId));
        assertThat(effectiveCalls(ret)).singleElement()
                .satisfies(call -> assertThat(call.path("idempotencyKey").asText()).isEqualTo(decisionId));
    }

    @Test
    void aDuplicateSyncMessageMakesOneTikTokCall() throws Exception {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);
        long before = broker.messagesAdded("returns.decided.tiktok");

        String decisionId = ApiClient.json(decide(ret, items(ret, "APPROVE"))).path("sync").path("decisionId").asText();
        // as the outbox relay publishes it: one message group per return
        sendSyncMessage(ret, decisionId, true);
        sendSyncMessage(ret, decisionId, true);

        awaitSync(ret, "SYNCED");
        awaitSyncQueueDrained(before + 3);
        sendSyncMessage(ret, decisionId, true); // and once more, long after
        awaitSyncQueueDrained(before + 4);
        assertThat(sandbox(ret).path("decisionCalls")).singleElement()
                .satisfies(call -> assertThat(call.path("idempotencyKey").asText()).isEqualTo(decisionId));
        assertThat(deadLettersOf(ret)).isEmpty();
    }

    @Test
    void duplicateSyncMessagesRacingEachOtherMakeOneEffectiveTikTokCall() {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);
        long before = broker.messagesAdded("returns.decided.tiktok");

        String decisionId = ApiClient.json(decide(ret, items(ret, "APPROVE"))).path("sync").path("decisionId").asText();
        sendSyncMessage(ret, decisionId, false);
        sendSyncMessage(ret, decisionId, false);

        awaitSync(ret, "SYNCED");
        awaitSyncQueueDrained(before + 3);
        assertThat(effectiveCalls(ret)).singleElement()
                .satisfies(call -> assertThat(call.path("decision").asText()).isEqualTo("APPROVE_RETURN"));
        assertThat(sandbox(ret).path("decisionCalls")).allSatisfy(call ->
                assertThat(call.path("idempotencyKey").asText()).isEqualTo(decisionId));
    }

    @Test
    void aReturnTheBuyerCancelledMeanwhileFailsTheSyncAndShowsCancelled() {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);
        buyerCancels(ret, false); // the service has not heard of it yet

        assertThat(decide(ret, items(ret, "APPROVE")).statusCode()).isEqualTo(202);

        JsonNode failed = awaitSync(ret, "FAILED");
        assertThat(failed.path("sync").path("errorCode").asText()).isEqualTo("25020009");
        assertThat(failed.path("sync").path("error").asText()).contains("cancelled");
        assertThat(failed.path("state").asText()).isEqualTo("CANCELLED");
        assertThat(decide(ret, items(ret, "APPROVE")).statusCode()).isEqualTo(409);
    }

    @Test
    void aRejectionOfAReturnApprovedInSellerCenterMeanwhileFailsAndShowsApproved() {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);
        arm("/sandbox/tiktok/return_refund/202309/returns/search", 503, "", 2);
        assertThat(decide(ret, items(ret, "REJECT") + ", \"rejectReason\": \"" + REQUEST_REASON + "\"").statusCode())
                .isEqualTo(202);

        sellerCenter(ret, "{\"decision\": \"APPROVE_RETURN\", \"deliverWebhook\": false}");

        JsonNode failed = awaitSync(ret, "FAILED");
        assertThat(failed.path("sync").path("errorCode").asText()).isEqualTo("25020010");
        assertThat(failed.path("sync").path("error").asText()).contains("already been approved");
        assertThat(failed.path("state").asText()).isEqualTo("APPROVED");
        assertThat(failed.path("tiktok").path("status").asText()).isEqualTo("AWAITING_BUYER_SHIP");
    }

    @Test
    void anApprovalTikTokAlreadyShowsIsSyncedWithoutACall() {
        Recorded ret = openReturn(merchant(), "REFUND", 1);
        sellerCenter(ret, "{\"decision\": \"APPROVE_REFUND\", \"deliverWebhook\": false}");

        assertThat(decide(ret, items(ret, "APPROVE")).statusCode()).isEqualTo(202);

        JsonNode synced = awaitSync(ret, "SYNCED");
        assertThat(synced.path("sync").path("reason").asText()).contains("already");
        assertThat(sandbox(ret).path("decisionCalls")).extracting(call -> call.path("channel").asText())
                .containsExactly("seller-center");
    }

    @Test
    void aReturnHandedToAPlatformOperatorFailsTheSyncWithTikToksCodeAndMessage() throws Exception {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);
        arm(PARTNER_API + "/returns/" + ret.tiktokReturnId() + "/approve", 200,
                "{\"code\":25011010,\"message\":\"The return is being handled by a platform operator\",\"request_id\":\"r1\"}", 1);

        decide(ret, items(ret, "APPROVE"));

        JsonNode failed = awaitSync(ret, "FAILED");
        assertThat(failed.path("sync").path("errorCode").asText()).isEqualTo("25011010");
        assertThat(failed.path("sync").path("error").asText()).isEqualTo("25011010: The return is being handled by a platform operator");
        assertThat(failed.path("state").asText()).isEqualTo("OPEN");
        assertThat(deadLettersOf(ret)).as("a refusal is an outcome, not a dead letter").isEmpty();
    }

    @Test
    void aSyncThatIsDeadLetteredIsFailedAndReplayingItSendsTheDecision() throws Exception {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);
        tikTokForgetsTheReturnOnce();

        String decisionId = ApiClient.json(decide(ret, items(ret, "APPROVE"))).path("sync").path("decisionId").asText();

        JsonNode failed = awaitSync(ret, "FAILED");
        assertThat(failed.path("sync").path("error").asText()).contains("has no return " + ret.tiktokReturnId());
        assertThat(failed.path("sync").path("errorCode").isNull()).isTrue();
        assertThat(failed.path("state").asText()).as("TikTok never answered: the decision stands").isEqualTo("APPROVED");
        // The FAILED sync is written inside the dead-letter handler; the message reaches the DLQ when its
        // JMS transaction commits, a moment later.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deadLettersOf(ret)).hasSize(1));

        assertThat(replayDeadLetter("returns.decided.tiktok", decisionId)).isTrue();

        JsonNode synced = awaitSync(ret, "SYNCED");
        assertThat(synced.path("sync").path("error").isNull()).isTrue();
        assertThat(effectiveCalls(ret)).singleElement()
                .satisfies(call -> assertThat(call.path("idempotencyKey").asText()).isEqualTo(decisionId));
    }

    @Test
    void aReturnWhoseSyncFailedTakesANewDecisionAndTheOldOneIsNotSentOnReplay() throws Exception {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);
        tikTokForgetsTheReturnOnce();
        String first = ApiClient.json(decide(ret, items(ret, "APPROVE"))).path("sync").path("decisionId").asText();
        awaitSync(ret, "FAILED");

        HttpResponse<String> again = decide(ret, items(ret, "REJECT") + ", \"rejectReason\": \"" + REQUEST_REASON + "\"");

        assertThat(again.statusCode()).isEqualTo(202);
        awaitSync(ret, "SYNCED");
        assertThat(replayDeadLetter("returns.decided.tiktok", first)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.depth("returns.decided.tiktok") == 0);
        assertThat(sandbox(ret).path("decisionCalls")).extracting(call -> call.path("decision").asText())
                .containsExactly("REJECT_RETURN");
        assertThat(awaitReturn(ret, r -> r.path("state").asText().equals("REJECTED")).path("sync").path("status").asText())
                .isEqualTo("SYNCED");
    }

    // --- TikTok's own changes ---------------------------------------------------------------------------

    @Test
    void aRejectionInSellerCenterRejectsTheReturnAndItsItems() {
        Recorded ret = openReturn(merchant(), "REFUND", 2);

        sellerCenter(ret, "{\"decision\": \"REJECT_REFUND\", \"rejectReason\": \"" + REQUEST_REASON + "\"}");

        JsonNode rejected = awaitReturn(ret, r -> r.path("state").asText().equals("REJECTED"));
        assertThat(rejected.path("items")).allSatisfy(item -> assertThat(item.path("decision").asText()).isEqualTo("REJECTED"));
        assertThat(rejected.path("sync").path("status").asText()).isEqualTo("NONE");
    }

    @Test
    void aReturnTheBuyerCancelsIsCancelled() {
        Recorded ret = openReturn(merchant(), "REPLACEMENT", 1);

        buyerCancels(ret, true);

        JsonNode cancelled = awaitReturn(ret, r -> r.path("state").asText().equals("CANCELLED"));
        assertThat(cancelled.path("tiktok").path("status").asText()).isEqualTo("REPLACEMENT_REQUEST_CANCEL");
        assertThat(decide(ret, items(ret, "APPROVE")).statusCode()).isEqualTo(409);
    }

    // --- what the API refuses ---------------------------------------------------------------------------

    @Test
    void decisionsOnAnotherMerchantsReturnAreNotFound() {
        Recorded ret = openReturn(merchant(), "REFUND", 1);
        ReturnFlowFixture other = merchant();

        HttpResponse<String> decision = api().postJson("/api/returns/" + ret.id() + "/decision", other.apiKey,
                "{" + items(ret, "APPROVE") + "}");
        HttpResponse<String> reasons = api().get("/api/returns/" + ret.id() + "/reject-reasons", other.apiKey);

        assertThat(decision.statusCode()).isEqualTo(404);
        assertThat(reasons.statusCode()).isEqualTo(404);
        assertThat(current(ret).path("state").asText()).isEqualTo("OPEN");
        assertThat(sandbox(ret).path("decisionCalls")).isEmpty();
    }

    @Test
    void everyItemNeedsExactlyOneDecision() {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 2);
        String first = ret.ret().path("items").get(0).path("id").asText();

        assertThat(decide(ret, "\"items\": [{\"itemId\": \"" + first + "\", \"decision\": \"APPROVE\"}]").statusCode())
                .as("an item missing").isEqualTo(400);
        assertThat(decide(ret, items(ret, "APPROVE", "APPROVE").replace(
                ret.ret().path("items").get(1).path("id").asText(), "no-such-item")).statusCode())
                .as("an unknown item").isEqualTo(400);
        assertThat(decide(ret, items(ret, "APPROVE", "MAYBE")).statusCode()).as("neither APPROVE nor REJECT").isEqualTo(400);
        assertThat(decide(ret, "\"items\": []").statusCode()).as("no items").isEqualTo(400);
        assertThat(current(ret).path("sync").path("status").asText()).isEqualTo("NONE");
    }

    @Test
    void aDecidedReturnTakesNoSecondDecision() {
        Recorded ret = openReturn(merchant(), "RETURN_AND_REFUND", 1);
        assertThat(decide(ret, items(ret, "APPROVE")).statusCode()).isEqualTo(202);

        HttpResponse<String> again = decide(ret, items(ret, "REJECT") + ", \"rejectReason\": \"" + REQUEST_REASON + "\"");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(again).path("error").asText()).contains("APPROVED");
    }

    // --- helpers ---------------------------------------------------------------------------------------

    /** A sandbox return the service recorded and shows OPEN. */
    private record Recorded(ReturnFlowFixture merchant, String tiktokReturnId, JsonNode ret) {
        String id() {
            return ret.path("id").asText();
        }
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private ReturnFlowFixture merchant() {
        return merchant("APPROVE_ALL");
    }

    private ReturnFlowFixture merchant(String mixedDecision) {
        return ReturnFlowFixture.withMixedDecision(api(), ReturnFlowFixture.sandboxShopify(api()), "shpat_sandbox", mixedDecision);
    }

    private Recorded openReturn(ReturnFlowFixture merchant, String returnType, int units) {
        String tiktokReturnId = merchant.buyerAsksForReturn(returnType, units).path("returnId").asText();
        JsonNode ret = merchant.awaitReturn(tiktokReturnId);
        assertThat(ret.path("state").asText()).isEqualTo("OPEN");
        return new Recorded(merchant, tiktokReturnId, ret);
    }

    /** {@code "items": [...]} with one verdict per item of the return, in order. */
    private static String items(Recorded ret, String... verdicts) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < verdicts.length; i++) {
            items.add("{\"itemId\": \"%s\", \"decision\": \"%s\"}".formatted(ret.ret().path("items").get(i).path("id").asText(),
                    verdicts[i]));
        }
        return "\"items\": [" + String.join(", ", items) + "]";
    }

    private HttpResponse<String> decide(Recorded ret, String fields) {
        return api().postJson("/api/returns/" + ret.id() + "/decision", ret.merchant().apiKey, "{" + fields + "}");
    }

    private JsonNode current(Recorded ret) {
        return ApiClient.json(api().get("/api/returns/" + ret.id(), ret.merchant().apiKey));
    }

    private JsonNode awaitReturn(Recorded ret, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> current(ret), condition);
    }

    private JsonNode awaitSync(Recorded ret, String status) {
        return awaitReturn(ret, r -> r.path("sync").path("status").asText().equals(status));
    }

    private List<String> reasonNames(Recorded ret) {
        List<String> names = new ArrayList<>();
        ApiClient.json(api().get("/api/returns/" + ret.id() + "/reject-reasons", ret.merchant().apiKey))
                .forEach(reason -> names.add(reason.path("name").asText()));
        return names;
    }

    private JsonNode sandbox(Recorded ret) {
        return ApiClient.json(api().get("/sandbox/tiktok/returns/" + ret.tiktokReturnId(), null));
    }

    /** The decision calls the sandbox TikTok took (not the repeats it answered from their idempotency key). */
    private List<JsonNode> effectiveCalls(Recorded ret) {
        List<JsonNode> calls = new ArrayList<>();
        sandbox(ret).path("decisionCalls").forEach(call -> {
            if (!call.path("replayed").asBoolean()) {
                calls.add(call);
            }
        });
        return calls;
    }

    /** The "return decided" event once more, as a duplicate delivery would bring it. */
    private void sendSyncMessage(Recorded ret, String decisionId, boolean grouped) {
        String event = "{\"decisionId\":\"" + decisionId + "\",\"returnId\":\"" + ret.id() + "\"}";
        jms.convertAndSend(SYNC_QUEUE, event, message -> {
            if (grouped) {
                message.setStringProperty("JMSXGroupID", ret.id());
            }
            return message;
        });
    }

    private List<String> deadLettersOf(Recorded ret) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (jakarta.jms.Message message : broker.browse("DLQ.returns.decided.tiktok")) {
            String body = ((jakarta.jms.TextMessage) message).getText();
            if (body.contains(ret.id())) {
                bodies.add(body);
            }
        }
        return bodies;
    }

    private void awaitSyncQueueDrained(long messagesAdded) {
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.messagesAdded("returns.decided.tiktok") >= messagesAdded
                && broker.depth("returns.decided.tiktok") == 0);
    }

    private void buyerShips(Recorded ret) {
        assertThat(api().postJson("/sandbox/tiktok/returns/" + ret.tiktokReturnId() + "/ship", null, "{}").statusCode())
                .isEqualTo(200);
    }

    /** TikTok's arbitration of the case is now {@code status} (told to the service by a webhook, or not). */
    private void arbitration(Recorded ret, String status, boolean deliverWebhook) {
        assertThat(api().postJson("/sandbox/tiktok/returns/" + ret.tiktokReturnId() + "/arbitration", null,
                "{\"status\": \"%s\", \"deliverWebhook\": %s}".formatted(status, deliverWebhook)).statusCode())
                .isEqualTo(200);
    }

    private void buyerCancels(Recorded ret, boolean deliverWebhook) {
        assertThat(api().postJson("/sandbox/tiktok/returns/" + ret.tiktokReturnId() + "/cancel", null,
                "{\"deliverWebhook\": " + deliverWebhook + "}").statusCode()).isEqualTo(200);
    }

    private void sellerCenter(Recorded ret, String decision) {
        HttpResponse<String> answer = api().postJson("/sandbox/tiktok/returns/" + ret.tiktokReturnId() + "/seller-center",
                null, decision);
        assertThat(ApiClient.json(answer).path("code").asLong()).as(answer.body()).isZero();
    }

    private void retire(Recorded ret, String reason) {
        assertThat(api().post("/sandbox/tiktok/returns/" + ret.tiktokReturnId() + "/reject-reasons/" + reason + "/retire", null)
                .statusCode()).isEqualTo(200);
    }

    /** The next return search finds nothing: TikTok "has no such return", a permanent failure. */
    private void tikTokForgetsTheReturnOnce() {
        arm(PARTNER_API + "/returns/search", 200, """
                {"code":0,"message":"Success","request_id":"gone","data":{"return_orders":[],"next_page_token":"","total_count":0}}""", 1);
    }

    private void arm(String pathPrefix, int status, String body, int times) {
        String fault = "{\"pathPrefix\": \"%s\", \"status\": %d, \"body\": %s, \"times\": %d}".formatted(pathPrefix, status,
                quoted(body), times);
        assertThat(api().postJson("/sandbox/faults", null, fault).statusCode()).isEqualTo(201);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** The operator's replay, through the admin API: the dead letter of the queue whose body names {@code text}. */
    private boolean replayDeadLetter(String queue, String text) {
        DeadLetters deadLetters = new DeadLetters(api());
        JsonNode deadLetter = deadLetters.awaitMessage("DLQ." + queue, message -> message.path("body").asText().contains(text));
        return deadLetters.replay("DLQ." + queue, DeadLetters.ids(deadLetter)).path("replayed").asInt() == 1;
    }
}
