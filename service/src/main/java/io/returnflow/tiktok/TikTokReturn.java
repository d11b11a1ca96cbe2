package io.returnflow.tiktok;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A return as TikTok's Search Returns answers it; ids stay strings.
 *
 * @param reason the buyer's reason: TikTok's text for it ({@code return_reason_text}), else its code, else null
 * @param actionDeadlines each of {@code seller_next_action_response[]}'s actions with its {@code deadline}
 *                        (Unix seconds): when TikTok decides by itself if the seller has not
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
        List<LineItem> lineItems,
        Map<String, Instant> actionDeadlines) {

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
