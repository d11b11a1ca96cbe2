package io.returnflow.wms;

import java.util.List;

import io.returnflow.returns.ReturnSource;

/**
 * A return as every WMS connector sees it, whatever marketplace it came from: what was returned,
 * from which Shopify order, and why. Built from the "return created" event by {@link WmsReturns}.
 *
 * @param reason the buyer's reason in the source's words, or null when the source gave none
 */
public record WmsReturn(
        String returnId,
        String merchantId,
        ReturnSource source,
        String sourceReturnId,
        String sourceOrderId,
        String returnType,
        String shopifyOrderId,
        String shopifyOrderName,
        String reason,
        List<Item> items) {

    /** One SKU with the units the buyer returns. */
    public record Item(String itemId, String sku, String productName, int quantity, String shopifyLineItemId) {
    }

    /**
     * The id this return has in every WMS, so a retry finds what an earlier attempt created:
     * {@code tts-<TikTok return id>} for TikTok.
     */
    public String externalId() {
        return prefix(source) + "-" + sourceReturnId;
    }

    /** For memos and notes: names the marketplace return, e.g. "TikTok Shop return 123 (order 456)". */
    public String description() {
        return sourceName(source) + " return " + sourceReturnId + " (order " + sourceOrderId + ")";
    }

    /** The numeric part of the Shopify order id ({@code gid://shopify/Order/5100000001} -> {@code 5100000001}). */
    public String shopifyOrderNumber() {
        return shopifyOrderId == null ? null : shopifyOrderId.substring(shopifyOrderId.lastIndexOf('/') + 1);
    }

    private static String prefix(ReturnSource source) {
        return switch (source) {
            case TIKTOK -> "tts";
        };
    }

    private static String sourceName(ReturnSource source) {
        return switch (source) {
            case TIKTOK -> "TikTok Shop";
        };
    }
}
