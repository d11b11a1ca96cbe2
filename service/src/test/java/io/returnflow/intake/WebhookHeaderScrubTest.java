package io.returnflow.intake;

import static io.returnflow.support.TikTokWebhookClient.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.jms.Message;

import io.returnflow.support.BrokerProbe;
import io.returnflow.support.ServiceTest;
import io.returnflow.support.TikTokWebhookClient;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A validly signed webhook with forged headers and query parameters named like the event's own
 * headers: the queued event carries what the signed envelope says, and only the configured queues
 * are sent to. (The same context as TikTokWebhookIntakeTest: nothing consumes the queue.)
 */
@ServiceTest
@TestPropertySource(properties = "camel.main.routes-exclude-pattern=**/tiktok-return-changed.camel.yaml")
class WebhookHeaderScrubTest {

    private static final String EVENTS = "tiktok.return-events";
    private static final String SHOP_EVENTS = "tiktok.shop-events";
    private static final String SHOP = "7495540735365777507";

    @Autowired
    TikTokWebhookClient tiktok;
    @Autowired
    BrokerProbe broker;
    @Autowired
    IntakeQueues queues;

    @Test
    void aForgedEventQueueHeaderOrParameterDoesNotQueueAnUnhandledType() {
        String body = tiktok.envelope(1, newId(), SHOP, "{\"order_id\":\"576653688135258178\",\"order_status\":\"UNPAID\"}");
        long events = broker.messagesAdded(EVENTS);
        long shopEvents = broker.messagesAdded(SHOP_EVENTS);

        HttpResponse<String> answer = tiktok.send(body, tiktok.sign(body), "application/json",
                Map.of("TikTokEventQueue", EVENTS, "tiktokeventqueue", SHOP_EVENTS), "TikTokEventQueue=" + EVENTS);

        assertThat(answer.statusCode()).isEqualTo(200);
        broker.assertStaysAt(EVENTS, events);
        broker.assertStaysAt(SHOP_EVENTS, shopEvents);
    }

    @Test
    void aForgedEventQueueDoesNotRedirectAHandledType() {
        String notificationId = newId();
        String body = tiktok.returnStatusChange(notificationId, SHOP, newId());
        long shopEvents = broker.messagesAdded(SHOP_EVENTS);

        HttpResponse<String> answer = tiktok.send(body, tiktok.sign(body), "application/json",
                Map.of("TikTokEventQueue", SHOP_EVENTS), "TikTokEventQueue=" + SHOP_EVENTS);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(queuedEvent(notificationId)).as("queued where type 12 goes").isNotNull();
        broker.assertStaysAt(SHOP_EVENTS, shopEvents);
    }

    @Test
    void theQueuedEventCarriesTheEnvelopesIdsNotForgedHeadersOrParameters() throws Exception {
        String notificationId = newId();
        String returnId = newId();
        String body = tiktok.returnStatusChange(notificationId, SHOP, returnId);

        HttpResponse<String> answer = tiktok.send(body, tiktok.sign(body), "application/json", Map.of(
                        "TikTokReturnId", "forged-return", "TikTokShopId", "forged-shop", "JMSXGroupID", "forged-group",
                        "TikTokEventType", "6", "X-Forged", "yes"),
                "TikTokNotificationId=forged-id&TikTokShopId=forged-shop&JMSXGroupID=forged-group&_AMQ_DUPL_ID=forged"
                        + "&TikTokMerchant=forged");

        assertThat(answer.statusCode()).isEqualTo(200);
        Message queued = queuedEvent(notificationId);
        assertThat(queued).isNotNull();
        assertThat(queued.getStringProperty("TikTokReturnId")).isEqualTo(returnId);
        assertThat(queued.getStringProperty("TikTokShopId")).isEqualTo(SHOP);
        assertThat(queued.getStringProperty("JMSXGroupID")).isEqualTo(SHOP + ":" + returnId);
        assertThat(queued.getObjectProperty("TikTokEventType")).hasToString("12");
        assertThat(queued.getStringProperty("_AMQ_DUPL_ID")).isEqualTo(notificationId);
        List<String> properties = Collections.list(queued.getPropertyNames()).stream().map(String::valueOf).toList();
        assertThat(properties).as("nothing the client sent travels with the event")
                .doesNotContain("X-Forged", "TikTokMerchant", "Authorization", "Content-Type", "TikTokEventQueue", "eventQueue")
                .allMatch(name -> name.startsWith("TikTok") || name.startsWith("JMS") || name.startsWith("_AMQ"));
    }

    @Test
    void sendsOnlyToTheQueuesOfAppWebhooksQueues() {
        queues.check(EVENTS);
        queues.check(SHOP_EVENTS);

        assertThatThrownBy(() -> queues.check("DLQ.tiktok.return-events")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> queues.check("returns.created")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> queues.check(null)).isInstanceOf(IllegalStateException.class);
    }

    private Message queuedEvent(String notificationId) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> {
            for (Message message : broker.browse(EVENTS)) {
                if (notificationId.equals(message.getStringProperty("TikTokNotificationId"))) {
                    return message;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }
}
