package io.returnflow.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** A polling route's rounds, counted: before asserting that a round did not do something, let a few pass. */
public final class RouteRounds {

    private RouteRounds() {
    }

    /** Waits until the route has completed {@code rounds} more exchanges than now (its camel.route.policy timers). */
    public static void awaitRounds(MeterRegistry meters, String routeId, int rounds) {
        long from = completed(meters, routeId);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> completed(meters, routeId) >= from + rounds);
    }

    private static long completed(MeterRegistry meters, String routeId) {
        return meters.find("camel.route.policy").tag("routeId", routeId).timers().stream().mapToLong(Timer::count).sum();
    }
}
