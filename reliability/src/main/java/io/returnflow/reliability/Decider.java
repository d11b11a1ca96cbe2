package io.returnflow.reliability;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The merchants' side: as returns are recorded, a merchant approves every item of each one through
 * {@code POST /api/returns/{id}/decision}, spreading the calls over the service instances. Calls
 * that get no answer (an instance killed) are made again on a later round; a 409 means an earlier
 * call was taken though its answer was lost.
 */
final class Decider implements Runnable {

    private final PostgresDatabase database;
    private final List<ServiceApi> instances;
    private final Map<String, String> apiKeys;
    /** TikTok return ids the merchants leave to their deadline policy (faults scenario): never decided here */
    private final java.util.Set<String> leftToPolicy;
    private final AtomicInteger decided = new AtomicInteger();
    private final AtomicInteger alreadyDecided = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private volatile boolean stopped;
    private int turn;

    Decider(PostgresDatabase database, List<ServiceApi> instances, Map<String, String> apiKeys, java.util.Set<String> leftToPolicy) {
        this.database = database;
        this.instances = instances;
        this.apiKeys = apiKeys;
        this.leftToPolicy = java.util.Set.copyOf(leftToPolicy);
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                Map<String, Undecided> open = undecided();
                int unansweredBefore = unanswered.get();
                for (Undecided ret : open.values()) {
                    if (stopped || unanswered.get() > unansweredBefore) {
                        break; // an instance is down: try again in a moment, not 200 calls in a row
                    }
                    decide(ret);
                }
                Thread.sleep(open.isEmpty() || unanswered.get() > unansweredBefore ? 1_000 : 100);
            } catch (SQLException e) {
                sleepQuietly(); // PostgreSQL restarting: try again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void decide(Undecided ret) throws InterruptedException {
        ServiceApi instance = instances.get(Math.floorMod(turn++, instances.size()));
        try {
            int status = instance.approveAll(ret.id(), ret.itemIds(), apiKeys.get(ret.merchantId()));
            if (status == 202) {
                decided.incrementAndGet();
            } else if (status == 409) {
                alreadyDecided.incrementAndGet();
            } else {
                unanswered.incrementAndGet();
            }
        } catch (IOException e) {
            unanswered.incrementAndGet();
        }
    }

    private Map<String, Undecided> undecided() throws SQLException {
        Map<String, Undecided> open = new LinkedHashMap<>();
        try (Connection db = database.connect();
             PreparedStatement query = db.prepareStatement("""
                     SELECT r.id, r.merchant_id, r.source_return_id, i.id AS item_id FROM returns r JOIN return_items i ON i.return_id = r.id
                     WHERE r.id IN (SELECT id FROM returns WHERE current_decision_id IS NULL AND state = 'OPEN'
                                    ORDER BY created_at LIMIT 200)
                     ORDER BY r.created_at, r.id, i.position""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                if (leftToPolicy.contains(rows.getString("source_return_id"))) {
                    continue;
                }
                open.computeIfAbsent(rows.getString("id"), id -> {
                    try {
                        return new Undecided(id, rows.getString("merchant_id"), new ArrayList<>());
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }).itemIds().add(rows.getString("item_id"));
            }
        }
        return open;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int decided() {
        return decided.get();
    }

    int alreadyDecided() {
        return alreadyDecided.get();
    }

    int unanswered() {
        return unanswered.get();
    }

    private record Undecided(String id, String merchantId, List<String> itemIds) {
    }
}
