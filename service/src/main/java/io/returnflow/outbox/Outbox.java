package io.returnflow.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Transactional outbox: an event is written in the same database transaction as the change it
 * announces, so there is never a committed change without its event, nor an event for a change
 * that rolled back. The outbox relay route publishes it to the broker afterwards.
 */
@Component
public class Outbox {

    private final JdbcClient db;
    private final Clock clock;

    public Outbox(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Must run inside the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String add(String destination, String groupKey, String payload) {
        String id = UUID.randomUUID().toString();
        db.sql("INSERT INTO outbox (id, destination, group_key, payload, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, destination, groupKey, payload, Timestamp.from(clock.instant()))
                .update();
        return id;
    }
}
