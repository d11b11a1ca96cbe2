package io.returnflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.BrokerProbe;
import io.returnflow.support.DeadLetters;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jms.core.JmsTemplate;

/**
 * The dead-letter admin API on dead letters put in place by the test: what a replayed copy keeps
 * and drops, dead letters the broker itself made, replay all, delete, and who may do it.
 * (DeadLetterReplayTest replays a real poison message through the real flow.)
 */
@ServiceTest
class DeadLetterAdminApiTest {

    /** No consumer reads test.poison in this context: replayed messages stay there to be looked at. */
    private static final String QUEUE = "test.poison";
    private static final String DLQ = "DLQ.test.poison";

    @Autowired
    JmsTemplate jms;
    @Autowired
    BrokerProbe broker;
    @Value("${server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    @AfterEach
    void emptyTheTestQueues() {
        jms.setReceiveTimeout(100);
        while (jms.receive(QUEUE) != null) {
            // drained
        }
        while (jms.receive(DLQ) != null) {
            // drained
        }
    }

    @Test
    void listsTheMessageWithWhereItFailedWhyHowOftenAndSinceWhen() {
        deadLetter("order 1 never synced", Map.of(
                DeadLetterHeaders.ORIGINAL_QUEUE, QUEUE,
                DeadLetterHeaders.REASON, "PartnerRejectedException: Shopify rejected the call with 401",
                DeadLetterHeaders.ATTEMPTS, 3,
                DeadLetterHeaders.FIRST_FAILURE_TIME, "2026-01-02T03:04:05Z",
                DeadLetterHeaders.LAST_FAILURE_TIME, "2026-01-02T03:04:09Z",
                "TikTokReturnId", "4035"));

        JsonNode message = messages().get(0);

        assertThat(message.path("id").asText()).isNotBlank().doesNotStartWith("ID:");
        assertThat(message.path("originalQueue").asText()).isEqualTo(QUEUE);
        assertThat(message.path("failureReason").asText()).isEqualTo("PartnerRejectedException: Shopify rejected the call with 401");
        assertThat(message.path("attempts").asInt()).isEqualTo(3);
        assertThat(message.path("firstFailureTime").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(message.path("body").asText()).isEqualTo("order 1 never synced");
        assertThat(message.path("properties").path("TikTokReturnId").asText()).isEqualTo("4035");
        assertThat(deadLetters().listedDepth(DLQ)).isEqualTo(1);
    }

    @Test
    void aReplayedCopyKeepsItsHeadersAndFirstFailureButNotItsDuplicateIdWaitsOrDeadLetterNotes() throws Exception {
        String duplicateId = UUID.randomUUID().toString();
        // the original delivery: Artemis remembers its duplicate id on the address
        jms.convertAndSend(QUEUE, "the original", m -> {
            m.setStringProperty("_AMQ_DUPL_ID", duplicateId);
            return m;
        });
        jms.receive(QUEUE);
        deadLetter("the dead letter", Map.of(
                DeadLetterHeaders.ORIGINAL_QUEUE, QUEUE,
                DeadLetterHeaders.QUEUE, DLQ,
                DeadLetterHeaders.REASON, "RetryLaterException: partner is down",
                DeadLetterHeaders.ATTEMPTS, 9,
                DeadLetterHeaders.FIRST_FAILURE_TIME, "2026-01-02T03:04:05Z",
                "_AMQ_DUPL_ID", duplicateId,
                "_AMQ_SCHED_DELIVERY", Instant.now().minusSeconds(60).toEpochMilli(),
                "RetryLaterAttempt", 9,
                "RetryLaterSince", "2026-01-01T00:00:00Z",
                "TikTokReturnId", "4036"));

        JsonNode answer = deadLetters().replay(DLQ, "{\"ids\": [\"" + messages().get(0).path("id").asText() + "\"]}");

        assertThat(answer.path("replayed").asInt()).isEqualTo(1);
        List<Message> back = broker.browse(QUEUE);
        assertThat(back).hasSize(1); // not dropped as a duplicate
        Message copy = back.get(0);
        assertThat(((TextMessage) copy).getText()).isEqualTo("the dead letter");
        assertThat(copy.getStringProperty("TikTokReturnId")).isEqualTo("4036");
        assertThat(copy.getStringProperty(DeadLetterHeaders.FIRST_FAILURE_TIME)).isEqualTo("2026-01-02T03:04:05Z");
        for (String dropped : List.of("_AMQ_DUPL_ID", "_AMQ_SCHED_DELIVERY", "RetryLaterAttempt", "RetryLaterSince",
                DeadLetterHeaders.ORIGINAL_QUEUE, DeadLetterHeaders.QUEUE, DeadLetterHeaders.REASON, DeadLetterHeaders.ATTEMPTS)) {
            assertThat(copy.propertyExists(dropped)).as(dropped).isFalse();
        }
        assertThat(broker.depth(DLQ)).isZero();
    }

    @Test
    void replaysAMessageTheBrokerDeadLetteredToTheOneQueueOfTheAddressItFailedOn() throws Exception {
        // what Artemis writes on a message it gives up on after max-delivery-attempts
        String fqqn = "returns.created::returns.created.test";
        long before = broker.messagesAdded(fqqn);
        String body = "{\"returnId\":\"broker-dead-lettered-" + UUID.randomUUID() + "\"}";
        jms.convertAndSend("DLQ.returns.created", body, m -> {
            m.setStringProperty("_AMQ_ORIG_ADDRESS", "returns.created");
            m.setStringProperty("_AMQ_ORIG_QUEUE", "returns.created.test");
            m.setStringProperty("JMSXGroupID", "return-1");
            return m;
        });
        JsonNode listed = deadLetters().messages("DLQ.returns.created").stream()
                .filter(m -> body.equals(m.path("body").asText())).findFirst().orElseThrow();
        assertThat(listed.path("originalQueue").asText()).isEqualTo(fqqn);
        assertThat(listed.path("failureReason").asText()).contains("max-delivery-attempts");

        JsonNode answer = deadLetters().replay("DLQ.returns.created", "{\"ids\": [\"" + listed.path("id").asText() + "\"]}");

        assertThat(answer.path("replayed").asInt()).isEqualTo(1);
        broker.awaitMessagesAdded(fqqn, before + 1);
        Message copy = broker.browse(fqqn).stream().filter(m -> textOf(m).equals(body)).findFirst().orElseThrow();
        assertThat(copy.getStringProperty("JMSXGroupID")).isEqualTo("return-1");
        assertThat(copy.propertyExists("_AMQ_ORIG_QUEUE")).isFalse();
    }

    @Test
    void replaysAllMessagesOfADeadLetterQueue() {
        for (int i = 0; i < 3; i++) {
            deadLetter("message " + i, Map.of(DeadLetterHeaders.ORIGINAL_QUEUE, QUEUE));
        }

        JsonNode answer = deadLetters().replay(DLQ, "{\"all\": true}");

        assertThat(answer.path("replayed").asInt()).isEqualTo(3);
        assertThat(broker.depth(QUEUE)).isEqualTo(3);
        assertThat(broker.depth(DLQ)).isZero();
        assertThat(broker.browse(QUEUE)).extracting(DeadLetterAdminApiTest::textOf)
                .containsExactly("message 0", "message 1", "message 2");
    }

    @Test
    void tellsTheOriginalQueueOfADeadLetterWithoutNotesFromTheNameOfItsDeadLetterQueue() {
        deadLetter("no notes", Map.of());

        assertThat(messages().get(0).path("originalQueue").asText()).isEqualTo(QUEUE);
    }

    @Test
    void deletesAMessageForGood() {
        deadLetter("not worth replaying", Map.of(DeadLetterHeaders.ORIGINAL_QUEUE, QUEUE));
        String id = messages().get(0).path("id").asText();

        assertThat(api().delete("/api/admin/dlq/" + DLQ + "/messages/" + id, ApiClient.ADMIN_TOKEN).statusCode()).isEqualTo(204);
        assertThat(messages()).isEmpty();
        assertThat(broker.depth(QUEUE)).isZero();
        assertThat(api().delete("/api/admin/dlq/" + DLQ + "/messages/" + id, ApiClient.ADMIN_TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAReplayThatNamesNeitherIdsNorAll() {
        HttpResponse<String> answer = api().postJson("/api/admin/dlq/" + DLQ + "/replay", ApiClient.ADMIN_TOKEN, "{}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(answer).path("error").asText()).contains("ids").contains("all");
    }

    @Test
    void knowsOnlyDeadLetterQueues() {
        assertThat(api().get("/api/admin/dlq/" + QUEUE + "/messages", ApiClient.ADMIN_TOKEN).statusCode()).isEqualTo(404);
        assertThat(api().get("/api/admin/dlq/DLQ.nothing/messages", ApiClient.ADMIN_TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void isForTheAdminOnly() {
        String merchant = ApiClient.uniqueMerchantId();
        api().createMerchant(merchant);
        String merchantKey = api().createApiKey(merchant);

        assertThat(api().get("/api/admin/dlq", null).statusCode()).isEqualTo(401);
        assertThat(api().get("/api/admin/dlq", merchantKey).statusCode()).isEqualTo(403);
        assertThat(api().postJson("/api/admin/dlq/" + DLQ + "/replay", merchantKey, "{\"all\": true}").statusCode()).isEqualTo(403);
    }

    @Test
    void listsEveryDeadLetterQueueOfTheTopology() {
        JsonNode queues = ApiClient.json(api().get("/api/admin/dlq", ApiClient.ADMIN_TOKEN));

        assertThat(queues).extracting(q -> q.path("queue").asText())
                .contains("DLQ.tiktok.return-events", "DLQ.test.poison", "DLQ.returns.created.test", "DLQ.returns.created")
                .allMatch(name -> name.startsWith("DLQ"));
    }

    private void deadLetter(String body, Map<String, Object> properties) {
        jms.convertAndSend(DLQ, body, m -> {
            for (Map.Entry<String, Object> property : properties.entrySet()) {
                m.setObjectProperty(property.getKey(), property.getValue());
            }
            return m;
        });
    }

    private List<JsonNode> messages() {
        return deadLetters().messages(DLQ);
    }

    private DeadLetters deadLetters() {
        return new DeadLetters(api());
    }

    private static String textOf(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
