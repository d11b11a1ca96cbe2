package io.returnflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The sandbox TikTok takes and refuses decisions as TikTok's Partner API does, through signed calls. */
@SandboxTest
class SandboxTikTokDecisionsApiTest {

    private static final String TOKEN = "sandbox-access-token";
    private static final String APPROVE = "/return_refund/202309/returns/%s/approve";
    private static final String REJECT = "/return_refund/202309/returns/%s/reject";
    private static final String REJECT_REASONS = "/return_refund/202309/reject_reasons";
    private static final String REQUEST_REASON = "seller_reject_apply_no_evidence";
    private static final String RECEIPT_REASON = "seller_reject_receive_wrong_item";

    @Autowired
    SandboxTikTokApp app;
    @Value("${local.server.port}")
    int port;

    private final String shopId = String.valueOf(ThreadLocalRandom.current().nextLong(7_000_000_000_000_000_000L, Long.MAX_VALUE));

    @Test
    void approvingARequestMovesTheReturnOn() {
        String returnId = sandboxReturn("RETURN_AND_REFUND");

        assertThat(approve(returnId, newKey(), Map.of("decision", "APPROVE_RETURN"))).isZero();

        assertThat(status(returnId)).isEqualTo("AWAITING_BUYER_SHIP");
    }

    @Test
    void aDecisionMustMatchTheReturnTypeAndWhatTikTokWaitsFor() {
        String refund = sandboxReturn("REFUND");

        assertThat(approve(refund, newKey(), Map.of("decision", "APPROVE_RETURN"))).isEqualTo(25020004L);
        assertThat(approve(refund, newKey(), Map.of("decision", "APPROVE_RECEIVED_PACKAGE"))).isEqualTo(25011013L);
        assertThat(reject(refund, newKey(), Map.of("decision", "APPROVE_REFUND"))).as("an approval on the reject endpoint").isEqualTo(25020004L);
        assertThat(status(refund)).isEqualTo("RETURN_OR_REFUND_REQUEST_PENDING");
    }

    @Test
    void onlyAReturnThatAllowsItIsApprovedReturnless() {
        String replacement = sandboxReturn("REPLACEMENT");

        assertThat(approve(replacement, newKey(), Map.of("decision", "APPROVE_REPLACEMENT", "buyer_keep_item", true))).isEqualTo(25020004L);

        String ret = sandboxReturn("RETURN_AND_REFUND");
        assertThat(approve(ret, newKey(), Map.of("decision", "APPROVE_RETURN", "buyer_keep_item", true))).isZero();
        assertThat(status(ret)).isEqualTo("RETURN_OR_REFUND_REQUEST_SUCCESS");
    }

    @Test
    void aRejectNeedsAReasonFromTheReturnsList() {
        String returnId = sandboxReturn("RETURN_AND_REFUND");

        assertThat(reject(returnId, newKey(), Map.of("decision", "REJECT_RETURN", "reject_reason", RECEIPT_REASON))).isEqualTo(25001014L);
        retire(returnId, REQUEST_REASON);
        assertThat(reject(returnId, newKey(), Map.of("decision", "REJECT_RETURN", "reject_reason", REQUEST_REASON))).isEqualTo(25001020L);

        assertThat(reject(returnId, newKey(), Map.of("decision", "REJECT_RETURN", "reject_reason", "seller_reject_apply_outside_return_window"))).isZero();
        assertThat(status(returnId)).isEqualTo("REFUND_OR_RETURN_REQUEST_REJECT");
    }

    @Test
    void theRejectReasonsAreThoseOfWhatTikTokWaitsFor() {
        String returnId = sandboxReturn("RETURN_AND_REFUND");
        assertThat(reasonNames(returnId)).contains(REQUEST_REASON)
                .doesNotContain(RECEIPT_REASON);

        assertThat(approve(returnId, newKey(), Map.of("decision", "APPROVE_RETURN"))).isZero();
        assertThat(reasonNames(returnId)).as("nothing to reject while the buyer ships").isEmpty();

        shipped(returnId);
        assertThat(reasonNames(returnId)).contains(RECEIPT_REASON)
                .doesNotContain(REQUEST_REASON);
    }

    @Test
    void anApprovedRequestCannotBeRejectedNorApprovedAgain() {
        String returnId = sandboxReturn("RETURN_AND_REFUND");
        assertThat(approve(returnId, newKey(), Map.of("decision", "APPROVE_RETURN"))).isZero();

        assertThat(reject(returnId, newKey(), Map.of("decision", "REJECT_RETURN", "reject_reason", REQUEST_REASON))).isEqualTo(25020010L);
        assertThat(approve(returnId, newKey(), Map.of("decision", "APPROVE_RETURN"))).isEqualTo(25011012L);
    }

    @Test
    void aCancelledReturnTakesNoDecision() {
        String returnId = sandboxReturn("REPLACEMENT");
        assertThat(calls().postJson("/sandbox/tiktok/returns/" + returnId + "/cancel",
                "{\"deliverWebhook\": false}").statusCode()).isEqualTo(200);

        assertThat(approve(returnId, newKey(), Map.of("decision", "APPROVE_REPLACEMENT"))).isEqualTo(25020009L);
    }

    @Test
    void anIdempotencyKeyGetsItsFirstAnswerAgainAndChangesNothing() {
        String returnId = sandboxReturn("RETURN_AND_REFUND");
        String key = newKey();
        assertThat(approve(returnId, key, Map.of("decision", "APPROVE_RETURN"))).isZero();
        shipped(returnId);

        assertThat(approve(returnId, key, Map.of("decision", "APPROVE_RETURN"))).isZero();

        assertThat(status(returnId)).as("not approved a second time").isEqualTo("BUYER_SHIPPED_ITEM");
        JsonNode calls = sandbox(returnId).path("decisionCalls");
        assertThat(calls).extracting(call -> call.path("replayed").asBoolean()).containsExactly(false, true);
        assertThat(calls).allSatisfy(call -> assertThat(call.path("idempotencyKey").asText()).isEqualTo(key));
    }

    @Test
    void aReturnOfAnotherShopIsNotFound() {
        String returnId = sandboxReturn("REFUND");

        assertThat(calls().tiktokCode("POST", APPROVE.formatted(returnId), Map.of("idempotency_key", newKey()),
                json(Map.of("decision", "APPROVE_REFUND")), TOKEN, SandboxAuthorizedShopsApi.cipherOf("1234")))
                .isEqualTo(25001003L);
        assertThat(status(returnId)).isEqualTo("RETURN_OR_REFUND_REQUEST_PENDING");
    }

    private String sandboxReturn(String returnType) {
        return PartnerCalls.json(calls().postJson("/sandbox/tiktok/returns",
                "{\"returnType\":\"%s\",\"items\":1,\"shopId\":\"%s\",\"deliverWebhook\":false}".formatted(returnType, shopId)))
                .path("returnId").asText();
    }

    /** TikTok's code for the approval (0: taken). */
    private long approve(String returnId, String key, Map<String, Object> body) {
        return calls().tiktokCode("POST", APPROVE.formatted(returnId), Map.of("idempotency_key", key), json(body), TOKEN, cipher());
    }

    private long reject(String returnId, String key, Map<String, Object> body) {
        return calls().tiktokCode("POST", REJECT.formatted(returnId), Map.of("idempotency_key", key), json(body), TOKEN, cipher());
    }

    private java.util.List<String> reasonNames(String returnId) {
        JsonNode envelope = PartnerCalls.json(calls().tiktok("GET", REJECT_REASONS, Map.of("return_or_cancel_id", returnId),
                null, TOKEN, cipher()));
        assertThat(envelope.path("code").asLong()).as("%s", envelope).isZero();
        java.util.List<String> names = new java.util.ArrayList<>();
        envelope.path("data").path("reasons").forEach(reason -> names.add(reason.path("name").asText()));
        return names;
    }

    private static String json(Map<String, Object> body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private PartnerCalls calls() {
        return new PartnerCalls(port, app);
    }

    private void shipped(String returnId) {
        assertThat(calls().postJson("/sandbox/tiktok/returns/" + returnId + "/ship",
                "{\"deliverWebhook\": false}").statusCode()).isEqualTo(200);
    }

    private void retire(String returnId, String reason) {
        calls().postJson("/sandbox/tiktok/returns/" + returnId + "/reject-reasons/" + reason + "/retire", "");
    }

    private JsonNode sandbox(String returnId) {
        return PartnerCalls.json(calls().get("/sandbox/tiktok/returns/" + returnId));
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
