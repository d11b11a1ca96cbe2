package io.returnflow.returns;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.history.ReturnEventKind;
import io.returnflow.history.ReturnHistory;
import io.returnflow.outbox.Outbox;

import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records returns: one per (source, account, source return id), however many events announce it,
 * in whatever order. Creating a return also writes its "return created" event to the outbox, in
 * the same transaction.
 */
@Component
public class ReturnStore {

    private static final Logger log = LoggerFactory.getLogger(ReturnStore.class);
    private static final int MAX_REASON = 500;

    private final JdbcClient db;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final ReturnHistory history;

    public ReturnStore(JdbcClient db, Outbox outbox, ObjectMapper json, Clock clock, ReturnHistory history) {
        this.db = db;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.history = history;
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
        return id;
    }

    /**
     * Moves a known return to what the source reports, unless the report is older than what is
     * recorded. Answers whether anything changed.
     */
    @Transactional
    public boolean applyStatus(ReturnSource source, String accountId, String sourceReturnId, SourceStatus status) {
        record Current(String id, ReturnState state, long updatedAt) {
        }
        Optional<Current> current = db.sql("""
                        SELECT id, state, source_updated_at FROM returns
                        WHERE source = ? AND source_account_id = ? AND source_return_id = ?""")
                .params(source.name(), accountId, sourceReturnId)
                .query((rs, n) -> new Current(rs.getString(1), ReturnState.valueOf(rs.getString(2)), rs.getLong(3)))
                .optional();
        if (current.isEmpty() || status.updatedAt() < current.get().updatedAt()) {
            return false;
        }
        ReturnState next = current.get().state().then(status.state());
        int changed = db.sql("""
                        UPDATE returns SET source_status = ?, source_updated_at = ?, next_action = ?, state = ?, updated_at = ?
                        WHERE id = ? AND source_updated_at <= ?""")
                .params(status.status(), status.updatedAt(), status.nextAction() == null ? null : status.nextAction().name(),
                        next.name(), Timestamp.from(clock.instant()), current.get().id(), status.updatedAt())
                .update();
        if (changed == 1 && next != current.get().state()) {
            log.info("Return {} is now {} ({} says {})", current.get().id(), next, source, status.status());
            history.record(current.get().id(), ReturnEventKind.STATUS_CHANGED,
                    current.get().state() + " -> " + next + " (" + source + " status " + status.status() + ")");
        }
        return changed == 1;
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

    private String serialise(ReturnCreated event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event, e);
        }
    }
}
