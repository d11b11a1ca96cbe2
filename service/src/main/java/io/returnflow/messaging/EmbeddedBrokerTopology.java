package io.returnflow.messaging;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Declares every work queue and its dead-letter queue on the embedded broker, so the queues exist
 * (and survive restarts in the journal) before the first message, and a message the broker gives
 * up on lands in the same {@code DLQ.<queue>} that the routes use.
 */
@Component
class EmbeddedBrokerTopology implements ArtemisConfigurationCustomizer {

    private final BrokerProperties broker;
    private final BrokerTopology topology;

    EmbeddedBrokerTopology(BrokerProperties broker, BrokerTopology topology) {
        this.broker = broker;
        this.topology = topology;
    }

    @Override
    public void customize(Configuration configuration) {
        configuration.setIDCacheSize(broker.duplicateIdCacheSize());
        configuration.setPersistIDCache(true);
        for (String queue : topology.queues()) {
            configuration.addQueueConfiguration(queue(queue, queue, RoutingType.ANYCAST));
            addDeadLetterQueue(configuration, queue);
            configuration.addAddressSetting(queue, safetyNet(BrokerProperties.DEAD_LETTER_PREFIX + queue));
        }
        topology.topics().forEach((address, queues) -> {
            configuration.addAddressConfiguration(new CoreAddressConfiguration().setName(address)
                    .addRoutingType(RoutingType.MULTICAST));
            for (String queue : queues) {
                configuration.addQueueConfiguration(queue(address, queue, RoutingType.MULTICAST));
                addDeadLetterQueue(configuration, queue);
            }
            // The broker's own dead-lettering works per address: one safety-net queue for the address.
            addDeadLetterQueue(configuration, address);
            configuration.addAddressSetting(address, safetyNet(BrokerProperties.DEAD_LETTER_PREFIX + address));
        });
    }

    private static void addDeadLetterQueue(Configuration configuration, String queue) {
        String deadLetters = BrokerProperties.DEAD_LETTER_PREFIX + queue;
        configuration.addQueueConfiguration(queue(deadLetters, deadLetters, RoutingType.ANYCAST));
    }

    /** For messages rolled back again and again (e.g. a process killed mid-message each time). */
    private AddressSettings safetyNet(String deadLetterAddress) {
        return new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(deadLetterAddress))
                .setMaxDeliveryAttempts(broker.maxDeliveryAttempts())
                .setRedeliveryDelay(1_000)
                .setRedeliveryMultiplier(2.0)
                .setRedeliveryCollisionAvoidanceFactor(0.2)
                .setMaxRedeliveryDelay(60_000);
    }

    private static QueueConfiguration queue(String address, String name, RoutingType routing) {
        return QueueConfiguration.of(name).setAddress(address).setRoutingType(routing).setDurable(true);
    }
}
