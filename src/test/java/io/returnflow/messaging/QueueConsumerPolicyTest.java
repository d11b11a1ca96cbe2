package io.returnflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    private static final AtomicInteger attempts = new AtomicInteger();

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
                                if (exchange.getMessage().getBody(String.class).startsWith("permanent")) {
                                    throw new PermanentFailureException("partner said 400: no such order");
                                }
                                throw new IllegalStateException("partner is down");
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

    private Message awaitDeadLetter(String body) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> find(broker.browse("DLQ." + QUEUE), body), m -> m != null);
    }

    private static Message find(List<Message> messages, String body) throws Exception {
        for (Message message : messages) {
            if (body.equals(((TextMessage) message).getText())) {
                return message;
            }
        }
        return null;
    }
}
