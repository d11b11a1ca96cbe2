package io.returnflow.intake;

import static io.returnflow.support.TikTokWebhookClient.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.returnflow.ReturnsServiceApplication;
import io.returnflow.support.TikTokWebhookClient;
import io.returnflow.tiktok.WebhookSignature;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The persistent journal: an event acknowledged to TikTok is still queued after a restart. */
class QueuedEventsSurviveRestartTest {

    @Test
    void queuedEventsAreStillThereAfterTheServiceRestarts() throws Exception {
        String isolation = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String notificationId = newId();
        long queuedBefore;

        try (ConfigurableApplicationContext first = start(isolation)) {
            String body = TikTokWebhookClient.envelope(12, notificationId, "7495540735365777507", Instant.now().getEpochSecond(),
                    "{\"return_id\":\"" + newId() + "\"}");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + first.getEnvironment().getProperty("local.server.port") + "/webhooks/tiktok"))
                            .header("Authorization", first.getBean(WebhookSignature.class).sign(bytes))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> depth(first) > 0);
            queuedBefore = depth(first);
        }

        try (ConfigurableApplicationContext second = start(isolation)) {
            assertThat(depth(second)).isEqualTo(queuedBefore);
        }
    }

    private static ConfigurableApplicationContext start(String isolation) {
        return new SpringApplicationBuilder(ReturnsServiceApplication.class)
                .profiles("test")
                .properties("server.port=0", "test.isolation-id=" + isolation,
                        // nothing consumes the intake queue in this test: only the journal is under test
                        "camel.main.routes-exclude-pattern=**/tiktok-return-changed.camel.yaml")
                .run();
    }

    private static long depth(ConfigurableApplicationContext context) {
        return context.getBean(EmbeddedActiveMQ.class).getActiveMQServer().locateQueue("tiktok.return-events").getMessageCount();
    }
}
