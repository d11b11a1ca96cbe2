package io.returnflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import io.returnflow.support.BrokerProbe;
import io.returnflow.support.ServiceTest;
import io.returnflow.support.TestRoutes;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/** The shared error policy, on consumers that only tests feed (TestRoutes). */
@ServiceTest
class QueueConsumerPolicyTest {

    private static final String QUEUE = TestRoutes.POLICY_QUEUE;
    private static final String MULTICAST_QUEUE = TestRoutes.MULTICAST_QUEUE;
    private static final AtomicInteger attempts = TestRoutes.attempts;
    private static final Map<String, AtomicInteger> attemptsByBody = TestRoutes.attemptsByBody;
    private static final Map<String, Long> doneAt = TestRoutes.doneAt;

    @Autowired
    JmsTemplate jms;
    @Autowired
    BrokerProbe broker;

    @Test
    void retriesThenDeadLettersWithReasonAttemptsAndFirstFailureTime() throws Exception {
        Instant sent = Instant.now();
        attempts.set(0);
        jms.convertAndSend(QUEUE, "poison-1");

        Message dead = awaitDeadLetter("poison-1");

        // 1 attempt + 2 redeliveries (test profile's app.retry.maximum-redeliveries)
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(dead.getIntProperty(DeadLetterHeaders.ATTEMPTS)).isEqualTo(3);
        assertThat(dead.getStringProperty(DeadLetterHeaders.REASON)).isEqualTo("IllegalStateException: partner is down");
        assertThat(dead.getStringProperty(DeadLetterHeaders.ORIGINAL_QUEUE)).isEqualTo(QUEUE);
        Instant first = Instant.parse(dead.getStringProperty(DeadLetterHeaders.FIRST_FAILURE_TIME));
        Instant last = Instant.parse(dead.getStringProperty(DeadLetterHeaders.LAST_FAILURE_TIME));
        assertThat(first).isAfterOrEqualTo(sent.minusSeconds(1)).isBefore(last);
        assertThat(broker.depth(QUEUE)).isZero();
    }

    @Test
    void deadLettersAPermanentFailureWithoutRetrying() throws Exception {
        attempts.set(0);
        jms.convertAndSend(QUEUE, "permanent-1");

        Message dead = awaitDeadLetter("permanent-1");

        assertThat(attempts.get()).isEqualTo(1);
        assertThat(dead.getIntProperty(DeadLetterHeaders.ATTEMPTS)).isEqualTo(1);
        assertThat(dead.getStringProperty(DeadLetterHeaders.REASON)).contains("no such order");
    }

    @Test
    void putsWorkThatHasToWaitBackOnItsQueueWithGrowingDelaysUntilItSucceeds() {
        String body = "later-until-5/" + System.nanoTime();
        long sent = System.currentTimeMillis();
        jms.convertAndSend(QUEUE, body);

        await().atMost(Duration.ofSeconds(15)).until(() -> doneAt.containsKey(body));

        // attempts 1-2: quick retry in place; attempt 3, 4 and 5 come back from the broker after
        // 200 ms, then 400 ms (test profile's delays, plus up to 20% jitter)
        assertThat(attemptsByBody.get(body).get()).isEqualTo(5);
        assertThat(doneAt.get(body) - sent).isGreaterThanOrEqualTo(600);
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.depth(QUEUE) == 0); // the last delivery commits
        assertThat(find(browseQuietly("DLQ." + QUEUE), body)).isNull();
    }

    @Test
    void putsWorkOfAMulticastConsumerThatHasToWaitBackOnItsOwnQueueOfTheAddress() {
        String body = "multicast/" + System.nanoTime();
        long sent = System.currentTimeMillis();
        jms.execute(session -> {
            // to this consumer's queue only, not to every consumer of the address
            jakarta.jms.TextMessage marked = session.createTextMessage(body);
            marked.setStringProperty(TestRoutes.MARK, TestRoutes.POLICY);
            session.createProducer(session.createTopic(MULTICAST_QUEUE)).send(marked);
            return null;
        }, false);
        await().atMost(Duration.ofSeconds(15)).until(() -> doneAt.containsKey(body));

        assertThat(attemptsByBody.get(body).get()).isEqualTo(4);
        // attempts 1-2 in place, then the message came back from the broker after 200 ms for attempts 3-4
        // (timed, as other messages share this queue of the address)
        assertThat(doneAt.get(body) - sent).isGreaterThanOrEqualTo(200);
    }

    @Test
    void deadLettersWorkThatWaitedLongerThanTheGiveUpTime() throws Exception {
        String body = "later-forever/" + System.nanoTime();
        jms.convertAndSend(QUEUE, body);

        Message dead = awaitDeadLetter(body);

        assertThat(dead.getStringProperty(DeadLetterHeaders.REASON)).isEqualTo("RetryLaterException: partner is down");
        assertThat(dead.propertyExists("_AMQ_SCHED_DELIVERY")).isTrue(); // it did wait on the broker
        assertThat(attemptsByBody.get(body).get()).isGreaterThan(4);
    }

    private List<Message> browseQuietly(String queue) {
        return broker.browse(queue);
    }

    private Message awaitDeadLetter(String body) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> find(broker.browse("DLQ." + QUEUE), body), m -> m != null);
    }

    private static Message find(List<Message> messages, String body) {
        try {
            for (Message message : messages) {
                if (body.equals(((TextMessage) message).getText())) {
                    return message;
                }
            }
            return null;
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
