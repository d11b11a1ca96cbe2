package io.returnflow.wms;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.messaging.PermanentFailureException;
import io.returnflow.returns.ReturnCreated;
import io.returnflow.returns.ReturnStatusChanged;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns a "return created" event into the source-neutral {@link WmsReturn} the targets take, and a
 * "return status changed" event into the {@link WmsOutcome} targets following outcomes take. The
 * events stay small: what they do not carry (the buyer's reason) is read from the recorded return.
 */
@Component("wmsReturns")
public class WmsReturns {

    private final ObjectMapper json;
    private final JdbcClient db;

    public WmsReturns(ObjectMapper json, JdbcClient db) {
        this.json = json;
        this.db = db;
    }

    public WmsReturn read(String event) {
        ReturnCreated created;
        try {
            created = json.readValue(event, ReturnCreated.class);
        } catch (IOException e) {
            throw new PermanentFailureException("not a return created event: " + e.getMessage(), e);
        }
        if (created.returnId() == null || created.merchantId() == null || created.source() == null) {
            throw new PermanentFailureException("return created event without returnId, merchantId or source");
        }
        Optional<String> reason = db.sql("SELECT reason FROM returns WHERE id = ?").param(created.returnId())
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional()
                .orElseThrow(() -> new PermanentFailureException("no return " + created.returnId() + " is recorded"));
        List<WmsReturn.Item> items = created.items() == null ? List.of() : created.items().stream()
                .map(item -> new WmsReturn.Item(item.itemId(), item.sku(), item.productName(), item.quantity(),
                        item.shopifyLineItemId()))
                .toList();
        return new WmsReturn(created.returnId(), created.merchantId(), created.source(), created.sourceReturnId(),
                created.sourceOrderId(), created.returnType(), created.shopifyOrderId(), created.shopifyOrderName(),
                reason.orElse(null), items);
    }

    public WmsOutcome outcome(String event) {
        ReturnStatusChanged changed;
        try {
            changed = json.readValue(event, ReturnStatusChanged.class);
        } catch (IOException e) {
            throw new PermanentFailureException("not a return status changed event: " + e.getMessage(), e);
        }
        if (changed.returnId() == null || changed.merchantId() == null) {
            throw new PermanentFailureException("return status changed event without returnId or merchantId");
        }
        record Kind(String returnType, boolean returnless) {
        }
        Kind kind = db.sql("""
                        SELECT r.return_type, d.returnless FROM returns r
                        LEFT JOIN return_decisions d ON d.id = r.current_decision_id WHERE r.id = ?""")
                .param(changed.returnId())
                .query((rs, n) -> new Kind(rs.getString(1), rs.getBoolean(2))).optional()
                .orElseThrow(() -> new PermanentFailureException("no return " + changed.returnId() + " is recorded"));
        return new WmsOutcome(changed.returnId(), changed.merchantId(), changed.source(), changed.reportedState(),
                changed.sourceStatus(), kind.returnType(), kind.returnless());
    }
}
