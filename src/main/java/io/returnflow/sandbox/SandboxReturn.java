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

    public record LineItem(String returnLineItemId, String orderLineItemId, String sellerSku, String productName,
                           String amount, String currency) {
    }
}
