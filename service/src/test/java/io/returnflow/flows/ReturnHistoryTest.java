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

/** GET /api/returns/{id}/events: what happened to a return, in order, written by the flows themselves. */
@ServiceTest
class ReturnHistoryTest {

    private static final String TIKTOK_SEARCH = "/return_refund/202309/returns/search";

    @Value("${server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    private ReturnFlowFixture sandboxMerchant() {
        return new ReturnFlowFixture(api(), ReturnFlowFixture.sandboxShopify(api()), "shpat_sandbox");
    }

    @Test
    void showsTheEventReceivedThePartnerCallsAndTheRecordingInOrder() {
        ReturnFlowFixture merchant = sandboxMerchant();
        JsonNode sandbox = merchant.buyerAsksForReturn("REFUND", 1);
        String id = merchant.awaitReturn(sandbox.path("returnId").asText()).path("id").asText();

        List<JsonNode> events = awaitEvents(merchant, id, "RETURN_RECORDED");

        assertThat(events).extracting(e -> e.path("kind").asText())
                .containsSubsequence("EVENT_RECEIVED", "PARTNER_CALL", "PARTNER_CALL", "RETURN_RECORDED");
        JsonNode received = first(events, "EVENT_RECEIVED");
        assertThat(received.path("notificationId").asText()).isEqualTo(sandbox.path("notificationId").asText());
        assertThat(received.path("summary").asText()).contains("type 12").contains("RETURN_OR_REFUND_REQUEST_PENDING");
        JsonNode tiktok = events.stream().filter(e -> "TikTok".equals(e.path("partner").asText())).findFirst().orElseThrow();
        assertThat(tiktok.path("operation").asText()).isEqualTo(TIKTOK_SEARCH);
        assertThat(tiktok.path("outcome").asText()).isEqualTo("success");
        assertThat(tiktok.path("latencyMs").isIntegralNumber()).isTrue();
        JsonNode shopify = events.stream().filter(e -> "Shopify".equals(e.path("partner").asText())).findFirst().orElseThrow();
        assertThat(shopify.path("operation").asText()).isEqualTo("query FindOrders");
        assertThat(first(events, "RETURN_RECORDED").path("summary").asText()).contains("1 item(s)").contains("state OPEN");
    }

    @Test
    void showsAPartnerThatWasDownAndTheWaitOnTheBroker() {
        ReturnFlowFixture merchant = sandboxMerchant();
        api().postJson("/sandbox/faults", null, """
                {"pathPrefix": "/sandbox/tiktok%s", "status": 503, "body": "", "times": 2}""".formatted(TIKTOK_SEARCH));
        JsonNode sandbox = merchant.buyerAsksForReturn("REFUND", 1);
        String id = merchant.awaitReturn(sandbox.path("returnId").asText()).path("id").asText();

        List<JsonNode> events = awaitEvents(merchant, id, "RETURN_RECORDED");

        assertThat(events).filteredOn(e -> "TikTok".equals(e.path("partner").asText()))
                .extracting(e -> e.path("outcome").asText())
                .containsExactly("unavailable", "unavailable", "success");
        assertThat(first(events, "WAITING").path("detail").asText()).contains("TikTok");
        assertThat(events).extracting(e -> e.path("kind").asText()).containsOnlyOnce("EVENT_RECEIVED");
    }

    @Test
    void showsTheMerchantsDecisionAndItsSyncToTikTok() {
        ReturnFlowFixture merchant = sandboxMerchant();
        JsonNode ret = merchant.awaitReturn(merchant.buyerAsksForReturn("REFUND", 1).path("returnId").asText());
        String id = ret.path("id").asText();

        HttpResponse<String> decided = api().postJson("/api/returns/" + id + "/decision", merchant.apiKey, """
                {"items": [{"itemId": "%s", "decision": "APPROVE"}], "comment": "looks fine"}"""
                .formatted(ret.path("items").get(0).path("id").asText()));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(202);

        List<JsonNode> events = awaitEvents(merchant, id, "SYNC");
        assertThat(events).extracting(e -> e.path("kind").asText())
                .containsSubsequence("RETURN_RECORDED", "DECISION", "PARTNER_CALL", "SYNC");
        assertThat(first(events, "DECISION").path("summary").asText()).contains("APPROVED").contains("APPROVE_REFUND");
        assertThat(first(events, "DECISION").path("detail").asText()).isEqualTo("looks fine");
        assertThat(first(events, "SYNC").path("summary").asText()).startsWith("Synced as APPROVE_REFUND");
    }

    @Test
    void isTheMerchantsOwn() {
        ReturnFlowFixture owner = sandboxMerchant();
        ReturnFlowFixture other = sandboxMerchant();
        String id = owner.awaitReturn(owner.buyerAsksForReturn("REFUND", 1).path("returnId").asText()).path("id").asText();

        assertThat(api().get("/api/returns/" + id + "/events", other.apiKey).statusCode()).isEqualTo(404);
        assertThat(api().get("/api/returns/" + id + "/events", null).statusCode()).isEqualTo(401);
        assertThat(api().get("/api/returns/" + id + "/events?merchantId=" + owner.merchantId, ApiClient.ADMIN_TOKEN)
                .statusCode()).isEqualTo(200);
    }

    private List<JsonNode> awaitEvents(ReturnFlowFixture merchant, String returnId, String kind) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> events(merchant, returnId),
                events -> events.stream().anyMatch(e -> kind.equals(e.path("kind").asText())));
    }

    private List<JsonNode> events(ReturnFlowFixture merchant, String returnId) {
        HttpResponse<String> answer = api().get("/api/returns/" + returnId + "/events", merchant.apiKey);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = ApiClient.json(answer);
        assertThat(body.path("returnId").asText()).isEqualTo(returnId);
        List<JsonNode> events = new ArrayList<>();
        body.path("events").forEach(events::add);
        return events;
    }

    private static JsonNode first(List<JsonNode> events, String kind) {
        return events.stream().filter(e -> kind.equals(e.path("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + events));
    }
}
