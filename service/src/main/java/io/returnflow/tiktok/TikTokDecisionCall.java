package io.returnflow.tiktok;

/**
 * A decision ready to go to TikTok: where, what, and whether TikTok already shows it taken.
 *
 * @param decisionId     the idempotency key of the call, the same on every attempt
 * @param shopId         the TikTok shop of the return
 * @param tiktokReturnId TikTok's return id, or cancel id for a cancellation request
 * @param path           the approve or reject path of the return (or cancellation)
 * @param body           what the call sends: the decision's body; null for none (a cancellation's approval)
 * @param returnStatus   TikTok's status when planned
 * @param awaited        whether TikTok waited for this decision when planned
 */
public record TikTokDecisionCall(
        String decisionId,
        String returnId,
        String shopId,
        String tiktokReturnId,
        String path,
        Object body,
        TikTokDecision decision,
        String returnStatus,
        boolean awaited) {

    public boolean alreadyDone() {
        return decision.isShownBy(returnStatus);
    }

    /** The reject reason a reject sends; null for an approval. */
    public String rejectReason() {
        return decision.reject() ? decision.rejectReason() : null;
    }
}
