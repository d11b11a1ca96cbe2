package io.returnflow.messaging;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The broker topology this service relies on. The embedded broker is built from it; an external
 * broker must declare the same (see docker/broker.xml).
 *
 * @param queues              point-to-point work queues; each gets {@code DLQ.<queue>}
 * @param topics              multicast addresses and, for each, the durable queue of every consumer
 *                            (consumed as {@code address::queue}); each queue gets {@code DLQ.<queue>}
 * @param maxDeliveryAttempts broker-side safety net for messages that never finish (e.g. a
 *                            process killed mid-message, again and again); the routes' own
 *                            retries end well before it
 * @param duplicateIdCacheSize ids remembered for Artemis duplicate detection ({@code _AMQ_DUPL_ID})
 * @param managementAddress   where the broker answers management requests (queue names and depths
 *                            for the dead-letter admin API and the queue metrics); the user needs
 *                            the {@code manage} permission on it on an external broker
 */
@ConfigurationProperties("app.broker")
public record BrokerProperties(
        List<String> queues,
        Map<String, List<String>> topics,
        @DefaultValue("50") int maxDeliveryAttempts,
        @DefaultValue("100000") int duplicateIdCacheSize,
        @DefaultValue("activemq.management") String managementAddress) {

    public static final String DEAD_LETTER_PREFIX = "DLQ.";

    public List<String> queues() {
        return queues == null ? List.of() : queues;
    }

    public Map<String, List<String>> topics() {
        return topics == null ? Map.of() : topics;
    }
}
