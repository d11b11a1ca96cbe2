package io.returnflow.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The retention purge route: what is past its retention goes, what is not stays; one instance per interval runs it. */
@ServiceTest
class RetentionPurgeTest {

    @Autowired
    JdbcTemplate db;
    @Autowired
    Clock clock;
    @Autowired
    ScheduledRuns runs;

    @Test
    void theScheduledPurgeDeletesWhatIsPastItsRetentionAndKeepsTheRest() {
        Instant now = clock.instant();
        String key = "rt-" + UUID.randomUUID().toString().substring(0, 8);
        history(key + "-old", now.minus(Duration.ofDays(181)));
        history(key + "-new", now.minus(Duration.ofDays(179)));
        outbox(key + "-old", now.minus(Duration.ofDays(8)), true);
        outbox(key + "-unpublished", now.minus(Duration.ofDays(8)), false);
        outbox(key + "-new", now.minus(Duration.ofDays(6)), true);
        notificationId(key + "-old", now.minus(Duration.ofDays(8)));
        notificationId(key + "-new", now.minus(Duration.ofDays(6)));
        label(key + "-old", now.minus(Duration.ofDays(31)));
        label(key + "-new", now.minus(Duration.ofDays(29)));

        db.update("UPDATE scheduled_runs SET next_run_at = ? WHERE name = 'retention-purge'",
                Timestamp.from(now.minus(Duration.ofMinutes(1))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                db.queryForList("SELECT summary FROM return_history WHERE summary LIKE ?", String.class, key + "%"))
                .containsExactly(key + "-new"));
        assertThat(db.queryForList("SELECT id FROM outbox WHERE id LIKE ? ORDER BY id", String.class, key + "%"))
                .containsExactly(key + "-new", key + "-unpublished");
        assertThat(db.queryForList("SELECT messageId FROM CAMEL_MESSAGEPROCESSED WHERE messageId LIKE ?", String.class, key + "%"))
                .containsExactly(key + "-new");
        assertThat(db.queryForList("SELECT return_id FROM return_labels WHERE return_id LIKE ? AND document_url IS NOT NULL",
                String.class, key + "%")).containsExactly(key + "-new");
        assertThat(db.queryForObject("SELECT next_run_at FROM scheduled_runs WHERE name = 'retention-purge'", Timestamp.class)
                .toInstant()).isAfter(now.plus(Duration.ofMinutes(50)));
    }

    @Test
    void onlyOneOfManyInstancesTakesARoundAndNobodyTakesItAgainWithinTheInterval() throws Exception {
        String job = "test-" + UUID.randomUUID();
        db.update("INSERT INTO scheduled_runs (name, next_run_at) VALUES (?, ?)", job,
                Timestamp.from(clock.instant().minusSeconds(1)));
        ExecutorService instances = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> takes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String instance = "instance-" + i;
                takes.add(() -> runs.take(job, Duration.ofHours(1), instance));
            }
            List<Boolean> taken = new ArrayList<>();
            for (Future<Boolean> take : instances.invokeAll(takes)) {
                taken.add(take.get());
            }

            assertThat(taken).containsOnlyOnce(true);
            assertThat(runs.take(job, Duration.ofHours(1))).isFalse();
        } finally {
            instances.shutdownNow();
        }
    }

    private void history(String summary, Instant at) {
        db.update("INSERT INTO return_history (return_id, occurred_at, kind, summary) VALUES (?, ?, 'EVENT_RECEIVED', ?)",
                "retention-test", Timestamp.from(at), summary);
    }

    private void outbox(String id, Instant at, boolean published) {
        db.update("INSERT INTO outbox (id, destination, payload, created_at, published_at) VALUES (?, 'retention.test', '{}', ?, ?)",
                id, Timestamp.from(at), published ? Timestamp.from(at) : null);
    }

    private void notificationId(String id, Instant at) {
        db.update("INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES ('retention-test', ?, ?)",
                id, Timestamp.from(at));
    }

    /** A return of a merchant the test does not make, with a bought label not uploaded yet. */
    private void label(String returnId, Instant at) {
        Timestamp when = Timestamp.from(at);
        db.update("""
                INSERT INTO returns (id, merchant_id, source, source_account_id, source_return_id, source_order_id, return_type,
                    source_status, source_updated_at, can_buyer_keep_item, state, created_at, updated_at)
                VALUES (?, 'retention-test', 'TIKTOK', 'retention-test', ?, 'o', 'RETURN_AND_REFUND', 'AWAITING_BUYER_SHIP', 0,
                    FALSE, 'APPROVED', ?, ?)""", returnId, returnId, when, when);
        db.update("""
                INSERT INTO return_labels (return_id, status, document_type, document_url, created_at, updated_at)
                VALUES (?, 'PURCHASED', 'SHIPPING_LABEL', 'https://easypost-files.s3.us-west-2.amazonaws.com/l.pdf', ?, ?)""",
                returnId, when, when);
    }
}
