package io.returnflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.returns.RejectReason;
import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;
import io.returnflow.tiktok.TikTokApiException;
import io.returnflow.tiktok.TikTokClient;
import io.returnflow.tiktok.TikTokEndpoints;
import io.returnflow.tiktok.TikTokRejectReasons;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The sandbox TikTok takes and refuses decisions as TikTok's Partner API does, through signed calls. */
@ServiceTest
class SandboxTikTokDecisionsApiTest {

    private static final String TOKEN = "sandbox-access-token";
    private static final String REQUEST_REASON = "seller_reject_apply_no_evidence";
    private static final String RECEIPT_REASON = "seller_reject_receive_wrong_item";

    @Autowired
    TikTokClient client;
    @Autowired
    TikTokEndpoints endpoints;
    @Autowired
    TikTokRejectReasons reasons;
    @Value("${server.port}")
    int port;

    private final String shopId = String.valueOf(ThreadLocalRandom.current().nextLong(7_000_000_000_000_000_000L, Long.MAX_VALUE));

    @Test
    void approvingARequestMovesTheReturnOn() {
        String returnId = sandboxReturn("RETURN_AND_REFUND");

        approve(returnId, newKey(), Map.of("decision", "APPROVE_RETURN"));

        assertThat(status(returnId)).isEqualTo("AWAITING_BUYER_SHIP");
    }

    @Test
    void aDecisionMustMatchTheReturnTypeAndWhatTikTokWaitsFor() {
        String refund = sandboxReturn("REFUND");

        assertThatThrownBy(() -> approve(refund, newKey(), Map.of("decision", "APPROVE_RETURN")))
                .isInstanceOfSatisfying(TikTokApiException.class, e -> assertThat(e.tiktokCode()).isEqualTo(25020004L));
        assertThatThrownBy(() -> approve(refund, newKey(), Map.of("decision", "APPROVE_RECEIVED_PACKAGE")))
                .isInstanceOfSatisfying(TikTokApiException.class, e -> assertThat(e.tiktokCode()).isEqualTo(25011013L));
        assertThatThrownBy(() -> reject(refund, newKey(), Map.of("decision", "APPROVE_REFUND")))
                .as("an approval on the reject endpoint")
                .isInstanceOfSatisfying(TikTokApiException.class, e -> assertThat(e.tiktokCode()).isEqualTo(25020004L));
        assertThat(status(refund)).isEqualTo("RETURN_OR_REFUND_REQUEST_PENDING");
    }

    @Test
    void onlyAReturnThatAllowsItIsApprovedReturnless() {
        String replacement = sandboxReturn("REPLACEMENT");

        assertThatThrownBy(() -> approve(replacement, newKey(), Map.of("decision", "APPROVE_REPLACEMENT", "buyer_keep_item", true)))
                .isInstanceOfSatisfying(TikTokApiException.class, e -> assertThat(e.tiktokCode()).isEqualTo(25020004L));

        String ret = sandboxReturn("RETURN_AND_REFUND");
        approve(ret, newKey(), Map.of("decision", "APPROVE_RETURN", "buyer_keep_item", true));
        assertThat(status(ret)).isEqualTo("RETURN_OR_REFUND_REQUEST_SUCCESS");
    }

    @Test
    void aRejectNeedsAReasonFromTheReturnsList() {
        String returnId = sandboxReturn("RETURN_AND_REFUND");

        assertThatThrownBy(() -> reject(returnId, newKey(), Map.of("decision", "REJECT_RETURN", "reject_reason", RECEIPT_REASON)))
                .isInstanceOfSatisfying(TikTokApiException.class, e -> assertThat(e.tiktokCode()).isEqualTo(25001014L));
        retire(returnId, REQUEST_REASON);
        assertThatThrownBy(() -> reject(returnId, newKey(), Map.of("decision", "REJECT_RETURN", "reject_reason", REQUEST_REASON)))
                .isInstanceOfSatisfying(TikTokApiException.class, e -> assertThat(e.tiktokCode()).isEqualTo(25001020L));

        reject(returnId, newKey(), Map.of("decision", "REJECT_RETURN", "reject_reason", "seller_reject_apply_outside_return_window"));
        assertThat(status(returnId)).isEqualTo("REFUND_OR_RETURN_REQUEST_REJECT");
    }

    @Test
    void theRejectReasonsAreThoseOfWhatTikTokWaitsFor() {
        String returnId = sandboxReturn("RETURN_AND_REFUND");
        assertThat(reasons.list(returnId, TOKEN, cipher())).extracting(RejectReason::name).contains(REQUEST_REASON)
                .doesNotContain(RECEIPT_REASON);

        approve(returnId, newKey(), Map.of("decision", "APPROVE_RETURN"));
        assertThat(reasons.list(returnId, TOKEN, cipher())).as("nothing to reject while the buyer ships").isEmpty();

        shipped(returnId);
        assertThat(reasons.list(returnId, TOKEN, cipher())).extracting(RejectReason::name).contains(RECEIPT_REASON)
                .doesNotContain(REQUEST_REASON);
    }

    @Test
    void anApprovedRequestCannotBeRejectedNorApprovedAgain() {
        String returnId = sandboxReturn("RETURN_AND_REFUND");
        approve(returnId, newKey(), Map.of("decision", "APPROVE_RETURN"));

        assertThatThrownBy(() -> reject(returnId, newKey(), Map.of("decision", "REJECT_RETURN", "reject_reason", REQUEST_REASON)))
                .isInstanceOfSatisfying(TikTokApiException.class, e -> assertThat(e.tiktokCode()).isEqualTo(25020010L));
        assertThatThrownBy(() -> approve(returnId, newKey(), Map.of("decision", "APPROVE_RETURN")))
                .isInstanceOfSatisfying(TikTokApiException.class, e -> assertThat(e.tiktokCode()).isEqualTo(25011012L));
    }

    @Test
    void aCancelledReturnTakesNoDecision() {
        String returnId = sandboxReturn("REPLACEMENT");
        assertThat(new ApiClient(port).postJson("/sandbox/tiktok/returns/" + returnId + "/cancel", null,
                "{\"deliverWebhook\": false}").statusCode()).isEqualTo(200);

        assertThatThrownBy(() -> approve(returnId, newKey(), Map.of("decision", "APPROVE_REPLACEMENT")))
                .isInstanceOfSatisfying(TikTokApiException.class, e -> assertThat(e.tiktokCode()).isEqualTo(25020009L));
    }

    @Test
    void anIdempotencyKeyGetsItsFirstAnswerAgainAndChangesNothing() {
        String returnId = sandboxReturn("RETURN_AND_REFUND");
        String key = newKey();
        approve(returnId, key, Map.of("decision", "APPROVE_RETURN"));
        shipped(returnId);

        approve(returnId, key, Map.of("decision", "APPROVE_RETURN"));

        assertThat(status(returnId)).as("not approved a second time").isEqualTo("BUYER_SHIPPED_ITEM");
        JsonNode calls = sandbox(returnId).path("decisionCalls");
        assertThat(calls).extracting(call -> call.path("replayed").asBoolean()).containsExactly(false, true);
        assertThat(calls).allSatisfy(call -> assertThat(call.path("idempotencyKey").asText()).isEqualTo(key));
    }

    @Test
    void aReturnOfAnotherShopIsNotFound() {
        String returnId = sandboxReturn("REFUND");

        assertThatThrownBy(() -> client.post(approvePath(returnId), Map.of("idempotency_key", newKey()),
                Map.of("decision", "APPROVE_REFUND"), TOKEN, SandboxAuthorizedShopsApi.cipherOf("1234")))
                .isInstanceOfSatisfying(TikTokApiException.class, e -> assertThat(e.tiktokCode()).isEqualTo(25001003L));
        assertThat(status(returnId)).isEqualTo("RETURN_OR_REFUND_REQUEST_PENDING");
    }

    private String sandboxReturn(String returnType) {
        return ApiClient.json(new ApiClient(port).postJson("/sandbox/tiktok/returns", null,
                "{\"returnType\":\"%s\",\"items\":1,\"shopId\":\"%s\",\"deliverWebhook\":false}".formatted(returnType, shopId)))
                .path("returnId").asText();
    }

    private void approve(String returnId, String key, Map<String, Object> body) {
        client.post(approvePath(returnId), Map.of("idempotency_key", key), body, TOKEN, cipher());
    }

    private void reject(String returnId, String key, Map<String, Object> body) {
        client.post(TikTokEndpoints.withReturnId(endpoints.rejectReturn(), returnId), Map.of("idempotency_key", key), body,
                TOKEN, cipher());
    }

    private String approvePath(String returnId) {
        return TikTokEndpoints.withReturnId(endpoints.approveReturn(), returnId);
    }

    private void shipped(String returnId) {
        assertThat(new ApiClient(port).postJson("/sandbox/tiktok/returns/" + returnId + "/ship", null,
                "{\"deliverWebhook\": false}").statusCode()).isEqualTo(200);
    }

    private void retire(String returnId, String reason) {
        new ApiClient(port).post("/sandbox/tiktok/returns/" + returnId + "/reject-reasons/" + reason + "/retire", null);
    }

    private JsonNode sandbox(String returnId) {
        return ApiClient.json(new ApiClient(port).get("/sandbox/tiktok/returns/" + returnId, null));
    }

    private String status(String returnId) {
        return sandbox(returnId).path("returnStatus").asText();
    }

    private String cipher() {
        return SandboxAuthorizedShopsApi.cipherOf(shopId);
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }
}
