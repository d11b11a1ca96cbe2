package io.returnflow.partners;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** One circuit breaker per partner, all with these settings. */
@ConfigurationProperties("app.circuit-breakers")
public record CircuitBreakerProperties(
        @DefaultValue("20") int slidingWindowSize,
        @DefaultValue("10") int minimumNumberOfCalls,
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("30s") Duration waitInOpenState,
        @DefaultValue("3") int callsInHalfOpenState) {
}
