package io.returnflow.messaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every queue this service relies on: {@code app.broker.queues} and {@code app.broker.topics}
 * ({@link BrokerProperties}) and what features declare ({@link QueueDeclarations}). The embedded
 * broker is built from it (EmbeddedBrokerTopology), an external one is given its missing queues at
 * start (ExternalBrokerTopology), and the queue metrics and dead-letter replays know queues by it.
 */
@Component
public class BrokerTopology {

    private final List<String> queues;
    private final Map<String, List<String>> topics;

    public BrokerTopology(BrokerProperties broker, ObjectProvider<QueueDeclarations> declarations) {
        this.queues = List.copyOf(broker.queues());
        Map<String, List<String>> merged = new LinkedHashMap<>();
        broker.topics().forEach((address, consumers) -> merged.put(address, new ArrayList<>(consumers == null ? List.of() : consumers)));
        declarations.orderedStream().forEach(declared -> declared.topics().forEach((address, consumers) -> {
            List<String> all = merged.computeIfAbsent(address, a -> new ArrayList<>());
            consumers.stream().filter(queue -> !all.contains(queue)).forEach(all::add);
        }));
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        merged.forEach((address, consumers) -> frozen.put(address, List.copyOf(consumers)));
        this.topics = Collections.unmodifiableMap(frozen);
    }

    /** Point-to-point work queues; each has {@code DLQ.<queue>}. */
    public List<String> queues() {
        return queues;
    }

    /** Multicast address -> its consumers' durable queues; each queue has {@code DLQ.<queue>}, the address {@code DLQ.<address>}. */
    public Map<String, List<String>> topics() {
        return topics;
    }
}
