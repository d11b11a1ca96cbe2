package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.FailingStatements;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * A TikTok event taken from its queue is written in its return's history (EVENT_RECEIVED), the
 * record of "TikTok told us, and we took it" that operators and the reliability run rely on, even
 * when the database fails as the event is taken: issue 17's PostgreSQL restart, where the receipt
 * was silently not written and the return recorded all the same.
 */
@ServiceTest
class TikTokEventReceiptTest {

    /** The thread names of the consumers of the return events queue (Camel's JmsConsumer[queue]). */
    private static final String RETURN_EVENTS_CONSUMER = "JmsConsumer[tiktok.return-events]";

    @Autowired
    FailingStatements database;
    @Value("${server.port}")
    int port;

    @Test
    void anEventTakenWhileTheDatabaseFailsIsStillRecordedAsReceived() {
        ApiClient api = new ApiClient(port);
        ReturnFlowFixture merchant = new ReturnFlowFixture(api, ReturnFlowFixture.sandboxShopify(api), "shpat_sandbox");
        // the first two statements of the event's consumer fail: the receipt, then the shop lookup
        database.failNext(2, RETURN_EVENTS_CONSUMER);

        JsonNode sandbox = merchant.buyerAsksForReturn("REFUND", 1);
        String id = merchant.awaitReturn(sandbox.path("returnId").asText()).path("id").asText();

        assertThat(database.failed()).as("statements failed on the consumer").isEqualTo(2);
        List<JsonNode> history = await().atMost(Duration.ofSeconds(15)).until(() -> history(api, merchant, id),
                events -> events.stream().anyMatch(e -> "RETURN_RECORDED".equals(e.path("kind").asText())));
        assertThat(history).filteredOn(e -> "EVENT_RECEIVED".equals(e.path("kind").asText()))
                .extracting(e -> e.path("notificationId").asText())
                .containsExactly(sandbox.path("notificationId").asText());
    }

    private static List<JsonNode> history(ApiClient api, ReturnFlowFixture merchant, String returnId) {
        List<JsonNode> events = new ArrayList<>();
        ApiClient.json(api.get("/api/returns/" + returnId + "/events", merchant.apiKey)).path("events").forEach(events::add);
        return events;
    }
}
