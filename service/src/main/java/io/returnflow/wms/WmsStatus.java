package io.returnflow.wms;

import java.sql.Timestamp;
import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.returnflow.messaging.RetryLaterException;
import io.returnflow.notifications.MerchantNotices;
import io.returnflow.notifications.NoticeKind;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each WMS target's state on a return ({@code wms[]} of the merchant API): PENDING while it is
 * being created, CREATED with the target's id, FAILED with the error once the work was
 * dead-lettered, SKIPPED when the merchant has not enabled the target. CREATED is final: a
 * redelivery or replay never changes it (nor its id). Each move to CREATED, FAILED or SKIPPED is
 * counted as {@code wms_return_authorizations_total{target, status}}. For targets following outcomes,
 * what they did when the return's status changed afterwards is kept beside it ({@code outcome}),
 * counted as {@code wms_return_outcomes_total{target, status}}.
 */
@Component("wmsStatus")
public class WmsStatus {

    public enum Status { PENDING, CREATED, FAILED, SKIPPED }

    private static final Logger log = LoggerFactory.getLogger(WmsStatus.class);
    private static final int MAX_ERROR = 2000;

    private final JdbcClient db;
    private final Clock clock;
    private final MeterRegistry meters;
    private final MerchantNotices notices;

    public WmsStatus(JdbcClient db, Clock clock, MeterRegistry meters, MerchantNotices notices) {
        this.notices = notices;
        this.db = db;
        this.clock = clock;
        this.meters = meters;
    }

    public void pending(String returnId, String target) {
        set(returnId, target, Status.PENDING, null, null);
    }

    public void created(String returnId, String target, String externalId) {
        if (set(returnId, target, Status.CREATED, externalId, null)) {
            log.info("Return {}: {} Return Authorization {} CREATED", returnId, target, externalId);
        }
    }

    public void skipped(String returnId, String target) {
        set(returnId, target, Status.SKIPPED, null, null);
    }

    public void failed(String returnId, String target, String error) {
        if (set(returnId, target, Status.FAILED, null, trimmed(error))) {
            notices.aboutReturn(returnId, NoticeKind.WMS_FAILED, target + " Return Authorization FAILED", trimmed(error));
        }
    }

    /**
     * The target's id for the return's Return Authorization, for following the return's outcome:
     * null when there is none to follow (the target SKIPPED it or FAILED).
     *
     * @throws RetryLaterException while it is being made (PENDING), or not yet begun
     */
    public String toFollow(String returnId, String target) {
        record Row(String status, String externalId) {
        }
        Row row = db.sql("SELECT status, external_id FROM return_wms WHERE return_id = ? AND target = ?")
                .params(returnId, target).query((rs, n) -> new Row(rs.getString(1), rs.getString(2)))
                .optional().orElse(null);
        if (row == null || Status.PENDING.name().equals(row.status())) {
            throw new RetryLaterException(target + " has not made the Return Authorization of return " + returnId
                    + " yet: its outcome waits for it");
        }
        return Status.CREATED.name().equals(row.status()) ? row.externalId() : null;
    }

    /** What the target did about the return's outcome; null: nothing was asked of it. */
    public void followed(String returnId, String target, FollowedOutcome followed) {
        if (followed == null) {
            return;
        }
        outcome(returnId, target, followed.status(), followed.detail());
        log.info("Return {}: {} outcome {}{}", returnId, target, followed.status(),
                followed.detail() == null ? "" : " (" + followed.detail() + ")");
    }

    /** Following the return's outcome was dead-lettered. */
    public void outcomeFailed(String returnId, String target, String reason) {
        outcome(returnId, target, FollowedOutcome.FAILED, reason);
    }

    private void outcome(String returnId, String target, String status, String detail) {
        int moved = db.sql("""
                        UPDATE return_wms SET outcome = ?, outcome_detail = ?
                        WHERE return_id = ? AND target = ?""")
                .params(status, trimmed(detail), returnId, target)
                .update();
        if (moved == 1) {
            Counter.builder("wms.return.outcomes").description("What WMS targets did when a return's status changed")
                    .tag("target", target).tag("status", status).register(meters).increment();
        }
    }

    private static String trimmed(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    /**
     * Portable upsert (H2 and PostgreSQL) in one statement in the usual case: a target's first state
     * (PENDING, or SKIPPED) is inserted, a later one (CREATED, FAILED) moves the row; only a
     * redelivery or a race takes the other statement as well. CREATED is final. Answers whether the
     * target is now in {@code status}; a move into a status other than PENDING is counted.
     */
    private boolean set(String returnId, String target, Status status, String externalId, String error) {
        boolean usuallyNew = status == Status.PENDING || status == Status.SKIPPED;
        boolean moved = usuallyNew
                ? insert(returnId, target, status, externalId, error) || change(returnId, target, status, externalId, error)
                : change(returnId, target, status, externalId, error) || insert(returnId, target, status, externalId, error);
        if (moved) {
            if (status != Status.PENDING) {
                Counter.builder("wms.return.authorizations").description("WMS targets of returns reaching CREATED, FAILED or SKIPPED")
                        .tag("target", target).tag("status", status.name()).register(meters).increment();
            }
            return true;
        }
        // already in this status (a redelivery): refreshed, not moved again, so not counted again
        return update(returnId, target, status, externalId, error, "status = ?");
    }

    /** False when the target already has a row. */
    private boolean insert(String returnId, String target, Status status, String externalId, String error) {
        try {
            return db.sql("""
                            INSERT INTO return_wms (return_id, target, status, external_id, error, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(returnId, target, status.name(), externalId, error, Timestamp.from(clock.instant()))
                    .update() == 1;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    /** Moves the target from another status into this one, unless it is CREATED (final). */
    private boolean change(String returnId, String target, Status status, String externalId, String error) {
        return update(returnId, target, status, externalId, error, "status <> ?");
    }

    private boolean update(String returnId, String target, Status status, String externalId, String error, String condition) {
        return db.sql("""
                        UPDATE return_wms SET status = ?, external_id = ?, error = ?, updated_at = ?
                        WHERE return_id = ? AND target = ? AND status <> 'CREATED' AND\s""" + condition)
                .params(status.name(), externalId, error, Timestamp.from(clock.instant()), returnId, target, status.name())
                .update() == 1;
    }
}
