package io.returnflow.tiktok;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.intake.NotificationReader;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * A reconciliation finding as a return status change event (type 12), or a cancellation status change
 * (type 11) for a cancellation request, on the return events queue,
 * with the headers the webhook intake gives a webhook: the same flow re-reads and records it, one
 * event of a return at a time. Its notification id names the return and TikTok's update time, so the
 * broker drops the same finding sent again by a later round before the first was consumed; its
 * {@code found_by} marks it in the return's history.
 */
@Component("tiktokReconciledEvents")
public class TikTokReconciledEvents {

    static final String FOUND_BY = "found_by";
    static final String RECONCILIATION = "reconciliation";

    private final ObjectMapper json;

    public TikTokReconciledEvents(ObjectMapper json) {
        this.json = json;
    }

    public void asEvent(@Body TikTokReconciliation.Finding finding, Exchange exchange) {
        Message message = exchange.getMessage();
        String notificationId = "reconcile-" + finding.shopId() + "-" + finding.tiktokId() + "-" + finding.updateTime();
        boolean cancellation = finding.eventType() == NotificationReader.CANCELLATION_STATUS_CHANGE;
        message.removeHeaders("*");
        message.setHeader(NotificationReader.NOTIFICATION_ID, notificationId);
        message.setHeader(NotificationReader.SHOP_ID, finding.shopId());
        message.setHeader(NotificationReader.EVENT_TYPE, finding.eventType());
        message.setHeader(NotificationReader.RETURN_ID, finding.tiktokId());
        message.setHeader(NotificationReader.GROUP_ID, finding.shopId() + ":" + finding.tiktokId());
        message.setHeader(NotificationReader.DUPLICATE_ID, notificationId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(cancellation ? "cancel_id" : "return_id", finding.tiktokId());
        data.put("order_id", finding.orderId());
        data.put(cancellation ? "cancel_status" : "return_status", finding.status());
        data.put("update_time", finding.updateTime());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", finding.eventType());
        envelope.put("shop_id", finding.shopId());
        envelope.put("timestamp", finding.updateTime());
        envelope.put(FOUND_BY, RECONCILIATION);
        envelope.put("data", data);
        try {
            message.setBody(json.writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the reconciled event of " + finding.tiktokId(), e);
        }
    }
}
