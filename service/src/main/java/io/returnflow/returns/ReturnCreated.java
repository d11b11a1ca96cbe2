package io.returnflow.returns;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The "return created" event every downstream consumer (each WMS target, labels) receives. Source
 * neutral: a return from any marketplace looks the same here.
 */
public record ReturnCreated(
        String returnId,
        String merchantId,
        ReturnSource source,
        String sourceReturnId,
        String sourceOrderId,
        String returnType,
        String shopifyOrderId,
        String shopifyOrderName,
        List<Item> items,
        Instant createdAt) {

    public static final String ADDRESS = "returns.created";

    public record Item(String itemId, String sku, String productName, int quantity, String shopifyLineItemId,
                       String shopifyVariantId, BigDecimal refundAmount, String currency) {
    }
}
