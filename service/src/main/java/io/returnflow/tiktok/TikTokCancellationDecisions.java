package io.returnflow.tiktok;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.returnflow.returns.Verdict;

/**
 * The merchant's verdict on a cancellation request as TikTok's cancellation calls take it: every item
 * rejected is a reject ({@code cancellations/{cancel_id}/reject}, body {@code reject_reason} and
 * {@code comment}); anything else an approval ({@code cancellations/{cancel_id}/approve}, no body).
 * TikTok approves or rejects the request as a whole and offers no partial refund on it, so a mixed
 * verdict approves it (a MANUAL mixed decision is held for an operator before it gets here).
 * {@code APPROVE_CANCEL} and {@code REJECT_CANCEL} are the service's names for the two in the decision
 * ledger; TikTok's calls carry no decision field.
 */
public final class TikTokCancellationDecisions {

    static final String APPROVE = "APPROVE_CANCEL";
    static final String REJECT = "REJECT_CANCEL";
    /** Where TikTok shows the request approved (the order cancelled, then refunded) and where closed without it. */
    private static final Set<String> APPROVED = Set.of("CANCELLATION_REQUEST_SUCCESS", "CANCELLATION_REQUEST_COMPLETE");
    private static final Set<String> CLOSED = Set.of("CANCELLATION_REQUEST_CANCEL");

    private TikTokCancellationDecisions() {
    }

    public static TikTokDecision decision(Verdict verdict, String rejectReason, String comment) {
        if (verdict == Verdict.REJECTED) {
            return new TikTokDecision(REJECT, true, false, null, null, rejectReason, comment, CLOSED);
        }
        return new TikTokDecision(APPROVE, false, false, null, null, null, comment, APPROVED);
    }

    /** The call's body: none for an approval, {@code {reject_reason, comment?}} for a reject. */
    static Map<String, Object> body(TikTokDecision decision) {
        if (!decision.reject()) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reject_reason", decision.rejectReason());
        if (decision.comment() != null) {
            body.put("comment", decision.comment());
        }
        return body;
    }
}
