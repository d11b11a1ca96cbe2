package io.returnflow.messaging;

import java.util.List;
import java.util.Map;

/**
 * Durable queues a feature declares for itself on multicast addresses (e.g. one per WMS target on
 * {@code returns.created}), beside those of {@code app.broker}: the broker topology is both
 * ({@link BrokerTopology}), and each gets its {@code DLQ.<queue>} like any other.
 */
public interface QueueDeclarations {

    /** Multicast address -> the durable queues of its consumers. */
    Map<String, List<String>> topics();
}
