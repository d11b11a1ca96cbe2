package io.returnflow.observability;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.springframework.stereotype.Component;

/**
 * Every Camel route with its status and its counters since start, for an operator's overview. The
 * counters are the route policy's Micrometer meters (camel.metrics.enable-route-policy), the same
 * that /actuator/prometheus exposes; a route that has not met an exchange yet has none and shows 0.
 */
@Component
public class RouteHealth {

    private final CamelContext camel;
    private final MeterRegistry meters;

    public RouteHealth(CamelContext camel, MeterRegistry meters) {
        this.camel = camel;
        this.meters = meters;
    }

    /**
     * @param status          Started, Stopped, Suspended...
     * @param exchangesFailed exchanges that ended in an error nobody handled
     * @param failuresHandled failures the error policy took care of (retried later, dead-lettered)
     * @param meanProcessingMs null until the route has completed an exchange
     */
    public record Status(String routeId, String description, String status, long exchangesTotal, long exchangesFailed,
                         long failuresHandled, long exchangesInflight, Double meanProcessingMs) {
    }

    public List<Status> routes() {
        return camel.getRoutes().stream()
                .map(this::status)
                .sorted(Comparator.comparing(Status::routeId))
                .toList();
    }

    private Status status(Route route) {
        String id = route.getRouteId();
        Timer latency = meters.find("camel.route.policy").tag("routeId", id).timer();
        return new Status(id, route.getDescription(), String.valueOf(camel.getRouteController().getRouteStatus(id)),
                count("camel.exchanges.total", id), count("camel.exchanges.failed", id),
                count("camel.exchanges.failures.handled", id), camel.getInflightRepository().size(id),
                latency == null || latency.count() == 0 ? null : latency.mean(TimeUnit.MILLISECONDS));
    }

    private long count(String meter, String routeId) {
        Counter counter = meters.find(meter).tag("routeId", routeId).tag("camelContext", camel.getName()).counter();
        return counter == null ? 0 : (long) counter.count();
    }
}
