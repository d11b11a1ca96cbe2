package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * What the returns list counts as needing attention (GET /api/returns/summary, ?needsAttention=true),
 * and what a decision on a return may be now (GET /api/returns/{id}/decision-options).
 */
@ServiceTest
class ReturnsNeedingAttentionTest {

    @Value("${server.port}")
    int port;

    @Test
    void anOpenReturnNeedsAttentionUntilItIsDecided() {
        ReturnFlowFixture merchant = merchant("APPROVE_ALL");
        JsonNode ret = openReturn(merchant, "RETURN_AND_REFUND", 1);
        assertThat(needsAttention(merchant)).isEqualTo(1);
        assertThat(attentionList(merchant)).extracting(r -> r.path("id").asText()).containsExactly(ret.path("id").asText());

        decide(merchant, ret, "APPROVE");

        assertThat(needsAttention(merchant)).isZero();
        assertThat(attentionList(merchant)).isEmpty();
        assertThat(merchant.api.get("/api/returns", merchant.apiKey).body()).contains(ret.path("id").asText());
    }

    @Test
    void aMixedDecisionHeldForAnOperatorStillNeedsAttention() {
        ReturnFlowFixture merchant = merchant("MANUAL");
        JsonNode ret = openReturn(merchant, "RETURN_AND_REFUND", 2);

        decide(merchant, ret, "APPROVE", "REJECT");

        JsonNode held = find(merchant, ret);
        assertThat(held.path("state").asText()).isEqualTo("PARTIALLY_APPROVED");
        assertThat(held.path("sync").path("status").asText()).isEqualTo("PENDING");
        assertThat(needsAttention(merchant)).isEqualTo(1);
    }

    @Test
    void anOpenReturnMayBeDecidedAndItsBuyerMayKeepTheItemsWhereTikTokAllows() {
        ReturnFlowFixture merchant = merchant("APPROVE_ALL");
        JsonNode refund = openReturn(merchant, "RETURN_AND_REFUND", 1);

        JsonNode options = options(merchant, refund);

        assertThat(options.path("decidable").asBoolean()).isTrue();
        assertThat(options.path("notDecidable").isNull()).isTrue();
        assertThat(options.path("returnless").asBoolean()).isTrue();
    }

    @Test
    void aReplacementCannotBeReturnlessAndSaysWhy() {
        ReturnFlowFixture merchant = merchant("APPROVE_ALL");
        JsonNode replacement = openReturn(merchant, "REPLACEMENT", 1);

        JsonNode options = options(merchant, replacement);

        assertThat(options.path("decidable").asBoolean()).isTrue();
        assertThat(options.path("returnless").asBoolean()).isFalse();
        assertThat(options.path("returnlessRefusal").asText()).isEqualTo("a replacement cannot be returnless");
    }

    @Test
    void aDecidedReturnTakesNoOtherDecisionAndSaysWhy() {
        ReturnFlowFixture merchant = merchant("APPROVE_ALL");
        JsonNode ret = openReturn(merchant, "RETURN_AND_REFUND", 1);
        decide(merchant, ret, "APPROVE");

        JsonNode options = options(merchant, ret);

        assertThat(options.path("decidable").asBoolean()).isFalse();
        assertThat(options.path("notDecidable").asText()).contains("only an OPEN return");
    }

    private ReturnFlowFixture merchant(String mixedDecision) {
        ApiClient api = new ApiClient(port);
        return ReturnFlowFixture.withMixedDecision(api, ReturnFlowFixture.sandboxShopify(api), "shpat_sandbox", mixedDecision);
    }

    private static JsonNode openReturn(ReturnFlowFixture merchant, String returnType, int items) {
        return merchant.awaitReturn(merchant.buyerAsksForReturn(returnType, items).path("returnId").asText());
    }

    /** One verdict per item, in the return's order. */
    private static void decide(ReturnFlowFixture merchant, JsonNode ret, String... verdicts) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < verdicts.length; i++) {
            items.append(i == 0 ? "" : ",").append("{\"itemId\":\"%s\",\"decision\":\"%s\"}"
                    .formatted(ret.path("items").get(i).path("id").asText(), verdicts[i]));
        }
        var answer = merchant.api.postJson("/api/returns/" + ret.path("id").asText() + "/decision", merchant.apiKey,
                "{\"items\":[" + items + "]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    private static JsonNode find(ReturnFlowFixture merchant, JsonNode ret) {
        return ApiClient.json(merchant.api.get("/api/returns/" + ret.path("id").asText(), merchant.apiKey));
    }

    private static JsonNode options(ReturnFlowFixture merchant, JsonNode ret) {
        var answer = merchant.api.get("/api/returns/" + ret.path("id").asText() + "/decision-options", merchant.apiKey);
        assertThat(answer.statusCode()).isEqualTo(200);
        return ApiClient.json(answer);
    }

    private static long needsAttention(ReturnFlowFixture merchant) {
        return ApiClient.json(merchant.api.get("/api/returns/summary", merchant.apiKey)).path("needsAttention").asLong();
    }

    private static JsonNode attentionList(ReturnFlowFixture merchant) {
        return ApiClient.json(merchant.api.get("/api/returns?needsAttention=true", merchant.apiKey)).path("returns");
    }
}
