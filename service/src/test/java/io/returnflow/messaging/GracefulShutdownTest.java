package io.returnflow.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.jms.TextMessage;

import io.returnflow.support.BrokerProbe;
import io.returnflow.support.ServiceTest;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.spring.junit5.ShutdownTimeout;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Shutting down (what SIGTERM does to the Camel context) while consumers are mid-message: work that
 * finishes within the shutdown timeout (camel.main.shutdown-timeout; 3 s here) finishes; work that
 * does not is not continued, and its JMS transaction rolls back onto its queue. Nothing is lost,
 * nothing is half-done, nothing is dead-lettered for it.
 */
@ServiceTest
@DirtiesContext
@ShutdownTimeout(3)
class GracefulShutdownTest {

    private static final String QUEUE = "test.poison";
    private static final Set<String> started = ConcurrentHashMap.newKeySet();
    private static final Set<String> finished = ConcurrentHashMap.newKeySet();
    private static final Set<String> leftTheSlowStep = ConcurrentHashMap.newKeySet();

    @Autowired
    JmsTemplate jms;
    @Autowired
    BrokerProbe broker;
    @Autowired
    CamelContext camel;

    @TestConfiguration
    static class SlowConsumer {
        /** "quick" takes 1 s, "stuck" 8 s: one ends within the 3 s shutdown timeout, one does not. */
        @Bean
        RouteBuilder slowConsumer() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("jms:queue:" + QUEUE + "?concurrentConsumers=2").routeId("slow-consumer")
                            .routeConfigurationId("queue-consumer-policy")
                            .process(exchange -> {
                                String body = exchange.getMessage().getBody(String.class);
                                started.add(body);
                                try {
                                    Thread.sleep(body.equals("quick") ? 1_000 : 8_000);
                                } finally {
                                    leftTheSlowStep.add(body);
                                }
                            })
                            .process(exchange -> finished.add(exchange.getMessage().getBody(String.class)));
                }
            };
        }
    }

    @Test
    void inFlightWorkFinishesOrGoesBackToItsQueueOnShutdown() throws Exception {
        jms.convertAndSend(QUEUE, "quick");
        jms.convertAndSend(QUEUE, "stuck");
        await().atMost(Duration.ofSeconds(10)).until(() -> started.containsAll(List.of("quick", "stuck")));

        camel.stop();
        // the stuck consumer's thread is not killed: wait until it is out of its step, and its
        // transaction is over
        await().atMost(Duration.ofSeconds(20)).until(() -> leftTheSlowStep.contains("stuck"));
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.browse(QUEUE).size() == 1);

        assertThat(finished).containsExactly("quick");
        List<jakarta.jms.Message> left = broker.browse(QUEUE);
        assertThat(left).hasSize(1);
        assertThat(((TextMessage) left.get(0)).getText()).isEqualTo("stuck");
        assertThat(broker.depth("DLQ." + QUEUE)).isZero();
    }
}
