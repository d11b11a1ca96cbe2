package io.returnflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import io.returnflow.support.BrokerProbe;
import io.returnflow.support.ServiceTest;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jms.core.JmsTemplate;

@ServiceTest
class QueueConsumerPolicyTest {

    private static final String QUEUE = "test.poison";
    private static final String MULTICAST_QUEUE = "returns.created::returns.created.test";
    private static final AtomicInteger attempts = new AtomicInteger();
    private static final Map<String, AtomicInteger> attemptsByBody = new ConcurrentHashMap<>();
    private static final Map<String, Long> doneAt = new ConcurrentHashMap<>();

    @Autowired
    JmsTemplate jms;
    @Autowired
    BrokerProbe broker;

    @TestConfiguration
    static class AlwaysFailingConsumer {
        /** A consumer on the shared policy that fails every time, permanently for "permanent" bodies. */
        @Bean
        RouteBuilder alwaysFailing() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("jms:queue:" + QUEUE).routeId("always-failing").routeConfigurationId("queue-consumer-policy")
                            .process(exchange -> {
                                attempts.incrementAndGet();
                                String body = exchange.getMessage().getBody(String.class);
                                int attempt = attemptsByBody.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
                                if (body.startsWith("later-until-")) {
                                    if (attempt < Integer.parseInt(body.substring("later-until-".length(), body.indexOf('/')))) {
                                        throw new RetryLaterException("partner is throttling");
                                    }
                                    doneAt.put(body, System.currentTimeMillis());
                                    return;
                                }
                                if (body.startsWith("later-forever")) {
                                    throw new RetryLaterException("partner is down");
                                }
                                if (body.startsWith("permanent")) {
                                    throw new PermanentFailureException("partner said 400: no such order");
                                }
                                throw new IllegalStateException("partner is down");
                            });
                    // a consumer of a multicast address reads its own queue of it, fully qualified
                    from("jms:queue:" + MULTICAST_QUEUE).routeId("multicast-consumer").routeConfigurationId("queue-consumer-policy")
                            .process(exchange -> {
                                String body = exchange.getMessage().getBody(String.class);
                                if (attemptsByBody.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet() < 4) {
                                    throw new RetryLaterException("partner is throttling");
                                }
                                doneAt.put(body, System.currentTimeMillis());
                            });
                }
            };
        }
    }

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
        jms.execute(session -> {
            // to this consumer's queue only, not to every consumer of the address
            session.createProducer(session.createTopic(MULTICAST_QUEUE)).send(session.createTextMessage(body));
            return null;
        }, false);
        await().atMost(Duration.ofSeconds(15)).until(() -> doneAt.containsKey(body));

        assertThat(attemptsByBody.get(body).get()).isEqualTo(4);
        assertThat(broker.messagesAdded(MULTICAST_QUEUE)).isGreaterThanOrEqualTo(2); // the first delivery and a wait
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
