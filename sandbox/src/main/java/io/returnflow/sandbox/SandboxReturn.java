package io.returnflow.sandbox;

import java.util.List;

/** A return as the sandbox TikTok holds it; the fields mirror TikTok's return object. */
public record SandboxReturn(
        String returnId,
        String orderId,
        String shopId,
        String returnType,
        String returnStatus,
        long createTime,
        long updateTime,
        List<LineItem> lineItems) {

    /** The same return in another status, changed at {@code updateTime}. */
    public SandboxReturn withStatus(String status, long updateTime) {
        return new SandboxReturn(returnId, orderId, shopId, returnType, status, createTime, updateTime, lineItems);
    }

    /** What TikTok waits for from the seller in this status ({@code seller_next_action_response[].action}), or null. */
    public String sellerNextAction() {
        return switch (returnStatus) {
            case "RETURN_OR_REFUND_REQUEST_PENDING" -> "REFUND".equals(returnType) ? "SELLER_RESPOND_REFUND" : "SELLER_RESPOND_RETURN";
            case "REPLACEMENT_REQUEST_PENDING" -> "SELLER_RESPOND_REPLACEMENT";
            case "BUYER_SHIPPED_ITEM" -> "SELLER_RESPOND_RECEIVE_PACKAGE";
            default -> null;
        };
    }

    /** Refunds and returns may be approved with the buyer keeping the item; replacements may not. */
    public boolean canBuyerKeepItem() {
        return "REFUND".equals(returnType) || "RETURN_AND_REFUND".equals(returnType);
    }

    public record LineItem(String returnLineItemId, String orderLineItemId, String sellerSku, String productName,
                           String amount, String currency) {
    }
}
