package io.returnflow.returns;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A return as the merchant API shows it (service-contract.md). */
public record ReturnView(
        String id,
        String merchantId,
        ReturnSource source,
        TikTok tiktok,
        Shopify shopify,
        ReturnState state,
        String attention,
        List<Item> items,
        List<Wms> wms,
        Label label,
        Sync sync,
        Instant createdAt,
        Instant updatedAt) {

    public record TikTok(String shopId, String returnId, String orderId, String returnType, String status,
                         NextAction nextAction, boolean canBuyerKeepItem) {
    }

    public record Shopify(String orderId, String orderName) {
    }

    public record Item(String id, String sku, String productName, int quantity, String shopifyLineItemId,
                       String shopifyVariantId, boolean matched, Money refundAmount, ItemDecision decision) {
    }

    public record Money(String amount, String currency) {
        static Money of(BigDecimal amount, String currency) {
            return amount == null ? null : new Money(amount.toPlainString(), currency);
        }
    }

    public record Wms(String target, String status, String externalId, String error) {
    }

    public record Label(String status, String trackingNumber, String error) {
    }

    public record Sync(String status, String decision, String error) {
        static final Sync NONE = new Sync("NONE", null, null);
    }
}
