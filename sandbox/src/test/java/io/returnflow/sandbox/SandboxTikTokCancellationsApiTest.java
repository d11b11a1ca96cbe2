package io.returnflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The sandbox TikTok's buyer cancellation requests: made, searched, approved, rejected and refused through signed calls. */
@SandboxTest
class SandboxTikTokCancellationsApiTest {

    private static final String TOKEN = "sandbox-access-token";
    private static final String SEARCH = "/return_refund/202309/cancellations/search";
    private static final String APPROVE = "/return_refund/202309/cancellations/%s/approve";
    private static final String REJECT = "/return_refund/202309/cancellations/%s/reject";
    private static final String REASON = "seller_reject_apply_product_has_been_packed";

    @Autowired
    SandboxTikTokApp app;
    @Value("${local.server.port}")
    int port;

    private final String shopId = String.valueOf(ThreadLocalRandom.current().nextLong(7_000_000_000_000_000_000L, Long.MAX_VALUE));

    @Test
    void aBuyerCancellationOfAnOrderIsFoundByItsIdWithEveryUnitOfTheOrder() {
        String orderId = sandboxOrder();
        String cancelId = requestCancellation(orderId);

        JsonNode found = search(Map.of("cancel_ids", List.of(cancelId))).path("cancellations");

        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.path("order_id").asText()).isEqualTo(orderId);
            assertThat(c.path("cancel_type").asText()).isEqualTo("BUYER_CANCEL");
            assertThat(c.path("cancel_status").asText()).isEqualTo("CANCELLATION_REQUEST_PENDING");
            assertThat(c.path("seller_next_action_response").get(0).path("action").asText()).isEqualTo("SELLER_RESPOND_CANCEL");
            assertThat(c.path("seller_next_action_response").get(0).path("deadline").asLong()).isPositive();
            // the order's 2 units of one SKU and its cap: one line per unit
            assertThat(c.path("cancel_line_items")).extracting(l -> l.path("seller_sku").asText())
                    .containsExactlyInAnyOrder("SBX-TEE-BLK-M", "SBX-TEE-BLK-M", "SBX-TEE-WHT-L", "SBX-CAP-ONE");
        });
    }

    @Test
    void aSearchByOrderAndUpdateTimeFindsOnlyTheShopsMatchingCancellations() {
        String orderId = sandboxOrder();
        String cancelId = requestCancellation(orderId);
        long updated = sandbox(cancelId).path("updateTime").asLong();

        assertThat(search(Map.of("order_ids", List.of(orderId))).path("cancellations"))
                .extracting(c -> c.path("cancel_id").asText()).containsExactly(cancelId);
        assertThat(search(Map.of("update_time_ge", updated + 1)).path("cancellations"))
                .extracting(c -> c.path("cancel_id").asText()).doesNotContain(cancelId);
        assertThat(calls().tiktokCode("POST", SEARCH, Map.of("page_size", "10"), json(Map.of("cancel_ids", List.of(cancelId))),
                TOKEN, SandboxAuthorizedShopsApi.cipherOf("1234"))).isZero();
        assertThat(PartnerCalls.json(calls().tiktok("POST", SEARCH, Map.of("page_size", "10"),
                json(Map.of("cancel_ids", List.of(cancelId))), TOKEN, SandboxAuthorizedShopsApi.cipherOf("1234")))
                .path("data").path("cancellations")).as("another shop's search").isEmpty();
    }

    @Test
    void aSearchWithoutAPageSizeIsRefused() {
        assertThat(calls().tiktokCode("POST", SEARCH, Map.of(), json(Map.of("order_ids", List.of("1"))), TOKEN, cipher()))
                .isEqualTo(36009004L);
    }

    @Test
    void approvingAPendingCancellationCancelsTheOrder() {
        String cancelId = requestCancellation(sandboxOrder());

        assertThat(approve(cancelId, newKey())).isZero();

        assertThat(status(cancelId)).isEqualTo("CANCELLATION_REQUEST_SUCCESS");
    }

    @Test
    void rejectingWithAReasonFromItsListClosesTheRequest() {
        String cancelId = requestCancellation(sandboxOrder());

        assertThat(reject(cancelId, newKey(), Map.of("reject_reason", REASON, "comment", "already on the truck"))).isZero();

        assertThat(status(cancelId)).isEqualTo("CANCELLATION_REQUEST_CANCEL");
        assertThat(sandbox(cancelId).path("decisionCalls").get(0).path("comment").asText()).isEqualTo("already on the truck");
    }

    @Test
    void anUnknownCancelIdIsNotFound() {
        assertThat(approve("9" + ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 10), newKey()))
                .isEqualTo(25001003L);
    }

    @Test
    void aCancellationOfAnotherShopIsNotFound() {
        String cancelId = requestCancellation(sandboxOrder());

        assertThat(calls().tiktokCode("POST", APPROVE.formatted(cancelId), Map.of("idempotency_key", newKey()), "",
                TOKEN, SandboxAuthorizedShopsApi.cipherOf("1234"))).isEqualTo(25001003L);
        assertThat(status(cancelId)).isEqualTo("CANCELLATION_REQUEST_PENDING");
    }

    @Test
    void anApprovedCancellationCannotBeRejectedNorApprovedAgain() {
        String cancelId = requestCancellation(sandboxOrder());
        assertThat(approve(cancelId, newKey())).isZero();

        assertThat(reject(cancelId, newKey(), Map.of("reject_reason", REASON))).isEqualTo(25020010L);
        assertThat(approve(cancelId, newKey())).isEqualTo(25020010L);
    }

    @Test
    void aRejectedCancellationCannotBeApproved() {
        String cancelId = requestCancellation(sandboxOrder());
        assertThat(reject(cancelId, newKey(), Map.of("reject_reason", REASON))).isZero();

        assertThat(approve(cancelId, newKey())).isEqualTo(25020009L);
        assertThat(status(cancelId)).isEqualTo("CANCELLATION_REQUEST_CANCEL");
    }

    @Test
    void aWithdrawnCancellationCannotBeApproved() {
        String cancelId = requestCancellation(sandboxOrder());
        assertThat(calls().postJson("/sandbox/tiktok/cancellations/" + cancelId + "/withdraw", "{\"deliverWebhook\": false}")
                .statusCode()).isEqualTo(200);

        assertThat(approve(cancelId, newKey())).isEqualTo(25020009L);
    }

    @Test
    void aDecisionWithoutAnIdempotencyKeyIsRefusedAndChangesNothing() {
        String cancelId = requestCancellation(sandboxOrder());

        assertThat(calls().tiktokCode("POST", APPROVE.formatted(cancelId), Map.of(), "", TOKEN, cipher())).isEqualTo(36009004L);

        assertThat(status(cancelId)).isEqualTo("CANCELLATION_REQUEST_PENDING");
    }

    @Test
    void aRejectCitingAReasonNotOnItsListIsRefused() {
        String cancelId = requestCancellation(sandboxOrder());

        assertThat(reject(cancelId, newKey(), Map.of("reject_reason", "seller_reject_apply_no_evidence"))).isEqualTo(25001014L);
        assertThat(reject(cancelId, newKey(), Map.of())).as("no reason").isEqualTo(25001014L);

        assertThat(status(cancelId)).isEqualTo("CANCELLATION_REQUEST_PENDING");
    }

    @Test
    void anIdempotencyKeyGetsItsFirstAnswerAgainAndChangesNothing() {
        String cancelId = requestCancellation(sandboxOrder());
        String key = newKey();
        assertThat(approve(cancelId, key)).isZero();

        assertThat(approve(cancelId, key)).isZero();

        JsonNode calls = sandbox(cancelId).path("decisionCalls");
        assertThat(calls).extracting(call -> call.path("replayed").asBoolean()).containsExactly(false, true);
    }

    @Test
    void theRejectReasonsOfACancellationAreOfferedWhileItIsPending() {
        String cancelId = requestCancellation(sandboxOrder());
        assertThat(reasonNames(cancelId)).contains(REASON);

        assertThat(approve(cancelId, newKey())).isZero();

        assertThat(reasonNames(cancelId)).isEmpty();
    }

    @Test
    void aCancellationOfAnUnknownOrderIsNotMade() {
        assertThat(calls().postJson("/sandbox/tiktok/cancellations", "{\"orderId\": \"1\", \"deliverWebhook\": false}")
                .statusCode()).isEqualTo(404);
    }

    /** A sandbox order (of a return of 3 units: 2 + 1 of two SKUs, and a cap on the Shopify copy); answers its TikTok id. */
    private String sandboxOrder() {
        return PartnerCalls.json(calls().postJson("/sandbox/tiktok/returns",
                "{\"returnType\":\"REFUND\",\"items\":3,\"shopId\":\"%s\",\"deliverWebhook\":false}".formatted(shopId)))
                .path("orderId").asText();
    }

    private String requestCancellation(String orderId) {
        var made = calls().postJson("/sandbox/tiktok/cancellations",
                "{\"orderId\": \"%s\", \"deliverWebhook\": false}".formatted(orderId));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return PartnerCalls.json(made).path("cancelId").asText();
    }

    private JsonNode search(Map<String, Object> criteria) {
        JsonNode envelope = PartnerCalls.json(calls().tiktok("POST", SEARCH, Map.of("page_size", "50"), json(criteria), TOKEN, cipher()));
        assertThat(envelope.path("code").asLong()).as("%s", envelope).isZero();
        return envelope.path("data");
    }

    private long approve(String cancelId, String key) {
        return calls().tiktokCode("POST", APPROVE.formatted(cancelId), Map.of("idempotency_key", key), "", TOKEN, cipher());
    }

    private long reject(String cancelId, String key, Map<String, Object> body) {
        return calls().tiktokCode("POST", REJECT.formatted(cancelId), Map.of("idempotency_key", key), json(body), TOKEN, cipher());
    }

    private List<String> reasonNames(String cancelId) {
        JsonNode envelope = PartnerCalls.json(calls().tiktok("GET", "/return_refund/202309/reject_reasons",
                Map.of("return_or_cancel_id", cancelId), null, TOKEN, cipher()));
        assertThat(envelope.path("code").asLong()).as("%s", envelope).isZero();
        List<String> names = new java.util.ArrayList<>();
        envelope.path("data").path("reasons").forEach(reason -> names.add(reason.path("name").asText()));
        return names;
    }

    private JsonNode sandbox(String cancelId) {
        return PartnerCalls.json(calls().get("/sandbox/tiktok/cancellations/" + cancelId));
    }

    private String status(String cancelId) {
        return sandbox(cancelId).path("cancelStatus").asText();
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

    private String cipher() {
        return SandboxAuthorizedShopsApi.cipherOf(shopId);
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }
}
