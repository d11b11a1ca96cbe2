package io.returnflow.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Depths of the work queues and dead-letter queues of the declared topology, as gauges:
 * {@code broker.queue.messages} (everything on the queue, including what waits for a scheduled
 * delivery) and {@code broker.queue.scheduled} (work waiting on the broker for a partner), tagged
 * {@code queue} and {@code kind} ({@code work} or {@code dead_letter}). Asked from the broker when
 * scraped, at most once per {@link #MAX_AGE} for all queues together; NaN while the broker does not answer.
 */
@Component
class BrokerQueueMetrics implements MeterBinder {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(BrokerQueueMetrics.class);

    private final BrokerManagement management;
    private final Map<String, String> queues;
    private final Clock clock;

    private Map<String, BrokerManagement.QueueDepth> depths = Map.of();
    private Instant askedAt = Instant.MIN;

    BrokerQueueMetrics(BrokerManagement management, BrokerTopology broker, Clock clock) {
        this.management = management;
        this.clock = clock;
        this.queues = declared(broker);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        queues.forEach((queue, kind) -> {
            Gauge.builder("broker.queue.messages", () -> depth(queue, false))
                    .description("Messages on a broker queue, including those scheduled for later delivery")
                    .tag("queue", queue).tag("kind", kind).register(registry);
            Gauge.builder("broker.queue.scheduled", () -> depth(queue, true))
                    .description("Messages waiting on a broker queue for a scheduled delivery (retry later)")
                    .tag("queue", queue).tag("kind", kind).register(registry);
        });
    }

    private synchronized double depth(String queue, boolean scheduled) {
        Instant now = clock.instant();
        if (Duration.between(askedAt, now).compareTo(MAX_AGE) > 0) {
            askedAt = now;
            try {
                depths = management.depths(new ArrayList<>(queues.keySet()));
            } catch (RuntimeException e) {
                depths = Map.of();
                log.warn("Queue depths unknown, the broker did not answer: {}", e.getMessage());
            }
        }
        BrokerManagement.QueueDepth depth = depths.get(queue);
        if (depth == null) {
            return Double.NaN;
        }
        return scheduled ? depth.scheduled() : depth.messages();
    }

    /** Queue name (as the broker knows it) -> kind. */
    private static Map<String, String> declared(BrokerTopology broker) {
        Map<String, String> queues = new LinkedHashMap<>();
        for (String queue : broker.queues()) {
            queues.put(queue, "work");
            queues.put(BrokerProperties.DEAD_LETTER_PREFIX + queue, "dead_letter");
        }
        broker.topics().forEach((address, consumers) -> {
            List<String> names = consumers == null ? List.of() : consumers;
            for (String queue : names) {
                queues.put(queue, "work");
                queues.put(BrokerProperties.DEAD_LETTER_PREFIX + queue, "dead_letter");
            }
            queues.put(BrokerProperties.DEAD_LETTER_PREFIX + address, "dead_letter");
        });
        return queues;
    }
}
