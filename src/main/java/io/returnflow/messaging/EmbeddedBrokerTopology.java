package io.returnflow.messaging;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
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

    EmbeddedBrokerTopology(BrokerProperties broker) {
        this.broker = broker;
    }

    @Override
    public void customize(Configuration configuration) {
        configuration.setIDCacheSize(broker.duplicateIdCacheSize());
        configuration.setPersistIDCache(true);
        for (String queue : broker.queues()) {
            String deadLetters = BrokerProperties.DEAD_LETTER_PREFIX + queue;
            configuration.addQueueConfiguration(anycast(queue));
            configuration.addQueueConfiguration(anycast(deadLetters));
            configuration.addAddressSetting(queue, new AddressSettings()
                    .setDeadLetterAddress(org.apache.activemq.artemis.api.core.SimpleString.of(deadLetters))
                    .setMaxDeliveryAttempts(broker.maxDeliveryAttempts())
                    .setRedeliveryDelay(1_000)
                    .setRedeliveryMultiplier(2.0)
                    .setRedeliveryCollisionAvoidanceFactor(0.2)
                    .setMaxRedeliveryDelay(60_000));
        }
    }

    private static QueueConfiguration anycast(String name) {
        return QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST).setDurable(true);
    }
}
