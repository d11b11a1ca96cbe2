package io.returnflow.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.messaging.RetryLaterException;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Consumers on the shared error policy that only tests feed, part of every test context: they read
 * queues (or messages) no flow uses, so they are idle unless a test sends to them
 * (QueueConsumerPolicyTest).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestRoutes {

    /** Read only by the always failing consumer. */
    public static final String POLICY_QUEUE = "test.policy";
    /** A multicast address's queue that also gets every "return created"; this consumer takes only messages marked for it. */
    public static final String MULTICAST_QUEUE = "returns.created::returns.created.test";
    /** The JMS property (value {@link #POLICY}) that marks a message for the multicast consumer. */
    public static final String MARK = "TestRoute";
    public static final String POLICY = "queue-consumer-policy";

    public static final AtomicInteger attempts = new AtomicInteger();
    public static final Map<String, AtomicInteger> attemptsByBody = new ConcurrentHashMap<>();
    public static final Map<String, Long> doneAt = new ConcurrentHashMap<>();

    /** A consumer on the shared policy that fails every time, permanently for "permanent" bodies. */
    @Bean
    RouteBuilder alwaysFailing() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:" + POLICY_QUEUE).routeId("test-always-failing").routeConfigurationId("queue-consumer-policy")
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
                from("jms:queue:" + MULTICAST_QUEUE + "?selector=" + MARK + "='" + POLICY + "'").routeId("test-multicast-consumer")
                        .routeConfigurationId("queue-consumer-policy")
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
