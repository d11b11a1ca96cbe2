package io.returnflow.notifications;

import java.time.Clock;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.outbox.Outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Raises a notice for a merchant: into the outbox (in the caller's transaction where there is one,
 * so a notice goes out exactly when its change commits), published to {@value #ADDRESS}, delivered
 * by the merchant-notice route. A merchant without a notification webhook gets none.
 */
@Component
public class MerchantNotices {

    public static final String ADDRESS = "merchant.notices";

    private final JdbcClient db;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public MerchantNotices(JdbcClient db, Outbox outbox, ObjectMapper json, Clock clock, PlatformTransactionManager transactions) {
        this.db = db;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A notice about one return; its merchant and TikTok id are the return's. */
    public void aboutReturn(String returnId, NoticeKind kind, String text, String detail) {
        transaction.executeWithoutResult(status -> db.sql("""
                        SELECT r.merchant_id, r.source_return_id, r.source_account_id FROM returns r
                        JOIN merchant_notifications n ON n.merchant_id = r.merchant_id WHERE r.id = ?""")
                .param(returnId)
                .query((rs, n) -> new Notice(UUID.randomUUID().toString(), rs.getString("merchant_id"), kind,
                        text + " (TikTok return " + rs.getString("source_return_id") + ")", returnId,
                        rs.getString("source_return_id"), rs.getString("source_account_id"), detail, clock.instant()))
                .optional()
                .ifPresent(this::queue));
    }

    /** A notice about a merchant's TikTok shop. */
    public void aboutShop(String merchantId, String shopId, NoticeKind kind, String text, String detail) {
        transaction.executeWithoutResult(status -> {
            if (!db.sql("SELECT merchant_id FROM merchant_notifications WHERE merchant_id = ?").param(merchantId)
                    .query(String.class).list().isEmpty()) {
                queue(new Notice(UUID.randomUUID().toString(), merchantId, kind, text, null, null, shopId, detail,
                        clock.instant()));
            }
        });
    }

    private void queue(Notice notice) {
        try {
            // grouped by merchant: one merchant's notices arrive in order, and are erased with it
            outbox.add(ADDRESS, notice.merchantId(), json.writeValueAsString(notice));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise notice " + notice.id(), e);
        }
    }
}
