package io.returnflow.labels;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import io.returnflow.notifications.MerchantNotices;
import io.returnflow.notifications.NoticeKind;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The return_labels table: one row per return, moving PENDING -> PURCHASED -> UPLOADED (or FAILED);
 * NOT_NEEDED (with the reason) where the marketplace wants no label of the seller, REFUNDED once a
 * bought label of a return later rejected or cancelled was refunded at the provider.
 */
@Component
public class ReturnLabelStore {

    public enum Status { PENDING, PURCHASED, UPLOADED, FAILED, NOT_NEEDED, REFUNDED }

    /** A label as recorded. */
    public record Label(String returnId, Status status, String documentType, String shipmentId, String carrier,
                        String trackingNumber, String documentUrl, String error) {
    }

    /** What the label flow needs to know about the return itself. */
    public record ReturnFacts(String shopId, String sourceReturnId, String sourceOrderId, String documentType,
                              String shopifyOrderId) {
    }

    private final JdbcClient db;
    private final Clock clock;
    private final MerchantNotices notices;

    public ReturnLabelStore(JdbcClient db, Clock clock, MerchantNotices notices) {
        this.notices = notices;
        this.db = db;
        this.clock = clock;
    }

    public Optional<ReturnFacts> facts(String returnId) {
        return db.sql("""
                        SELECT source_account_id, source_return_id, source_order_id, shipping_document_type, shopify_order_id
                        FROM returns WHERE id = ?""")
                .param(returnId)
                .query((rs, n) -> new ReturnFacts(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .optional();
    }

    /** The label of the return, created PENDING if it had none. */
    public Label begin(String returnId, String documentType) {
        Optional<Label> existing = find(returnId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Timestamp now = now();
        try {
            db.sql("INSERT INTO return_labels (return_id, status, document_type, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                    .params(returnId, Status.PENDING.name(), documentType, now, now)
                    .update();
        } catch (DuplicateKeyException raced) {
            // another delivery of the same event got here first: use its row
        }
        return find(returnId).orElseThrow();
    }

    public Optional<Label> find(String returnId) {
        return db.sql("""
                        SELECT return_id, status, document_type, provider_shipment_id, carrier, tracking_number,
                               document_url, error
                        FROM return_labels WHERE return_id = ?""")
                .param(returnId)
                .query((rs, n) -> new Label(rs.getString(1), Status.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .optional();
    }

    /** Saved right after the provider created it: a retry reuses this shipment. */
    public void shipmentCreated(String returnId, String shipmentId) {
        db.sql("UPDATE return_labels SET provider_shipment_id = ?, updated_at = ? WHERE return_id = ? AND provider_shipment_id IS NULL")
                .params(shipmentId, now(), returnId).update();
    }

    public void purchased(String returnId, String carrier, String trackingNumber, String documentUrl) {
        db.sql("""
                        UPDATE return_labels SET status = ?, carrier = ?, tracking_number = ?, document_url = ?, error = NULL,
                            updated_at = ?
                        WHERE return_id = ? AND status IN ('PENDING', 'FAILED')""")
                .params(Status.PURCHASED.name(), carrier, trackingNumber, documentUrl, now(), returnId).update();
    }

    /**
     * TikTok has the document: its URL is forgotten. It needs no authentication and shows the
     * buyer's address, and nothing downloads it again (an uploaded label is never uploaded twice).
     */
    public void uploaded(String returnId) {
        db.sql("UPDATE return_labels SET status = ?, document_url = NULL, error = NULL, updated_at = ? WHERE return_id = ?")
                .params(Status.UPLOADED.name(), now(), returnId).update();
    }

    /** A failure worth retrying: the status stays, the error shows why the label is late. */
    public void retrying(String returnId, String error) {
        db.sql("UPDATE return_labels SET error = ?, updated_at = ? WHERE return_id = ? AND status IN ('PENDING', 'PURCHASED', 'FAILED')")
                .params(truncate(error), now(), returnId).update();
    }

    /** No label for this return, and why: recorded unless one was bought (that one is refunded instead). A shipment created, never bought, costs nothing. */
    public void notNeeded(String returnId, String documentType, String reason) {
        begin(returnId, documentType);
        db.sql("""
                        UPDATE return_labels SET status = ?, reason = ?, error = NULL, updated_at = ?
                        WHERE return_id = ? AND status IN ('PENDING', 'FAILED', 'NOT_NEEDED')""")
                .params(Status.NOT_NEEDED.name(), truncateReason(reason), now(), returnId).update();
    }

    /** The bought label was refunded at the provider (its refund status as the provider says it). */
    public void refunded(String returnId, String reason) {
        db.sql("UPDATE return_labels SET status = ?, reason = ?, error = NULL, updated_at = ? WHERE return_id = ?")
                .params(Status.REFUNDED.name(), truncateReason(reason), now(), returnId).update();
    }

    /** A final failure: the event is dead-lettered; replaying it resumes from what was recorded. */
    public void failed(String returnId, String error) {
        if (db.sql("UPDATE return_labels SET status = ?, error = ?, updated_at = ? WHERE return_id = ? AND status IN ('PENDING', 'PURCHASED', 'FAILED')")
                .params(Status.FAILED.name(), truncate(error), now(), returnId).update() == 1) {
            notices.aboutReturn(returnId, NoticeKind.LABEL_FAILED, "Return label FAILED", truncate(error));
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String truncateReason(String reason) {
        return reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }
}
