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
 * @param shipmentType         {@code PLATFORM} (TikTok's own carrier and label) or {@code BUYER_ARRANGE}; null when absent
 * @param returnMethod         {@code PLATFORM_SHIPPED}, {@code BUYER_SHIPPED} or {@code SELLER_SHIPPED}; null when absent
 * @param returnTrackingNumber the tracking number already on the return (TikTok's, for a platform-shipped one); null when none
 * @param arbitrationStatus    IN_PROGRESS while a platform operator arbitrates (SUPPORT_BUYER, SUPPORT_SELLER, CLOSED after); null for none
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
        Map<String, Instant> actionDeadlines,
        String shipmentType,
        String returnMethod,
        String returnTrackingNumber,
        String arbitrationStatus) {

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
