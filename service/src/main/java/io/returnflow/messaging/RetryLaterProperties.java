package io.returnflow.messaging;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When work has to wait for a partner: the delays between broker-side redeliveries (the last one
 * repeats) and how long to keep trying before the message becomes a dead letter.
 */
@ConfigurationProperties("app.retry.later")
public record RetryLaterProperties(
        @DefaultValue({"30s", "1m", "2m", "5m", "15m", "30m", "1h", "2h", "4h"}) List<Duration> delays,
        @DefaultValue("48h") Duration giveUpAfter) {

    Duration delayBefore(int attempt) {
        return delays.get(Math.min(attempt, delays.size()) - 1);
    }
}
