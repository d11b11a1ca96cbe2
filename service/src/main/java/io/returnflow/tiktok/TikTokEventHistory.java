package io.returnflow.tiktok;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.returnflow.history.ReturnHistory;
import io.returnflow.observability.FlowContext;

import org.springframework.stereotype.Component;

/**
 * Writes a TikTok event into the history of its return when a flow takes it from its queue: the
 * notification id (from the flow context), the type and the status TikTok announced. It is the flow's
 * first step, and a receipt that cannot be written fails it (the event is delivered again), so a
 * delivery that comes back after waiting on the broker was received before and is not written again.
 */
@Component("tiktokEventHistory")
public class TikTokEventHistory {

    private final ReturnHistory history;
    private final ObjectMapper json;

    public TikTokEventHistory(ReturnHistory history, ObjectMapper json) {
        this.history = history;
        this.json = json;
    }

    /**
     * @param body              the webhook as TikTok sent it
     * @param retryLaterAttempt set when the event comes back after waiting on the broker
     */
    public void received(Integer eventType, String body, Integer retryLaterAttempt) {
        if (retryLaterAttempt != null) {
            return;
        }
        JsonNode event = parse(body);
        JsonNode data = event.path("data");
        String status = data.path("return_status").asText(data.path("cancel_status").asText(null));
        boolean reconciled = TikTokReconciledEvents.RECONCILIATION.equals(event.path(TikTokReconciledEvents.FOUND_BY).asText());
        history.eventReceived(FlowContext.current(), (reconciled ? "Found by reconciliation, no webhook brought it: " : "")
                + "TikTok event type " + eventType + (status == null ? "" : ": " + status), null);
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException | RuntimeException unreadable) {
            return json.missingNode();
        }
    }
}
