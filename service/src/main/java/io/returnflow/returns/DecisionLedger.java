package io.returnflow.returns;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.history.ReturnEventKind;
import io.returnflow.history.ReturnHistory;
import io.returnflow.merchants.MixedDecision;
import io.returnflow.notifications.MerchantNotices;
import io.returnflow.notifications.NoticeKind;
import io.returnflow.outbox.Outbox;
import io.returnflow.partners.PartnerText;
import io.returnflow.returns.ReturnRows.Locked;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The merchant's decisions on returns and how each one's sync to the source ends: a decision is
 * recorded at once with the items' verdicts, the return's new state and its "return decided" event
 * in the outbox; its sync then moves from PENDING to SYNCED or FAILED exactly once (a duplicate
 * outcome changes nothing), and a dead-lettered sync may resume when its dead letter is replayed.
 * Writes lock the return's row first ({@link ReturnRows}), so decisions and status reports
 * ({@link ReturnStore#applyStatus}) never overwrite each other.
 */
@Component
public class DecisionLedger {

    private static final Logger log = LoggerFactory.getLogger(DecisionLedger.class);

    private final JdbcClient db;
    private final ReturnRows rows;
    private final Outbox outbox;
    private final MerchantNotices notices;
    private final ObjectMapper json;
    private final Clock clock;
    private final ReturnHistory history;

    public DecisionLedger(JdbcClient db, ReturnRows rows, Outbox outbox, ObjectMapper json, Clock clock, ReturnHistory history,
                          MerchantNotices notices) {
        this.notices = notices;
        this.db = db;
        this.rows = rows;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.history = history;
    }

    /**
     * Records the merchant's decision at once: the items' verdicts, the return's new state, the
     * decision (its sync PENDING) and its "return decided" event in the outbox, which starts the
     * sync. Refused when the return no longer waits for it (another decision, or the source moved on);
     * a return whose current decision FAILED to sync takes a new one while the source still waits.
     * Answers the decision's id.
     */
    @Transactional
    public String decide(DecisionDraft draft) {
        Locked current = rows.lock(draft.returnId())
                .filter(ret -> ret.merchantId().equals(draft.merchantId()))
                .orElseThrow(() -> DecisionRefusedException.conflict("return " + draft.returnId() + " is gone"));
        boolean previousFailed = Optional.ofNullable(current.currentDecisionId()).flatMap(this::decision)
                .filter(decision -> decision.syncStatus() == SyncStatus.FAILED).isPresent();
        if ((current.state() != ReturnState.OPEN && !previousFailed) || current.nextAction() != draft.answers()
                || !Objects.equals(current.currentDecisionId(), draft.expectedCurrentDecision())) {
            throw DecisionRefusedException.conflict("return " + draft.returnId() + " changed while deciding: it is "
                    + current.state() + " now; read it again");
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        draft.items().forEach((itemId, decision) -> db.sql("UPDATE return_items SET decision = ? WHERE id = ? AND return_id = ?")
                .params(decision.name(), itemId, draft.returnId()).update());
        db.sql("""
                        INSERT INTO return_decisions (id, return_id, answers, answers_deadline, verdict, mixed_decision, returnless,
                            reject_reason, comment, approved_refund, currency, sync_status, sync_decision, sync_reason,
                            created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, draft.returnId(), draft.answers().name(),
                        current.deadline() == null ? null : Timestamp.from(current.deadline()), draft.verdict().name(),
                        draft.mixedDecision().name(), draft.returnless(), draft.rejectReason(), draft.comment(),
                        draft.approvedRefund(), draft.currency(), SyncStatus.PENDING.name(), draft.plannedDecision(),
                        draft.heldReason(), Timestamp.from(now), Timestamp.from(now))
                .update();
        ReturnState state = draft.verdict().state();
        db.sql("UPDATE returns SET state = ?, current_decision_id = ?, updated_at = ? WHERE id = ?")
                .params(state.name(), id, Timestamp.from(now), draft.returnId())
                .update();
        outbox.add(ReturnDecided.ADDRESS, draft.returnId(), serialise(new ReturnDecided(id, draft.returnId(),
                draft.merchantId(), current.source(), current.sourceAccountId(), current.sourceReturnId(), draft.verdict(),
                draft.answers(), now)));
        log.info("Return {} decided {} ({}), decision {} {}", draft.returnId(), draft.verdict(), state, id,
                draft.heldReason() == null ? "goes to " + current.source() + " as " + draft.plannedDecision()
                        : "is held: " + draft.heldReason());
        history.record(draft.returnId(), ReturnEventKind.DECISION, "Decided " + draft.verdict() + ", state " + state
                        + (draft.heldReason() == null ? ", goes to " + current.source() + " as " + draft.plannedDecision()
                        : ", held: " + draft.heldReason()),
                draft.rejectReason() == null ? draft.comment() : "reject reason " + draft.rejectReason()
                        + (draft.comment() == null ? "" : ": " + draft.comment()));
        return id;
    }

    /** A decision as recorded, with what its sync needs of the return. */
    public Optional<RecordedDecision> decision(String decisionId) {
        return db.sql("""
                        SELECT d.id, d.return_id, d.answers, d.verdict, d.mixed_decision, d.returnless, d.reject_reason,
                               d.comment, d.approved_refund, d.currency, d.sync_status, d.sync_decision,
                               d.dead_lettered_at, d.answers_deadline, r.merchant_id, r.source, r.source_account_id, r.source_return_id, r.return_type
                        FROM return_decisions d JOIN returns r ON r.id = d.return_id
                        WHERE d.id = ?""")
                .param(decisionId)
                .query((rs, n) -> new RecordedDecision(rs.getString("id"), rs.getString("return_id"),
                        rs.getString("merchant_id"), ReturnSource.valueOf(rs.getString("source")),
                        rs.getString("source_account_id"), rs.getString("source_return_id"), rs.getString("return_type"),
                        NextAction.valueOf(rs.getString("answers")), Verdict.valueOf(rs.getString("verdict")),
                        MixedDecision.valueOf(rs.getString("mixed_decision")), rs.getBoolean("returnless"),
                        rs.getString("reject_reason"), rs.getString("comment"), rs.getBigDecimal("approved_refund"),
                        rs.getString("currency"), SyncStatus.valueOf(rs.getString("sync_status")),
                        rs.getString("sync_decision"), rs.getTimestamp("dead_lettered_at") != null,
                        ReturnRows.instant(rs.getTimestamp("answers_deadline"))))
                .optional();
    }

    /**
     * The source shows what the decision asked for (sent now, or already so). Only a PENDING sync
     * moves: a duplicate outcome changes nothing. Answers whether it moved.
     *
     * @param sourceDecision the source's decision (e.g. APPROVE_RETURN), or null when none was sent
     * @param reason         how it ended without a call, or null
     */
    @Transactional
    public boolean syncSucceeded(String decisionId, String sourceDecision, String reason) {
        Timestamp now = Timestamp.from(clock.instant());
        boolean moved = db.sql("""
                        UPDATE return_decisions SET sync_status = ?, sync_decision = COALESCE(?, sync_decision), sync_reason = ?,
                            sync_error_code = NULL, sync_error = NULL, synced_at = ?, updated_at = ?
                        WHERE id = ? AND sync_status = ?""")
                .params(SyncStatus.SYNCED.name(), sourceDecision, reason, now, now, decisionId, SyncStatus.PENDING.name())
                .update() == 1;
        if (moved) {
            syncHistory(decisionId, "Synced" + (sourceDecision == null ? "" : " as " + sourceDecision), reason);
        }
        return moved;
    }

    /**
     * The decision's sync message was dead-lettered (the source stayed unreachable, its shop is
     * gone...): the sync is FAILED with the dead letter's reason; the return keeps the merchant's
     * decision, since the source never answered. Replaying the dead letter sends it again
     * ({@link #resumeSync}). Only a PENDING sync moves.
     */
    @Transactional
    public boolean syncDeadLettered(String decisionId, String reason) {
        Timestamp now = Timestamp.from(clock.instant());
        boolean moved = db.sql("""
                        UPDATE return_decisions SET sync_status = ?, sync_error_code = NULL, sync_error = ?,
                            dead_lettered_at = ?, updated_at = ?
                        WHERE id = ? AND sync_status = ?""")
                .params(SyncStatus.FAILED.name(), truncate(reason, 2000), now, now, decisionId, SyncStatus.PENDING.name())
                .update() == 1;
        if (moved) {
            syncHistory(decisionId, "Sync FAILED: its message was dead-lettered", reason);
            decision(decisionId).ifPresent(failed -> notices.aboutReturn(failed.returnId(), NoticeKind.SYNC_FAILED,
                    "The decision did not reach TikTok: its sync FAILED", truncate(reason, 300)));
        }
        return moved;
    }

    /**
     * A dead-lettered decision is sent again (its dead letter was replayed): PENDING once more, if it
     * is still the return's current decision. Answers whether it resumed.
     */
    @Transactional
    public boolean resumeSync(String decisionId) {
        boolean resumed = db.sql("""
                        UPDATE return_decisions SET sync_status = ?, sync_error = NULL, dead_lettered_at = NULL, updated_at = ?
                        WHERE id = ? AND sync_status = ? AND dead_lettered_at IS NOT NULL
                          AND id = (SELECT current_decision_id FROM returns WHERE returns.id = return_decisions.return_id)""")
                .params(SyncStatus.PENDING.name(), Timestamp.from(clock.instant()), decisionId, SyncStatus.FAILED.name())
                .update() == 1;
        if (resumed) {
            syncHistory(decisionId, "Sync resumed: its dead letter was replayed", null);
        }
        return resumed;
    }

    /**
     * The source refused the decision: the sync ends FAILED with the source's code and message, and
     * the return's state is the source's own again ({@code truth}, as re-read after the refusal). When
     * the source still waits for the merchant, the items are undecided again: the merchant may decide
     * anew. Only a PENDING sync moves. Answers whether it moved.
     *
     * @param code the source's error code, or null when the service itself stopped the decision
     */
    @Transactional
    public boolean syncFailed(String decisionId, String sourceDecision, String code, String message, SourceStatus truth) {
        Optional<RecordedDecision> decision = decision(decisionId);
        if (decision.isEmpty()) {
            return false;
        }
        Locked current = rows.lock(decision.get().returnId()).orElseThrow();
        Timestamp now = Timestamp.from(clock.instant());
        boolean moved = db.sql("""
                        UPDATE return_decisions SET sync_status = ?, sync_decision = COALESCE(?, sync_decision),
                            sync_error_code = ?, sync_error = ?, updated_at = ?
                        WHERE id = ? AND sync_status = ?""")
                .params(SyncStatus.FAILED.name(), sourceDecision, PartnerText.cut(code), PartnerText.cut(message), now, decisionId,
                        SyncStatus.PENDING.name())
                .update() == 1;
        if (moved) {
            notices.aboutReturn(decision.get().returnId(), NoticeKind.SYNC_FAILED, "TikTok refused the decision: its sync FAILED",
                    (code == null ? "" : code + " ") + truncate(message, 300));
            history.record(decision.get().returnId(), ReturnEventKind.SYNC, "Sync FAILED: " + decision.get().source()
                    + " refused" + (sourceDecision == null ? "" : " " + sourceDecision) + (code == null ? "" : " with " + code),
                    message);
        }
        if (!moved || !decisionId.equals(current.currentDecisionId()) || truth.updatedAt() < current.sourceUpdatedAt()) {
            return moved;
        }
        ReturnState state = truth.state() == null ? current.state() : truth.state();
        rows.takeSourceStatus(current.id(), truth, state, now);
        if (!Objects.equals(current.sourceStatus(), truth.status())) {
            rows.announceStatus(current.id(), current.merchantId(), current.source(), current.kind(), truth, state, now.toInstant());
        }
        if (state == ReturnState.OPEN) {
            rows.undecideItems(current.id());
        }
        log.warn("Decision {} on return {} failed{}: {}; the return is {} as its source says ({})", decisionId, current.id(),
                code == null ? "" : " with " + code, message, state, truth.status());
        return true;
    }

    private void syncHistory(String decisionId, String summary, String detail) {
        decision(decisionId).ifPresent(decision -> history.record(decision.returnId(), ReturnEventKind.SYNC,
                summary + " (decision " + decisionId + ")", detail));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private String serialise(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event, e);
        }
    }
}
