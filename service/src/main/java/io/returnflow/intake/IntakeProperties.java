package io.returnflow.intake;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize larger webhooks are refused with 413 before they are read into memory
 * @param queues      the queue each handled webhook type goes to; other types are acknowledged and ignored
 */
@ConfigurationProperties("app.webhooks")
public record IntakeProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        Map<Integer, String> queues) {

    public IntakeProperties {
        queues = queues == null ? Map.of() : Map.copyOf(queues);
    }
}
