package io.returnflow.intake;

import static io.returnflow.support.TikTokWebhookClient.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import io.returnflow.support.BrokerProbe;
import io.returnflow.support.ServiceTest;
import io.returnflow.support.TikTokWebhookClient;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The intake alone: the queue's consumer is stopped while these tests run (once whatever earlier
 * tests left on the queue has drained), so what was queued stays there to be looked at; what they
 * queued is dropped before the consumer starts again, after the last of them.
 */
@ServiceTest
class TikTokWebhookIntakeTest {

    private static final String EVENTS = "tiktok.return-events";
    private static final String CONSUMER = "tiktok-return-changed";

    @Autowired
    TikTokWebhookClient tiktok;
    @Autowired
    BrokerProbe broker;
    @Autowired
    JdbcTemplate db;
    @Autowired
    CamelContext camel;

    /** What the last test ran on, for putting the consumer back after the last of them. */
    private static CamelContext stoppedIn;
    private static BrokerProbe brokerOf;

    /**
     * Before each test rather than once before all: Camel's test listener starts the routes of a
     * new context only when its first test begins (and not at all for a per-class test instance).
     */
    @BeforeEach
    void stopTheConsumer() throws Exception {
        if (camel.getRouteController().getRouteStatus(CONSUMER) != ServiceStatus.Stopped) {
            broker.awaitDrained(EVENTS);
            camel.getRouteController().stopRoute(CONSUMER);
        }
        stoppedIn = camel;
        brokerOf = broker;
    }

    @AfterAll
    static void startTheConsumerAgain() throws Exception {
        if (stoppedIn != null) {
            brokerOf.purge(EVENTS);
            stoppedIn.getRouteController().startRoute(CONSUMER);
        }
    }

    @Test
    void queuesANewSignedEventBeforeAnsweringWithAnEmpty200() throws Exception {
        String notificationId = newId();
        String returnId = newId();
        long before = broker.messagesAdded(EVENTS);

        HttpResponse<String> answer = tiktok.deliver(tiktok.returnStatusChange(notificationId, "7495540735365777507", returnId));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        // Synchronous durable send: the message is on the queue by the time TikTok has its answer.
        broker.awaitMessagesAdded(EVENTS, before + 1);
        Message queued = queuedEvent(notificationId);
        assertThat(((TextMessage) queued).getText()).contains(returnId);
        assertThat(queued.getStringProperty("JMSXGroupID")).isEqualTo("7495540735365777507:" + returnId);
        assertThat(queued.getStringProperty("TikTokReturnId")).isEqualTo(returnId);
        assertThat(queued.propertyExists("Authorization")).as("the signature does not travel with the event").isFalse();
    }

    @Test
    void acknowledgesARedeliveryWithoutQueueingItAgain() {
        String body = tiktok.returnStatusChange(newId(), "7495540735365777507", newId());
        assertThat(tiktok.deliver(body).statusCode()).isEqualTo(200);
        long afterFirst = broker.messagesAdded(EVENTS);

        HttpResponse<String> again = tiktok.deliver(body);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEmpty();
        broker.assertStaysAt(EVENTS, afterFirst);
    }

    @Test
    void acknowledgesAndIgnoresAnUnhandledEventType() {
        String notificationId = newId();
        long before = broker.messagesAdded(EVENTS);

        HttpResponse<String> answer = tiktok.deliver(tiktok.envelope(1, notificationId, "7495540735365777507",
                "{\"order_id\":\"576653688135258178\",\"order_status\":\"UNPAID\"}"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        broker.assertStaysAt(EVENTS, before);
        assertThat(storedIds(notificationId)).isZero();
    }

    @Test
    void refusesAWebhookWithoutAuthorization() {
        String notificationId = newId();
        long before = broker.messagesAdded(EVENTS);

        HttpResponse<String> answer = tiktok.send(tiktok.returnStatusChange(notificationId, "1", newId()), null, "application/json");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertNothingStored(notificationId, before);
    }

    @Test
    void refusesAWebhookSignedWithAnotherSecret() {
        String notificationId = newId();
        String body = tiktok.returnStatusChange(notificationId, "1", newId());
        long before = broker.messagesAdded(EVENTS);

        HttpResponse<String> answer = tiktok.send(body, "0".repeat(64), "application/json");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertNothingStored(notificationId, before);
    }

    @Test
    void refusesASignatureOfADifferentBody() {
        String notificationId = newId();
        String body = tiktok.returnStatusChange(notificationId, "1", newId());
        long before = broker.messagesAdded(EVENTS);

        HttpResponse<String> answer = tiktok.send(body + " ", tiktok.sign(body), "application/json");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertNothingStored(notificationId, before);
    }

    @Test
    void refusesASignedBodyThatIsNotJson() {
        long before = broker.messagesAdded(EVENTS);

        HttpResponse<String> answer = tiktok.deliver("type=12&shop_id=1");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("Exception");
        broker.assertStaysAt(EVENTS, before);
    }

    @Test
    void acknowledgesAWebhookWithoutNotificationIdAndQueuesItOnce() throws Exception {
        String returnId = newId();
        String body = """
                {"type":12,"shop_id":"7495540735365777507","timestamp":%d,"data":{"return_id":"%s",\
                "return_status":"RETURN_OR_REFUND_REQUEST_PENDING"}}""".formatted(Instant.now().getEpochSecond(), returnId);
        long before = broker.messagesAdded(EVENTS);

        HttpResponse<String> first = tiktok.deliver(body);
        HttpResponse<String> again = tiktok.deliver(body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEmpty();
        broker.awaitMessagesAdded(EVENTS, before + 1);
        broker.assertStaysAt(EVENTS, before + 1);
        String derivedId = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(storedIds(derivedId)).isEqualTo(1);
        assertThat(((TextMessage) queuedEvent(derivedId)).getText()).contains(returnId);
    }

    @Test
    void readsATypeSentAsAStringLikeTheNumber() throws Exception {
        String notificationId = newId();
        String returnId = newId();
        String body = tiktok.returnStatusChange(notificationId, "7495540735365777507", returnId)
                .replaceFirst("\"type\":12", "\"type\":\"12\"");
        long before = broker.messagesAdded(EVENTS);

        HttpResponse<String> answer = tiktok.deliver(body);

        assertThat(answer.statusCode()).isEqualTo(200);
        broker.awaitMessagesAdded(EVENTS, before + 1);
        assertThat(queuedEvent(notificationId).getStringProperty("TikTokReturnId")).isEqualTo(returnId);
    }

    @Test
    void refusesAnEnvelopeWithoutTypeOrShop() {
        long before = broker.messagesAdded(EVENTS);

        assertThat(tiktok.deliver("{\"tts_notification_id\":\"1\",\"shop_id\":\"2\",\"data\":{}}").statusCode()).isEqualTo(400);
        assertThat(tiktok.deliver("{\"type\":12,\"tts_notification_id\":\"1\",\"data\":{\"return_id\":\"3\"}}").statusCode()).isEqualTo(400);
        assertThat(tiktok.deliver("{\"type\":\"twelve\",\"tts_notification_id\":\"1\",\"shop_id\":\"2\",\"data\":{}}").statusCode()).isEqualTo(400);
        assertThat(tiktok.deliver("[1,2,3]").statusCode()).isEqualTo(400);

        broker.assertStaysAt(EVENTS, before);
    }

    @Test
    void refusesAnEnvelopeSentMoreThan72HoursAgo() {
        String notificationId = newId();
        long before = broker.messagesAdded(EVENTS);
        long old = Instant.now().minus(Duration.ofHours(72)).minusSeconds(60).getEpochSecond();

        HttpResponse<String> answer = tiktok.deliver(TikTokWebhookClient.envelope(12, notificationId, "7495540735365777507", old,
                "{\"return_id\":\"" + newId() + "\"}"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertNothingStored(notificationId, before);
    }

    @Test
    void refusesAnEnvelopeMoreThanFiveMinutesAhead() {
        String notificationId = newId();
        long before = broker.messagesAdded(EVENTS);
        long ahead = Instant.now().plus(Duration.ofMinutes(6)).getEpochSecond();

        HttpResponse<String> answer = tiktok.deliver(TikTokWebhookClient.envelope(12, notificationId, "7495540735365777507", ahead,
                "{\"return_id\":\"" + newId() + "\"}"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertNothingStored(notificationId, before);
    }

    @Test
    void takesAnEnvelopeInsideTheTimestampWindow() {
        long before = broker.messagesAdded(EVENTS);
        long oldButFine = Instant.now().minus(Duration.ofHours(71)).getEpochSecond();
        long slightlyAhead = Instant.now().plus(Duration.ofMinutes(4)).getEpochSecond();

        assertThat(tiktok.deliver(TikTokWebhookClient.envelope(12, newId(), "7495540735365777507", oldButFine,
                "{\"return_id\":\"" + newId() + "\"}")).statusCode()).isEqualTo(200);
        assertThat(tiktok.deliver(TikTokWebhookClient.envelope(12, newId(), "7495540735365777507", slightlyAhead,
                "{\"return_id\":\"" + newId() + "\"}")).statusCode()).isEqualTo(200);

        broker.awaitMessagesAdded(EVENTS, before + 2);
    }

    @Test
    void refusesAnEnvelopeWithoutAnIntegerTimestamp() {
        long before = broker.messagesAdded(EVENTS);
        String data = ",\"data\":{\"return_id\":\"3\"}}";

        assertThat(tiktok.deliver("{\"type\":12,\"tts_notification_id\":\"" + newId() + "\",\"shop_id\":\"2\"" + data).statusCode())
                .isEqualTo(400);
        assertThat(tiktok.deliver("{\"type\":12,\"tts_notification_id\":\"" + newId() + "\",\"shop_id\":\"2\",\"timestamp\":\""
                + Instant.now().getEpochSecond() + "\"" + data).statusCode()).isEqualTo(400);

        broker.assertStaysAt(EVENTS, before);
    }

    @Test
    void refusesASignedEnvelopeWithAKeyTwice() {
        String notificationId = newId();
        long before = broker.messagesAdded(EVENTS);
        String body = tiktok.returnStatusChange(notificationId, "7495540735365777507", newId())
                .replaceFirst("\\{", "{\"tts_notification_id\":\"" + newId() + "\",");

        assertThat(tiktok.deliver(body).statusCode()).isEqualTo(400);
        assertNothingStored(notificationId, before);
    }

    @Test
    void refusesASignedBodyThatIsNotUtf8OrHasTrailingContent() {
        String notificationId = newId();
        long before = broker.messagesAdded(EVENTS);
        byte[] latin1 = tiktok.returnStatusChange(notificationId, "7495540735365777507", "r\u00e9turn")
                .getBytes(StandardCharsets.ISO_8859_1);
        String trailing = tiktok.returnStatusChange(notificationId, "7495540735365777507", newId()) + "{}";

        assertThat(tiktok.send(latin1, tiktok.sign(latin1), "application/json", Map.of(), null).statusCode()).isEqualTo(400);
        assertThat(tiktok.deliver(trailing).statusCode()).isEqualTo(400);

        assertNothingStored(notificationId, before);
    }

    @Test
    void acceptsAnyOrNoContentType() {
        String body = tiktok.returnStatusChange(newId(), "7495540735365777507", newId());
        assertThat(tiktok.send(body, tiktok.sign(body), "text/plain").statusCode()).isEqualTo(200);
        String other = tiktok.returnStatusChange(newId(), "7495540735365777507", newId());
        assertThat(tiktok.send(other, tiktok.sign(other), null).statusCode()).isEqualTo(200);
    }

    @Test
    void readsTheRawBodyOfAWebhookLabelledAsAForm() {
        // The signature covers the raw bytes: a form content type must not make the server parse them.
        String body = tiktok.returnStatusChange(newId(), "7495540735365777507", newId());
        long before = broker.messagesAdded(EVENTS);

        assertThat(tiktok.send(body, tiktok.sign(body), "application/x-www-form-urlencoded").statusCode()).isEqualTo(200);
        assertThat(tiktok.send(body, tiktok.sign(body) + "0", "application/x-www-form-urlencoded").statusCode()).isEqualTo(401);

        broker.awaitMessagesAdded(EVENTS, before + 1);
    }

    @Test
    void refusesABodyOverOneMebibyteWith413() {
        String notificationId = newId();
        String padding = "x".repeat(1024 * 1024);
        String body = "{\"type\":12,\"tts_notification_id\":\"%s\",\"shop_id\":\"1\",\"data\":{\"return_id\":\"2\",\"pad\":\"%s\"}}"
                .formatted(notificationId, padding);
        long before = broker.messagesAdded(EVENTS);

        assertThat(tiktok.deliver(body).statusCode()).isEqualTo(413);
        assertThat(tiktok.sendChunked(body.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(413);

        assertNothingStored(notificationId, before);
    }

    @Test
    void keepsAnEventOfAShopNoMerchantConnected() {
        String notificationId = newId();
        long before = broker.messagesAdded(EVENTS);

        HttpResponse<String> answer = tiktok.deliver(tiktok.returnStatusChange(notificationId, TikTokWebhookClient.uniqueShop(), newId()));

        assertThat(answer.statusCode()).isEqualTo(200);
        broker.awaitMessagesAdded(EVENTS, before + 1);
    }

    @Test
    void queuesExactlyOneEventFromFiftyConcurrentDeliveries() throws Exception {
        String body = tiktok.returnStatusChange(newId(), "7495540735365777507", newId());
        long before = broker.messagesAdded(EVENTS);
        ExecutorService senders = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                answers.add(senders.submit(() -> {
                    start.await();
                    return tiktok.deliver(body).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            senders.shutdownNow();
        }

        broker.awaitMessagesAdded(EVENTS, before + 1);
    }

    private Message queuedEvent(String notificationId) throws Exception {
        for (Message message : broker.browse(EVENTS)) {
            if (notificationId.equals(message.getStringProperty("TikTokNotificationId"))) {
                return message;
            }
        }
        throw new AssertionError("no queued event " + notificationId);
    }

    private int storedIds(String notificationId) {
        return db.queryForObject("SELECT COUNT(*) FROM camel_messageprocessed WHERE messageId = ?", Integer.class, notificationId);
    }

    private void assertNothingStored(String notificationId, long messagesBefore) {
        broker.assertStaysAt(EVENTS, messagesBefore);
        assertThat(storedIds(notificationId)).isZero();
    }
}
