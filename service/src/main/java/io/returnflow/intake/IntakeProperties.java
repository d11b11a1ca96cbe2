package io.returnflow.intake;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize larger webhooks are refused with 413 before they are read into memory
 * @param queues      the queue each handled webhook type goes to; other types are acknowledged and ignored
 * @param maxAge      an envelope whose {@code timestamp} is older is refused (a replay of an old webhook)
 * @param maxAhead    an envelope whose {@code timestamp} is further ahead of this service's clock is refused
 */
@ConfigurationProperties("app.webhooks")
public record IntakeProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        Map<Integer, String> queues,
        @DefaultValue("72h") Duration maxAge,
        @DefaultValue("5m") Duration maxAhead) {

    public IntakeProperties {
        queues = queues == null ? Map.of() : Map.copyOf(queues);
    }
}
