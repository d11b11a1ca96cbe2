package io.returnflow.tiktok;

import java.math.BigDecimal;
import java.util.List;

/** A return as TikTok's Search Returns answers it; ids stay strings. */
public record TikTokReturn(
        String returnId,
        String orderId,
        String returnType,
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
