package io.returnflow.returns;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Reads returns for the merchant API: always within one merchant, newest first. */
@Component
public class ReturnQueries {

    private static final String COLUMNS = """
            id, merchant_id, source, source_account_id, source_return_id, source_order_id, return_type,
            source_status, next_action, can_buyer_keep_item, shopify_order_id, shopify_order_name, state,
            attention, created_at, updated_at, deadline_at, deadline_action, arbitration_status, kind""";

    /**
     * A return needs someone: the marketplace waits for the merchant's decision (OPEN), the service
     * flagged it (e.g. its Shopify order never appeared), its decision's sync FAILED or is held for
     * an operator, or a WMS Return Authorization (or following its outcome) or its return label FAILED.
     */
    private static final String NEEDS_ATTENTION = """
            (r.state = 'OPEN' OR r.attention IS NOT NULL
             OR EXISTS (SELECT 1 FROM return_decisions d WHERE d.id = r.current_decision_id
                        AND (d.sync_status = 'FAILED' OR (d.sync_status = 'PENDING' AND d.sync_reason IS NOT NULL)))
             OR EXISTS (SELECT 1 FROM return_wms w WHERE w.return_id = r.id AND (w.status = 'FAILED' OR w.outcome = 'FAILED'))
             OR EXISTS (SELECT 1 FROM return_labels l WHERE l.return_id = r.id AND l.status = 'FAILED'))""";

    private static final Duration DUE_SOON = Duration.ofHours(24);

    private final JdbcClient db;
    private final Clock clock;

    public ReturnQueries(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A page of returns and the cursor of the next page (null on the last page). */
    public record Page(List<ReturnView> returns, String nextCursor) {
    }

    /**
     * @param needsAttention how many of the merchant's returns need someone (see NEEDS_ATTENTION)
     * @param dueWithin24h   open returns whose deadline comes within the next 24 hours (not passed yet)
     * @param overdue        open returns whose deadline has passed (the marketplace has not moved on yet)
     */
    public record Summary(long needsAttention, long dueWithin24h, long overdue) {
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Summary summary(String merchantId) {
        Timestamp now = Timestamp.from(clock.instant());
        return new Summary(db.sql("SELECT COUNT(*) FROM returns r WHERE r.merchant_id = ? AND " + NEEDS_ATTENTION)
                .param(merchantId).query(Long.class).single(),
                db.sql("SELECT COUNT(*) FROM returns WHERE merchant_id = ? AND state = 'OPEN' AND deadline_at >= ? AND deadline_at < ?")
                        .params(merchantId, now, Timestamp.from(now.toInstant().plus(DUE_SOON))).query(Long.class).single(),
                db.sql("SELECT COUNT(*) FROM returns WHERE merchant_id = ? AND state = 'OPEN' AND deadline_at < ?")
                        .params(merchantId, now).query(Long.class).single());
    }

    /** Header, items, WMS and sync read from one snapshot: a view never mixes before and after a change. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<ReturnView> find(String merchantId, String returnId) {
        return db.sql("SELECT " + COLUMNS + " FROM returns WHERE merchant_id = ? AND id = ?")
                .params(merchantId, returnId)
                .query(ReturnQueries::header).optional()
                .map(this::complete);
    }

    /**
     * @param state  only returns in this state, or null
     * @param kind   only cases of this kind (returns, or cancellation requests), or null
     * @param search a TikTok return or order id, or null
     * @param needsAttention only the returns that need someone (see {@link #summary})
     * @param dueWithin only the open returns whose deadline comes within this time from now (or has
     *                  passed), soonest first; null for all, newest first
     * @param cursor from the previous page, or null for the first
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Page page(String merchantId, ReturnState state, ReturnKind kind, String search, boolean needsAttention, Duration dueWithin,
                     int limit, String cursor) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM returns r WHERE merchant_id = :merchant");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("merchant", merchantId);
        if (state != null) {
            sql.append(" AND state = :state");
            params.put("state", state.name());
        }
        if (kind != null) {
            sql.append(" AND kind = :kind");
            params.put("kind", kind.name());
        }
        if (search != null && !search.isBlank()) {
            sql.append(" AND (source_return_id = :search OR source_order_id = :search OR id = :search)");
            params.put("search", search.trim());
        }
        if (needsAttention) {
            sql.append(" AND ").append(NEEDS_ATTENTION);
        }
        boolean byDeadline = dueWithin != null;
        if (byDeadline) {
            sql.append(" AND state = 'OPEN' AND deadline_at < :due");
            params.put("due", Timestamp.from(clock.instant().plus(dueWithin)));
        }
        Cursor after = Cursor.decode(cursor, byDeadline);
        if (after != null) {
            String column = byDeadline ? "deadline_at" : "created_at";
            String later = byDeadline ? ">" : "<";
            sql.append(" AND (%1$s %2$s :at OR (%1$s = :at AND id %2$s :id))".formatted(column, later));
            params.put("at", Timestamp.from(after.at()));
            params.put("id", after.id());
        }
        sql.append(byDeadline ? " ORDER BY deadline_at ASC, id ASC" : " ORDER BY created_at DESC, id DESC").append(" LIMIT :limit");
        params.put("limit", limit + 1);
        List<ReturnView> rows = new ArrayList<>(db.sql(sql.toString()).params(params).query(ReturnQueries::header).list());
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            ReturnView last = rows.get(limit - 1);
            next = byDeadline ? new Cursor(true, last.tiktok().deadline(), last.id()).encode()
                    : new Cursor(false, last.createdAt(), last.id()).encode();
        }
        return new Page(rows.stream().map(this::complete).toList(), next);
    }

    private ReturnView complete(ReturnView header) {
        List<ReturnView.Item> items = db.sql("""
                        SELECT id, sku, product_name, quantity, shopify_line_item_id, shopify_variant_id, matched,
                               refund_amount, currency, decision
                        FROM return_items WHERE return_id = ? ORDER BY position""")
                .param(header.id())
                .query((rs, n) -> new ReturnView.Item(rs.getString("id"), rs.getString("sku"), rs.getString("product_name"),
                        rs.getInt("quantity"), rs.getString("shopify_line_item_id"), rs.getString("shopify_variant_id"),
                        rs.getBoolean("matched"), ReturnView.Money.of(rs.getBigDecimal("refund_amount"), rs.getString("currency")),
                        ItemDecision.valueOf(rs.getString("decision"))))
                .list();
        List<ReturnView.Wms> wms = db.sql("""
                        SELECT target, status, external_id, error, updated_at, outcome, outcome_detail
                        FROM return_wms WHERE return_id = ? ORDER BY target""")
                .param(header.id())
                .query((rs, n) -> new ReturnView.Wms(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(),
                        rs.getString(6) == null ? null : new ReturnView.Outcome(rs.getString(6), rs.getString(7))))
                .list();
        ReturnView.Label label = db.sql("SELECT status, tracking_number, error, reason FROM return_labels WHERE return_id = ?")
                .param(header.id())
                .query((rs, n) -> new ReturnView.Label(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional().orElse(null);
        ReturnView.Sync sync = db.sql("""
                        SELECT d.id, d.sync_status, d.sync_decision, d.sync_error_code, d.sync_error, d.sync_reason
                        FROM returns r JOIN return_decisions d ON d.id = r.current_decision_id
                        WHERE r.id = ?""")
                .param(header.id())
                .query((rs, n) -> sync(rs))
                .optional().orElse(ReturnView.Sync.NONE);
        return new ReturnView(header.id(), header.merchantId(), header.source(), header.kind(), header.tiktok(), header.shopify(),
                header.state(), header.attention(), items, wms, label, sync, header.createdAt(),
                header.updatedAt());
    }

    private static ReturnView.Sync sync(ResultSet rs) throws SQLException {
        String code = rs.getString("sync_error_code");
        String error = rs.getString("sync_error");
        return new ReturnView.Sync(rs.getString("sync_status"), rs.getString("sync_decision"),
                error == null || code == null ? error : code + ": " + error, code, rs.getString("sync_reason"),
                rs.getString("id"));
    }

    private static ReturnView header(ResultSet rs, int row) throws SQLException {
        String nextAction = rs.getString("next_action");
        String shopifyOrder = rs.getString("shopify_order_id");
        return new ReturnView(rs.getString("id"), rs.getString("merchant_id"), ReturnSource.valueOf(rs.getString("source")),
                ReturnKind.valueOf(rs.getString("kind")),
                new ReturnView.TikTok(rs.getString("source_account_id"), rs.getString("source_return_id"),
                        rs.getString("source_order_id"), rs.getString("return_type"), rs.getString("source_status"),
                        nextAction == null ? null : NextAction.valueOf(nextAction), rs.getBoolean("can_buyer_keep_item"),
                        ReturnRows.instant(rs.getTimestamp("deadline_at")), rs.getString("deadline_action"),
                        rs.getString("arbitration_status")),
                shopifyOrder == null ? null : new ReturnView.Shopify(shopifyOrder, rs.getString("shopify_order_name")),
                ReturnState.valueOf(rs.getString("state")), rs.getString("attention"), List.of(), List.of(), null,
                ReturnView.Sync.NONE, rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    /** Opaque to clients: where the previous page ended (its creation time, or its deadline). */
    private record Cursor(boolean byDeadline, Instant at, String id) {

        private static final String DEADLINE = "deadline";

        String encode() {
            String text = (byDeadline ? DEADLINE + "|" : "") + at + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor, boolean byDeadline) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
                boolean deadlineCursor = parts[0].equals(DEADLINE);
                if (deadlineCursor != byDeadline) {
                    throw new IllegalArgumentException("another listing's cursor");
                }
                return deadlineCursor ? new Cursor(true, Instant.parse(parts[1]), parts[2])
                        : new Cursor(false, Instant.parse(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor is not one this API gave out"
                        + (byDeadline ? " for this dueWithin listing" : ""));
            }
        }
    }
}
