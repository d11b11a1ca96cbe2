package io.returnflow.history;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import io.returnflow.observability.FlowContext;
import io.returnflow.returns.ReturnSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A return's history: what happened to it, in order, for the merchant and the operator
 * ({@code GET /api/returns/{id}/events}). Flows write to it:
 * <ul>
 *   <li>{@link #record(String, ReturnEventKind, String)}: a return whose id is known (decisions,
 *       syncs, WMS, labels);</li>
 *   <li>{@link #recordHere(ReturnEventKind, String, String)}: the return the current flow step works
 *       on ({@link FlowContext#current()}: header {@code ReturnId}, or {@code TikTokShopId} and
 *       {@code TikTokReturnId}); nothing when the step works on no return;</li>
 *   <li>partner calls are written by {@code PartnerCircuitBreakers} itself.</li>
 * </ul>
 * Writing joins the caller's database transaction if there is one (an entry about a change commits
 * or rolls back with it) and never fails the flow: a history that cannot be written is logged. The
 * one exception is {@link #eventReceived the receipt of a partner's event}: it is the record that the
 * event was taken from its queue, and it fails the flow step instead (which is then tried again).
 */
@Component("returnHistory")
public class ReturnHistory {

    private static final Logger log = LoggerFactory.getLogger(ReturnHistory.class);

    static final int MAX_SUMMARY = 1000;
    static final int MAX_DETAIL = 4000;
    static final int MAX_OPERATION = 200;

    private final JdbcClient db;
    private final Clock clock;

    public ReturnHistory(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Something happened to the return with this id. */
    public void record(String returnId, ReturnEventKind kind, String summary) {
        record(returnId, kind, summary, null);
    }

    public void record(String returnId, ReturnEventKind kind, String summary, String detail) {
        write(new FlowContext(null, null, null, returnId, null), kind, summary, null, null, null, null, null, detail);
    }

    /** Something happened to the return of a source (TikTok shop and return id) that may not be recorded yet. */
    public void record(ReturnSource source, String accountId, String sourceReturnId, ReturnEventKind kind,
                       String summary, String detail) {
        if (source != ReturnSource.TIKTOK) {
            throw new IllegalArgumentException("no history keys for source " + source);
        }
        write(new FlowContext(null, accountId, sourceReturnId, null, null), kind, summary, null, null, null, null,
                null, detail);
    }

    /** Something happened to the return the current flow step works on; nothing if it works on none. */
    public void recordHere(ReturnEventKind kind, String summary, String detail) {
        record(FlowContext.current(), kind, summary, detail);
    }

    /** Something happened to the return a flow context names (e.g. from a message's headers). */
    public void record(FlowContext where, ReturnEventKind kind, String summary, String detail) {
        write(where, kind, summary, where.notificationId(), null, null, null, null, detail);
    }

    /**
     * An event a partner sent about the return (a webhook), taken from its queue. Operators and the
     * reliability run read "was notification X taken?" here, so it is never lost silently: when it
     * cannot be written the DataAccessException fails the caller's step, which the consumer's error
     * policy tries again (issue 17: during a PostgreSQL restart a receipt that was only logged left
     * an event taken, its return recorded, and no trace of its notification).
     */
    public void eventReceived(FlowContext where, String summary, String detail) {
        insert(where, ReturnEventKind.EVENT_RECEIVED, summary, where.notificationId(), null, null, null, null, detail);
    }

    /** A partner call made for the return the flow context names. */
    public void partnerCall(FlowContext where, String partner, String operation, String outcome, long latencyMs,
                            String detail) {
        write(where, ReturnEventKind.PARTNER_CALL, partner + " " + operation + ": " + outcome, null, partner,
                operation, outcome, latencyMs, detail);
    }

    /**
     * The history of a return, oldest first: entries with its id and those written before it was
     * recorded, under its source keys.
     */
    public List<ReturnEvent> of(String returnId, String shopId, String tiktokReturnId, int limit) {
        return db.sql("""
                        SELECT occurred_at, kind, summary, notification_id, partner, operation, outcome, latency_ms, detail
                        FROM return_history
                        WHERE return_id = :returnId
                           OR (source_account_id = :shopId AND source_return_id = :sourceReturnId)
                        ORDER BY occurred_at, id
                        LIMIT :limit""")
                .param("returnId", returnId)
                .param("shopId", shopId)
                .param("sourceReturnId", tiktokReturnId)
                .param("limit", limit)
                .query((rs, n) -> new ReturnEvent(rs.getTimestamp("occurred_at").toInstant(),
                        kind(rs.getString("kind")), rs.getString("summary"), rs.getString("notification_id"),
                        rs.getString("partner"), rs.getString("operation"), rs.getString("outcome"),
                        (Long) rs.getObject("latency_ms", Long.class), rs.getString("detail")))
                .list();
    }

    private void write(FlowContext where, ReturnEventKind kind, String summary, String notificationId, String partner,
                       String operation, String outcome, Long latencyMs, String detail) {
        try {
            insert(where, kind, summary, notificationId, partner, operation, outcome, latencyMs, detail);
        } catch (DataAccessException e) {
            log.warn("History entry {} \"{}\" not written: {}", kind, summary, e.getMessage());
        }
    }

    private void insert(FlowContext where, ReturnEventKind kind, String summary, String notificationId, String partner,
                        String operation, String outcome, Long latencyMs, String detail) {
        if (where == null || !where.identifiesReturn()) {
            return;
        }
        boolean bySource = where.shopId() != null && where.tiktokReturnId() != null;
        db.sql("""
                        INSERT INTO return_history (return_id, source, source_account_id, source_return_id, occurred_at,
                            kind, summary, notification_id, partner, operation, outcome, latency_ms, detail)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(where.returnId(), bySource ? ReturnSource.TIKTOK.name() : null,
                        bySource ? where.shopId() : null, bySource ? where.tiktokReturnId() : null,
                        Timestamp.from(clock.instant()), kind.name(), cut(summary, MAX_SUMMARY), notificationId,
                        partner, cut(operation, MAX_OPERATION), outcome, latencyMs, cut(detail, MAX_DETAIL))
                .update();
    }

    private static ReturnEventKind kind(String name) {
        try {
            return ReturnEventKind.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null; // written by a newer version of the service
        }
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
