package io.returnflow.returns;

import java.math.BigDecimal;
import java.util.List;

/**
 * Everything needed to record a return the first time it is seen, whatever its source.
 *
 * @param reason    why the buyer returns it, in the source's words; null when the source gives none
 * @param attention why the merchant should look at it (e.g. its Shopify order never appeared), or null
 * @param kind      a return, or a cancellation request (whose source return id is the cancellation's id)
 */
public record NewReturn(
        String merchantId,
        ReturnSource source,
        String sourceAccountId,
        String sourceReturnId,
        String sourceOrderId,
        String returnType,
        String reason,
        SourceStatus status,
        boolean canBuyerKeepItem,
        String shippingDocumentType,
        String shopifyOrderId,
        String shopifyOrderName,
        String attention,
        List<Item> items,
        ReturnKind kind) {

    /** A return (not a cancellation). */
    public NewReturn(String merchantId, ReturnSource source, String sourceAccountId, String sourceReturnId,
                     String sourceOrderId, String returnType, String reason, SourceStatus status, boolean canBuyerKeepItem,
                     String shippingDocumentType, String shopifyOrderId, String shopifyOrderName, String attention,
                     List<Item> items) {
        this(merchantId, source, sourceAccountId, sourceReturnId, sourceOrderId, returnType, reason, status,
                canBuyerKeepItem, shippingDocumentType, shopifyOrderId, shopifyOrderName, attention, items, ReturnKind.RETURN);
    }

    /** One SKU of the return, with as many units as the buyer returns. */
    public record Item(
            String sku,
            String productName,
            int quantity,
            List<String> sourceLineIds,
            String shopifyLineItemId,
            String shopifyVariantId,
            boolean matched,
            BigDecimal refundAmount,
            String currency) {
    }
}
