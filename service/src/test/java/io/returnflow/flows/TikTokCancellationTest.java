package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.BrokerProbe;
import io.returnflow.support.ServiceTest;
import io.returnflow.support.TikTokWebhookClient;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * TikTok buyer cancellation requests (webhook type 11), end to end through the HTTP server, the broker,
 * the database and the sandbox TikTok: recorded as cases of kind CANCELLATION, decided through the
 * decision API, the decision sent to TikTok's cancellation approve or reject call.
 */
@ServiceTest
class TikTokCancellationTest {

    private static final String REJECT_REASON = "seller_reject_apply_product_has_been_packed";

    @Value("${server.port}")
    int port;
    @Autowired
    TikTokWebhookClient tiktok;
    @Autowired
    BrokerProbe broker;
    @Autowired
    JdbcClient db;

    @Test
    void aBuyerCancellationRequestIsRecordedAsAnOpenCancellationWithTikToksDeadline() {
        ReturnFlowFixture merchant = merchant();
        JsonNode sandbox = buyerCancels(merchant);

        JsonNode recorded = merchant.awaitReturn(sandbox.path("cancelId").asText());

        assertThat(recorded.path("kind").asText()).isEqualTo("CANCELLATION");
        assertThat(recorded.path("state").asText()).isEqualTo("OPEN");
        assertThat(recorded.path("tiktok").path("orderId").asText()).isEqualTo(sandbox.path("orderId").asText());
        assertThat(recorded.path("tiktok").path("status").asText()).isEqualTo("CANCELLATION_REQUEST_PENDING");
        assertThat(recorded.path("tiktok").path("nextAction").asText()).isEqualTo("RESPOND_REQUEST");
        assertThat(recorded.path("tiktok").path("deadlineAction").asText()).isEqualTo("SELLER_RESPOND_CANCEL");
        long deadline = ApiClient.json(merchant.api.get("/sandbox/tiktok/cancellations/" + sandbox.path("cancelId").asText(), null))
                .path("deadline").asLong();
        assertThat(Instant.parse(recorded.path("tiktok").path("deadline").asText())).isEqualTo(Instant.ofEpochSecond(deadline));
    }

    @Test
    void theCancelledUnitsAreMatchedToTheShopifyOrderLikeAReturnsItems() {
        ReturnFlowFixture merchant = merchant();
        JsonNode sandbox = buyerCancels(merchant);

        JsonNode recorded = merchant.awaitReturn(sandbox.path("cancelId").asText());

        assertThat(recorded.path("shopify").path("orderId").asText()).startsWith("gid://shopify/Order/");
        // the order of a one-unit return: its tee and the cap the sandbox adds to every order
        assertThat(recorded.path("items")).extracting(item -> item.path("sku").asText())
                .containsExactlyInAnyOrder("SBX-TEE-BLK-M", "SBX-CAP-ONE");
        assertThat(recorded.path("items")).allSatisfy(item -> {
            assertThat(item.path("matched").asBoolean()).isTrue();
            assertThat(item.path("shopifyLineItemId").asText()).startsWith("gid://shopify/LineItem/");
        });
    }

    @Test
    void aCancellationIsListedOnlyAmongTheCancellations() {
        ReturnFlowFixture merchant = merchant();
        JsonNode sandbox = buyerCancels(merchant);
        String id = merchant.awaitReturn(sandbox.path("cancelId").asText()).path("id").asText();

        JsonNode cancellations = ApiClient.json(merchant.api.get("/api/returns?kind=CANCELLATION", merchant.apiKey)).path("returns");
        JsonNode returns = ApiClient.json(merchant.api.get("/api/returns?kind=RETURN", merchant.apiKey)).path("returns");

        assertThat(cancellations).extracting(c -> c.path("id").asText()).containsExactly(id);
        assertThat(returns).extracting(r -> r.path("id").asText()).doesNotContain(id).hasSize(1);
    }

    @Test
    void aCancellationIsNotAnnouncedToWmsTargetsLabelsOrShopifyReturns() {
        ReturnFlowFixture merchant = merchant();
        JsonNode sandbox = buyerCancels(merchant);
        String id = merchant.awaitReturn(sandbox.path("cancelId").asText()).path("id").asText();

        assertThat(db.sql("SELECT COUNT(*) FROM outbox WHERE group_key = ? AND destination IN ('returns.created', 'returns.changed')")
                .param(id).query(Integer.class).single()).isZero();
    }

    @Test
    void aRedeliveredCancellationEventIsQueuedOnceAndRecordsOneCase() {
        ReturnFlowFixture merchant = merchant();
        JsonNode sandbox = buyerCancels(merchant, false);
        String cancelId = sandbox.path("cancelId").asText();
        String event = tiktok.envelope(11, TikTokWebhookClient.newId(), merchant.shopId, """
                {"order_id":"%s","cancellations_role":"BUYER","cancel_status":"CANCELLATION_REQUEST_PENDING",\
                "cancel_id":"%s","create_time":1718305585}""".formatted(sandbox.path("orderId").asText(), cancelId));
        long queued = broker.messagesAdded("tiktok.return-events");

        assertThat(tiktok.deliver(event).statusCode()).isEqualTo(200);
        assertThat(tiktok.deliver(event).statusCode()).isEqualTo(200);

        merchant.awaitReturn(cancelId);
        broker.awaitDrained("tiktok.return-events");
        assertThat(broker.messagesAdded("tiktok.return-events") - queued).isEqualTo(1);
        assertThat(db.sql("SELECT COUNT(*) FROM returns WHERE source_account_id = ? AND source_return_id = ?")
                .params(merchant.shopId, cancelId).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aCancellationChangeWithoutItsCancelIdIsRefused() {
        String event = tiktok.envelope(11, TikTokWebhookClient.newId(), TikTokWebhookClient.uniqueShop(), """
                {"order_id":"576653688135258178","cancellations_role":"BUYER","cancel_status":"CANCELLATION_REQUEST_PENDING",\
                "create_time":1718305585}""");

        HttpResponse<String> refused = tiktok.deliver(event);

        assertThat(refused.statusCode()).isEqualTo(400);
    }

    @Test
    void theMerchantRejectsACancellationAndTikTokTakesTheRejectWithItsReason() {
        ReturnFlowFixture merchant = merchant();
        JsonNode sandbox = buyerCancels(merchant);
        JsonNode recorded = merchant.awaitReturn(sandbox.path("cancelId").asText());
        assertThat(ApiClient.json(merchant.api.get("/api/returns/" + recorded.path("id").asText() + "/reject-reasons",
                merchant.apiKey)).findValuesAsText("name")).contains(REJECT_REASON);

        HttpResponse<String> decided = decide(merchant, recorded, "REJECT",
                ", \"rejectReason\": \"%s\", \"comment\": \"already packed\"".formatted(REJECT_REASON));

        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(202);
        JsonNode synced = awaitSync(merchant, recorded, "SYNCED");
        assertThat(synced.path("sync").path("decision").asText()).isEqualTo("REJECT_CANCEL");
        JsonNode tiktokSide = sandboxCancellation(merchant, sandbox);
        assertThat(tiktokSide.path("cancelStatus").asText()).isEqualTo("CANCELLATION_REQUEST_CANCEL");
        assertThat(tiktokSide.path("decisionCalls")).singleElement().satisfies(call -> {
            assertThat(call.path("decision").asText()).isEqualTo("REJECT");
            assertThat(call.path("rejectReason").asText()).isEqualTo(REJECT_REASON);
            assertThat(call.path("comment").asText()).isEqualTo("already packed");
            assertThat(call.path("idempotencyKey").asText()).isEqualTo(synced.path("sync").path("decisionId").asText());
        });
    }

    @Test
    void theMerchantApprovesACancellationAndTikTokCancelsTheOrder() {
        ReturnFlowFixture merchant = merchant();
        JsonNode sandbox = buyerCancels(merchant);
        JsonNode recorded = merchant.awaitReturn(sandbox.path("cancelId").asText());

        HttpResponse<String> decided = decide(merchant, recorded, "APPROVE", "");

        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(202);
        JsonNode synced = awaitSync(merchant, recorded, "SYNCED");
        assertThat(synced.path("sync").path("decision").asText()).isEqualTo("APPROVE_CANCEL");
        JsonNode tiktokSide = sandboxCancellation(merchant, sandbox);
        assertThat(tiktokSide.path("cancelStatus").asText()).isEqualTo("CANCELLATION_REQUEST_SUCCESS");
        assertThat(tiktokSide.path("decisionCalls")).singleElement().satisfies(call -> {
            assertThat(call.path("decision").asText()).isEqualTo("APPROVE");
            assertThat(call.path("idempotencyKey").asText()).isEqualTo(synced.path("sync").path("decisionId").asText());
        });
        // TikTok's webhook of the approval moves the case on: the order is cancelled
        await().atMost(Duration.ofSeconds(30)).until(() -> view(merchant, recorded).path("state").asText(), "COMPLETED"::equals);
    }

    @Test
    void aDecisionOnACancellationTheBuyerWithdrewMeanwhileFailsWithTikToksRefusalAndTheCaseTakesTikToksState() {
        ReturnFlowFixture merchant = merchant();
        JsonNode sandbox = buyerCancels(merchant);
        JsonNode recorded = merchant.awaitReturn(sandbox.path("cancelId").asText());
        assertThat(merchant.api.postJson("/sandbox/tiktok/cancellations/" + sandbox.path("cancelId").asText() + "/withdraw",
                null, "{\"deliverWebhook\": false}").statusCode()).isEqualTo(200);

        assertThat(decide(merchant, recorded, "APPROVE", "").statusCode()).isEqualTo(202);

        JsonNode failed = awaitSync(merchant, recorded, "FAILED");
        assertThat(failed.path("sync").path("errorCode").asText()).isEqualTo("25020009");
        assertThat(failed.path("state").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void aCancellationCannotBeDecidedReturnless() {
        ReturnFlowFixture merchant = merchant();
        JsonNode recorded = merchant.awaitReturn(buyerCancels(merchant).path("cancelId").asText());

        HttpResponse<String> refused = decide(merchant, recorded, "APPROVE", ", \"returnless\": true");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(refused).path("error").asText()).contains("cancellation request has nothing to return");
    }

    /** Every item of the case gets the verdict; {@code more} adds fields to the decision (", \"rejectReason\": ..."). */
    private static HttpResponse<String> decide(ReturnFlowFixture merchant, JsonNode recorded, String verdict, String more) {
        StringBuilder items = new StringBuilder();
        for (JsonNode item : recorded.path("items")) {
            items.append(items.isEmpty() ? "" : ",").append("{\"itemId\":\"%s\",\"decision\":\"%s\"}"
                    .formatted(item.path("id").asText(), verdict));
        }
        return merchant.api.postJson("/api/returns/" + recorded.path("id").asText() + "/decision", merchant.apiKey,
                "{\"items\": [" + items + "]" + more + "}");
    }

    private static JsonNode view(ReturnFlowFixture merchant, JsonNode recorded) {
        return ApiClient.json(merchant.api.get("/api/returns/" + recorded.path("id").asText(), merchant.apiKey));
    }

    private static JsonNode awaitSync(ReturnFlowFixture merchant, JsonNode recorded, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> view(merchant, recorded),
                r -> r.path("sync").path("status").asText().equals(status));
    }

    private static JsonNode sandboxCancellation(ReturnFlowFixture merchant, JsonNode sandbox) {
        return ApiClient.json(merchant.api.get("/sandbox/tiktok/cancellations/" + sandbox.path("cancelId").asText(), null));
    }

    /** The buyer asks to cancel the order of a one-unit sandbox return of the merchant's shop; answers the sandbox's answer. */
    static JsonNode buyerCancels(ReturnFlowFixture merchant) {
        return buyerCancels(merchant, true);
    }

    static JsonNode buyerCancels(ReturnFlowFixture merchant, boolean deliverWebhook) {
        JsonNode ret = merchant.buyerAsksForReturn("REFUND", 1);
        String orderId = ret.path("orderId").asText();
        merchant.awaitReturn(ret.path("returnId").asText());
        HttpResponse<String> made = merchant.api.postJson("/sandbox/tiktok/cancellations", null,
                "{\"orderId\": \"%s\", \"deliverWebhook\": %s}".formatted(orderId, deliverWebhook));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonNode sandbox = ApiClient.json(made);
        if (deliverWebhook) {
            assertThat(sandbox.path("webhookStatus").asInt()).isEqualTo(200);
        }
        return sandbox;
    }

    private ReturnFlowFixture merchant() {
        ApiClient api = new ApiClient(port);
        return new ReturnFlowFixture(api, ReturnFlowFixture.sandboxShopify(api), "shpat_sandbox");
    }
}
