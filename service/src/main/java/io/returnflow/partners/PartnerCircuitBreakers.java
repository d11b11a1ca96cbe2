package io.returnflow.partners;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.secrets.OpaqueIds;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A resilience4j circuit breaker around every call the partner clients make: one per partner and
 * tenant where tenants are apart (a Shopify store, a TikTok shop, a NetSuite account, a merchant's
 * ShipHero), so one merchant's broken store never stops the others' flows; one per partner where
 * all share an account (labels, TikTok's app-level calls). A tenant's breaker is named
 * {@code Partner/<opaque id>} ({@link OpaqueIds}): breaker names reach metrics, which must not name
 * merchants or their accounts. Only unavailability ({@link PartnerUnavailableException}) counts
 * as a failure: one merchant's refused credentials must not cut every merchant off a partner. An open breaker answers at once with a
 * {@link PartnerUnavailableException}, so the work waits on the broker like any other outage.
 * Kept in the clients rather than as Camel's circuitBreaker EIP because that EIP treats an
 * exception it is told not to record as a success and drops it.
 * <p>
 * Every call is also measured here, once for all partners: the timer {@code partner.calls}
 * (tags {@code partner}, {@code outcome}, {@code error}) and the {@link PartnerCallListener}s (the
 * return history).
 */
@Component
public class PartnerCircuitBreakers {

    public static final String SUCCESS = "success";
    public static final String UNAVAILABLE = "unavailable";
    public static final String CIRCUIT_OPEN = "circuit_open";
    public static final String REJECTED = "rejected";
    public static final String ERROR = "error";

    private static final Logger log = LoggerFactory.getLogger(PartnerCircuitBreakers.class);

    private final CircuitBreakerRegistry registry;
    private final MeterRegistry meters;
    private final List<PartnerCallListener> listeners;
    private final OpaqueIds opaqueIds;
    /** breaker name -> the tenant it stands for, for the operator's view */
    private final Map<String, String> tenants = new ConcurrentHashMap<>();

    /** Breakers named under a key of their own (tests of a single client). */
    public PartnerCircuitBreakers(CircuitBreakerProperties properties, MeterRegistry meters) {
        this(properties, meters, List.of(), OpaqueIds.random());
    }

    @Autowired
    public PartnerCircuitBreakers(CircuitBreakerProperties properties, MeterRegistry meters,
                                  List<PartnerCallListener> listeners, OpaqueIds opaqueIds) {
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(properties.slidingWindowSize())
                .minimumNumberOfCalls(properties.minimumNumberOfCalls())
                .failureRateThreshold(properties.failureRateThreshold())
                .waitDurationInOpenState(properties.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(properties.callsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordExceptions(PartnerUnavailableException.class)
                .build());
        this.meters = meters;
        this.listeners = List.copyOf(listeners);
        this.opaqueIds = opaqueIds;
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    public <T> T call(String partner, Supplier<T> call) {
        return call(partner, "call", call);
    }

    /**
     * Through the partner's one breaker.
     *
     * @param operation what is called, for the return history (an API path, a GraphQL operation);
     *                  not a metric tag, so it may hold ids
     */
    public <T> T call(String partner, String operation, Supplier<T> call) {
        return through(partner, operation, call);
    }

    /**
     * Through the breaker of the partner for this tenant.
     *
     * @param tenant what one breaker covers at the partner (a store's domain, a shop's cipher, an
     *               account id, a merchant id); null for the partner's one breaker
     */
    public <T> T call(String partner, String tenant, String operation, Supplier<T> call) {
        if (tenant == null) {
            return through(partner, operation, call);
        }
        String name = partner + "/" + opaqueIds.of(partner + ":" + tenant);
        tenants.putIfAbsent(name, tenant);
        return through(name, operation, call);
    }

    private <T> T through(String partner, String operation, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            T answer = registry.circuitBreaker(partner).executeSupplier(call);
            measured(partner, operation, SUCCESS, start, null);
            return answer;
        } catch (CallNotPermittedException open) {
            PartnerUnavailableException unavailable = new PartnerUnavailableException(partner,
                    "circuit breaker open after repeated failures", null, open);
            measured(partner, operation, CIRCUIT_OPEN, start, unavailable);
            throw unavailable;
        } catch (RuntimeException failure) {
            measured(partner, operation, outcome(failure), start, failure);
            throw failure;
        }
    }

    /** CLOSED, OPEN, HALF_OPEN... for health views. */
    public String state(String partner) {
        return registry.circuitBreaker(partner).getState().name();
    }

    /**
     * A breaker as operators see it (admin only).
     *
     * @param name        what metrics call it: the partner, or {@code Partner/<opaque id>}
     * @param tenant      what the breaker covers at the partner, in clear; null for a partner's one breaker
     * @param failureRate percent of the recorded calls that failed; null until enough calls were recorded
     * @param notPermittedCalls calls refused at once while the breaker was open
     */
    public record Breaker(String name, String partner, String tenant, String state, Float failureRate, int bufferedCalls,
                          int failedCalls, long notPermittedCalls) {
    }

    /** Every breaker a call has made so far (a partner nobody called yet has none), by name. */
    public List<Breaker> breakers() {
        return registry.getAllCircuitBreakers().stream()
                .map(breaker -> {
                    CircuitBreaker.Metrics metrics = breaker.getMetrics();
                    float rate = metrics.getFailureRate();
                    int slash = breaker.getName().indexOf('/');
                    return new Breaker(breaker.getName(), slash < 0 ? breaker.getName() : breaker.getName().substring(0, slash),
                            tenants.get(breaker.getName()), breaker.getState().name(), rate < 0 ? null : rate,
                            metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls(),
                            metrics.getNumberOfNotPermittedCalls());
                })
                .sorted(Comparator.comparing(Breaker::name))
                .toList();
    }

    /**
     * @param breaker the breaker's name: the partner, or Partner/<opaque id> for a tenant's breaker;
     *                metrics and history name the partner
     */
    private void measured(String breaker, String operation, String outcome, long start, Throwable failure) {
        long nanos = System.nanoTime() - start;
        int account = breaker.indexOf('/');
        String partner = account < 0 ? breaker : breaker.substring(0, account);
        Timer.builder("partner.calls")
                .description("Calls to partner APIs by outcome and error class")
                .tag("partner", partner)
                .tag("outcome", outcome)
                .tag("error", failure == null ? "none" : failure.getClass().getSimpleName())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters)
                .record(Duration.ofNanos(nanos));
        long latencyMs = nanos / 1_000_000;
        for (PartnerCallListener listener : listeners) {
            try {
                listener.called(partner, operation, outcome, latencyMs, failure);
            } catch (RuntimeException e) {
                log.warn("Partner call listener {} failed: {}", listener, e.toString());
            }
        }
    }

    private static String outcome(RuntimeException failure) {
        if (failure instanceof PartnerUnavailableException) {
            return UNAVAILABLE;
        }
        if (failure instanceof PermanentFailureException) {
            return REJECTED;
        }
        return ERROR;
    }
}
