package io.returnflow.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario's accounts: what was sent, what the service recorded, what the partners received.
 * Each promise is a line; a broken one is listed and makes the run fail. "Lost" counts work that
 * should have happened and did not; "duplicated" counts work done more than once (or done for
 * something that should have been refused).
 */
final class Ledger {

    private final String scenario;
    private final List<Map.Entry<String, String>> lines = new ArrayList<>();
    private final List<String> broken = new ArrayList<>();
    private long lost;
    private long duplicated;

    Ledger(String scenario) {
        this.scenario = scenario;
    }

    /** A line of the ledger; a name may come more than once (one line per notification not taken). */
    void line(String name, Object value) {
        lines.add(Map.entry(name, String.valueOf(value)));
    }

    /** A count that must equal what was expected: short is lost, over is duplicated. */
    void exact(String name, long actual, long expected, String detail) {
        line(name, actual + " / " + expected + (detail == null || detail.isEmpty() ? "" : "  (" + detail + ")"));
        if (actual < expected) {
            lose(name, expected - actual);
        } else if (actual > expected) {
            duplicate(name, actual - expected);
        }
    }

    void lose(String what, long count) {
        if (count > 0) {
            lost += count;
            broken.add(what + ": " + count + " lost");
        }
    }

    void duplicate(String what, long count) {
        if (count > 0) {
            duplicated += count;
            broken.add(what + ": " + count + " duplicated");
        }
    }

    /** A promise that is neither loss nor duplication (an answer, a time bound, an empty DLQ). */
    void require(boolean kept, String promise) {
        if (!kept) {
            broken.add(promise);
        }
    }

    boolean kept() {
        return broken.isEmpty();
    }

    void print() {
        System.out.println();
        System.out.println("== Ledger: " + scenario);
        lines.forEach(line -> System.out.printf("  %-26s %s%n", line.getKey(), line.getValue()));
        System.out.printf("  %-26s %d%n", "lost", lost);
        System.out.printf("  %-26s %d%n", "duplicated", duplicated);
        System.out.printf("  %-26s %s%n", "verdict", kept() ? "PASS" : "FAIL");
        broken.forEach(promise -> System.out.println("  BROKEN: " + promise));
        System.out.println();
    }

    static long countIn(Set<String> ids, Set<String> within) {
        return ids.stream().filter(within::contains).count();
    }
}
