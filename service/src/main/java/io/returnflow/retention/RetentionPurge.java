package io.returnflow.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.returnflow.merchants.ErasedSubjects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes what is kept longer than {@link RetentionProperties} says: history entries, published
 * outbox rows, TikTok notification ids, label document URLs never uploaded, erased merchants'
 * opaque names. Run by the retention-purge route, once per interval across instances.
 */
@Component
public class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final JdbcClient db;
    private final ErasedSubjects erased;
    private final RetentionProperties retention;
    private final ScheduledRuns runs;
    private final Clock clock;

    RetentionPurge(JdbcClient db, ErasedSubjects erased, RetentionProperties retention, ScheduledRuns runs, Clock clock) {
        this.db = db;
        this.erased = erased;
        this.retention = retention;
        this.runs = runs;
        this.clock = clock;
    }

    /** Whether this instance purges now: once per {@code app.retention.interval} across instances. */
    public boolean isDue() {
        return runs.take("retention-purge", retention.interval());
    }

    /** What was purged, by kind: the number of rows. */
    public Map<String, Integer> purge() {
        Instant now = clock.instant();
        Map<String, Integer> purged = new LinkedHashMap<>();
        purged.put("history", db.sql("DELETE FROM return_history WHERE occurred_at < ?")
                .param(before(now, retention.history())).update());
        purged.put("publishedOutbox", db.sql("DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < ?")
                .param(before(now, retention.publishedOutbox())).update());
        purged.put("notificationIds", db.sql("DELETE FROM CAMEL_MESSAGEPROCESSED WHERE createdAt < ?")
                .param(before(now, retention.notificationIds())).update());
        purged.put("labelDocuments", db.sql("UPDATE return_labels SET document_url = NULL WHERE document_url IS NOT NULL AND updated_at < ?")
                .param(before(now, retention.labelDocuments())).update());
        purged.put("erasedSubjects", erased.forgetErasedBefore(now.minus(retention.erasedSubjects())));
        log.info("Retention purge: {}", purged);
        return purged;
    }

    private static Timestamp before(Instant now, Duration kept) {
        return Timestamp.from(now.minus(kept));
    }
}
