package io.returnflow.intake;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize  larger webhooks are refused with 413 before they are read into memory
 * @param handledTypes webhook types that are queued; others are acknowledged and ignored
 */
@ConfigurationProperties("app.webhooks")
public record IntakeProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue({"6", "7", "12"}) Set<Integer> handledTypes) {
}
