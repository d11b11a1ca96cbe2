package io.returnflow.tiktok;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One decision as TikTok's approve or reject call takes it.
 *
 * @param decision      e.g. APPROVE_RETURN, REJECT_RECEIVED_PACKAGE, OFFER_PARTIAL_REFUND
 * @param buyerKeepItem true for a returnless approval (APPROVE_RETURN only)
 * @param partialRefund the amount offered with OFFER_PARTIAL_REFUND, else null
 * @param shownBy       the return statuses in which TikTok shows this decision taken
 */
public record TikTokDecision(
        String decision,
        boolean reject,
        boolean buyerKeepItem,
        BigDecimal partialRefund,
        String currency,
        String rejectReason,
        String comment,
        Set<String> shownBy) {

    /** TikTok already shows what this decision asks for. */
    public boolean isShownBy(String returnStatus) {
        return shownBy.contains(returnStatus);
    }

    /** The request body: {@code {decision, buyer_keep_item?, partial_refund?}} or {@code {decision, reject_reason, comment?}}. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (reject) {
            body.put("reject_reason", rejectReason);
            if (comment != null) {
                body.put("comment", comment);
            }
            return body;
        }
        if (buyerKeepItem) {
            body.put("buyer_keep_item", true);
        }
        if (partialRefund != null) {
            body.put("partial_refund", Map.of("amount", partialRefund.toPlainString(), "currency", currency));
        }
        return body;
    }
}
