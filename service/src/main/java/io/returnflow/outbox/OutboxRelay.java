package io.returnflow.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.camel.Header;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The database side of the outbox relay route. Unpublished events are leased before publishing so
 * that several instances never publish the same batch at once; a lease that runs out (an instance
 * died mid-batch) frees the events again. Publishing is at least once: consumers are idempotent.
 */
@Component
public class OutboxRelay {

    private final JdbcClient db;
    private final Clock clock;
    private final Duration lease;

    public OutboxRelay(JdbcClient db, Clock clock, @Value("${app.outbox.lease:30s}") Duration lease) {
        this.db = db;
        this.clock = clock;
        this.lease = lease;
    }

    @Transactional
    public List<OutboxMessage> lease(int batchSize) {
        Instant now = clock.instant();
        List<String> candidates = db.sql("""
                        SELECT id FROM outbox
                        WHERE published_at IS NULL AND (lease_until IS NULL OR lease_until < ?)
                        ORDER BY created_at
                        LIMIT ?""")
                .params(Timestamp.from(now), batchSize)
                .query(String.class).list();
        Timestamp until = Timestamp.from(now.plus(lease));
        List<String> leased = candidates.stream()
                .filter(id -> db.sql("""
                                UPDATE outbox SET lease_until = ?
                                WHERE id = ? AND published_at IS NULL AND (lease_until IS NULL OR lease_until < ?)""")
                        .params(until, id, Timestamp.from(now)).update() == 1)
                .toList();
        if (leased.isEmpty()) {
            return List.of();
        }
        return db.sql("SELECT id, destination, group_key, payload FROM outbox WHERE id IN (:ids) ORDER BY created_at")
                .param("ids", leased)
                .query((rs, n) -> new OutboxMessage(rs.getString("id"), rs.getString("destination"),
                        rs.getString("group_key"), rs.getString("payload")))
                .list();
    }

    public void published(@Header("OutboxId") String id) {
        db.sql("UPDATE outbox SET published_at = ?, lease_until = NULL WHERE id = ?")
                .params(Timestamp.from(clock.instant()), id).update();
    }
}
