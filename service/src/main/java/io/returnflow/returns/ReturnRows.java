package io.returnflow.returns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.outbox.Outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A return's row as both the return store and the decision ledger change it: locked first (FOR
 * UPDATE, for the rest of the caller's transaction), then moved to what its source says.
 */
@Component
class ReturnRows {

    private static final String LOCKED = """
            id, state, source_updated_at, current_decision_id, merchant_id, next_action, source, source_account_id,
            source_return_id, source_status, deadline_at, deadline_action, kind""";

    private final JdbcClient db;
    private final Outbox outbox;
    private final ObjectMapper json;

    ReturnRows(JdbcClient db, Outbox outbox, ObjectMapper json) {
        this.db = db;
        this.outbox = outbox;
        this.json = json;
    }

    Optional<Locked> lock(String returnId) {
        return db.sql("SELECT %s FROM returns WHERE id = ? FOR UPDATE".formatted(LOCKED))
                .param(returnId)
                .query(ReturnRows::locked)
                .optional();
    }

    Optional<Locked> lock(ReturnSource source, String accountId, String sourceReturnId) {
        return db.sql("""
                        SELECT %s FROM returns
                        WHERE source = ? AND source_account_id = ? AND source_return_id = ? FOR UPDATE""".formatted(LOCKED))
                .params(source.name(), accountId, sourceReturnId)
                .query(ReturnRows::locked)
                .optional();
    }

    /** The source's status and the state it means, as the return's own. */
    void takeSourceStatus(String returnId, SourceStatus status, ReturnState state, Timestamp now) {
        db.sql("""
                        UPDATE returns SET source_status = ?, source_updated_at = ?, next_action = ?, deadline_at = ?,
                            deadline_action = ?, arbitration_status = ?, state = ?, updated_at = ?
                        WHERE id = ?""")
                .params(status.status(), status.updatedAt(), status.nextAction() == null ? null : status.nextAction().name(),
                        deadline(status), status.deadlineAction(), status.arbitrationStatus(), state.name(), now, returnId)
                .update();
    }

    /** The status's deadline as stored: only while the source waits for the merchant. */
    static Timestamp deadline(SourceStatus status) {
        return status.nextAction() == null || status.deadline() == null ? null : Timestamp.from(status.deadline());
    }

    /**
     * The "return status changed" event, in the outbox with the change: the return now has this
     * status of its source (or was first seen already past the request). Not for a cancellation
     * request: its followers (labels, WMS outcomes) have nothing to do for an order that never shipped.
     */
    void announceStatus(String returnId, String merchantId, ReturnSource source, ReturnKind kind, SourceStatus status,
                        ReturnState state, Instant now) {
        if (kind != ReturnKind.RETURN) {
            return;
        }
        try {
            outbox.add(ReturnStatusChanged.ADDRESS, returnId, json.writeValueAsString(new ReturnStatusChanged(returnId,
                    merchantId, source, status.status(), status.state(), state, now)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the status change of return " + returnId, e);
        }
    }

    /** Every item waits for the merchant's decision again. */
    void undecideItems(String returnId) {
        db.sql("UPDATE return_items SET decision = ? WHERE return_id = ?")
                .params(ItemDecision.PENDING.name(), returnId).update();
    }

    /** A return row, locked for the rest of the transaction. */
    record Locked(String id, ReturnState state, long sourceUpdatedAt, String currentDecisionId, String merchantId,
                  NextAction nextAction, ReturnSource source, String sourceAccountId, String sourceReturnId,
                  String sourceStatus, Instant deadline, String deadlineAction, ReturnKind kind) {
    }

    private static Locked locked(ResultSet rs, int row) throws SQLException {
        String nextAction = rs.getString("next_action");
        return new Locked(rs.getString("id"), ReturnState.valueOf(rs.getString("state")), rs.getLong("source_updated_at"),
                rs.getString("current_decision_id"), rs.getString("merchant_id"),
                nextAction == null ? null : NextAction.valueOf(nextAction), ReturnSource.valueOf(rs.getString("source")),
                rs.getString("source_account_id"), rs.getString("source_return_id"), rs.getString("source_status"),
                instant(rs.getTimestamp("deadline_at")), rs.getString("deadline_action"), ReturnKind.valueOf(rs.getString("kind")));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
