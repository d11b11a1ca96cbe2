package io.returnflow.returns;

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
import io.returnflow.outbox.Outbox;
import io.returnflow.returns.ReturnRows.Locked;

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
 * the same transaction; later reports move it to the source's status, never back. The merchant's
 * decisions are the {@link DecisionLedger}'s. Writes to one return lock its row first
 * ({@link ReturnRows}), so decisions and status reports never overwrite each other.
 */
@Component
public class ReturnStore {

    private static final Logger log = LoggerFactory.getLogger(ReturnStore.class);
    private static final int MAX_REASON = 500;

    private final JdbcClient db;
    private final ReturnRows rows;
    private final DecisionLedger decisions;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final ReturnHistory history;
    private final MeterRegistry meters;
    private final ReturnDeadlines deadlines;

    public ReturnStore(JdbcClient db, ReturnRows rows, DecisionLedger decisions, Outbox outbox, ObjectMapper json,
                       Clock clock, ReturnHistory history, MeterRegistry meters, ReturnDeadlines deadlines) {
        this.db = db;
        this.rows = rows;
        this.decisions = decisions;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.history = history;
        this.meters = meters;
        this.deadlines = deadlines;
    }

    public Optional<String> idOf(ReturnSource source, String accountId, String sourceReturnId) {
        return db.sql("SELECT id FROM returns WHERE source = ? AND source_account_id = ? AND source_return_id = ?")
                .params(source.name(), accountId, sourceReturnId)
                .query(String.class).optional();
    }

    /** Whether the recorded case is a return or a cancellation request; empty when there is no such case. */
    public Optional<ReturnKind> kindOf(String returnId) {
        return db.sql("SELECT kind FROM returns WHERE id = ?").param(returnId)
                .query(String.class).optional().map(ReturnKind::valueOf);
    }

    /** The source's update time the return was last recorded at, if it is recorded. */
    public Optional<Long> sourceUpdatedAt(ReturnSource source, String accountId, String sourceReturnId) {
        return db.sql("SELECT source_updated_at FROM returns WHERE source = ? AND source_account_id = ? AND source_return_id = ?")
                .params(source.name(), accountId, sourceReturnId)
                .query(Long.class).optional();
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
        // a cancellation request is decided like a return, but an order that never shipped has nothing
        // for a WMS target, a return label or a Shopify return to do: it is not announced to them
        if (draft.kind() == ReturnKind.RETURN) {
            outbox.add(ReturnCreated.ADDRESS, id, serialise(new ReturnCreated(id, draft.merchantId(), draft.source(),
                    draft.sourceReturnId(), draft.sourceOrderId(), draft.returnType(), draft.shopifyOrderId(),
                    draft.shopifyOrderName(), items, now)));
        }
        log.info("{} {} recorded for {} {} ({} item(s), state {})", draft.kind() == ReturnKind.RETURN ? "Return" : "Cancellation",
                id, draft.source(), draft.sourceReturnId(), items.size(), draft.status().state());
        history.record(id, ReturnEventKind.RETURN_RECORDED, "Recorded with " + items.size() + " item(s), state "
                + stateOf(draft.status()) + (draft.shopifyOrderName() == null ? ", no Shopify order yet"
                : ", Shopify order " + draft.shopifyOrderName()), draft.attention());
        if (draft.status().state() != null && draft.status().state() != ReturnState.OPEN) {
            rows.announceStatus(id, draft.merchantId(), draft.source(), draft.kind(), draft.status(), stateOf(draft.status()), now);
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
     * When the source asks the merchant again past the current decision (another next action, or the
     * same one under another deadline), the return is OPEN again with every item undecided.
     * Answers whether anything changed.
     */
    @Transactional
    public boolean applyStatus(ReturnSource source, String accountId, String sourceReturnId, SourceStatus status) {
        Optional<Locked> locked = rows.lock(source, accountId, sourceReturnId);
        if (locked.isEmpty() || status.updatedAt() < locked.get().sourceUpdatedAt()) {
            return false;
        }
        Locked current = locked.get();
        Optional<RecordedDecision> decision = Optional.ofNullable(current.currentDecisionId()).flatMap(decisions::decision);
        Optional<RecordedDecision> pending = decision.filter(d -> d.syncStatus() == SyncStatus.PENDING);
        boolean decisionOnItsWay = pending.isPresent() && status.nextAction() == pending.get().answers()
                && !pending.get().isAskedAgainBy(status);
        // TikTok asks again past the decision (sent, or on its way but overtaken): OPEN, to be decided anew
        Optional<RecordedDecision> askedAgain = decision
                .filter(d -> d.syncStatus() != SyncStatus.FAILED && d.isAskedAgainBy(status))
                .filter(d -> current.state() != ReturnState.OPEN && status.state() == ReturnState.OPEN);
        ReturnState next = askedAgain.isPresent() ? ReturnState.OPEN
                : decisionOnItsWay ? current.state() : current.state().then(status.state());
        Instant now = clock.instant();
        int changed = db.sql("""
                        UPDATE returns SET source_status = ?, source_updated_at = ?, next_action = ?, deadline_at = ?,
                            deadline_action = ?, arbitration_status = ?, state = ?, updated_at = ?
                        WHERE id = ? AND source_updated_at <= ?""")
                .params(status.status(), status.updatedAt(), status.nextAction() == null ? null : status.nextAction().name(),
                        ReturnRows.deadline(status), status.deadlineAction(), status.arbitrationStatus(), next.name(),
                        Timestamp.from(now), current.id(),
                        status.updatedAt())
                .update();
        if (changed == 0) {
            return false;
        }
        deadlines.checkMissed(current, status, now);
        if (!Objects.equals(current.sourceStatus(), status.status())) {
            rows.announceStatus(current.id(), current.merchantId(), source, current.kind(), status, next, now);
        }
        if (pending.isPresent() && pending.get().isHeld() && !decisionOnItsWay) {
            decisions.syncSucceeded(pending.get().id(), null, "decided on " + source + " (" + status.status() + ")");
            log.info("Held decision {} on return {} ends: {} moved on to {}", pending.get().id(), current.id(), source,
                    status.status());
        }
        if (next == status.state() && (next == ReturnState.APPROVED || next == ReturnState.REJECTED)) {
            db.sql("UPDATE return_items SET decision = ? WHERE return_id = ? AND decision = ?")
                    .params((next == ReturnState.APPROVED ? ItemDecision.APPROVED : ItemDecision.REJECTED).name(),
                            current.id(), ItemDecision.PENDING.name())
                    .update();
        }
        askedAgain.ifPresent(answered -> reopened(current, answered, status));
        if (next != current.state()) {
            log.info("Return {} is now {} ({} says {})", current.id(), next, source, status.status());
            history.record(current.id(), ReturnEventKind.STATUS_CHANGED,
                    current.state() + " -> " + next + " (" + source + " status " + status.status() + ")");
        }
        return true;
    }

    /** The merchant decides again, every item: the next decision is a new one, with its own idempotency key. */
    private void reopened(Locked current, RecordedDecision answered, SourceStatus status) {
        rows.undecideItems(current.id());
        log.info("Return {} is OPEN again: {} asks for {} ({}) until {}, past decision {}", current.id(), current.source(),
                status.nextAction(), status.deadlineAction(), status.deadline(), answered.id());
        history.record(current.id(), ReturnEventKind.STATUS_CHANGED, current.source() + " asks the merchant again: "
                        + status.nextAction() + (status.deadline() == null ? "" : " until " + status.deadline())
                        + "; decide anew", "decision " + answered.id() + " answered " + answered.answers()
                        + (answered.answersDeadline() == null ? "" : " due " + answered.answersDeadline())
                        + " and was " + answered.syncStatus());
    }

    private static ReturnState stateOf(SourceStatus status) {
        return status.state() == null ? ReturnState.OPEN : status.state();
    }

    private void insertReturn(String id, NewReturn draft, Instant now) {
        SourceStatus status = draft.status();
        ReturnState state = stateOf(status);
        db.sql("""
                        INSERT INTO returns (id, merchant_id, source, source_account_id, source_return_id, source_order_id,
                            return_type, reason, source_status, source_updated_at, next_action, deadline_at, deadline_action,
                            arbitration_status, can_buyer_keep_item, shipping_document_type, shopify_order_id,
                            shopify_order_name, state, attention, created_at, updated_at, kind)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, draft.merchantId(), draft.source().name(), draft.sourceAccountId(), draft.sourceReturnId(),
                        draft.sourceOrderId(), draft.returnType(), reason(draft), status.status(), status.updatedAt(),
                        status.nextAction() == null ? null : status.nextAction().name(), ReturnRows.deadline(status),
                        status.deadlineAction(), status.arbitrationStatus(), draft.canBuyerKeepItem(),
                        draft.shippingDocumentType(), draft.shopifyOrderId(), draft.shopifyOrderName(), state.name(),
                        draft.attention(), Timestamp.from(now), Timestamp.from(now), draft.kind().name())
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
