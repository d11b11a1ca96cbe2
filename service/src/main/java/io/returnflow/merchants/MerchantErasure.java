package io.returnflow.merchants;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases a merchant and everything kept for it, in one transaction: its returns with their items,
 * WMS states, decisions, labels, history and unpublished or published outbox events; the history
 * of its shops' events not yet tied to a return; then the merchant itself, whose settings, sealed
 * secrets, target settings, API keys, connect states, TikTok authorizations (tokens) and shops go
 * with it (foreign keys ON DELETE CASCADE). What remains is {@link ErasedSubjects}' opaque names,
 * so messages still queued for it are dropped. {@code MerchantErasureTest} scans every table of the
 * schema after an erasure: a table added later that keeps a merchant's data fails it until it is
 * erased here.
 */
@Component
class MerchantErasure {

    private final JdbcClient db;
    private final ErasedSubjects erased;

    MerchantErasure(JdbcClient db, ErasedSubjects erased) {
        this.db = db;
        this.erased = erased;
    }

    /** False when there is no such merchant (already erased, or never created). */
    @Transactional
    boolean erase(String merchantId) {
        if (db.sql("SELECT id FROM merchants WHERE id = ? FOR UPDATE").param(merchantId).query(String.class).list().isEmpty()) {
            return false;
        }
        List<String> shops = db.sql("SELECT shop_id FROM tiktok_shops WHERE merchant_id = ?").param(merchantId)
                .query(String.class).list();
        List<String> returns = db.sql("SELECT id FROM returns WHERE merchant_id = ?").param(merchantId)
                .query(String.class).list();
        erased.remember(merchantId, shops, returns);
        String ofTheMerchant = "SELECT id FROM returns WHERE merchant_id = :merchant";
        for (String table : List.of("return_items", "return_wms", "return_decisions", "return_labels", "return_history")) {
            db.sql("DELETE FROM " + table + " WHERE return_id IN (" + ofTheMerchant + ")").param("merchant", merchantId).update();
        }
        // events of its shops recorded before their return was (named by TikTok's shop and return ids)
        db.sql("DELETE FROM return_history WHERE source_account_id IN (SELECT shop_id FROM tiktok_shops WHERE merchant_id = ?)")
                .param(merchantId).update();
        // every event about one of its returns is grouped by the return (Outbox.add's group key)
        db.sql("DELETE FROM outbox WHERE group_key IN (" + ofTheMerchant + ")").param("merchant", merchantId).update();
        // and the merchant's own notices (Outbox.add grouped by the merchant; its webhook goes with it)
        db.sql("DELETE FROM outbox WHERE group_key = ?").param(merchantId).update();
        db.sql("DELETE FROM returns WHERE merchant_id = ?").param(merchantId).update();
        db.sql("DELETE FROM merchants WHERE id = ?").param(merchantId).update();
        return true;
    }
}
