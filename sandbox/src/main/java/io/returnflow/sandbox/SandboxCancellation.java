package io.returnflow.sandbox;

import java.util.List;

/**
 * A buyer's cancellation request as the sandbox TikTok holds it; the fields mirror TikTok's
 * cancellation object ({@code cancellations/search}). Each line is one unit of the order, as
 * TikTok's cancel_line_items carry no quantity.
 */
record SandboxCancellation(
        String cancelId,
        String orderId,
        String shopId,
        String cancelStatus,
        long createTime,
        long updateTime,
        List<LineItem> lineItems) {

    static final String PENDING = "CANCELLATION_REQUEST_PENDING";
    static final String SUCCESS = "CANCELLATION_REQUEST_SUCCESS";
    /** Closed without cancelling the order: the seller rejected it, or the buyer withdrew it (unverified: TikTok's status after a reject). */
    static final String CANCEL = "CANCELLATION_REQUEST_CANCEL";
    static final String COMPLETE = "CANCELLATION_REQUEST_COMPLETE";

    SandboxCancellation withStatus(String status, long at) {
        return new SandboxCancellation(cancelId, orderId, shopId, status, createTime, at, lineItems);
    }

    /** TikTok waits for the seller's answer only while the request is pending. */
    String sellerNextAction() {
        return PENDING.equals(cancelStatus) ? "SELLER_RESPOND_CANCEL" : null;
    }

    record LineItem(String cancelLineItemId, String orderLineItemId, String sellerSku, String productName, String amount,
                    String currency) {
    }
}
