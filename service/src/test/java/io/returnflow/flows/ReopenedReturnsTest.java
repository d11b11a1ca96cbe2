package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * TikTok asks the seller again after a synced decision (an appeal of a rejection, a renewed
 * request: the same next action under a new deadline): the return is OPEN again, every item waits
 * for a decision, and the next decision is a new one with its own idempotency key, which TikTok takes.
 */
@ServiceTest
class ReopenedReturnsTest {

    @Value("${server.port}")
    int port;

    @Test
    void tikTokAskingAgainAfterASyncedRejectionOpensTheReturnForANewDecision() {
        ReturnFlowFixture merchant = new ReturnFlowFixture(api(), ReturnFlowFixture.sandboxShopify(api()), "shpat_sandbox");
        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1).path("returnId").asText();
        JsonNode ret = merchant.awaitReturn(tiktokReturnId);
        decide(merchant, ret, "REJECT", firstRejectReason(merchant, ret));
        JsonNode rejected = await().atMost(Duration.ofSeconds(20)).until(() -> one(merchant, ret),
                r -> "REFUND_OR_RETURN_REQUEST_REJECT".equals(r.path("tiktok").path("status").asText())
                        && "SYNCED".equals(r.path("sync").path("status").asText()));
        String firstDecision = rejected.path("sync").path("decisionId").asText();

        HttpResponse<String> again = api().postJson("/sandbox/tiktok/returns/" + tiktokReturnId + "/ask-again", null, "{}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);

        JsonNode reopened = await().atMost(Duration.ofSeconds(20)).until(() -> one(merchant, ret),
                r -> "RETURN_OR_REFUND_REQUEST_PENDING".equals(r.path("tiktok").path("status").asText()));
        assertThat(reopened.path("state").asText()).isEqualTo("OPEN");
        assertThat(reopened.path("items")).allSatisfy(item -> assertThat(item.path("decision").asText()).isEqualTo("PENDING"));
        assertThat(reopened.path("tiktok").path("deadline").isNull()).isFalse();
        assertThat(merchant.api.get("/api/returns/" + ret.path("id").asText() + "/events", merchant.apiKey).body())
                .contains("TIKTOK asks the merchant again: RESPOND_REQUEST");

        decide(merchant, reopened, "APPROVE", null);

        JsonNode approved = await().atMost(Duration.ofSeconds(20)).until(() -> one(merchant, ret),
                r -> "AWAITING_BUYER_SHIP".equals(r.path("tiktok").path("status").asText())
                        && "SYNCED".equals(r.path("sync").path("status").asText()));
        String secondDecision = approved.path("sync").path("decisionId").asText();
        assertThat(secondDecision).isNotEqualTo(firstDecision);
        assertThat(apiCalls(tiktokReturnId)).extracting(call -> call.path("idempotencyKey").asText() + " "
                + call.path("decision").asText() + " replayed=" + call.path("replayed").asBoolean())
                .containsExactly(firstDecision + " REJECT_RETURN replayed=false", secondDecision + " APPROVE_RETURN replayed=false");
    }

    @Test
    void aReturnTikTokDoesNotAskAgainStaysDecided() {
        ReturnFlowFixture merchant = new ReturnFlowFixture(api(), ReturnFlowFixture.sandboxShopify(api()), "shpat_sandbox");
        String tiktokReturnId = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1).path("returnId").asText();
        JsonNode ret = merchant.awaitReturn(tiktokReturnId);
        decide(merchant, ret, "APPROVE", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> one(merchant, ret),
                r -> "AWAITING_BUYER_SHIP".equals(r.path("tiktok").path("status").asText()));

        api().post("/sandbox/tiktok/returns/" + tiktokReturnId + "/webhook", null);

        JsonNode reread = await().atMost(Duration.ofSeconds(10)).until(() -> one(merchant, ret),
                r -> r.path("updatedAt").asText().compareTo(ret.path("updatedAt").asText()) > 0);
        assertThat(reread.path("state").asText()).isEqualTo("APPROVED");
        assertThat(reread.path("items")).allSatisfy(item -> assertThat(item.path("decision").asText()).isEqualTo("APPROVED"));
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private List<JsonNode> apiCalls(String tiktokReturnId) {
        List<JsonNode> calls = new ArrayList<>();
        ApiClient.json(api().get("/sandbox/tiktok/returns/" + tiktokReturnId, null)).path("decisionCalls").forEach(call -> {
            if ("api".equals(call.path("channel").asText())) {
                calls.add(call);
            }
        });
        return calls;
    }

    private static String firstRejectReason(ReturnFlowFixture merchant, JsonNode ret) {
        JsonNode reasons = ApiClient.json(merchant.api.get("/api/returns/" + ret.path("id").asText() + "/reject-reasons",
                merchant.apiKey));
        JsonNode list = reasons.isArray() ? reasons : reasons.path("reasons");
        return list.get(0).path("name").asText();
    }

    private static JsonNode one(ReturnFlowFixture merchant, JsonNode ret) {
        return ApiClient.json(merchant.api.get("/api/returns/" + ret.path("id").asText(), merchant.apiKey));
    }

    private static void decide(ReturnFlowFixture merchant, JsonNode ret, String verdict, String rejectReason) {
        HttpResponse<String> answer = merchant.api.postJson("/api/returns/" + ret.path("id").asText() + "/decision",
                merchant.apiKey, "{\"items\":[{\"itemId\":\"%s\",\"decision\":\"%s\"}]%s}".formatted(
                        ret.path("items").get(0).path("id").asText(), verdict,
                        rejectReason == null ? "" : ",\"rejectReason\":\"" + rejectReason + "\""));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }
}
