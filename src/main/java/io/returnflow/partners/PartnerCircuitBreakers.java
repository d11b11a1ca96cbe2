package io.returnflow.partners;

import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * A resilience4j circuit breaker per partner around every call the partner clients make. Only
 * unavailability ({@link PartnerUnavailableException}) counts as a failure: one merchant's refused
 * credentials must not cut every merchant off a partner. An open breaker answers at once with a
 * {@link PartnerUnavailableException}, so the work waits on the broker like any other outage.
 * Kept in the clients rather than as Camel's circuitBreaker EIP because that EIP treats an
 * exception it is told not to record as a success and drops it.
 */
@Component
public class PartnerCircuitBreakers {

    private final CircuitBreakerRegistry registry;

    public PartnerCircuitBreakers(CircuitBreakerProperties properties, MeterRegistry meters) {
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(properties.slidingWindowSize())
                .minimumNumberOfCalls(properties.minimumNumberOfCalls())
                .failureRateThreshold(properties.failureRateThreshold())
                .waitDurationInOpenState(properties.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(properties.callsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordExceptions(PartnerUnavailableException.class)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    public <T> T call(String partner, Supplier<T> call) {
        try {
            return registry.circuitBreaker(partner).executeSupplier(call);
        } catch (CallNotPermittedException open) {
            throw new PartnerUnavailableException(partner, "circuit breaker open after repeated failures", null, open);
        }
    }

    /** CLOSED, OPEN, HALF_OPEN... for health views. */
    public String state(String partner) {
        return registry.circuitBreaker(partner).getState().name();
    }
}
