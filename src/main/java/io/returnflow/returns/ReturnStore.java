package io.returnflow.returns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.history.ReturnEventKind;
import io.returnflow.history.ReturnHistory;
import io.returnflow.merchants.MixedDecision;
import io.returnflow.outbox.Outbox;

import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records returns: one per (source, account, source return id), however many events announce it,
 * in whatever order. Creating a return also writes its "return created" event to the outbox, in
 * the same transaction. The merchant's decisions are recorded the same way (items, state, the
 * decision and its "return decided" event at once), and so is how each decision's sync ends. Writes
 * to one return lock its row first, so decisions and status reports never overwrite each other.
 */
@Component
public class ReturnStore {

    private static final Logger log = LoggerFactory.getLogger(ReturnStore.class);
    private static final int MAX_REASON = 500;
    private static final String LOCKED = """
            id, state, source_updated_at, current_decision_id, merchant_id, next_action, source, source_account_id,
            source_return_id, source_status""";

    private final JdbcClient db;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final ReturnHistory history;
    private final MeterRegistry meters;

    public ReturnStore(JdbcClient db, Outbox outbox, ObjectMapper json, Clock clock, ReturnHistory history,
                       MeterRegistry meters) {
        this.db = db;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.history = history;
        this.meters = meters;
    }

    public Optional<String> idOf(ReturnSource source, String accountId, String sourceReturnId) {
        return db.sql("SELECT id FROM returns WHERE source = ? AND source_account_id = ? AND source_return_id = ?")
                .params(source.name(), accountId, sourceReturnId)
                .query(String.class).optional();
    }

    /**
     * Records a return seen for the first time; if it was recorded meanwhile (a racing event),
     * applies its status instead. Answers the return's id.
     */
    @Transactional
    public String create(@Body NewReturn draft) {
        Optional<String> existing = idOf(draft.source(), draft.sourceAccountId(), draft.sourceReturnId());
        if (existing.isPresent()) {
            applyStatus(draft.source(), draft.sourceAccountId(), draft.sourceReturnId(), draft.status());
            return existing.get();
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        try {
            insertReturn(id, draft, now);
        } catch (DuplicateKeyException raced) {
            throw new IllegalStateException("return " + draft.sourceReturnId() + " was recorded concurrently; retrying applies its status", raced);
        }
        List<ReturnCreated.Item> items = insertItems(id, draft);
        outbox.add(ReturnCreated.ADDRESS, id, serialise(new ReturnCreated(id, draft.merchantId(), draft.source(),
                draft.sourceReturnId(), draft.sourceOrderId(), draft.returnType(), draft.shopifyOrderId(),
                draft.shopifyOrderName(), items, now)));
        log.info("Return {} recorded for {} return {} ({} item(s), state {})", id, draft.source(),
                draft.sourceReturnId(), items.size(), draft.status().state());
        history.record(id, ReturnEventKind.RETURN_RECORDED, "Recorded with " + items.size() + " item(s), state "
                + stateOf(draft.status()) + (draft.shopifyOrderName() == null ? ", no Shopify order yet"
                : ", Shopify order " + draft.shopifyOrderName()), draft.attention());
        if (draft.status().state() != null && draft.status().state() != ReturnState.OPEN) {
            announceStatus(id, draft.merchantId(), draft.source(), draft.status(), stateOf(draft.status()), now);
        }
        countOnceCommitted(draft.source());
        return id;
    }

    /** returns.recorded{source}: counted after the commit, so a rolled-back return is never counted. */
    private void countOnceCommitted(ReturnSource source) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Counter.builder("returns.recorded").description("Returns recorded for the first time")
                        .tag("source", source.name()).register(meters).increment();
            }
        });
    }

    /**
     * Moves a known return to what the source reports, unless the report is older than what is
     * recorded. While the merchant's decision is on its way (sync PENDING) and the source still
     * waits for what it answered, the decision's state stands: the source has not heard of it yet.
     * A decision held for an operator ends once the source moved on (the operator acted there); items
     * nobody decided take the source's approval or rejection (decided in the source's own back office).
     * Answers whether anything changed.
     */
    @Transactional
    public boolean applyStatus(ReturnSource source, String accountId, String sourceReturnId, SourceStatus status) {
        Optional<Locked> locked = db.sql("""
                        SELECT %s FROM returns
                        WHERE source = ? AND source_account_id = ? AND source_return_id = ? FOR UPDATE""".formatted(LOCKED))
                .params(source.name(), accountId, sourceReturnId)
                .query(ReturnStore::locked)
                .optional();
        if (locked.isEmpty() || status.updatedAt() < locked.get().sourceUpdatedAt()) {
            return false;
        }
        Locked current = locked.get();
        Optional<RecordedDecision> pending = Optional.ofNullable(current.currentDecisionId())
                .flatMap(this::decision)
                .filter(decision -> decision.syncStatus() == SyncStatus.PENDING);
        boolean decisionOnItsWay = pending.isPresent() && status.nextAction() == pending.get().answers();
        ReturnState next = decisionOnItsWay ? current.state() : current.state().then(status.state());
        Instant now = clock.instant();
        int changed = db.sql("""
                        UPDATE returns SET source_status = ?, source_updated_at = ?, next_action = ?, state = ?, updated_at = ?
                        WHERE id = ? AND source_updated_at <= ?""")
                .params(status.status(), status.updatedAt(), status.nextAction() == null ? null : status.nextAction().name(),
                        next.name(), Timestamp.from(now), current.id(), status.updatedAt())
                .update();
        if (changed == 0) {
            return false;
        }
        if (!Objects.equals(current.sourceStatus(), status.status())) {
            announceStatus(current.id(), current.merchantId(), source, status, next, now);
        }
        if (pending.isPresent() && pending.get().isHeld() && !decisionOnItsWay) {
            syncSucceeded(pending.get().id(), null, "decided on " + source + " (" + status.status() + ")");
            log.info("Held decision {} on return {} ends: {} moved on to {}", pending.get().id(), current.id(), source,
                    status.status());
        }
        if (next == status.state() && (next == ReturnState.APPROVED || next == ReturnState.REJECTED)) {
            db.sql("UPDATE return_items SET decision = ? WHERE return_id = ? AND decision = ?")
                    .params((next == ReturnState.APPROVED ? ItemDecision.APPROVED : ItemDecision.REJECTED).name(),
                            current.id(), ItemDecision.PENDING.name())
                    .update();
        }
        if (next != current.state()) {
            log.info("Return {} is now {} ({} says {})", current.id(), next, source, status.status());
            history.record(current.id(), ReturnEventKind.STATUS_CHANGED,
                    current.state() + " -> " + next + " (" + source + " status " + status.status() + ")");
        }
        return true;
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
        Locked current = db.sql("""
                        SELECT %s FROM returns WHERE id = ? FOR UPDATE""".formatted(LOCKED))
                .param(draft.returnId())
                .query(ReturnStore::locked)
                .optional()
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
                        INSERT INTO return_decisions (id, return_id, answers, verdict, mixed_decision, returnless, reject_reason,
                            comment, approved_refund, currency, sync_status, sync_decision, sync_reason, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, draft.returnId(), draft.answers().name(), draft.verdict().name(), draft.mixedDecision().name(),
                        draft.returnless(), draft.rejectReason(), draft.comment(), draft.approvedRefund(), draft.currency(),
                        SyncStatus.PENDING.name(), draft.plannedDecision(), draft.heldReason(), Timestamp.from(now),
                        Timestamp.from(now))
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
                               d.dead_lettered_at, r.merchant_id, r.source, r.source_account_id, r.source_return_id, r.return_type
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
                        rs.getString("sync_decision"), rs.getTimestamp("dead_lettered_at") != null))
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
        Locked current = db.sql("""
                        SELECT %s FROM returns WHERE id = ? FOR UPDATE""".formatted(LOCKED))
                .param(decision.get().returnId())
                .query(ReturnStore::locked)
                .single();
        Timestamp now = Timestamp.from(clock.instant());
        boolean moved = db.sql("""
                        UPDATE return_decisions SET sync_status = ?, sync_decision = COALESCE(?, sync_decision),
                            sync_error_code = ?, sync_error = ?, updated_at = ?
                        WHERE id = ? AND sync_status = ?""")
                .params(SyncStatus.FAILED.name(), sourceDecision, code, truncate(message, 2000), now, decisionId,
                        SyncStatus.PENDING.name())
                .update() == 1;
        if (moved) {
            history.record(decision.get().returnId(), ReturnEventKind.SYNC, "Sync FAILED: " + decision.get().source()
                    + " refused" + (sourceDecision == null ? "" : " " + sourceDecision) + (code == null ? "" : " with " + code),
                    message);
        }
        if (!moved || !decisionId.equals(current.currentDecisionId()) || truth.updatedAt() < current.sourceUpdatedAt()) {
            return moved;
        }
        ReturnState state = truth.state() == null ? current.state() : truth.state();
        db.sql("""
                        UPDATE returns SET source_status = ?, source_updated_at = ?, next_action = ?, state = ?, updated_at = ?
                        WHERE id = ?""")
                .params(truth.status(), truth.updatedAt(), truth.nextAction() == null ? null : truth.nextAction().name(),
                        state.name(), now, current.id())
                .update();
        if (!Objects.equals(current.sourceStatus(), truth.status())) {
            announceStatus(current.id(), current.merchantId(), current.source(), truth, state, now.toInstant());
        }
        if (state == ReturnState.OPEN) {
            db.sql("UPDATE return_items SET decision = ? WHERE return_id = ?")
                    .params(ItemDecision.PENDING.name(), current.id()).update();
        }
        log.warn("Decision {} on return {} failed{}: {}; the return is {} as its source says ({})", decisionId, current.id(),
                code == null ? "" : " with " + code, message, state, truth.status());
        return true;
    }

    /**
     * The "return status changed" event, in the caller's transaction: the marketplace's status moved,
     * for those who follow what becomes of a return (WMS targets following outcomes).
     */
    private void announceStatus(String returnId, String merchantId, ReturnSource source, SourceStatus status,
                                ReturnState state, Instant now) {
        outbox.add(ReturnStatusChanged.ADDRESS, returnId, serialise(new ReturnStatusChanged(returnId, merchantId, source,
                status.status(), status.state(), state, now)));
    }

    private void syncHistory(String decisionId, String summary, String detail) {
        decision(decisionId).ifPresent(decision -> history.record(decision.returnId(), ReturnEventKind.SYNC,
                summary + " (decision " + decisionId + ")", detail));
    }

    /** A return row, locked for the rest of the transaction. */
    private record Locked(String id, ReturnState state, long sourceUpdatedAt, String currentDecisionId, String merchantId,
                          NextAction nextAction, ReturnSource source, String sourceAccountId, String sourceReturnId,
                          String sourceStatus) {
    }

    private static Locked locked(ResultSet rs, int row) throws SQLException {
        String nextAction = rs.getString("next_action");
        return new Locked(rs.getString("id"), ReturnState.valueOf(rs.getString("state")), rs.getLong("source_updated_at"),
                rs.getString("current_decision_id"), rs.getString("merchant_id"),
                nextAction == null ? null : NextAction.valueOf(nextAction), ReturnSource.valueOf(rs.getString("source")),
                rs.getString("source_account_id"), rs.getString("source_return_id"), rs.getString("source_status"));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static ReturnState stateOf(SourceStatus status) {
        return status.state() == null ? ReturnState.OPEN : status.state();
    }

    private void insertReturn(String id, NewReturn draft, Instant now) {
        SourceStatus status = draft.status();
        ReturnState state = stateOf(status);
        db.sql("""
                        INSERT INTO returns (id, merchant_id, source, source_account_id, source_return_id, source_order_id,
                            return_type, reason, source_status, source_updated_at, next_action, can_buyer_keep_item,
                            shipping_document_type, shopify_order_id, shopify_order_name, state, attention,
                            created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, draft.merchantId(), draft.source().name(), draft.sourceAccountId(), draft.sourceReturnId(),
                        draft.sourceOrderId(), draft.returnType(), reason(draft), status.status(), status.updatedAt(),
                        status.nextAction() == null ? null : status.nextAction().name(), draft.canBuyerKeepItem(),
                        draft.shippingDocumentType(), draft.shopifyOrderId(), draft.shopifyOrderName(), state.name(),
                        draft.attention(), Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    private static String reason(NewReturn draft) {
        String reason = draft.reason();
        return reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    }

    private List<ReturnCreated.Item> insertItems(String returnId, NewReturn draft) {
        List<ReturnCreated.Item> items = new ArrayList<>();
        int position = 0;
        for (NewReturn.Item item : draft.items()) {
            String itemId = UUID.randomUUID().toString();
            db.sql("""
                            INSERT INTO return_items (id, return_id, position, sku, product_name, quantity, source_line_ids,
                                shopify_line_item_id, shopify_variant_id, matched, refund_amount, currency, decision)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(itemId, returnId, position++, item.sku(), item.productName(), item.quantity(),
                            String.join(",", item.sourceLineIds()), item.shopifyLineItemId(), item.shopifyVariantId(),
                            item.matched(), item.refundAmount(), item.currency(), ItemDecision.PENDING.name())
                    .update();
            items.add(new ReturnCreated.Item(itemId, item.sku(), item.productName(), item.quantity(),
                    item.shopifyLineItemId(), item.shopifyVariantId(), item.refundAmount(), item.currency()));
        }
        return items;
    }

    private String serialise(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event, e);
        }
    }
}
