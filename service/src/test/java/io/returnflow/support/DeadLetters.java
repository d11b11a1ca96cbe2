package io.returnflow.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/** The dead-letter queues as an operator sees them: the admin API of service-contract.md. */
public final class DeadLetters {

    private final ApiClient api;

    public DeadLetters(ApiClient api) {
        this.api = api;
    }

    /** The messages of a dead-letter queue, oldest first. */
    public List<JsonNode> messages(String dlq) {
        HttpResponse<String> answer = api.get("/api/admin/dlq/" + dlq + "/messages?limit=500", ApiClient.ADMIN_TOKEN);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<JsonNode> messages = new ArrayList<>();
        ApiClient.json(answer).forEach(messages::add);
        return messages;
    }

    /**
     * The first message {@code which} accepts, once it is there: a message reaches its dead-letter
     * queue when the failed consumer's JMS transaction commits, a moment after the failure is recorded.
     */
    public JsonNode awaitMessage(String dlq, Predicate<JsonNode> which) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> messages(dlq).stream().filter(which).findFirst().orElse(null), java.util.Objects::nonNull);
    }

    /** The depth {@code GET /api/admin/dlq} lists for the queue. */
    public long listedDepth(String dlq) {
        for (JsonNode queue : ApiClient.json(api.get("/api/admin/dlq", ApiClient.ADMIN_TOKEN))) {
            if (dlq.equals(queue.path("queue").asText())) {
                return queue.path("depth").asLong();
            }
        }
        throw new AssertionError(dlq + " is not listed");
    }

    /** Replays {@code {"ids": [...]}} or {@code {"all": true}}; answers the replay's answer. */
    public JsonNode replay(String dlq, String request) {
        HttpResponse<String> answer = api.postJson("/api/admin/dlq/" + dlq + "/replay", ApiClient.ADMIN_TOKEN, request);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return ApiClient.json(answer);
    }

    /** The replay request naming one message. */
    public static String ids(JsonNode message) {
        return "{\"ids\": [\"" + message.path("id").asText() + "\"]}";
    }
}
