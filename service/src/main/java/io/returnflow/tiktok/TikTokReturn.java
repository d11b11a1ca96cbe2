package io.returnflow.tiktok;

import java.math.BigDecimal;
import java.util.List;

/**
 * A return as TikTok's Search Returns answers it; ids stay strings.
 *
 * @param reason the buyer's reason: TikTok's text for it ({@code return_reason_text}), else its code, else null
 */
public record TikTokReturn(
        String returnId,
        String orderId,
        String returnType,
        String reason,
        String returnStatus,
        boolean canBuyerKeepItem,
        String shippingDocumentType,
        List<String> sellerNextActions,
        long createTime,
        long updateTime,
        List<LineItem> lineItems) {

    /** One unit of one SKU: TikTok return lines carry no quantity. */
    public record LineItem(
            String returnLineItemId,
            String orderLineItemId,
            String skuId,
            String sellerSku,
            String productName,
            BigDecimal refundTotal,
            String currency) {
    }
}
