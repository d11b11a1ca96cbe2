package io.returnflow.reliability;

import java.time.Duration;

/**
 * How big a run is. The full run is issue 8's: 10,000 webhooks for 2,000 returns, 30% duplicates,
 * 1,000 hostile webhooks, three SIGKILLs and 60-second partner outages. The short run (--short,
 * for CI) keeps every kind of fault, one of each, at a tenth of the traffic.
 *
 * @param returns        returns the buyers ask for
 * @param webhooks       webhooks sent for them, duplicates included
 * @param duplicateShare share of the webhooks that are redeliveries of another
 * @param senders        concurrent webhook senders
 * @param hostile        hostile webhooks mixed into the valid traffic (hostile scenario)
 * @param kills          SIGKILLs of the service (faults scenario)
 * @param outage         each partner's outage (faults scenario)
 * @param failurePercent share of each partner's calls answered 5xx or 429 during the faults
 * @param faultWindow    how long the faults last, from the first webhook
 * @param settleBound    the promise: all work done within this long after the faults (or the traffic) end
 */
record Scale(String name, int returns, int webhooks, double duplicateShare, int senders, int hostile, int kills,
             Duration outage, int failurePercent, Duration faultWindow, Duration settleBound) {

    static Scale full() {
        return new Scale("full", 2_000, 10_000, 0.30, 16, 1_000, 3, Duration.ofSeconds(60), 20,
                Duration.ofSeconds(300), Duration.ofMinutes(10));
    }

    static Scale small() {
        return new Scale("short", 200, 1_000, 0.30, 16, 100, 1, Duration.ofSeconds(20), 20,
                Duration.ofSeconds(75), Duration.ofMinutes(5));
    }
}
