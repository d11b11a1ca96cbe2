package io.returnflow.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * On an external broker ({@code spring.artemis.mode: native}, the prod profile), declares at start
 * every queue of the {@link BrokerTopology} the broker lacks, before any route consumes or publishes:
 * docker/broker.xml declares the addresses and their address settings, and a queue a feature adds
 * (a new WMS target's {@code returns.created.<name>}) needs no change there. Existing queues are left
 * as they are. A broker that does not answer is asked again for {@link #PATIENCE}, then the start
 * fails: without its queues the service would drop messages meant for them.
 * Written by hand (small): Artemis declares queues from its own configuration file only.
 */
@Component
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "native")
class ExternalBrokerTopology implements SmartInitializingSingleton {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(ExternalBrokerTopology.class);

    private final BrokerManagement management;
    private final BrokerTopology topology;

    ExternalBrokerTopology(BrokerManagement management, BrokerTopology topology) {
        this.management = management;
        this.topology = topology;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long giveUpAt = System.nanoTime() + PATIENCE.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                declare();
                return;
            } catch (BrokerManagement.BrokerManagementException e) {
                if (System.nanoTime() > giveUpAt) {
                    throw new IllegalStateException("the broker's queues could not be declared: " + e.getMessage(), e);
                }
                log.warn("Declaring the broker's queues failed (attempt {}), trying again: {}", attempt, e.getMessage());
                sleep(Duration.ofSeconds(Math.min(attempt, 5)));
            }
        }
    }

    /** Every queue of the topology and its dead-letter queue, unless the broker has them. */
    void declare() {
        List<String> existing = management.queueNames();
        List<String> declared = new ArrayList<>();
        for (String queue : topology.queues()) {
            declare(existing, declared, queue, queue, RoutingType.ANYCAST);
            declareDeadLetters(existing, declared, queue);
        }
        topology.topics().forEach((address, queues) -> {
            for (String queue : queues) {
                declare(existing, declared, address, queue, RoutingType.MULTICAST);
                declareDeadLetters(existing, declared, queue);
            }
            declareDeadLetters(existing, declared, address);
        });
        if (!declared.isEmpty()) {
            log.info("Declared on the broker: {}", declared);
        }
    }

    private void declareDeadLetters(List<String> existing, List<String> declared, String queue) {
        String deadLetters = BrokerProperties.DEAD_LETTER_PREFIX + queue;
        declare(existing, declared, deadLetters, deadLetters, RoutingType.ANYCAST);
    }

    private void declare(List<String> existing, List<String> declared, String address, String queue, RoutingType routing) {
        if (!existing.contains(queue)) {
            management.declareQueue(address, queue, routing);
            declared.add(address.equals(queue) ? queue : address + "::" + queue);
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while declaring the broker's queues", e);
        }
    }
}
