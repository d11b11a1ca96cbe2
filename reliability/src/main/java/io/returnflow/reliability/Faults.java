package io.returnflow.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The faults scenario's schedule, run beside the traffic: from the first webhook, every partner
 * fails a share of its calls with 503, 500 or 429; each partner has an outage of its own (every call
 * 503), one after the other; the service is SIGKILLed and started again, the broker restarted and
 * PostgreSQL restarted in between. The faults end with the fault window; "all work done" is timed
 * from then.
 */
final class Faults implements Runnable {

    private final Scale scale;
    private final Partners partners;
    private final ServiceInstance service;
    private final ArtemisBroker broker;
    private final List<String> done = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private long start;

    Faults(Scale scale, Partners partners, ServiceInstance service, ArtemisBroker broker) {
        this.scale = scale;
        this.partners = partners;
        this.service = service;
        this.broker = broker;
    }

    private record Step(double atShare, String what, Action action) {
    }

    private interface Action {
        void run() throws Exception;
    }

    @Override
    public void run() {
        start = System.nanoTime();
        long window = scale.faultWindow().toSeconds();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(0, "partners fail " + scale.failurePercent() + "% of calls", () -> {
            for (String prefix : Partners.APIS.values()) {
                partners.arm(Map.of("pathPrefix", prefix, "statuses", List.of(503, 500, 429),
                        "percent", scale.failurePercent(), "seconds", window));
            }
        }));
        // outages one after the other over the window; kills and restarts in between
        List<String> names = List.copyOf(Partners.APIS.keySet());
        double outageShare = (double) scale.outage().toSeconds() / window;
        boolean together = scale.kills() < 3; // short run: one outage of every partner at once
        for (int i = 0; i < names.size(); i++) {
            String partner = names.get(i);
            double at = together ? 0.55 : 0.1 + i * (0.9 - outageShare - 0.1) / (names.size() - 1);
            steps.add(new Step(at, partner + " down " + scale.outage().toSeconds() + " s", () -> partners.arm(Map.of(
                    "pathPrefix", Partners.APIS.get(partner), "status", 503, "seconds", scale.outage().toSeconds()))));
        }
        // the short run's one SIGKILL comes after the restarts, so that each of them meets a running service
        for (int k = 0; k < scale.kills(); k++) {
            double at = scale.kills() == 1 ? 0.45 : 0.08 + k * (0.7 / scale.kills());
            steps.add(new Step(at, "SIGKILL service", () -> {
                service.kill();
                service.start(Duration.ofMinutes(3));
            }));
        }
        // A restart of the broker or the database is a fault of a running service: one that falls
        // while the service is down after a SIGKILL waits until it has started again (a PostgreSQL
        // restart that meets no service cannot find what issue 17 found).
        steps.add(new Step(0.2, "broker restart", () -> {
            awaitServiceRunning("broker restart");
            broker.restart();
        }));
        steps.add(new Step(0.35, "PostgreSQL restart", () -> {
            awaitServiceRunning("PostgreSQL restart");
            PostgresDatabase.restartCluster();
        }));

        // each step at its time, on its own thread: a kill's restart (tens of seconds) delays no other fault
        java.util.concurrent.ScheduledExecutorService scheduler = java.util.concurrent.Executors.newScheduledThreadPool(steps.size());
        List<java.util.concurrent.ScheduledFuture<?>> scheduled = new ArrayList<>();
        for (Step step : steps) {
            long delay = (long) (step.atShare() * window * 1000);
            scheduled.add(scheduler.schedule(() -> {
                System.out.printf("  t=%3.0f s  %s%n", (System.nanoTime() - start) / 1e9, step.what());
                try {
                    step.action().run();
                    synchronized (done) {
                        done.add(step.what());
                    }
                } catch (Exception e) {
                    synchronized (done) {
                        failed.add(step.what() + ": " + e.getMessage());
                    }
                    System.out.println("  fault step failed: " + step.what() + ": " + e);
                }
            }, delay, java.util.concurrent.TimeUnit.MILLISECONDS));
        }
        for (java.util.concurrent.ScheduledFuture<?> step : scheduled) {
            try {
                step.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                failed.add(e.getCause().toString());
            }
        }
        scheduler.shutdown();
        sleepUntil(start + scale.faultWindow().toNanos());
        System.out.printf("  t=%3.0f s  faults end%n", (System.nanoTime() - start) / 1e9);
    }

    private void awaitServiceRunning(String step) throws InterruptedException {
        long since = System.nanoTime();
        long deadline = since + Duration.ofMinutes(3).toNanos();
        while (!service.isRunning()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service had not started again for the " + step + " within 3 minutes");
            }
            Thread.sleep(250);
        }
        double waited = (System.nanoTime() - since) / 1e9;
        if (waited > 0.5) {
            System.out.printf("  t=%3.0f s  %s after waiting %.0f s for the service to start again%n", (System.nanoTime() - start) / 1e9, step, waited);
        }
    }

    String summary(Map<String, Integer> injected) {
        return done.size() + " steps (" + String.join(", ", done) + ")" + (failed.isEmpty() ? "" : "; FAILED: " + failed)
                + "; calls answered with a fault: " + injected;
    }

    boolean allDone() {
        return failed.isEmpty();
    }

    private static void sleepUntil(long due) {
        try {
            while (System.nanoTime() < due) {
                Thread.sleep(Math.max(1, (due - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
