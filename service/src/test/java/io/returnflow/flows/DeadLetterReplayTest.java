package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.BrokerProbe;
import io.returnflow.support.DeadLetters;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * A real poison message: TikTok events of a shop no merchant has connected are parked in
 * DLQ.tiktok.return-events; once the shop is connected, an operator replays them through the admin
 * API and the return is recorded, once, however often its events are replayed.
 */
@ServiceTest
class DeadLetterReplayTest {

    private static final String DLQ = "DLQ.tiktok.return-events";

    @Autowired
    BrokerProbe broker;
    @Value("${server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    @Test
    void parkedEventsOfAShopConnectedLaterAreReplayedAndRecordTheReturnOnce() throws Exception {
        Instant start = Instant.now();
        String shopId = ReturnFlowFixture.newShopId();
        JsonNode sandbox = buyerAsksForReturnInShop(shopId);
        String tiktokReturnId = sandbox.path("returnId").asText();
        deliverAgain(tiktokReturnId); // TikTok tells about the same return twice

        List<JsonNode> parked = awaitParked(tiktokReturnId, 2);
        JsonNode first = parked.get(0);
        assertThat(first.path("originalQueue").asText()).isEqualTo("tiktok.return-events");
        assertThat(first.path("failureReason").asText())
                .isEqualTo("UnknownShopException: no merchant has connected TikTok shop " + shopId);
        assertThat(first.path("attempts").asInt()).isEqualTo(1); // a permanent failure is not retried
        assertThat(Instant.parse(first.path("firstFailureTime").asText())).isAfter(start.minusSeconds(1));
        assertThat(first.path("body").asText()).contains("\"return_id\":\"" + tiktokReturnId + "\"");
        assertThat(first.path("properties").path("TikTokShopId").asText()).isEqualTo(shopId);
        assertThat(deadLetters().listedDepth(DLQ)).isGreaterThanOrEqualTo(2);

        // the fix: the merchant connects the shop
        ReturnFlowFixture merchant = ReturnFlowFixture.withShop(api(), ReturnFlowFixture.sandboxShopify(api()), "shpat_sandbox", shopId);
        JsonNode replayed = deadLetters().replay(DLQ, DeadLetters.ids(first));
        assertThat(replayed.path("replayed").asInt()).isEqualTo(1);
        JsonNode ret = merchant.awaitReturn(tiktokReturnId);
        assertThat(ret.path("state").asText()).isEqualTo("OPEN");
        String returnId = ret.path("id").asText();

        // the second event of the same return: replaying it changes nothing
        long consumedBefore = broker.messagesAdded("tiktok.return-events");
        assertThat(deadLetters().replay(DLQ, DeadLetters.ids(parked.get(1))).path("replayed").asInt()).isEqualTo(1);
        broker.awaitMessagesAdded("tiktok.return-events", consumedBefore + 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> broker.depth("tiktok.return-events") == 0);

        assertThat(ApiClient.json(api().get("/api/returns?q=" + tiktokReturnId, merchant.apiKey)).path("returns")).hasSize(1);
        assertThat(returnCreatedEventsFor(returnId)).hasSize(1);
        assertThat(parkedFor(tiktokReturnId)).isEmpty();
    }

    @Test
    void replayingAMessageThatIsNoLongerThereReportsItNotFound() {
        JsonNode answer = deadLetters().replay(DLQ, "{\"ids\": [\"00000000-0000-0000-0000-000000000000\"]}");

        assertThat(answer.path("replayed").asInt()).isZero();
        assertThat(answer.path("notFound").get(0).asText()).isEqualTo("00000000-0000-0000-0000-000000000000");
    }

    private JsonNode buyerAsksForReturnInShop(String shopId) {
        HttpResponse<String> created = api().postJson("/sandbox/tiktok/returns", null,
                "{\"returnType\":\"REFUND\",\"items\":1,\"shopId\":\"%s\"}".formatted(shopId));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode sandbox = ApiClient.json(created);
        assertThat(sandbox.path("webhookStatus").asInt()).isEqualTo(200);
        return sandbox;
    }

    private void deliverAgain(String tiktokReturnId) {
        HttpResponse<String> delivered = api().postJson("/sandbox/tiktok/returns/" + tiktokReturnId + "/webhook", null, "{}");
        assertThat(ApiClient.json(delivered).path("webhookStatus").asInt()).isEqualTo(200);
    }

    private List<JsonNode> awaitParked(String tiktokReturnId, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> parkedFor(tiktokReturnId), parked -> parked.size() == count);
    }

    private List<JsonNode> parkedFor(String tiktokReturnId) {
        return deadLetters().messages(DLQ).stream()
                .filter(message -> tiktokReturnId.equals(message.path("properties").path("TikTokReturnId").asText()))
                .toList();
    }

    private DeadLetters deadLetters() {
        return new DeadLetters(api());
    }

    private List<String> returnCreatedEventsFor(String returnId) throws Exception {
        List<String> events = new ArrayList<>();
        for (Message message : broker.browse("returns.created::returns.created.test")) {
            String text = ((TextMessage) message).getText();
            if (text.contains("\"returnId\":\"" + returnId + "\"")) {
                events.add(text);
            }
        }
        return events;
    }
}
